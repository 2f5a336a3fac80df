"""Per-rule tables for the state-dependent permissions: role x object state -> allowed.

Each table is asked through ``leerroute.core.access.can`` (the one door), on
the demo data put into the named state.
"""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from leerroute.core.access import can
from leerroute.feedback import services as feedback_services
from leerroute.feedback.models import ProgressReview, ReviewStatus
from leerroute.learning.models import LearningQuestion, Status
from leerroute.people.models import Placement
from leerroute.people.queries import current_placement
from leerroute.training.models import Enrolment, Programme

pytestmark = pytest.mark.django_db

YESTERDAY = datetime.timedelta(days=1)


def _end_placement(student):
    placement = current_placement(student)
    start = placement.start_date
    end = max(start, timezone.localdate() - YESTERDAY)
    if end >= timezone.localdate():
        # Started today: move the whole placement into the past.
        start = end = timezone.localdate() - YESTERDAY
    Placement.objects.filter(pk=placement.pk).update(start_date=start, end_date=end)


# --- feedback.publish_review: draft / published ---------------------------------------


@pytest.mark.parametrize(
    ("account", "draft", "published"),
    [
        ("studentbegeleider1", True, False),
        ("praktijkopleider1", True, False),
        ("werkbegeleider1", False, False),
        ("student1", False, False),
        ("docent1", False, False),
        ("studentbegeleider2", False, False),
        ("beheerder", False, False),
    ],
)
def test_publish_review(account, draft, published, demo):
    review = ProgressReview.objects.filter(
        student=demo["student1"], status=ReviewStatus.DRAFT
    ).first()
    assert can(demo[account], "feedback.publish_review", review) is draft
    review.status = ReviewStatus.PUBLISHED
    assert can(demo[account], "feedback.publish_review", review) is published


# --- feedback.change_feedback: author, placement in force / ended -----------------------


@pytest.mark.parametrize(
    ("account", "in_force", "ended"),
    [
        ("werkbegeleider1", True, False),  # the author, while they observe the student
        ("studentbegeleider1", False, False),  # not the author
        ("student1", False, False),
        ("praktijkopleider1", False, False),
    ],
)
def test_change_feedback(account, in_force, ended, demo):
    item = feedback_services.give_feedback(
        author=demo["werkbegeleider1"],
        student=demo["student1"],
        observe="Je mat de bloeddruk.",
        effect="Rustig.",
        pause="Samengevat.",
        suggestions="Zo doorgaan.",
    )
    assert can(demo[account], "feedback.change_feedback", item) is in_force
    _end_placement(demo["student1"])
    assert can(demo[account], "feedback.change_feedback", item) is ended


# --- learning.review_question: named mentor, placement in force / ended ---------------


@pytest.mark.parametrize(
    ("account", "in_force", "ended"),
    [
        ("werkbegeleider1", True, False),
        ("werkbegeleider2", False, False),
        ("studentbegeleider1", False, False),
        ("student1", False, False),
        ("praktijkopleider1", False, False),
    ],
)
def test_review_question(account, in_force, ended, demo):
    question = (
        LearningQuestion.objects.filter(student=demo["student1"])
        .exclude(status=Status.DRAFT)
        .first()
    )
    assert can(demo[account], "learning.review_question", question) is in_force
    _end_placement(demo["student1"])
    assert can(demo[account], "learning.review_question", question) is ended


# --- training.sign_up: invited / enrolled / neither -----------------------------------


@pytest.mark.parametrize("status", [Enrolment.Status.INVITED, Enrolment.Status.ENROLLED, None])
def test_sign_up(status, demo):
    person = demo["praktijkopleider2"]
    programme = Programme.objects.exclude(enrolments__user=person).first()
    if status is not None:
        enrolled_at = timezone.now() if status == Enrolment.Status.ENROLLED else None
        Enrolment.objects.create(
            programme=programme, user=person, status=status, enrolled_at=enrolled_at
        )
    assert can(person, "training.sign_up", programme) is (status == Enrolment.Status.INVITED)
