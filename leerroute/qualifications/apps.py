from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class QualificationsConfig(AppConfig):
    name = "leerroute.qualifications"
    label = "qualifications"
    verbose_name = _("Kwalificatiedossiers")

    def ready(self):
        # The scopes (who sees which rows) register with leerroute.core.access.
        from . import queries, signals  # noqa: F401
