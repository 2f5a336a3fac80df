"""Demo data: read and unread notifications for every demo account.

The demo data of the other apps (learning questions, feedback, reviews) goes
through their services and so creates real notifications already; this
module adds a few more per account, some of them read, so every account has
both. Idempotent through the notification key ("demo:…").

Demo data sends no e-mail: the notifications made while seeding are marked
as e-mailed, so the e-mail tasks enqueued for them find nothing to send when
a worker runs.
"""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from leerroute.people.models import User

from . import kinds
from .models import Notification

ORDER = 90

# username -> [(kind, text, url name, days ago, read)]
DEMO = {
    "student1": [
        (
            kinds.FEEDBACK_NEW,
            "Ingrid Bakelaar heeft je feedback gegeven",
            "feedback:index",
            3,
            True,
        ),
        (kinds.SESSION_TOMORROW, "Morgen de intervisie op de afdeling", "core:home", 1, False),
    ],
    "student2": [
        (
            kinds.FEEDBACK_NEW,
            "Joost Hendrikse heeft je feedback gegeven",
            "feedback:index",
            4,
            True,
        ),
        (
            kinds.LEARNING_REVIEWED,
            "Joost Hendrikse heeft een vraag over je leervraag",
            "learning:list",
            1,
            False,
        ),
    ],
    "werkbegeleider1": [
        (
            kinds.LEARNING_SUBMITTED,
            "Lotte Bloemendaal heeft een leervraag ingediend",
            "learning:list",
            6,
            True,
        ),
        (
            kinds.SESSION_TOMORROW,
            "Morgen de bijeenkomst van de training werkbegeleiden",
            "training:index",
            1,
            False,
        ),
    ],
    "werkbegeleider2": [
        (
            kinds.LEARNING_SUBMITTED,
            "Nadia Amrani heeft een leervraag ingediend",
            "learning:list",
            5,
            True,
        ),
        (
            kinds.LEARNING_COMPLETED,
            "Milan Koster heeft een leervraag afgerond",
            "learning:list",
            2,
            False,
        ),
    ],
    "studentbegeleider1": [
        (
            kinds.FEEDBACK_NEW,
            "Ingrid Bakelaar gaf Sanne Verhoef nieuwe feedback",
            "feedback:index",
            5,
            True,
        ),
        (
            kinds.AGREEMENT_DUE,
            "Een afspraak uit het driegesprek van Sanne Verhoef is bijna over de datum",
            "core:home",
            1,
            False,
        ),
    ],
    "studentbegeleider2": [
        (
            kinds.FEEDBACK_NEW,
            "Joost Hendrikse gaf Milan Koster nieuwe feedback",
            "feedback:index",
            5,
            True,
        ),
        (
            kinds.AGREEMENT_DUE,
            "Een afspraak uit het driegesprek van Milan Koster is bijna over de datum",
            "core:home",
            1,
            False,
        ),
    ],
    "praktijkopleider1": [
        (
            kinds.SESSION_TOMORROW,
            "Morgen de bijeenkomst van Waarde-vol Werkbegeleiden",
            "training:index",
            8,
            True,
        ),
        (
            kinds.CONVERSATION_INVITED,
            "Je bent uitgenodigd voor het driegesprek van Sanne Verhoef",
            "core:home",
            2,
            False,
        ),
    ],
    "praktijkopleider2": [
        (
            kinds.SESSION_TOMORROW,
            "Morgen de bijeenkomst van Waarde-vol Werkbegeleiden",
            "training:index",
            8,
            True,
        ),
        (
            kinds.CONVERSATION_INVITED,
            "Je bent uitgenodigd voor het driegesprek van Milan Koster",
            "core:home",
            2,
            False,
        ),
    ],
    "docent1": [
        (
            kinds.SESSION_TOMORROW,
            "Morgen de bijeenkomst van Waarde-vol Werkbegeleiden",
            "training:index",
            9,
            True,
        ),
        (
            kinds.AGREEMENT_DUE,
            "Een afspraak uit het driegesprek van Sanne Verhoef is over de datum",
            "core:home",
            1,
            False,
        ),
    ],
    "docent2": [
        (
            kinds.SESSION_TOMORROW,
            "Morgen de bijeenkomst van Waarde-vol Werkbegeleiden",
            "training:index",
            9,
            True,
        ),
        (
            kinds.AGREEMENT_DUE,
            "Een afspraak uit het driegesprek van Milan Koster is over de datum",
            "core:home",
            1,
            False,
        ),
    ],
    "trainer": [
        (
            kinds.SESSION_TOMORROW,
            "Morgen de bijeenkomst van Waarde-vol Werkbegeleiden",
            "training:index",
            7,
            True,
        ),
        (
            kinds.SESSION_TOMORROW,
            "Morgen de tweede bijeenkomst van Waarde-vol Werkbegeleiden",
            "training:index",
            0,
            False,
        ),
    ],
    "beheerder": [
        (
            kinds.SESSION_TOMORROW,
            "Morgen de bijeenkomst van Waarde-vol Werkbegeleiden",
            "training:index",
            7,
            True,
        ),
        (kinds.WEEKLY_UPDATE, "Nieuwe weekupdate van school voor VIG-3A", "core:home", 0, False),
    ],
}


def seed(ctx: dict) -> None:
    now = timezone.now()
    users = {u.username: u for u in User.objects.filter(username__in=DEMO)}
    for username, items in DEMO.items():
        user = users.get(username)
        if user is None:
            continue
        for number, (kind, text, url_name, days_ago, read) in enumerate(items, start=1):
            created_at = now - datetime.timedelta(days=days_ago, hours=number)
            Notification.objects.get_or_create(
                recipient=user,
                key=f"demo:{username}:{number}",
                defaults={
                    "kind": kind,
                    "text": text,
                    "url": reverse(url_name),
                    "created_at": created_at,
                    "read_at": created_at + datetime.timedelta(hours=2) if read else None,
                    "emailed_at": created_at,
                },
            )
    # No e-mail for anything made while seeding (see the module docstring).
    Notification.objects.filter(
        emailed_at__isnull=True, created_at__gte=now - datetime.timedelta(hours=1)
    ).update(emailed_at=now)
