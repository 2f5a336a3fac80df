from django.contrib import admin
from django.utils.translation import gettext_lazy as _


class LeerrouteAdminSite(admin.AdminSite):
    """Django admin, for the functional administrator (beheerder) only."""

    site_header = _("Leerroute – beheer")
    site_title = _("Leerroute beheer")
    index_title = _("Beheer")

    def has_permission(self, request):
        from leerroute.core.access import can

        user = request.user
        return user.is_active and user.is_staff and can(user, "people.use_admin")
