from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GlossaryConfig(AppConfig):
    name = "leerroute.glossary"
    label = "glossary"
    verbose_name = _("Begrippenkader")

    def ready(self):
        # The scope (who sees which terms) registers with leerroute.core.access.
        from . import queries  # noqa: F401
        from .models import register_data_topic

        register_data_topic()
