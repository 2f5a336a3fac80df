from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "leerroute.notifications"
    label = "notifications"
    verbose_name = _("Meldingen")

    def ready(self):
        # The scopes (who sees which rows) register with leerroute.core.access.
        from . import queries  # noqa: F401
