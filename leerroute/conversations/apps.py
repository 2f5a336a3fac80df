from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConversationsConfig(AppConfig):
    name = "leerroute.conversations"
    label = "conversations"
    verbose_name = _("Gesprekken")

    def ready(self):
        # The scopes (who sees which rows) register with leerroute.core.access.
        # The agreements section of the PDF progress report (leerroute.exports).
        from . import (
            queries,  # noqa: F401
            report,  # noqa: F401
        )
