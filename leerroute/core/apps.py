from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    default = True
    name = "leerroute.core"
    label = "core"
    verbose_name = _("Leerroute")

    def ready(self):
        from . import checks, signals  # noqa: F401


class LeerrouteAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "leerroute.core.admin_site.LeerrouteAdminSite"
