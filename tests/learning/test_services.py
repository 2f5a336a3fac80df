"""Services: the lifecycle, history, locking, validation, permissions, e-mail."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from leerroute.learning import services
from leerroute.learning.models import LearningQuestion, Message, Review, Status, Transition
from leerroute.qualifications.models import Qualification

ALL = services.Checklist(True, True, True, True, True)


def test_full_lifecycle_is_recorded(make_question, demo, django_capture_on_commit_callbacks):
    q = make_question()
    student, mentor = demo["student1"], demo["werkbegeleider1"]
    with django_capture_on_commit_callbacks(execute=True):
        q = services.submit(q, student)
    assert q.status == Status.SUBMITTED
    assert mail.outbox and mail.outbox[-1].to == [mentor.email]
    assert q.question not in mail.outbox[-1].body  # PRIV-27: a link only
    q = services.ask_clarification(q, mentor, "Bij welke bewoner?", services.Checklist(), q.version)
    q = services.resubmit(q, student, "Bij de bewoners op kamer 3 en 5.")
    q = services.approve(q, mentor, ALL, "Ik kijk de eerste drie keer mee.", q.version)
    assert q.mentor_support == "Ik kijk de eerste drie keer mee."
    q = services.complete(q, student, "Het lukte na twee keer oefenen.", q.version)
    assert q.status == Status.COMPLETED
    steps = list(q.transitions.values_list("from_status", "to_status", "by__username"))
    assert steps == [
        ("", "draft", "student1"),
        ("draft", "submitted", "student1"),
        ("submitted", "clarification", "werkbegeleider1"),
        ("clarification", "resubmitted", "student1"),
        ("resubmitted", "approved", "werkbegeleider1"),
        ("approved", "completed", "student1"),
    ]
    assert [m.author.username for m in q.messages.all()] == ["werkbegeleider1", "student1"]
    assert list(q.reviews.values_list("decision", flat=True)) == ["clarification", "approved"]
    assert q.version == 6


@pytest.mark.parametrize(
    ("path", "action"),
    [
        (("submit", "approve"), "approve"),
        ((), "complete"),
        (("submit",), "submit"),
        (("submit",), "resubmit"),
        (("submit",), "complete"),
        (("submit", "approve"), "ask"),
        (("submit", "ask"), "approve"),
    ],
)
def test_invalid_transitions_are_refused(make_question, demo, path, action):
    q = make_question(path)
    student, mentor = demo["student1"], demo["werkbegeleider1"]
    before = (q.status, q.version, Transition.objects.filter(question=q).count())
    calls = {
        "submit": lambda: services.submit(q, student),
        "resubmit": lambda: services.resubmit(q, student),
        "complete": lambda: services.complete(q, student, "Klaar.", q.version),
        "approve": lambda: services.approve(q, mentor, ALL, "Steun.", q.version),
        "ask": lambda: services.ask_clarification(q, mentor, "Vraag?", ALL, q.version),
    }
    with pytest.raises(services.InvalidTransition) as caught:
        calls[action]()
    assert "status" in caught.value.message
    q.refresh_from_db()
    assert (q.status, q.version, Transition.objects.filter(question=q).count()) == before


def test_a_stale_save_is_refused(make_question, demo, future):
    q = make_question()
    student = demo["student1"]
    content = services.Content(question="Ik wil leren een wond te verzorgen.", target_date=future)
    services.update(q, student, content, q.version)
    stale = services.Content(question="Mijn oude tekst.", target_date=future)
    with pytest.raises(services.VersionConflict) as caught:
        services.update(q, student, stale, q.version)  # the version read before the first save
    assert "intussen gewijzigd" in caught.value.message
    q.refresh_from_db()
    assert q.question == "Ik wil leren een wond te verzorgen."


def test_two_mentors_cannot_both_decide(make_question, demo):
    q = make_question(("submit",))
    mentor = demo["werkbegeleider1"]
    services.approve(q, mentor, ALL, "Ik doe het voor.", q.version)
    with pytest.raises((services.InvalidTransition, services.VersionConflict)):
        services.ask_clarification(q, mentor, "Nog een vraag?", ALL, q.version)
    assert LearningQuestion.objects.get(pk=q.pk).status == Status.APPROVED


def test_approval_needs_the_whole_checklist_and_support(make_question, demo):
    q = make_question(("submit",))
    mentor = demo["werkbegeleider1"]
    with pytest.raises(services.InvalidContent) as caught:
        services.approve(
            q, mentor, services.Checklist(True, True, False, True, True), "", q.version
        )
    assert set(caught.value.errors) == {"checklist", "mentor_support"}
    assert LearningQuestion.objects.get(pk=q.pk).status == Status.SUBMITTED
    assert not Review.objects.filter(question=q).exists()


def test_clarification_needs_a_message(make_question, demo):
    q = make_question(("submit",))
    with pytest.raises(services.InvalidContent):
        services.ask_clarification(q, demo["werkbegeleider1"], "  ", ALL, q.version)
    assert not Message.objects.filter(question=q).exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"question": "   "}, "question"),
        ({"question": "x" * 601}, "question"),
        ({"steps": "x" * 2001}, "steps"),
        ({"target_date": datetime.date(2000, 1, 1)}, "target_date"),
    ],
)
def test_bad_content_changes_nothing(demo, changes, field, future):
    data = {"question": "Ik wil leren.", "target_date": future, **changes}
    before = LearningQuestion.objects.count()
    with pytest.raises(services.InvalidContent) as caught:
        services.save_draft(demo["student1"], services.Content(**data))
    assert field in caught.value.errors
    assert LearningQuestion.objects.count() == before


def test_work_process_of_another_qualification_is_refused(demo, future):
    foreign = Qualification.objects.get(title="Mbo-Verpleegkundige").work_processes.get(
        code="P2-K1-W1"
    )
    with pytest.raises(services.InvalidContent) as caught:
        services.save_draft(
            demo["student1"],
            services.Content(question="Ik wil leren.", work_process_ids=[foreign.pk]),
        )
    assert "eigen kwalificatie" in caught.value.errors["work_processes"]


def test_submit_needs_a_target_date(demo):
    q = services.save_draft(demo["student1"], services.Content(question="Ik wil leren."))
    with pytest.raises(services.InvalidContent) as caught:
        services.submit(q, demo["student1"])
    assert "streefdatum" in caught.value.errors["target_date"]
    assert LearningQuestion.objects.get(pk=q.pk).status == Status.DRAFT


@pytest.mark.parametrize("who", ["werkbegeleider1", "studentbegeleider1", "beheerder", "student2"])
def test_only_the_student_changes_their_question(make_question, demo, who):
    q = make_question()
    with pytest.raises(PermissionDenied):
        services.submit(q, demo[who])


@pytest.mark.parametrize("who", ["student1", "studentbegeleider1", "werkbegeleider2", "beheerder"])
def test_only_the_named_mentor_reviews(make_question, demo, who):
    q = make_question(("submit",))
    with pytest.raises(PermissionDenied):
        services.approve(q, demo[who], ALL, "Steun.", q.version)


def test_a_mentor_of_an_ended_placement_cannot_review(make_question, demo):
    q = make_question(("submit",))
    placement = q.placement
    placement.end_date = timezone.localdate() - datetime.timedelta(days=1)
    placement.save()
    with pytest.raises(PermissionDenied):
        services.approve(q, demo["werkbegeleider1"], ALL, "Steun.", q.version)


def test_staff_cannot_write_questions(demo):
    with pytest.raises(PermissionDenied):
        services.save_draft(demo["werkbegeleider1"], services.Content(question="Ik wil leren."))
