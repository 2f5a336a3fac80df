"""The cached coverage figures (training/cascade.py, core/versions.py) are always
those of counting person by person: after every kind of change, for each role,
on another day, and when a shown next session has started."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerroute.people.models import Organisation, Role, RoleAssignment, User
from leerroute.training.cascade import coverage
from leerroute.training.models import Attendance, Enrolment, Programme, Session
from tests.training.test_coverage_pages import (  # noqa: F401 - the crafted fixture
    as_tuple,
    assert_same_as_per_person,
    crafted,
)


def figures(client):
    html = client.get(reverse("training:coverage")).content.decode()
    return dict(re.findall(r'data-figure="(\w+)">(\d+)<', html)[:4])


def _yesterday():
    return timezone.localdate() - datetime.timedelta(days=1)


CHANGES = {
    # The absent person is marked present afterwards: trained.
    "attendance": lambda c: Attendance.objects.filter(user=c["absent"]).update(status="present"),
    # A role ends, a person leaves, a role starts, an enrolment is withdrawn.
    "role ended": lambda c: RoleAssignment.objects.filter(user=c["employee"]).update(
        end_date=_yesterday()
    ),
    "person deactivated": lambda c: User.objects.filter(pk=c["dept_only"].pk).update(
        is_active=False
    ),
    "role started": lambda c: RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(
                user=c["educator"],
                role=Role.MENTOR,
                organisation=c["org"],
                department=c["pilot"],
                team=c["a"],
                start_date=_yesterday(),
            )
        ]
    ),
    "enrolment withdrawn": lambda c: Enrolment.objects.filter(user=c["trained"]).delete(),
    "department moved out of the pilot": lambda c: (
        type(c["pilot"]).objects.filter(pk=c["pilot"].pk).update(is_pilot=False)
    ),
}


@pytest.mark.parametrize("change", CHANGES, ids=list(CHANGES))
def test_figures_follow_every_change(crafted, client_for, change):  # noqa: F811
    organisations = Organisation.objects.filter(pk=crafted["org"].pk)
    client = client_for(None)
    client.force_login(crafted["educator"])
    before_page = figures(client)
    (before,) = assert_same_as_per_person(organisations)  # fills the cache
    CHANGES[change](crafted)
    (after,) = assert_same_as_per_person(organisations)
    changed = (as_tuple(after.counts), as_tuple(after.pilot)) != (
        as_tuple(before.counts),
        as_tuple(before.pilot),
    )
    assert changed, "the change should move the figures"
    after_page = figures(client)
    assert after_page == {
        "total": str(after.counts.total),
        "trained": str(after.counts.trained),
        "in_training": str(after.counts.in_training),
        "not_started": str(after.counts.not_started),
    }
    if as_tuple(after.counts) != as_tuple(before.counts):
        assert after_page != before_page


def test_a_repeated_page_is_served_from_the_cache(client_for):
    client = client_for("trainer")
    url = reverse("training:coverage")
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        client.get(reverse("training:cascade"))
    with CaptureQueriesContext(connection) as again:
        client.get(reverse("training:cascade"))
    assert len(again) < len(first)
    assert not [q for q in again if "training_attendance" in q["sql"]]


@pytest.mark.parametrize("first", ["trainer", "beheerder", "praktijkopleider2"])
def test_each_role_sees_its_own_organisations_whoever_filled_the_cache(client_for, first):
    client_for(first).get(reverse("training:coverage"))
    result = client_for("praktijkopleider1").get(reverse("training:coverage")).context["coverage"]
    user = User.objects.get(username="praktijkopleider1")
    own = set(
        RoleAssignment.objects.active()
        .filter(user=user, role=Role.PRACTICE_EDUCATOR)
        .values_list("organisation_id", flat=True)
    )
    assert {org.organisation.pk for org in result} == own


def test_another_day_is_counted_again(crafted):  # noqa: F811
    organisations = Organisation.objects.filter(pk=crafted["org"].pk)
    today = timezone.localdate()
    (now,) = coverage(organisations, today)
    long_ago = today - datetime.timedelta(days=400)
    (then,) = coverage(organisations, long_ago)
    assert (now.counts.trained, then.counts.trained) == (2, 0)


def test_a_started_next_session_is_not_shown_as_next(crafted, client_for, time_machine):  # noqa: F811
    team = crafted["a"]
    programme = Programme.objects.create(
        team=team,
        kind="team",
        title="Teamtraining nieuw",
        goal="Elke medewerker kan werkbegeleider zijn.",
        audience="het team",
        organisation=crafted["org"],
    )
    # Sooner than the longest a cached result lives (core.versions.MAX_AGE).
    starts = timezone.now() + datetime.timedelta(minutes=30)
    for later in (datetime.timedelta(0), datetime.timedelta(days=2)):
        Session.objects.create(
            programme=programme,
            topic="Bijeenkomst",
            place="Leiden",
            starts_at=starts + later,
            ends_at=starts + later + datetime.timedelta(hours=1),
        )
    organisations = Organisation.objects.filter(pk=crafted["org"].pk)

    def next_start():
        (org,) = coverage(organisations, timezone.localdate())
        (row,) = [r for r in org.in_training_now if r.programme.pk == programme.pk]
        return row.next_start

    assert next_start() == starts
    time_machine.move_to(starts + datetime.timedelta(minutes=1))
    assert next_start() > starts
