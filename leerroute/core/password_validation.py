"""Password rules with Dutch messages.

Django 5.2 changed the source text of the minimum-length message and its
Dutch translation no longer matches, so Django would show it in English.
"""

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """At least ``min_length`` characters; no other composition rules."""

    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                self.get_error_message(),
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_error_message(self):
        return _(
            "Dit wachtwoord is te kort: gebruik ten minste %(min)d tekens. "
            "Een wachtzin van een paar woorden mag ook."
        ) % {"min": self.min_length}

    def get_help_text(self):
        return _(
            "Gebruik ten minste %(min)d tekens; een wachtzin van een paar woorden mag ook."
        ) % {"min": self.min_length}
