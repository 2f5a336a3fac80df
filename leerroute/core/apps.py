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
        from .kept_pages import register_appended_topic
        from .panels import register_data_topic

        register_data_topic()
        register_appended_topic()

        _dutch_names_for_third_party_apps()


class LeerrouteAdminConfig(admin_apps.AdminConfig):
    default = False
    default_site = "leerroute.core.admin_site.LeerrouteAdminSite"


def _dutch_names_for_third_party_apps() -> None:
    """The beheer names apps by their verbose_name; these two ship an English one."""
    from django.apps import apps
    from django.utils.translation import gettext_lazy as _

    names = {"axes": _("Inlogbeveiliging"), "django_tasks_database": _("Achtergrondtaken")}
    for label, name in names.items():
        if apps.is_installed(label) or label in apps.app_configs:
            apps.get_app_config(label).verbose_name = name
