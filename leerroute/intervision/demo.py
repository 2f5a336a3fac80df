"""Demo data for intervision (idempotent; all names invented).

- DSV|verzorgd leven: "Intervisie De Rijnhof" (facilitator studentbegeleider1;
  werkbegeleider1 and three colleagues from other teams) and "Intervisie
  Revalidatie en wijk" (facilitator praktijkopleider1).
- Topaz: "Intervisie Topaz" (facilitator praktijkopleider2; werkbegeleider2
  and a colleague from the hospice). wb.overrijn2 is in no group.
- Each group: two meetings held (attendance, notes), one cancelled at De
  Rijnhof, and two planned.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from leerroute.people.models import Organisation, User, today
from leerroute.training.models import WorkForm

from .models import IntervisionGroup, Meeting, MeetingAttendance, MeetingNotes

ORDER = 60

# name -> (organisation, facilitator, members, place)
GROUPS = {
    "Intervisie De Rijnhof": (
        "DSV|verzorgd leven",
        "studentbegeleider1",
        ["werkbegeleider1", "wb.tulp2", "wb.iris", "wb.roos1"],
        "De Rijnhof, vergaderruimte 1",
    ),
    "Intervisie Revalidatie en wijk": (
        "DSV|verzorgd leven",
        "praktijkopleider1",
        ["wb.revalidatie", "wb.geriatrie1", "wb.leidennoord"],
        "Leythenrode, stafkamer",
    ),
    "Intervisie Topaz": (
        "Topaz",
        "praktijkopleider2",
        ["werkbegeleider2", "wb.hospice"],
        "Topaz Overrijn, leskamer",
    ),
}

# (days from today, method slug, status): "held", "cancelled" or "planned"
MEETINGS = [
    (-56, "incidentmethode", "held"),
    (-28, "roddelmethode", "held"),
    (-14, "vijf-minutenmethode", "cancelled"),
    (6, "balint-methode", "planned"),
    (34, "incidentmethode", "planned"),
]

NOTES = {
    "incidentmethode": (
        "Inbreng: een student die pas aan het eind van de dienst vertelt dat iets niet lukte.\n"
        "Wat we zouden doen: halverwege de dienst een vast kort moment inplannen.\n"
        "Afspraak: iedereen probeert dit twee weken en we bespreken het de volgende keer."
    ),
    "roddelmethode": (
        "Inbreng: hoe geef je feedback aan een student die snel dichtklapt?\n"
        "Wat de groep opviel: de inbrenger begint vaak met wat er misging.\n"
        "Meegenomen: eerst de situatie en het gedrag (OEPS), dan samen naar het effect kijken."
    ),
}


def _at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def seed(ctx: dict) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=_usernames())}
    methods = {w.slug: w for w in WorkForm.objects.filter(kind=WorkForm.Kind.INTERVISION)}
    now = today()
    for name, (org_name, facilitator, members, place) in GROUPS.items():
        organisation = Organisation.objects.get(name=org_name)
        group, created = IntervisionGroup.objects.get_or_create(
            organisation=organisation,
            name=name,
            defaults={"facilitator": users[facilitator], "created_by": users[facilitator]},
        )
        if created:
            group.members.set([users[m] for m in members])
        if group.meetings.exists():
            continue
        for offset, slug, status in MEETINGS:
            day = now + datetime.timedelta(days=offset)
            meeting = Meeting.objects.create(
                group=group,
                starts_at=_at(day, 14),
                ends_at=_at(day, 15, 30),
                place=place,
                method=methods[slug],
            )
            if status == "cancelled":
                meeting.cancelled_at = _at(day - datetime.timedelta(days=3), 9)
                meeting.cancelled_by = users[facilitator]
                meeting.version = 2
                meeting.save(update_fields=["cancelled_at", "cancelled_by", "version"])
            if status != "held":
                continue
            for index, member in enumerate(members):
                absent = offset == -28 and index == len(members) - 1
                MeetingAttendance.objects.create(
                    meeting=meeting,
                    user=users[member],
                    status=MeetingAttendance.Status.EXCUSED
                    if absent
                    else MeetingAttendance.Status.PRESENT,
                )
            meeting.attendance_registered_at = meeting.ends_at
            meeting.attendance_registered_by = users[facilitator]
            meeting.save(update_fields=["attendance_registered_at", "attendance_registered_by"])
            MeetingNotes.objects.create(
                meeting=meeting,
                text=NOTES[slug],
                updated_by=users[members[0]],
                updated_at=meeting.ends_at,
            )
    ctx.setdefault("summary", []).append(
        "Intervisie: groepen bij DSV|verzorgd leven (werkbegeleider1) en Topaz "
        "(werkbegeleider2), met gehouden en geplande bijeenkomsten."
    )


def _usernames() -> set[str]:
    names = set()
    for _org, facilitator, members, _place in GROUPS.values():
        names.add(facilitator)
        names.update(members)
    return names
