"""The faster query shapes show exactly the rows of the rules, for every role.

Each check recounts the expected rows straight from the tables (the plain
rule) and compares them with what the page shows: the home panels (students
without recent feedback, draft reviews through their partial index, the
assessor's department), the feedback overview (counts for one page only) and
the learning-question overview (one page of ids, then the details).
"""

from __future__ import annotations

import datetime

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from leerroute.feedback.models import Feedback, ProgressReview, recent_since
from leerroute.learning.models import LearningQuestion
from leerroute.people import queries as people
from leerroute.people.models import Placement, Role, User

STAFF = [
    "werkbegeleider1",
    "werkbegeleider2",
    "studentbegeleider1",
    "studentbegeleider2",
    "praktijkopleider1",
    "praktijkopleider2",
    "docent1",
    "docent2",
    "beheerder",
]


def _panel(response, template):
    (panel,) = [p for p in response.context["panels"] if p.template == template]
    return panel.context


def _recently_seen():
    return set(
        Feedback.objects.filter(created_at__gte=recent_since()).values_list("student_id", flat=True)
    )


@pytest.mark.parametrize("account", ["werkbegeleider1", "werkbegeleider2"])
def test_mentor_quiet_students_are_mentored_students_without_recent_feedback(
    account, demo, client_for
):
    mentor = demo[account]
    # One of the mentor's students gets recent feedback, so both cases occur.
    placement = Placement.objects.active().filter(mentors=mentor).first()
    Feedback.objects.filter(student=placement.student).update(
        created_at=timezone.now() - datetime.timedelta(days=60)
    )
    response = client_for(account).get(reverse("core:home"))
    shown = {s.pk for s in _panel(response, "feedback/panels/mentor.html")["quiet"]}
    mentored = set(
        Placement.objects.active()
        .filter(mentors=mentor, team__department__organisation__kind="care")
        .values_list("student_id", flat=True)
    )
    assert placement.student_id in shown
    assert shown == mentored - _recently_seen()


@pytest.mark.parametrize("account", ["studentbegeleider1", "studentbegeleider2"])
def test_assessor_home_drafts_and_quiet_students_follow_the_rule(account, demo, client_for):
    assessor = demo[account]
    response = client_for(account).get(reverse("core:home"))
    context = _panel(response, "feedback/panels/assessor.html")
    reviewable = set(
        people.students_visible_to(assessor)
        .filter(
            pk__in=Placement.objects.active()
            .filter(people.assessor_placements_q(assessor))
            .values("student_id")
        )
        .values_list("pk", flat=True)
    )
    drafts = set(
        ProgressReview.objects.filter(status="draft", student__in=reviewable).values_list(
            "pk", flat=True
        )
    )
    assert {r.pk for r in context["drafts"]} == drafts
    assert {s.pk for s in context["quiet"]} == reviewable - _recently_seen()
    if account == "studentbegeleider1":
        assert drafts  # the demo has a draft for student1
    others = ProgressReview.objects.filter(status="draft").exclude(student__in=reviewable)
    html = response.content.decode()
    for review in others:
        assert reverse("feedback:review", args=[review.pk]) not in html


def test_assessor_home_lists_the_first_placements_and_says_how_many_more(demo, client_for):
    from leerroute.people.models import Team
    from tests.people.test_views import _add_students

    _add_students(Team.objects.get(name="Team Tulp"), 30, demo["werkbegeleider1"])
    response = client_for("studentbegeleider1").get(reverse("core:home"))
    context = _panel(response, "people/panels/assessor.html")
    total = (
        Placement.objects.active().filter(people.assessor_placements_q(demo["studentbegeleider1"]))
    ).count()
    assert total > 25
    assert len(context["placements"]) == 25
    assert context["more"] == total - 25
    assert f"En nog {total - 25} studenten" in response.content.decode()


@pytest.mark.parametrize("account", STAFF)
def test_feedback_overview_counts_match_the_rows(account, demo, client_for):
    response = client_for(account).get(reverse("feedback:index"))
    assert response.status_code == 200
    rows = response.context["rows"]
    visible = people.students_visible_to(demo[account]).order_by("last_name", "first_name", "pk")
    assert [student.pk for student, _team, _give in rows] == list(
        visible.values_list("pk", flat=True)[:25]
    )
    since = recent_since()
    for student, _team, _give in rows:
        items = Feedback.objects.filter(student=student)
        assert student.recent_feedback == items.filter(created_at__gte=since).count()
        newest = items.order_by("-created_at").first()
        assert student.last_feedback == (newest.created_at if newest else None)


@pytest.mark.parametrize("account", STAFF)
def test_learning_question_overview_shows_the_rule_rows_in_order(account, demo, client_for):
    user = demo[account]
    response = client_for(account).get(reverse("learning:list"))
    if response.status_code == 403:
        return
    shown = [q.pk for q in response.context["page"]]
    expected = (
        LearningQuestion.objects.filter(student__in=people.students_visible_to(user))
        .filter(Q(student=user) | ~Q(status="draft"))
        .order_by("student__last_name", "student__first_name", "-updated_at", "pk")
        .values_list("pk", flat=True)
    )
    assert shown == list(expected[:25])
    for question in response.context["page"]:
        assert question.student.last_name  # details loaded for the page


@pytest.mark.parametrize("account", STAFF + ["student1"])
def test_visibility_through_named_mentor_is_unchanged(account, demo):
    """``students_visible_to`` with the mentors subquery: the same rows as the
    plain rule (scopes, named mentor, named assessor, own cohort, self)."""
    user = demo[account]
    if people.is_admin(user):
        return
    scopes = people.scopes(user)
    today = timezone.localdate()
    expected = set()
    for placement in Placement.objects.active(today).filter(
        team__department__organisation__kind="care"
    ):
        team = placement.team
        for s in scopes:
            if s.role == Role.PRACTICE_EDUCATOR and (
                team.department.organisation_id == s.organisation_id
            ):
                expected.add(placement.student_id)
            if s.role in (Role.MENTOR, Role.ASSESSOR) and (
                s.team_id == team.pk
                or (not s.team_id and s.department_id == team.department_id)
                or (
                    not s.team_id
                    and not s.department_id
                    and s.organisation_id == team.department.organisation_id
                )
            ):
                expected.add(placement.student_id)
        if people.has_role(user, Role.MENTOR, Role.ASSESSOR) and (
            placement.assessor_id == user.pk or user in placement.mentors.all()
        ):
            expected.add(placement.student_id)
    if people.has_role(user, Role.TEACHER):
        for cohort in user.taught_cohorts.all():
            expected |= set(cohort.enrollments.active().values_list("student_id", flat=True))
    if people.has_role(user, Role.STUDENT):
        expected.add(user.pk)
    students = set(people.students().values_list("pk", flat=True))
    assert set(people.students_visible_to(user).values_list("pk", flat=True)) == (
        expected & students
    )
    assert User.objects.filter(pk__in=expected & students).exists() or account == "docent2"


@pytest.mark.parametrize("account", STAFF)
def test_drafts_for_review_are_the_drafts_of_the_review_scope(account, demo):
    """The home panel reads drafts through ``drafts_for_review``: the same rows
    as the drafts in ``reviews_visible_to``, for every role."""
    from leerroute.feedback import queries

    user = demo[account]
    expected = set(queries.reviews_visible_to(user).drafts().values_list("pk", flat=True))
    assert set(queries.drafts_for_review(user).values_list("pk", flat=True)) == expected
    if account in ("studentbegeleider1", "praktijkopleider1"):
        assert expected


@pytest.mark.parametrize("clock", ["00:05", "12:00", "23:55"])
def test_recent_means_whole_calendar_days_all_day_long(clock, time_machine):
    """ "The last 14 days" starts at local midnight 14 days ago, whatever the hour:
    the list of students without recent feedback is the same all day."""
    from tests.dates import AMSTERDAM

    hour, minute = map(int, clock.split(":"))
    time_machine.move_to(datetime.datetime(2027, 3, 30, hour, minute, tzinfo=AMSTERDAM))
    assert recent_since() == datetime.datetime(2027, 3, 16, 0, 0, tzinfo=AMSTERDAM)
    assert recent_since(1) == datetime.datetime(2027, 3, 29, 0, 0, tzinfo=AMSTERDAM)


def test_feedback_from_the_first_day_counts_as_recent_and_the_day_before_not(
    demo, client_for, time_machine
):
    from tests.dates import AMSTERDAM

    today = timezone.localdate()
    time_machine.move_to(datetime.datetime.combine(today, datetime.time(16, 0), AMSTERDAM))
    first_day = today - datetime.timedelta(days=14)
    mentor = User.objects.get(username="werkbegeleider1")
    placement = Placement.objects.active().filter(mentors=mentor).order_by("pk").first()
    student = placement.student
    assert Feedback.objects.filter(student=student).exists()
    Feedback.objects.filter(student=student).update(
        created_at=datetime.datetime.combine(first_day, datetime.time(0, 0), AMSTERDAM)
        - datetime.timedelta(minutes=1)
    )
    client = client_for("werkbegeleider1")
    quiet = _panel(client.get(reverse("core:home")), "feedback/panels/mentor.html")["quiet"]
    assert student.pk in {s.pk for s in quiet}
    Feedback.objects.filter(student=student).update(
        created_at=datetime.datetime.combine(first_day, datetime.time(0, 1), AMSTERDAM)
    )
    quiet = _panel(client.get(reverse("core:home")), "feedback/panels/mentor.html")["quiet"]
    assert student.pk not in {s.pk for s in quiet}
