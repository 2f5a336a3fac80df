from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MaximumLengthValidator:
    """Accept long passphrases (64+ characters) but refuse absurd input."""

    def __init__(self, max_length: int = 1024):
        self.max_length = max_length

    def validate(self, password, user=None):
        if len(password) > self.max_length:
            raise ValidationError(
                _("Het wachtwoord mag hoogstens %(max)d tekens lang zijn."),
                code="password_too_long",
                params={"max": self.max_length},
            )

    def get_help_text(self):
        return _("Een lange wachtzin mag; hoogstens %(max)d tekens.") % {"max": self.max_length}
