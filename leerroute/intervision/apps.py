from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntervisionConfig(AppConfig):
    name = "leerroute.intervision"
    label = "intervision"
    verbose_name = _("Intervisie")

    def ready(self):
        # The scopes (who sees which rows) register with leerroute.core.access.
        from . import queries  # noqa: F401
