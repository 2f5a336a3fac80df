"""The section "Meldingen" on "Mijn profiel": e-mail per kind of notification."""

from leerroute.core.panels import Panel

from . import queries
from .forms import EMAIL_CHOICES_HELP, EmailChoicesForm


def sections(request) -> list[Panel]:
    form = EmailChoicesForm(choices=queries.email_choices(request.user))
    return [
        Panel(
            "notifications/profile_section.html",
            {"form": form, "help": EMAIL_CHOICES_HELP},
            order=40,
        )
    ]
