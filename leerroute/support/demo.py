"""Demo data: contact details that some demo people share, and others not (invented).

werkbegeleider1 and praktijkopleider1 share e-mail, phone and availability;
studentbegeleider1 only an e-mail address; docent1 e-mail and availability;
werkbegeleider2 only a phone number; docent2 and the others share nothing.
Existing cards are left as they are (idempotent; a person's own edits stay).
"""

from __future__ import annotations

from leerroute.people.models import User

from .models import ContactCard

ORDER = 70

CARDS = {
    "werkbegeleider1": (
        "ingrid.bakelaar@dsv.example",
        "071 000 01 11",
        "Ma, di en do 7.30–16.00 uur op Team Tulp",
    ),
    "praktijkopleider1": (
        "esther.valkenier@dsv.example",
        "06 0000 0121",
        "Ma t/m vr 9.00–17.00 uur; op woensdag alleen per e-mail",
    ),
    "studentbegeleider1": ("marloes.pieterse@dsv.example", "", ""),
    "docent1": ("p.zonneveld@mborijnland.example", "", "Spreekuur op dinsdag 12.00–13.00 uur"),
    "werkbegeleider2": ("", "071 000 02 22", ""),
}


def seed(ctx: dict) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=CARDS)}
    for username, (email, phone, availability) in CARDS.items():
        ContactCard.objects.get_or_create(
            user=users[username],
            defaults={"work_email": email, "work_phone": phone, "availability": availability},
        )
    ctx.setdefault("summary", []).append(
        "Bij wie kan ik terecht?: werkbegeleider1 en praktijkopleider1 delen e-mail, telefoon "
        "en bereikbaarheid, studentbegeleider1 alleen e-mail, docent2 niets."
    )
