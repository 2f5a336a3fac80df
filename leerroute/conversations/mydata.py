"""The student's conversations (driegesprek/viergesprek) and agreements in "Mijn gegevens"."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from leerroute.privacy.export import (
    DATE,
    DATETIME,
    OPT_DATETIME,
    OPT_STRING,
    STRING,
    STRINGS,
    TEXT,
    Section,
    name,
    obj,
    rows_of,
)

from .models import Agreement, Conversation, Participant

SCHEMAS = {
    "gesprekken": obj(
        {
            "soort": STRING,
            "status": STRING,
            "datum": DATE,
            "begint_om": DATETIME,
            "eindigt_om": DATETIME,
            "plaats": STRING,
            "deelnemers": STRINGS,
            "agenda": STRINGS,
            "verslag": TEXT,
            "verslag_door": OPT_STRING,
            "afspraken": rows_of(
                obj(
                    {
                        "afspraak": TEXT,
                        "eigenaar": OPT_STRING,
                        "uiterlijk_op": DATE,
                        "afgerond_op": OPT_DATETIME,
                    }
                )
            ),
        }
    )
}


def sections(student) -> list[Section]:
    conversations = (
        Conversation.objects.filter(student=student)
        .select_related("notes_by")
        .prefetch_related(
            Prefetch("participants", queryset=Participant.objects.select_related("user")),
            Prefetch(
                "agreements",
                queryset=Agreement.objects.select_related("owner").order_by("due_date", "pk"),
            ),
        )
        .order_by("starts_at", "pk")
    )
    rows = [
        {
            "soort": c.kind_label,
            "status": str(c.get_status_display()),
            "datum": c.date,
            "begint_om": c.starts_at,
            "eindigt_om": c.ends_at,
            "plaats": c.place,
            "deelnemers": [name(p.user) for p in c.participants.all()],
            "agenda": [str(item) for item in (c.agenda or [])],
            "verslag": c.notes,
            "verslag_door": name(c.notes_by),
            "afspraken": [
                {
                    "afspraak": a.text,
                    "eigenaar": name(a.owner),
                    "uiterlijk_op": a.due_date,
                    "afgerond_op": a.done_at,
                }
                for a in c.agreements.all()
            ],
        }
        for c in conversations
    ]
    labels = {
        "soort": _("Soort"),
        "status": _("Status"),
        "datum": _("Datum"),
        "begint_om": _("Begint om"),
        "eindigt_om": _("Eindigt om"),
        "plaats": _("Plaats"),
        "deelnemers": _("Deelnemers"),
        "agenda": _("Agenda"),
        "verslag": _("Verslag"),
        "verslag_door": _("Verslag door"),
        "afspraken": _("Afspraken"),
    }
    return [Section("gesprekken", _("Gesprekken en afspraken"), labels, rows, order=50)]
