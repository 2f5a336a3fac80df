"""Intervision through HTTP: private notes, planning, attendance, calendar, counts."""

import datetime

import icalendar
import pytest
from django.urls import reverse
from django.utils import timezone

from leerroute.intervision import calendar, services
from leerroute.intervision.models import IntervisionGroup, Meeting, MeetingNotes
from leerroute.people.models import Organisation, Role, RoleAssignment, Team, User
from leerroute.training.models import WorkForm
from tests.costs import first_and_repeated

pytestmark = pytest.mark.django_db


def _group(name="Intervisie De Rijnhof"):
    return IntervisionGroup.objects.get(name=name)


def _next(name="Intervisie De Rijnhof"):
    return Meeting.objects.upcoming().filter(group__name=name).first()


def _held(name="Intervisie De Rijnhof"):
    return Meeting.objects.filter(group__name=name, notes__isnull=False).order_by("starts_at")[0]


NOTE_LINE = "halverwege de dienst een vast kort moment"


@pytest.mark.parametrize(
    ("account", "sees_notes"),
    [
        ("werkbegeleider1", True),
        ("studentbegeleider1", True),  # the facilitator
        ("praktijkopleider1", False),  # formed the group, is not in it
        ("beheerder", False),
        ("werkbegeleider2", False),
    ],
)
def test_notes_only_for_the_group(account, sees_notes, client_for):
    meeting = _held()
    client = client_for(account)
    notes_page = client.get(reverse("intervision:meeting_notes", args=[meeting.pk]))
    detail = client.get(reverse("intervision:meeting_detail", args=[meeting.pk]))
    if sees_notes:
        assert notes_page.status_code == 200
        assert NOTE_LINE in notes_page.content.decode()
        assert NOTE_LINE in detail.content.decode()
    else:
        assert notes_page.status_code == 404
        assert NOTE_LINE not in detail.content.decode()


def test_member_writes_notes_and_a_stale_save_is_refused(client_for):
    meeting = _held()
    notes = meeting.notes
    client = client_for("werkbegeleider1")
    url = reverse("intervision:meeting_notes", args=[meeting.pk])
    response = client.post(url, {"text": "Nieuwe afspraak.", "version": notes.version})
    assert response.status_code == 302
    notes.refresh_from_db()
    assert notes.text == "Nieuwe afspraak." and notes.version == 2
    stale = client_for("studentbegeleider1").post(url, {"text": "Oud.", "version": 1})
    assert stale.status_code == 200
    assert "Iemand anders heeft dit intussen gewijzigd" in stale.content.decode()
    notes.refresh_from_db()
    assert notes.text == "Nieuwe afspraak."


def test_practice_educator_cannot_write_notes_of_a_group_they_are_not_in(client_for):
    meeting = _held()
    response = client_for("praktijkopleider1").post(
        reverse("intervision:meeting_notes", args=[meeting.pk]), {"text": "x", "version": 1}
    )
    assert response.status_code == 404
    assert MeetingNotes.objects.get(meeting=meeting).text != "x"


def test_practice_educator_forms_a_group_across_teams(client_for, demo):
    client = client_for("praktijkopleider1")
    dsv = Organisation.objects.get(name="DSV|verzorgd leven")
    members = [demo["wb.tulp3"].pk, demo["wb.lelie1"].pk]
    response = client.post(
        reverse("intervision:group_create"),
        {
            "organisation": dsv.pk,
            "name": "Intervisie Oudshoorn",
            "facilitator": demo["praktijkopleider1"].pk,
            "members": members,
        },
    )
    assert response.status_code == 302
    group = IntervisionGroup.objects.get(name="Intervisie Oudshoorn")
    assert set(group.members.values_list("pk", flat=True)) == set(members)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "", "members": []}, "Geef de groep een naam."),
        ({"name": "X", "members": ["wb.tulp3"]}, "Kies minstens twee werkbegeleiders"),
        ({"name": "X", "members": ["wb.tulp3", "werkbegeleider2"]}, "Kies werkbegeleiders uit"),
        ({"name": "X", "members": ["wb.tulp3", "¹"]}, "Kies werkbegeleiders uit de lijst."),
    ],
)
def test_group_form_refuses_bad_input_in_dutch(data, message, client_for, demo):
    before = IntervisionGroup.objects.count()
    members = [demo[m].pk if m in demo else m for m in data["members"]]
    response = client_for("praktijkopleider1").post(
        reverse("intervision:group_create"),
        {
            "organisation": Organisation.objects.get(name="DSV|verzorgd leven").pk,
            "name": data["name"],
            "facilitator": demo["praktijkopleider1"].pk,
            "members": members,
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert IntervisionGroup.objects.count() == before


def test_meeting_form_refuses_end_before_start(client_for):
    group = _group()
    before = group.meetings.count()
    response = client_for("studentbegeleider1").post(
        reverse("intervision:meeting_create", args=[group.pk]),
        {
            "starts_at": "2030-05-14T14:00",
            "ends_at": "2030-05-14T13:00",
            "place": "De Rijnhof",
            "method": WorkForm.objects.get(slug="incidentmethode").pk,
        },
    )
    assert response.status_code == 200
    assert "De bijeenkomst moet eindigen na het begin." in response.content.decode()
    assert group.meetings.count() == before


def test_facilitator_plans_registers_attendance_and_cancels(client_for, demo):
    group = _group()
    client = client_for("studentbegeleider1")
    response = client.post(
        reverse("intervision:meeting_create", args=[group.pk]),
        {
            "starts_at": "2030-05-14T14:00",
            "ends_at": "2030-05-14T15:30",
            "place": "De Rijnhof",
            "method": WorkForm.objects.get(slug="roddelmethode").pk,
        },
    )
    assert response.status_code == 302
    meeting = group.meetings.get(starts_at__year=2030)
    early = client.post(
        reverse("intervision:meeting_attendance", args=[meeting.pk]),
        {f"p{demo['werkbegeleider1'].pk}": "present"},
    )
    assert "vanaf het begin van de bijeenkomst" in early.content.decode()
    assert not meeting.attendances.exists()
    held = Meeting.objects.filter(group=group, starts_at__lt=timezone.now()).first()
    statuses = {f"p{m.pk}": "present" for m in group.members.all()}
    statuses[f"p{demo['werkbegeleider1'].pk}"] = "excused"
    done = client.post(reverse("intervision:meeting_attendance", args=[held.pk]), statuses)
    assert done.status_code == 302
    assert held.attendances.get(user=demo["werkbegeleider1"]).status == "excused"
    cancel = client.post(
        reverse("intervision:meeting_cancel", args=[meeting.pk]), {"version": meeting.version}
    )
    assert cancel.status_code == 302
    meeting.refresh_from_db()
    assert meeting.is_cancelled and meeting.version == 2


def test_calendar_download_is_one_event_with_a_stable_uid(client_for, demo):
    meeting = _next()
    client = client_for("werkbegeleider1")
    response = client.get(reverse("intervision:meeting_ics", args=[meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    parsed = icalendar.Calendar.from_ical(response.content)
    (event,) = parsed.events
    assert str(event["UID"]) == f"intervisie-{meeting.pk}@leerroute"
    assert event.start == meeting.starts_at
    assert str(event.start.tzinfo) == "Europe/Amsterdam"
    assert parsed.walk("VTIMEZONE")
    services.update_meeting(
        meeting,
        {
            "starts_at": meeting.starts_at + datetime.timedelta(hours=1),
            "ends_at": meeting.ends_at + datetime.timedelta(hours=1),
            "place": "Elders",
            "method": meeting.method,
        },
        meeting.version,
        by=demo["studentbegeleider1"],
    )
    again = icalendar.Calendar.from_ical(
        client.get(reverse("intervision:meeting_ics", args=[meeting.pk])).content
    ).events[0]
    assert str(again["UID"]) == str(event["UID"])
    assert int(again["SEQUENCE"]) == int(event["SEQUENCE"]) + 1


def test_events_are_the_own_groups_meetings(demo):
    uids = {e.uid for e in calendar.events(demo["werkbegeleider1"])}
    rijnhof = set(
        Meeting.objects.filter(group__name="Intervisie De Rijnhof").values_list("pk", flat=True)
    )
    assert uids == {calendar.uid(pk) for pk in rijnhof}
    assert calendar.events(demo["praktijkopleider1"])  # facilitator of the other DSV group
    assert not {e.uid for e in calendar.events(demo["praktijkopleider1"])} & uids
    assert list(calendar.events(demo["beheerder"])) == []


def test_mentor_home_shows_next_meeting_with_steps(client_for):
    body = client_for("werkbegeleider1").get(reverse("core:home")).content.decode()
    meeting = _next()
    assert "Mijn intervisie" in body
    assert meeting.method.title in body
    assert meeting.method.steps.first().title in body
    assert reverse("intervision:meeting_ics", args=[meeting.pk]) in body


def test_practice_educator_sees_mentors_without_group_and_meeting_counts(client_for, demo):
    body = client_for("praktijkopleider1").get(reverse("intervision:index")).content.decode()
    assert "Werkbegeleiders zonder intervisiegroep" in body
    assert str(demo["wb.tulp3"]) in body  # in no group
    without = body.split("Werkbegeleiders zonder intervisiegroep")[1]
    assert str(demo["werkbegeleider1"]) not in without
    group = _group()
    assert f'data-held="{group.pk}">2<' in body  # two held, one cancelled, two planned
    assert "Intervisie Topaz" not in body


def _more_mentors(n):
    team = Team.objects.get(name="Team Tulp")
    for i in range(n):
        person = User.objects.create(username=f"extra-mentor-{i}", last_name=f"Extra {i}")
        RoleAssignment.objects.create(
            user=person,
            role=Role.MENTOR,
            organisation=team.department.organisation,
            department=team.department,
            team=team,
            start_date=datetime.date(2000, 1, 1),
        )
        yield person


@pytest.mark.parametrize(
    ("account", "view"),
    [
        ("praktijkopleider1", "intervision:index"),
        ("werkbegeleider1", "intervision:index"),
        ("werkbegeleider1", "core:home"),
        ("praktijkopleider1", "intervision:group_detail"),
    ],
)
def test_pages_have_constant_query_counts(account, view, client_for, demo):
    client = client_for(account)
    url = reverse(view, args=[_group().pk]) if view.endswith("detail") else reverse(view)
    client.get(url)
    first_before, before, _ = first_and_repeated(client, url)
    group = _group()
    extra = list(_more_mentors(4))
    group.members.add(*extra[:2])
    for day in (10, 20, 40):
        services.plan_meeting(
            group,
            {
                "starts_at": timezone.now() + datetime.timedelta(days=day),
                "ends_at": timezone.now() + datetime.timedelta(days=day, hours=1),
                "place": "Extra",
                "method": WorkForm.objects.get(slug="balint-methode"),
            },
            by=demo["praktijkopleider1"],
        )
    services.create_group(
        demo["praktijkopleider1"],
        {
            "organisation": group.organisation,
            "name": "Nog een groep",
            "facilitator": demo["praktijkopleider1"],
            "members": [demo["werkbegeleider1"], *extra[2:]],
        },
    )
    first_after, after, response = first_and_repeated(client, url)
    assert response.status_code == 200
    assert len(after) == len(before), [q["sql"] for q in after.captured_queries]
    # The first request after a change (kept results computed again) too.
    assert len(first_after) == len(first_before), [q["sql"] for q in first_after.captured_queries]
