"""The student's notifications and e-mail choices in "Mijn gegevens"."""

from django.utils.translation import gettext_lazy as _

from leerroute.privacy.export import BOOL, DATETIME, OPT_DATETIME, STRING, Section, obj

from . import kinds
from .models import Notification
from .queries import email_choices

SCHEMAS = {
    "meldingen": obj(
        {
            "soort": STRING,
            "tekst": STRING,
            "link": STRING,
            "gemaakt_op": DATETIME,
            "gelezen_op": OPT_DATETIME,
            "gemaild_op": OPT_DATETIME,
        }
    ),
    "e_mailkeuzes": obj({"soort": STRING, "e_mail": BOOL}),
}


def sections(student) -> list[Section]:
    labels = dict(kinds.CHOICES)
    rows = Notification.objects.filter(recipient=student).order_by("created_at", "pk")
    choices = email_choices(student)
    return [
        Section(
            "meldingen",
            _("Meldingen"),
            {
                "soort": _("Soort"),
                "tekst": _("Tekst"),
                "link": _("Link"),
                "gemaakt_op": _("Gemaakt op"),
                "gelezen_op": _("Gelezen op"),
                "gemaild_op": _("Gemaild op"),
            },
            [
                {
                    "soort": str(labels.get(n.kind, n.kind)),
                    "tekst": n.text,
                    "link": n.url,
                    "gemaakt_op": n.created_at,
                    "gelezen_op": n.read_at,
                    "gemaild_op": n.emailed_at,
                }
                for n in rows
            ],
            order=70,
        ),
        Section(
            "e_mailkeuzes",
            _("Keuzes voor e-mail"),
            {"soort": _("Soort"), "e_mail": _("Ook per e-mail")},
            [
                {"soort": str(labels.get(code, code)), "e_mail": bool(on)}
                for code, on in choices.items()
            ],
            order=71,
        ),
    ]
