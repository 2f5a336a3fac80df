from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "leerroute.people"
    label = "people"
    verbose_name = _("Organisaties en mensen")

    def ready(self):
        # The scopes (who sees which rows) register with leerroute.core.access.
        from . import queries, signals  # noqa: F401
