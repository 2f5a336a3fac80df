"""Demo data: conversations held (with notes and agreements open, done and
past their date), planned, overdue (no notes yet), cancelled, and students
without one, for the students of docent1/praktijkopleider1 (DSV) and
docent2/praktijkopleider2 (Topaz). All texts are invented and name no client.

Idempotent: a student who has a conversation already is left alone.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from leerroute.people.models import User

from . import queries, services
from .models import Conversation

ORDER = 60

TEN, ELEVEN = datetime.time(10, 0), datetime.time(11, 0)

NOTES = (
    "We bespraken de leervragen en de feedback van de laatste weken. De student vertelde wat "
    "goed ging bij de overdracht en waar nog twijfel zit bij het melden van afwijkende "
    "waarden. De werkbegeleider herkent de groei in zelfstandigheid. De docent koppelt dit "
    "aan de lessen over klinisch redeneren."
)


def _plan(student, by, days, participants, place):
    date = timezone.localdate() + datetime.timedelta(days=days)
    return services.plan(
        by=by,
        student=student,
        date=date,
        start=TEN,
        end=ELEVEN,
        place=place,
        participants=participants,
        agenda=queries.proposed_agenda(student, by),
    )


def _held(student, by, participants, place, agreements):
    conversation = _plan(student, by, -21, participants, place)
    services.record_notes(conversation, by=by, expected_version=1, notes=NOTES)
    today = timezone.localdate()
    for text, owner, due_in, done in agreements:
        agreement = services.add_agreement(
            conversation,
            by=by,
            text=text,
            owner=owner,
            due_date=today + datetime.timedelta(days=due_in),
        )
        if done:
            services.set_agreement_done(agreement, by=owner, done=True)
    return conversation


def seed(ctx: dict) -> None:
    users = {u.username: u for u in User.objects.all()}
    u = users.__getitem__
    if Conversation.objects.filter(student=u("student1")).exists():
        return

    # DSV | docent1, praktijkopleider1, werkbegeleider1
    _held(
        u("student1"),
        u("docent1"),
        [u("werkbegeleider1"), u("praktijkopleider1")],
        "Wonen met zorg De Rijnhof, kantoor Team Tulp",
        [
            ("Oefent de overdracht met de vaste volgorde", u("student1"), 14, False),
            ("Leest de afspraken over bloedsuikerwaarden in het zorgplan", u("student1"), -7, True),
            (
                "Plant twee diensten samen met Sanne op de revalidatie",
                u("werkbegeleider1"),
                -3,
                False,
            ),
            ("Regelt een meeloopdag bij de wondverpleegkundige", u("praktijkopleider1"), 21, False),
        ],
    )
    _plan(
        u("student1"),
        u("praktijkopleider1"),
        35,
        [u("docent1"), u("werkbegeleider1")],
        "Wonen met zorg De Rijnhof, kantoor Team Tulp",
    )
    _plan(
        u("s.bloemendaal"),
        u("praktijkopleider1"),
        14,
        [u("docent1"), u("werkbegeleider1")],
        "Wonen met zorg De Rijnhof, kantoor Team Tulp",
    )
    _plan(  # overdue: its time passed and no notes were recorded
        u("s.ouali"),
        u("docent1"),
        -5,
        [u("wb.iris"), u("praktijkopleider1")],
        "Online (Teams)",
    )
    cancelled = _plan(
        u("s.vanderkraan"), u("docent1"), 10, [u("wb.iris"), u("praktijkopleider1")], "Online"
    )
    services.cancel(cancelled, by=u("docent1"), expected_version=1)

    # Topaz | docent2, praktijkopleider2, werkbegeleider2
    _held(
        u("student2"),
        u("docent2"),
        [u("werkbegeleider2"), u("praktijkopleider2"), u("studentbegeleider2")],
        "Topaz Overrijn, leslokaal",
        [
            ("Vraagt feedback op het wondzorgprotocol", u("student2"), 10, False),
            ("Bespreekt het leerplan met de studentbegeleider", u("student2"), -10, True),
            (
                "Laat Milan een mobilisatie zelfstandig voorbereiden",
                u("werkbegeleider2"),
                -2,
                False,
            ),
        ],
    )
    _plan(
        u("s.amrani"),
        u("praktijkopleider2"),
        20,
        [u("docent2"), u("werkbegeleider2")],
        "Topaz Overrijn, leslokaal",
    )
    _plan(u("s.kramer"), u("docent2"), -4, [u("werkbegeleider2")], "Online (Teams)")

    ctx.setdefault("summary", []).append(
        "Gesprekken: gehouden (student1, student2), gepland, te laat, geannuleerd en ontbrekend."
    )
