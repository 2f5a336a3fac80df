"""A person's own training overview ("Mijn trainingen" on the home page and the
training page) is kept until the training records change, the date changes or
the first upcoming session ends (training/overview.py, core/versions.py): it is
always the overview computed afresh."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from leerroute.people.models import User
from leerroute.training import overview
from leerroute.training.models import Attendance, Enrolment, Session

ACCOUNTS = ["werkbegeleider1", "studentbegeleider1", "praktijkopleider1", "trainer", "student1"]


def _fresh(username: str) -> User:
    return User.objects.get(username=username)


def _plain(result: dict) -> dict:
    return {
        "statuses": result["statuses"],
        "upcoming": [(s.pk, s.invited_only) for s in result["upcoming"]],
        "record": [(p.pk, p.session_count, p.present_count) for p in result["record"]],
        "readiness": result["readiness"],
    }


def _assert_fresh(username: str, limit=None) -> dict:
    kept = overview.my_overview(_fresh(username), limit)
    computed = overview._overview(_fresh(username), limit)
    assert _plain(kept) == _plain(computed)
    return _plain(kept)


@pytest.mark.parametrize("account", ACCOUNTS)
def test_the_kept_overview_is_the_computed_one(account, demo):
    first = _assert_fresh(account)
    assert _assert_fresh(account) == first
    assert _plain(overview.my_overview(_fresh(account), 3))["upcoming"] == first["upcoming"][:3]


def _enrolled(demo) -> tuple[User, Enrolment]:
    enrolment = (
        Enrolment.objects.filter(
            status=Enrolment.Status.ENROLLED, programme__sessions__isnull=False
        )
        .select_related("user", "programme")
        .order_by("pk")
        .first()
    )
    assert enrolment is not None
    return enrolment.user, enrolment


def _session(programme, topic: str, starts_in: datetime.timedelta) -> Session:
    start = timezone.now() + starts_in
    return Session.objects.create(
        programme=programme,
        topic=topic,
        place="Lokaal 1",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
    )


def test_attendance_new_sessions_and_withdrawals_show_on_the_next_request(demo):
    user, enrolment = _enrolled(demo)
    before = _assert_fresh(user.username)
    session = enrolment.programme.sessions.order_by("starts_at").first()
    Attendance.objects.update_or_create(
        session=session, user=user, defaults={"status": Attendance.Status.PRESENT}
    )
    new = _session(enrolment.programme, "Extra bijeenkomst", datetime.timedelta(days=3))
    after = _assert_fresh(user.username)
    assert (new.pk, False) in after["upcoming"]
    assert after != before
    Enrolment.objects.filter(user=user).delete()
    assert _assert_fresh(user.username)["statuses"] == {}


def test_a_session_that_ended_leaves_the_list_without_any_change(demo):
    user, enrolment = _enrolled(demo)
    soon = _session(enrolment.programme, "Straks", datetime.timedelta(hours=1))
    assert (soon.pk, False) in _assert_fresh(user.username)["upcoming"]
    with time_machine.travel(soon.ends_at + datetime.timedelta(minutes=1), tick=False):
        assert (soon.pk, False) not in _assert_fresh(user.username)["upcoming"]


def test_the_home_panel_follows_an_invitation(client_for, demo):
    client = client_for("werkbegeleider2")
    user = _fresh("werkbegeleider2")
    Enrolment.objects.filter(user=user).delete()
    assert "Mijn trainingen" not in client.get(reverse("core:home")).content.decode()
    _, enrolment = _enrolled(demo)
    Enrolment.objects.create(
        user=user, programme=enrolment.programme, status=Enrolment.Status.INVITED
    )
    html = client.get(reverse("core:home")).content.decode()
    assert "Mijn trainingen" in html


def test_an_employee_invited_to_nothing_still_sees_their_readiness(client_for, demo):
    """The training page tells every employee where they stand as mentor, also
    before any invitation ("nog niet gestart")."""
    Enrolment.objects.filter(user__username="werkbegeleider2").delete()
    html = client_for("werkbegeleider2").get(reverse("training:index")).content.decode()
    assert "Jouw status als werkbegeleider:" in html
    assert "nog niet gestart" in html
    assert _plain(overview.my_overview(_fresh("werkbegeleider2")))["readiness"] is not None
