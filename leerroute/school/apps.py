from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchoolConfig(AppConfig):
    name = "leerroute.school"
    label = "school"
    verbose_name = _("Weekupdates van school")

    def ready(self):
        # The scopes (who sees which rows) register with leerroute.core.access.
        from . import queries  # noqa: F401
