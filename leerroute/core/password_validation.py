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


class StrengthValidator:
    """Refuses passwords that are easy to guess, however long.

    zxcvbn estimates how many guesses an attacker who tries common passwords,
    words, names, keyboard rows, sequences, repeats and dates first would
    need. Score 3 means at least 10^8 guesses: "123456789012",
    "passwordpassword" and "iloveyou1234" stay below it, a passphrase of a
    few unrelated words is far above it. The person's username, name and
    e-mail address count as known words. zxcvbn looks at the first 72
    characters only (its running time grows with the length); a longer
    passphrase is at least as strong as its start.
    """

    MAX_CHECKED_LENGTH = 72

    def __init__(self, min_score: int = 3):
        self.min_score = min_score

    def validate(self, password, user=None):
        from zxcvbn import zxcvbn

        user_inputs = []
        if user is not None:
            for attribute in ("username", "first_name", "last_name", "email"):
                value = getattr(user, attribute, None)
                if value:
                    user_inputs.append(str(value))
                    if attribute == "email":
                        user_inputs.extend(str(value).split("@"))
        result = zxcvbn(
            password[: self.MAX_CHECKED_LENGTH],
            user_inputs=[value[: self.MAX_CHECKED_LENGTH] for value in user_inputs],
        )
        if result["score"] < self.min_score:
            raise ValidationError(
                _(
                    "Dit wachtwoord is te makkelijk te raden. Vermijd reeksen (1234, qwerty), "
                    "herhalingen en bekende woorden of zinnetjes; een wachtzin van een paar "
                    "woorden die niet bij elkaar horen is sterk en goed te onthouden."
                ),
                code="password_too_guessable",
            )

    def get_help_text(self):
        return _("Geen makkelijk te raden wachtwoord, zoals een reeks of een herhaling.")
