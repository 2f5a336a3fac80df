"""Password change with the old password counted by django-axes.

Django's password-change form checks the old password with
``user.check_password()``, which no authentication backend sees: someone who
has a signed-in session could guess the password there without limit. Here
the old password goes through ``authenticate(request, ...)``, so a wrong one
is a failed sign-in for django-axes: five of them lock the username at that
address, exactly as on the login form (and the two share one count).
"""

from django.contrib.admin.forms import AdminPasswordChangeForm
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordChangeForm
from django.contrib.auth.views import PasswordChangeView
from django.core.exceptions import ValidationError


class CountedOldPasswordMixin:
    def __init__(self, user, *args, request=None, **kwargs):
        self.request = request
        super().__init__(user, *args, **kwargs)

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        checked = authenticate(
            self.request, username=self.user.get_username(), password=old_password
        )
        if checked is None or checked.pk != self.user.pk:
            raise ValidationError(
                self.error_messages["password_incorrect"], code="password_incorrect"
            )
        return old_password


class CountedPasswordChangeForm(CountedOldPasswordMixin, PasswordChangeForm):
    pass


class CountedAdminPasswordChangeForm(CountedOldPasswordMixin, AdminPasswordChangeForm):
    pass


class CountedPasswordChangeView(PasswordChangeView):
    form_class = CountedPasswordChangeForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "request": self.request}
