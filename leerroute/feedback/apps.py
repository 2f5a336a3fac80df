from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "leerroute.feedback"
    label = "feedback"
    verbose_name = _("Feedback en voortgang")

    def ready(self):
        # The scopes (who sees which rows) register with leerroute.core.access.
        from . import queries  # noqa: F401
