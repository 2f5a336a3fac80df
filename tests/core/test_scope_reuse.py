"""Scopes are built once per person, roles and day and reused across requests
(``core.access._reused``): the rows they give still follow every change.

Each "request" below is a fresh user object, as a new request loads it.
"""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.utils import timezone

from leerroute.core import access
from leerroute.people import queries as people
from leerroute.people.models import Placement, Role, RoleAssignment, User


def _fresh(username: str) -> User:
    return User.objects.get(username=username)


def _visible_students(username: str) -> set[str]:
    return set(access.visible(_fresh(username), User).values_list("username", flat=True))


@pytest.fixture
def builds_counted(settings):
    """As in production: a kept build is not built again to check it (the
    suite's LEERROUTE_VERIFY_REUSE would build it once more per reuse)."""
    settings.LEERROUTE_VERIFY_REUSE = False


def _counting(calls: list[str], reads_data: bool):
    def scope(user):
        calls.append(user.username)
        if reads_data:
            ids = list(User.objects.filter(pk=user.pk).values_list("pk", flat=True))
            return User.objects.filter(pk__in=ids)
        if people.has_role(user, Role.TEACHER):
            return User.objects.filter(pk=user.pk)
        return User.objects.none()

    return scope


def test_a_scope_that_reads_nothing_is_built_once_for_many_requests(demo, builds_counted):
    calls: list[str] = []
    scope = _counting(calls, reads_data=False)
    first = access.pks_of(_fresh("docent1"), scope)
    second = access.pks_of(_fresh("docent1"), scope)
    assert calls == ["docent1"]
    assert second is first
    assert list(User.objects.filter(pk__in=second).values_list("username", flat=True)) == [
        "docent1"
    ]
    access.pks_of(_fresh("docent2"), scope)
    assert calls == ["docent1", "docent2"]


def test_a_scope_that_reads_data_while_built_is_built_for_every_request(demo, builds_counted):
    calls: list[str] = []
    scope = _counting(calls, reads_data=True)
    user = _fresh("docent1")
    for asked_by in (user, user, _fresh("docent1")):  # the first two: one request
        access.pks_of(asked_by, scope)
    assert calls == ["docent1", "docent1"]


def test_a_change_of_roles_builds_the_scope_again(demo, builds_counted):
    calls: list[str] = []
    scope = _counting(calls, reads_data=False)
    docent = _fresh("docent1")
    assert User.objects.filter(pk__in=access.pks_of(docent, scope)).count() == 1
    RoleAssignment.objects.filter(user=docent, role=Role.TEACHER).update(
        end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert User.objects.filter(pk__in=access.pks_of(_fresh("docent1"), scope)).count() == 0
    assert calls == ["docent1", "docent1"]


def test_a_new_day_builds_the_scope_again(demo, builds_counted):
    calls: list[str] = []
    scope = _counting(calls, reads_data=False)
    access.pks_of(_fresh("docent1"), scope)
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    with time_machine.travel(tomorrow, tick=False):
        access.pks_of(_fresh("docent1"), scope)
    assert calls == ["docent1", "docent1"]


def test_a_deactivated_person_sees_nobody_on_the_next_request(demo):
    assert _visible_students("werkbegeleider1")
    User.objects.filter(username="werkbegeleider1").update(is_active=False)
    assert _visible_students("werkbegeleider1") == set()


def test_visible_students_follow_the_placements_with_the_same_roles(demo):
    """The reused SQL reads placements and mentors when it runs, not when built."""
    mentor = _fresh("werkbegeleider1")
    before = _visible_students("werkbegeleider1")
    placement = (
        Placement.objects.active()
        .filter(mentors=mentor, student__username__in=before)
        .select_related("student")
        .first()
    )
    assert placement is not None
    student = placement.student.username
    # Out of the mentor's reach: named on no placement of theirs, in another team.
    other_team = (
        type(placement.team)
        .objects.exclude(pk__in=[s.team_id for s in people.scopes(mentor) if s.team_id])
        .exclude(department__in=[s.department_id for s in people.scopes(mentor)])
        .filter(department__organisation=placement.team.department.organisation)
        .first()
    )
    if other_team is None:
        other_team = type(placement.team).objects.exclude(pk=placement.team_id).first()
    placement.mentors.remove(mentor)
    Placement.objects.filter(pk=placement.pk).update(team=other_team)
    after = _visible_students("werkbegeleider1")
    assert student not in after
    assert after == before - {student}
    placement.mentors.add(mentor)
    assert _visible_students("werkbegeleider1") == before


@pytest.mark.parametrize(
    "account", ["student1", "werkbegeleider1", "praktijkopleider1", "docent1", "beheerder"]
)
def test_reused_scopes_show_what_a_fresh_build_shows(account, demo):
    """The same rows as the scope function run directly, for each role."""
    for model, function in (
        (User, people.students_visible_to.__wrapped__),
        (Placement, people.placements_visible_to.__wrapped__),
    ):
        access.visible(_fresh(account), model)  # fills the shared entry
        reused = set(access.visible(_fresh(account), model).values_list("pk", flat=True))
        assert reused == set(function(_fresh(account)).values_list("pk", flat=True))


# --- Whole queries compiled once (access.compiled_rows) ----------------------


def _mentor_placements(user):
    return Placement.objects.active().filter(mentors=user).select_related("student", "team")


def test_compiled_rows_are_the_rows_of_the_queryset_on_every_request(demo):
    site = "tests.mentor-placements"
    first = access.compiled_rows(
        _fresh("werkbegeleider1"),
        site,
        lambda: _mentor_placements(_fresh("werkbegeleider1")).order_by("pk"),
    )
    expected = list(_mentor_placements(_fresh("werkbegeleider1")).order_by("pk"))
    assert first == expected
    assert [p.student.username for p in first] == [p.student.username for p in expected]
    # A later request sends the kept SQL; the rows follow the data.
    mentor = _fresh("werkbegeleider1")
    Placement.objects.filter(pk=first[0].pk).update(
        end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    again = access.compiled_rows(mentor, site, lambda: _mentor_placements(mentor).order_by("pk"))
    assert again == expected[1:]
    # Select-related objects come with the rows: no query per row.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        rows = access.compiled_rows(
            _fresh("werkbegeleider1"), site, lambda: _mentor_placements(mentor).order_by("pk")
        )
        [(p.student.last_name, p.team.name) for p in rows]
    assert len([q for q in ctx.captured_queries if "people_placement" in q["sql"]]) == 1


def test_compiled_rows_are_compiled_once_per_person_and_day(demo, builds_counted, monkeypatch):
    from django.db import connection
    from django.db.models.sql.compiler import SQLCompiler

    sent: list[str] = []
    compiled: list[str] = []
    compile_sql = SQLCompiler.as_sql

    def counting(self, *args, **kwargs):
        if self.query.model is Placement:
            compiled.append(self.query.model.__name__)
        return compile_sql(self, *args, **kwargs)

    def watch(execute, sql, params, many, context):
        sent.append(sql)
        return execute(sql, params, many, context)

    monkeypatch.setattr(SQLCompiler, "as_sql", counting)
    site = "tests.compiled-once"
    for _ in range(3):
        user = _fresh("werkbegeleider1")
        with connection.execute_wrapper(watch):
            access.compiled_rows(user, site, lambda u=user: _mentor_placements(u).order_by("pk"))
    placement_queries = [sql for sql in sent if "people_placement" in sql]
    assert len(placement_queries) == 3
    assert len(set(placement_queries)) == 1
    assert compiled == ["Placement"]
    kept = [value for key, value in access._shared.items() if key[0] == "rows" and key[1] == site]
    assert len(kept) == 1 and kept[0].saved is not None
    other = _fresh("werkbegeleider2")
    rows = access.compiled_rows(other, site, lambda: _mentor_placements(other).order_by("pk"))
    assert rows == list(_mentor_placements(other).order_by("pk"))


def test_a_query_that_depends_on_the_clock_fails_the_reuse_check(demo):
    """The suite checks every reuse against a fresh build: a query with now() in
    it (or anything else beyond the person, roles and date) is caught."""
    from leerroute.feedback.models import Feedback

    site = "tests.clock"

    def build():
        return Feedback.objects.filter(created_at__lte=timezone.now()).order_by("pk")[:1]

    access.compiled_rows(_fresh("werkbegeleider1"), site, build)
    with pytest.raises(AssertionError, match="depends on more than the person"):
        access.compiled_rows(_fresh("werkbegeleider1"), site, build)


def test_anonymous_visitors_get_the_rows_without_reuse(demo):
    from django.contrib.auth.models import AnonymousUser

    rows = access.compiled_rows(AnonymousUser(), "tests.anonymous", lambda: User.objects.none())
    assert rows == []


def test_a_prefetch_that_depends_on_the_clock_fails_the_reuse_check(demo):
    """Querysets given to Prefetch are kept with the query: the same check applies."""
    from django.db.models import Prefetch

    from leerroute.feedback.models import Feedback

    site = "tests.prefetch-clock"

    def build():
        recent = Feedback.objects.filter(created_at__lte=timezone.now())
        return User.objects.filter(username="student1").prefetch_related(
            Prefetch("feedback_received", queryset=recent)
        )

    access.compiled_rows(_fresh("werkbegeleider1"), site, build)
    with pytest.raises(AssertionError, match="depends on more than the person"):
        access.compiled_rows(_fresh("werkbegeleider1"), site, build)


def test_a_related_managers_queryset_is_refused(demo):
    """Rows of a reverse relation carry the instance they were asked from: kept
    across requests they would carry an earlier request's object."""
    mentor = _fresh("werkbegeleider1")
    with pytest.raises(ValueError, match="not a related one"):
        access.compiled_rows(mentor, "tests.related", lambda: mentor.feedback_given.all())


# --- One object's question (access.includes, access.has_any) -----------------


@pytest.mark.parametrize(
    "account",
    ["student1", "werkbegeleider1", "studentbegeleider1", "praktijkopleider1", "beheerder"],
)
def test_includes_answers_as_the_scope_does_for_every_person(account, demo):
    """Asked for every person of the demo, twice (the second time from the kept
    subquery): yes exactly for the students the scope shows."""
    expected = set(
        people.students_visible_to.__wrapped__(_fresh(account)).values_list("pk", flat=True)
    )
    everyone = list(User.objects.values_list("pk", flat=True))
    for _ in range(2):
        asker = _fresh(account)
        answers = {pk for pk in everyone if access.includes(asker, people.students_visible_to, pk)}
        assert answers == expected
    assert access.has_any(_fresh(account), people.students_visible_to) == bool(expected)


def test_includes_follows_the_data_after_the_subquery_is_kept(demo, builds_counted):
    """The kept subquery reads placements and mentors when it runs: a student
    taken out of the mentor's reach is a no on the next question, and a yes again
    when put back."""
    mentor = _fresh("werkbegeleider1")
    placement = Placement.objects.active().filter(mentors=mentor).select_related("team").first()
    student = placement.student_id
    assert access.includes(mentor, people.students_visible_to, student)
    own_teams = [s.team_id for s in people.scopes(mentor) if s.team_id]
    other_team = (
        type(placement.team).objects.exclude(pk__in=[*own_teams, placement.team_id]).first()
    )
    placement.mentors.remove(mentor)
    Placement.objects.filter(pk=placement.pk).update(team=other_team)
    expected = student in set(
        people.students_visible_to.__wrapped__(_fresh("werkbegeleider1")).values_list(
            "pk", flat=True
        )
    )
    assert not expected
    assert not access.includes(_fresh("werkbegeleider1"), people.students_visible_to, student)
    Placement.objects.filter(pk=placement.pk).update(team=placement.team)
    placement.mentors.add(mentor)
    assert access.includes(_fresh("werkbegeleider1"), people.students_visible_to, student)


def test_includes_and_has_any_of_an_empty_scope_are_no(demo):
    def nobody(user):
        return User.objects.none()

    asker = _fresh("werkbegeleider1")
    assert not access.includes(asker, nobody, asker.pk)
    assert not access.has_any(asker, nobody)
    assert not access.includes(asker, people.students_visible_to, None)
