from django.contrib import admin
from django.urls import reverse
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

    def password_change(self, request, extra_context=None):
        """Django's admin password change, with the old password counted by
        django-axes (see leerroute.core.password_change)."""
        from .password_change import CountedAdminPasswordChangeForm, CountedPasswordChangeView

        defaults = {
            "form_class": CountedAdminPasswordChangeForm,
            "success_url": reverse("admin:password_change_done", current_app=self.name),
            "extra_context": {**self.each_context(request), **(extra_context or {})},
        }
        if self.password_change_template is not None:
            defaults["template_name"] = self.password_change_template
        request.current_app = self.name
        return CountedPasswordChangeView.as_view(**defaults)(request)
