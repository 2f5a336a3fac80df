"""The home panels built with their scopes compiled once show the same rows as
the plain queries they replaced, for every demo account.

The reference functions below are the panels' earlier queries, word for word:
each scope used directly as a nested subquery. A change in a panel's query
that shows other rows (or the same rows in another order) fails here.
"""

from __future__ import annotations

import pytest
from django.utils import timezone

from leerroute.conversations import home as conversation_home
from leerroute.conversations import queries as conversation_queries
from leerroute.conversations.models import Agreement, Conversation, school_half
from leerroute.people import queries as people
from leerroute.people.models import Enrollment, Role, User
from leerroute.school import home as school_home
from leerroute.school import queries as school_queries
from leerroute.school.weeks import recent


def _ids(rows):
    return [row.pk for row in rows]


def _fresh(username):
    """A user object as in a new request (nothing cached on it)."""
    return User.objects.get(username=username)


def _mine_before(user):
    agreements = (
        conversation_queries.agreements_visible_to(user)
        .filter(owner=user)
        .open()
        .exclude(conversation__status=Conversation.Status.CANCELLED)
        .order_by("due_date", "pk")[: conversation_home.LIST_LIMIT]
    )
    upcoming = (
        conversation_queries.conversations_visible_to(user)
        .filter(participants__user=user, ends_at__gte=timezone.now())
        .not_cancelled()
        .order_by("starts_at", "pk")[:5]
    )
    return {"upcoming": _ids(upcoming), "agreements": _ids(agreements)}


def _planner_before(user):
    today = timezone.localdate()
    first, last = school_half(today)
    students = conversation_queries.students_to_plan_for(user)
    have_one = Conversation.objects.not_cancelled().in_period(first, last).values("student_id")
    missing = students.exclude(pk__in=have_one).order_by("first_name", "last_name", "pk")
    visible = conversation_queries.conversations_visible_to(user).filter(student__in=students)
    overdue = visible.overdue().order_by("starts_at", "pk")
    past_due = (
        Agreement.objects.filter(conversation__in=visible)
        .past_due(today)
        .exclude(conversation__status=Conversation.Status.CANCELLED)
        .order_by("due_date", "pk")
    )
    limit = conversation_home.LIST_LIMIT
    missing_list = _ids(missing[: limit + 1])
    return {
        "missing": missing_list[:limit],
        "missing_more": len(missing_list) > limit,
        "overdue": _ids(overdue[:limit]),
        "past_due": _ids(past_due[:limit]),
    }


def _guide_before(user):
    visible = people.students_visible_to(user).filter(
        pk__in=Enrollment.objects.active().values("student_id")
    )
    students = visible.order_by("first_name", "last_name")[: school_home.STUDENT_LIMIT]
    rows = school_home.week_rows(user, students)
    cohorts = school_queries.cohort_ids_of(visible)
    updates = (
        school_queries.updates_visible_to(user)
        .published()
        .in_weeks(recent())
        .filter(cohort_id__in=cohorts)
        .order_by("-year", "-week", "cohort__name")[: school_home.RECENT_LIMIT]
    )
    return {
        "rows": [(r["student"].pk, r["update"] and r["update"].pk, r["suggestion"]) for r in rows],
        "more": max(visible.count() - school_home.STUDENT_LIMIT, 0),
        "updates": _ids(updates),
    }


def _panel(panels, template):
    found = [p.context for p in panels if p.template == template]
    assert len(found) <= 1
    return found[0] if found else None


ACCOUNTS = [
    "student1",
    "student2",
    "werkbegeleider1",
    "werkbegeleider2",
    "studentbegeleider1",
    "praktijkopleider1",
    "praktijkopleider2",
    "docent1",
    "docent2",
    "trainer",
    "beheerder",
]


@pytest.mark.parametrize("account", ACCOUNTS)
def test_the_conversation_panels_show_the_same_rows(account, demo):
    if account not in demo:
        pytest.skip(f"no demo account {account}")
    panels = conversation_home.panels(_fresh(account))
    user = _fresh(account)
    mine = _panel(panels, "conversations/panels/mine.html")
    before = _mine_before(user)
    if mine is None:
        assert before == {"upcoming": [], "agreements": []}
    else:
        assert {"upcoming": _ids(mine["upcoming"]), "agreements": _ids(mine["agreements"])} == (
            before
        )
    planner = _panel(panels, "conversations/panels/planner.html")
    if planner is None:
        assert not people.has_role(user, Role.TEACHER, Role.PRACTICE_EDUCATOR) or not (
            conversation_queries.students_to_plan_for(user).exists()
        )
    else:
        assert {
            "missing": _ids(planner["missing"]),
            "missing_more": planner["missing_more"],
            "overdue": _ids(planner["overdue"]),
            "past_due": _ids(planner["past_due"]),
        } == _planner_before(user)


@pytest.mark.parametrize("account", ACCOUNTS)
def test_the_school_guide_panel_shows_the_same_rows(account, demo):
    if account not in demo:
        pytest.skip(f"no demo account {account}")
    guide = _panel(school_home.panels(_fresh(account)), "school/panels/guide.html")
    user = _fresh(account)
    if guide is None:
        assert not people.has_role(user, Role.MENTOR, Role.PRACTICE_EDUCATOR)
        return
    assert {
        "rows": [
            (r["student"].pk, r["update"] and r["update"].pk, r["suggestion"])
            for r in guide["rows"]
        ],
        "more": guide["more"],
        "updates": _ids(guide["updates"]),
    } == _guide_before(user)


def test_the_demo_panels_are_not_empty(demo):
    """The comparisons above compare something: the demo fills every list."""
    planner = _panel(
        conversation_home.panels(_fresh("docent1")), "conversations/panels/planner.html"
    )
    assert planner["missing"] and planner["overdue"] and planner["past_due"]
    mine = [_mine_before(_fresh(account)) for account in ACCOUNTS if account in demo]
    assert any(m["upcoming"] for m in mine) and any(m["agreements"] for m in mine)
    guide = _panel(school_home.panels(_fresh("werkbegeleider1")), "school/panels/guide.html")
    assert guide["rows"] and guide["updates"]
    assert any(r["update"] for r in guide["rows"])


@pytest.fixture
def page_size_changed(request):
    """A test that changes a panel's page size: the kept queries (compiled with
    the real size) are forgotten before and after it."""
    from leerroute.core import access

    access.forget_kept()
    request.addfinalizer(access.forget_kept)


def test_the_more_link_counts_every_student_beyond_the_first_page(
    demo, monkeypatch, page_size_changed
):
    monkeypatch.setattr(school_home, "STUDENT_LIMIT", 1)
    guide = _panel(school_home.panels(_fresh("praktijkopleider1")), "school/panels/guide.html")
    assert len(guide["rows"]) == 1
    assert guide == guide | {"more": _guide_before(_fresh("praktijkopleider1"))["more"]}
    assert guide["more"] >= 1


@pytest.mark.parametrize("account", ["werkbegeleider1", "docent1", "trainer", "beheerder"])
def test_visible_pks_is_the_registered_scope(account, demo):
    from leerroute.core import access

    user = _fresh(account)
    for model in (User, Conversation, Agreement):
        assert set(model.objects.filter(pk__in=access.visible_pks(user, model))) == set(
            access.visible(user, model)
        )


def _assessor_before(user):
    from leerroute.feedback import home as feedback_home
    from leerroute.feedback import queries as feedback_queries

    reviewable = feedback_queries.students_for_review(user)
    quiet = feedback_home._without_recent_feedback(reviewable).order_by("first_name", "last_name")
    drafts = (
        feedback_queries.reviews_visible_to(user)
        .drafts()
        .filter(student__in=reviewable)
        .order_by("review_date")
    )
    limit = feedback_home.LIST_LIMIT
    return {"quiet": _ids(quiet[:limit]), "drafts": _ids(drafts[:limit])}


def _corrections_before(user):
    from leerroute.privacy import home as privacy_home
    from leerroute.privacy.models import CorrectionRequest
    from leerroute.privacy.queries import _handled_q

    pending = CorrectionRequest.objects.filter(
        _handled_q(user), status=CorrectionRequest.Status.OPEN
    )
    total = pending.count()
    if not total:
        return None
    requests = _ids(pending.order_by("-created_at", "-pk")[: privacy_home.SHOWN])
    return {"requests": requests, "more": total - len(requests)}


@pytest.mark.parametrize("account", ACCOUNTS)
def test_the_assessor_and_correction_panels_show_the_same_rows(account, demo):
    from leerroute.feedback import home as feedback_home
    from leerroute.privacy import home as privacy_home

    if account not in demo:
        pytest.skip(f"no demo account {account}")
    user = _fresh(account)
    assessor = _panel(feedback_home.panels(_fresh(account)), "feedback/panels/assessor.html")
    if assessor is not None:
        assert {
            "quiet": _ids(assessor["quiet"]),
            "drafts": _ids(assessor["drafts"]),
        } == _assessor_before(user)
    corrections = _panel(privacy_home.panels(_fresh(account)), "privacy/home_corrections.html")
    if corrections is None:
        assert _corrections_before(user) is None
    else:
        assert {
            "requests": _ids(corrections["requests"]),
            "more": corrections["more"],
        } == _corrections_before(user)


def test_a_correction_request_shows_in_the_same_panel(demo):
    """The demo has no open request for a handler: make some, so the panel is compared."""
    from leerroute.feedback.models import Feedback
    from leerroute.privacy import home as privacy_home
    from leerroute.privacy.models import CorrectionRequest

    feedback = list(Feedback.objects.filter(author=demo["werkbegeleider1"]).order_by("pk")[:4])
    assert feedback
    for i in range(7):
        item = feedback[i % len(feedback)]
        CorrectionRequest.objects.create(
            student=item.student,
            kind=CorrectionRequest.Kind.FEEDBACK,
            object_id=item.pk,
            status=CorrectionRequest.Status.OPEN,
            reason="Klopt niet",
        )
    panel = _panel(privacy_home.panels(_fresh("werkbegeleider1")), "privacy/home_corrections.html")
    assert len(panel["requests"]) == privacy_home.SHOWN and panel["more"] == 2
    assert {
        "requests": _ids(panel["requests"]),
        "more": panel["more"],
    } == _corrections_before(_fresh("werkbegeleider1"))


def test_open_requests_follow_the_placements_on_the_next_request(demo):
    """The handled requests are compiled once per person, roles and day; the
    placements are read when the query runs, so a placement that ends (or comes
    back) shows on the very next request."""
    import datetime

    from leerroute.feedback import queries as feedback_queries
    from leerroute.feedback.models import Feedback
    from leerroute.people.models import Placement
    from leerroute.privacy import home as privacy_home
    from leerroute.privacy.models import CorrectionRequest

    assessor = _fresh("studentbegeleider1")
    item = (
        Feedback.objects.filter(student__in=feedback_queries.students_for_review(assessor))
        .exclude(author=assessor)
        .order_by("pk")
        .first()
    )
    assert item is not None
    request = CorrectionRequest.objects.create(
        student=item.student,
        kind=CorrectionRequest.Kind.FEEDBACK,
        object_id=item.pk,
        status=CorrectionRequest.Status.OPEN,
        reason="Klopt niet",
    )

    def shown():
        panels = privacy_home.panels(_fresh("studentbegeleider1"))
        panel = _panel(panels, "privacy/home_corrections.html")
        return panel is not None and request.pk in _ids(panel["requests"])

    placements = Placement.objects.active().filter(student=item.student)
    ends = {p.pk: p.end_date for p in placements}
    assert shown()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Placement.objects.filter(pk__in=ends).update(end_date=yesterday)
    assert not shown()
    for pk, end in ends.items():
        Placement.objects.filter(pk=pk).update(end_date=end)
    assert shown()


@pytest.mark.parametrize("account", ACCOUNTS)
def test_the_learning_assessor_and_training_panels_show_the_same_rows(account, demo):
    from leerroute.learning import home as learning_home
    from leerroute.learning import queries as learning_queries
    from leerroute.people import home as people_home
    from leerroute.training import home as training_home
    from leerroute.training.models import Enrolment

    if account not in demo:
        pytest.skip(f"no demo account {account}")
    user = _fresh(account)
    student = _panel(learning_home.panels(_fresh(account)), "learning/panels/student.html")
    if student is not None:
        mine = learning_queries.own_learning_questions(user)
        waiting = mine.waiting_for_student()
        todo = _ids(waiting.order_by("-updated_at", "-pk")[: learning_home.PANEL_LIMIT])
        assert (
            _ids(student["todo"]),
            student["more"],
            student["with_mentor"],
        ) == (todo, waiting.count() - len(todo), mine.waiting_for_mentor().count())
    mentor = _panel(learning_home.panels(_fresh(account)), "learning/panels/mentor.html")
    if mentor is not None:
        waiting = (
            learning_queries.learning_questions_visible_to(user)
            .shared()
            .mentored_by(user)
            .waiting_for_mentor()
        )
        newest = _ids(waiting.order_by("-updated_at", "-pk")[: learning_home.PANEL_LIMIT])
        count = waiting.count()
        assert (_ids(mentor["waiting"]), mentor["count"], mentor["more"]) == (
            newest,
            count,
            count - len(newest),
        )
    assessor = _panel(people_home.panels(_fresh(account)), "people/panels/assessor.html")
    if assessor is not None:
        placements = (
            people.placements_with_people()
            .active()
            .filter(people.assessor_placements_q(user))
            .order_by("team__name", "student__last_name", "pk")
        )
        assert (_ids(assessor["placements"]), assessor["more"]) == (
            _ids(placements[: people_home.LIST_LIMIT]),
            max(0, placements.count() - people_home.LIST_LIMIT),
        )
    training = _panel(training_home.panels(_fresh(account)), "training/panels/mine.html")
    assert (training is not None) == Enrolment.objects.filter(user=user).exists()


def test_the_mentor_counts_every_waiting_question_beyond_the_first(
    demo, monkeypatch, page_size_changed
):
    from leerroute.learning import home as learning_home
    from leerroute.learning import queries as learning_queries

    monkeypatch.setattr(learning_home, "PANEL_LIMIT", 1)
    mentor = _panel(learning_home.panels(_fresh("werkbegeleider1")), "learning/panels/mentor.html")
    count = learning_queries.waiting_for(_fresh("werkbegeleider1")).count()
    assert count > 1
    assert (len(mentor["waiting"]), mentor["count"], mentor["more"]) == (1, count, count - 1)


def test_the_next_meeting_of_each_group_is_the_first_upcoming_one(demo):
    import datetime

    from leerroute.intervision import queries as intervision_queries
    from leerroute.intervision.models import IntervisionGroup, Meeting

    groups = list(IntervisionGroup.objects.all())
    assert groups
    # A second, later meeting for every group with a next one: still the first is shown.
    for meeting in intervision_queries.next_meetings([g.pk for g in groups]).values():
        meeting.pk = None
        meeting.starts_at += datetime.timedelta(days=14)
        meeting.ends_at += datetime.timedelta(days=14)
        meeting.save()
    before: dict = {}
    for meeting in Meeting.objects.upcoming().filter(group__in=groups):
        before.setdefault(meeting.group_id, meeting.pk)
    found = intervision_queries.next_meetings([g.pk for g in groups])
    assert before and {g: m.pk for g, m in found.items()} == before


@pytest.mark.parametrize("account", ACCOUNTS)
def test_whether_someone_plans_conversations_is_answered_as_before(account, demo):
    """The rule asks the compiled set itself whether it has a row
    (``access.has_rows``): the same answer as the plain query."""
    from leerroute.conversations.rules import plans_for_someone
    from leerroute.core import access

    user = _fresh(account)
    expected = User.objects.filter(
        pk__in=conversation_queries.students_to_plan_for(_fresh(account))
    ).exists()
    assert plans_for_someone(user) is expected
    assert access.has_rows(access.pks_of(user, conversation_queries.students_to_plan_for)) is (
        expected
    )


def test_has_rows_is_false_for_an_empty_set_and_an_empty_scope(demo):
    from leerroute.core import access

    nobody = access.pks_subquery(User.objects.filter(username="niemand-bestaat"))
    assert access.has_rows(nobody) is False
    assert access.has_rows(access.pks_subquery(User.objects.none())) is False
    assert access.has_rows(access.pks_subquery(User.objects.filter(username="docent1"))) is True
