from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "leerroute.training"
    label = "training"
    verbose_name = _("Training en cascade")

    def ready(self):
        # The scopes (who sees which rows) register with leerroute.core.access.
        from . import queries  # noqa: F401
        from .cascade import register_data_topic

        register_data_topic()
