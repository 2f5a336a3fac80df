"""Retention (PRIV-07, PRIV-08) and erasure of one student (PRIV-13, PRIV-14)."""

import datetime

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.urls import reverse
from django.utils import timezone

from leerroute.feedback.models import Feedback, ProgressReview
from leerroute.learning.models import LearningQuestion
from leerroute.people.models import AccessLog, Enrollment, Placement, Role, RoleAssignment, User
from leerroute.privacy import retention
from leerroute.privacy.models import Archive, ErasureLog

pytestmark = pytest.mark.django_db


def _leave_route(student: User, days_ago: int) -> datetime.date:
    """End the student's role, placements and enrolments ``days_ago`` days ago."""
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    for model, field in [(RoleAssignment, "user"), (Placement, "student"), (Enrollment, "student")]:
        for n, row in enumerate(model.objects.filter(**{field: student}).order_by("-start_date")):
            start = min(row.start_date, day - datetime.timedelta(days=30 * (n + 1)))
            model.objects.filter(pk=row.pk).update(start_date=start, end_date=day)
    return day


def _counts(student):
    return (
        LearningQuestion.objects.filter(student=student).count(),
        Feedback.objects.filter(student=student).count(),
        ProgressReview.objects.filter(student=student).count(),
    )


def test_expired_rows_are_archived_then_purged_exactly(settings):
    gone = User.objects.get(username="student1")
    stays = User.objects.get(username="student2")
    _leave_route(gone, days_ago=400)  # past learning/feedback (365), not reviews (548)
    _leave_route(stays, days_ago=100)
    before_stays = _counts(stays)
    questions, feedback, reviews = _counts(gone)
    assert questions and feedback

    report = retention.apply()
    assert report.archived["learning"] == 1
    assert report.archived["feedback"] == 1
    assert "reviews" not in report.archived
    assert _counts(gone) == (questions, feedback, reviews)  # archived, not yet purged

    later = timezone.now() + datetime.timedelta(days=settings.RETENTION_PURGE_DELAY_DAYS + 1)
    report = retention.apply(now=later)
    assert _counts(gone) == (0, 0, reviews)
    assert report.purged["learning"] >= questions
    assert _counts(stays) == before_stays
    # Running again changes nothing.
    again = retention.apply(now=later)
    assert not again.purged.get("learning") and not again.archived.get("learning")


def test_a_student_back_in_the_route_is_not_purged(settings):
    student = User.objects.get(username="student1")
    day = _leave_route(student, days_ago=400)
    retention.apply()
    assert Archive.objects.filter(student=student).exists()
    RoleAssignment.objects.filter(user=student).update(end_date=None)
    later = timezone.now() + datetime.timedelta(days=settings.RETENTION_PURGE_DELAY_DAYS + 1)
    report = retention.apply(now=later)
    assert report.restored >= 1
    assert LearningQuestion.objects.filter(student=student).exists()
    assert day


def test_old_access_log_rows_are_removed_after_the_delay(settings):
    old = timezone.now() - datetime.timedelta(
        days=settings.RETENTION_DAYS["access_log"] + settings.RETENTION_PURGE_DELAY_DAYS + 2
    )
    row = AccessLog.objects.create(view_name="people:student")
    AccessLog._base_manager.filter(pk=row.pk).update(at=old)
    fresh = AccessLog.objects.create(view_name="people:student")
    retention.apply()
    assert not AccessLog.objects.filter(pk=row.pk).exists()
    assert AccessLog.objects.filter(pk=fresh.pk).exists()


def test_the_command_prints_counts_only(capsys):
    _leave_route(User.objects.get(username="student1"), days_ago=400)
    call_command("apply_retention")
    out = capsys.readouterr().out
    assert "gearchiveerd learning: 1" in out
    assert "student1" not in out and "Sanne" not in out


def test_erasure_is_refused_while_the_student_is_in_the_route(client_for):
    student = User.objects.get(username="student1")
    response = client_for("beheerder").post(
        reverse("privacy:erase"), {"username": "student1", "confirm": "ja"}
    )
    assert response.status_code == 200
    assert "De student zit nog in de leerroute" in response.content.decode()
    assert User.objects.filter(pk=student.pk).exists()


def test_erasure_is_refused_while_reviews_must_be_kept(client_for):
    student = User.objects.get(username="student1")
    _leave_route(student, days_ago=100)
    assert ProgressReview.objects.published().filter(student=student).exists()
    body = (
        client_for("beheerder")
        .post(reverse("privacy:erase"), {"username": "student1", "confirm": "ja"})
        .content.decode()
    )
    assert "Voortgangsbeoordelingen moeten bewaard blijven tot" in body
    assert User.objects.filter(pk=student.pk).exists()


def _references(pk: int, names: list[str]) -> list[str]:
    """Every row anywhere in the database that still points at or names the student."""
    found = []
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.related_model is User and field.concrete:
                if field.many_to_many:
                    through = getattr(model, field.name).through
                    column = f"{field.m2m_reverse_field_name()}_id"
                    if through.objects.filter(**{column: pk}).exists():
                        found.append(f"{through.__name__}.{column}")
                elif model._base_manager.filter(**{field.attname: pk}).exists():
                    found.append(f"{model.__name__}.{field.name}")
            elif isinstance(field, (models.CharField, models.TextField)):
                for name in names:
                    if model._base_manager.filter(**{f"{field.name}__contains": name}).exists():
                        found.append(f"{model.__name__}.{field.name} ~ {name}")
    if AccessLog._base_manager.filter(object_type="User", object_id=pk).exists():
        found.append("AccessLog.object_id")
    return found


def test_an_erased_student_leaves_no_row_behind(client_for):
    student = User.objects.get(username="student1")
    client_for("praktijkopleider1").get(reverse("people:student", kwargs={"pk": student.pk}))
    _leave_route(student, days_ago=600)  # past every retention period
    names = [student.username, student.get_full_name()]
    assert _references(student.pk, names)
    response = client_for("beheerder").post(
        reverse("privacy:erase"), {"username": "student1", "confirm": "ja"}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=student.pk).exists()
    assert _references(student.pk, names) == []
    log = ErasureLog.objects.get()
    assert "student1" not in str(log.counts)
    assert log.by.username == "beheerder"


def test_erasure_needs_the_confirmation(client_for):
    student = User.objects.get(username="student1")
    _leave_route(student, days_ago=600)
    body = (
        client_for("beheerder")
        .post(reverse("privacy:erase"), {"username": "student1"})
        .content.decode()
    )
    assert "Vink aan dat je de student definitief wilt verwijderen." in body
    assert User.objects.filter(pk=student.pk).exists()


def test_an_unknown_username_gets_a_dutch_message(client_for):
    body = (
        client_for("beheerder")
        .get(reverse("privacy:erase"), {"username": "bestaatniet"})
        .content.decode()
    )
    assert "Er is geen account met deze gebruikersnaam." in body


@pytest.mark.parametrize("account", ["praktijkopleider1", "docent1", "student1", "trainer"])
def test_only_the_beheerder_erases(account, client_for):
    _leave_route(User.objects.get(username="student2"), days_ago=600)
    response = client_for(account).post(
        reverse("privacy:erase"), {"username": "student2", "confirm": "ja"}
    )
    assert response.status_code == 403
    assert User.objects.filter(username="student2").exists()
    assert Role.STUDENT
