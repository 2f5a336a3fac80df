from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "leerroute.learning"
    label = "learning"
    verbose_name = _("Leervragen")

    def ready(self):
        # The scopes (who sees which rows) register with leerroute.core.access.
        from . import queries, signals  # noqa: F401
