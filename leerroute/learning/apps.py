from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "leerroute.learning"
    label = "learning"
    verbose_name = _("Leervragen")

    def ready(self):
        from . import signals  # noqa: F401
