import datetime

import pytest
from django.utils import timezone

from leerroute.learning import services
from leerroute.learning.models import LearningQuestion


@pytest.fixture
def future():
    return timezone.localdate() + datetime.timedelta(days=14)


@pytest.fixture
def vig_wp(db):
    from leerroute.qualifications.models import Qualification

    return Qualification.objects.get(title="Verzorgende IG").work_processes.get(code="B1-K1-W4")


@pytest.fixture
def make_question(demo, future, vig_wp):
    """A fresh question of student1, in draft (or pushed along a path)."""

    def make(path=(), username="student1"):
        student = demo[username]
        q = services.save_draft(
            student,
            services.Content(
                question="Ik wil leren zelfstandig insuline te injecteren volgens protocol.",
                work_process_ids=[vig_wp.pk] if username == "student1" else [],
                steps="Meekijken, oefenen, zelf doen.",
                support_requested="Voordoen en meekijken.",
                target_date=future,
            ),
        )
        mentor = demo["werkbegeleider1"]
        for step in path:
            if step == "submit":
                q = services.submit(q, student)
            elif step == "ask":
                q = services.ask_clarification(
                    q, mentor, "Wanneer precies?", services.Checklist(), q.version
                )
            elif step == "resubmit":
                q = services.resubmit(q, student, "Voor 1 juni.")
            elif step == "approve":
                q = services.approve(
                    q,
                    mentor,
                    services.Checklist(True, True, True, True, True),
                    "Ik doe het voor.",
                    q.version,
                )
        return LearningQuestion.objects.get(pk=q.pk)

    return make


@pytest.fixture(autouse=True)
def fresh_checker_indexes():
    """The checker caches indexes per process; a rolled-back test must not leave one behind."""
    from leerroute.learning import checker

    checker.invalidate()
    yield
    checker.invalidate()
