"""The one access door (leerroute.core.access) and the audit trail it writes.

Through HTTP: every read of a student's data by staff is logged once per
request after the permission check; 404/403 denials on student data are
logged as security events without content; the log is append-only in the
app; the administrator sees everything one account viewed in a period.
"""

from __future__ import annotations

import datetime
import io
import logging

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from leerroute.core import access
from leerroute.feedback.models import Feedback, ProgressReview
from leerroute.learning.models import LearningQuestion, Status
from leerroute.people.models import AccessLog, Team, User

pytestmark = pytest.mark.django_db


def rows(**filters):
    return list(AccessLog.objects.filter(**filters).order_by("pk"))


def feedback_of(demo, student):
    return Feedback.objects.filter(student=demo[student]).order_by("pk").first()


def review_of(demo, student, published):
    return ProgressReview.objects.filter(
        student=demo[student], published_at__isnull=not published
    ).first()


# --- reads are logged, once per request, after the check ---------------------


@pytest.mark.parametrize(
    ("name", "obj"),
    [
        ("feedback:detail", lambda d: feedback_of(d, "student1")),
        ("feedback:history", lambda d: feedback_of(d, "student1")),
        ("feedback:review", lambda d: review_of(d, "student1", published=True)),
        ("feedback:review", lambda d: review_of(d, "student1", published=False)),
        ("feedback:review_history", lambda d: review_of(d, "student1", published=True)),
        ("feedback:student", lambda d: d["student1"]),
        ("feedback:progress", lambda d: d["student1"]),
        ("people:student", lambda d: d["student1"]),
    ],
)
def test_a_staff_read_of_student_data_is_logged_once(name, obj, demo, client_for):
    response = client_for("studentbegeleider1").get(reverse(name, args=[obj(demo).pk]))
    assert response.status_code == 200
    logged = rows(user=demo["studentbegeleider1"])
    assert len(logged) == 1
    entry = logged[0]
    assert entry.student == demo["student1"]
    assert entry.outcome == AccessLog.Outcome.READ
    assert entry.view_name == name
    assert entry.roles == "ASSESSOR"


def test_a_learning_question_read_is_logged(demo, client_for):
    question = LearningQuestion.objects.filter(student=demo["student1"]).exclude(
        status=Status.DRAFT
    )[0]
    client_for("werkbegeleider1").get(reverse("learning:detail", args=[question.pk]))
    assert [(r.student, r.view_name) for r in rows(user=demo["werkbegeleider1"])] == [
        (demo["student1"], "learning:detail")
    ]


def test_a_team_overview_logs_each_student_shown(demo, client_for):
    tulp = Team.objects.get(name="Team Tulp")
    for name in ("feedback:team", "people:team"):
        before = AccessLog.objects.count()
        response = client_for("studentbegeleider1").get(reverse(name, args=[tulp.pk]))
        assert response.status_code == 200
        logged = AccessLog.objects.order_by("pk")[before:]
        students = {r.student for r in logged}
        assert demo["student1"] in students
        assert len(logged) == len(students), "one row per student per request"
        assert all(r.view_name == name for r in logged)


def test_a_read_of_many_students_at_once_logs_each_of_them(demo, rf):
    """More rows than one INSERT statement may carry (an export): in batches."""
    staff = demo["praktijkopleider1"]
    students = User.objects.bulk_create(User(username=f"leerling{i}") for i in range(300))
    request = rf.get("/exports/")
    request.user = staff
    access.log_reads(request, [s.pk for s in students])
    logged = AccessLog.objects.filter(user=staff, outcome=AccessLog.Outcome.READ)
    assert sorted(logged.values_list("student", flat=True)) == sorted(s.pk for s in students)
    assert {row.roles for row in logged} == {"PRACTICE_EDUCATOR"}


def test_a_student_reading_their_own_data_writes_no_row(demo, client_for):
    client_for("student1").get(reverse("feedback:student", args=[demo["student1"].pk]))
    client_for("student1").get(reverse("people:student", args=[demo["student1"].pk]))
    assert rows() == []


# --- denials are logged as security events; a refusal writes no read -----------------


def test_an_object_outside_scope_is_404_and_logged_as_denied(demo, client_for, caplog):
    item = feedback_of(demo, "student1")
    with caplog.at_level(logging.WARNING, logger="leerroute.security"):
        response = client_for("werkbegeleider2").get(reverse("feedback:detail", args=[item.pk]))
    assert response.status_code == 404
    (entry,) = rows()
    assert entry.user == demo["werkbegeleider2"]
    assert entry.student == demo["student1"]
    assert entry.outcome == AccessLog.Outcome.NOT_FOUND
    assert entry.object_type == "feedback.feedback" and entry.object_id == item.pk
    assert "status=404" in caplog.text and "object=Feedback" in caplog.text
    assert item.observe not in caplog.text


def test_a_student_record_outside_scope_is_logged_as_denied(demo, client_for):
    response = client_for("docent2").get(reverse("people:student", args=[demo["student1"].pk]))
    assert response.status_code == 404
    (entry,) = rows()
    assert (entry.user, entry.student, entry.outcome) == (
        demo["docent2"],
        demo["student1"],
        AccessLog.Outcome.NOT_FOUND,
    )


def test_a_refused_review_form_writes_a_denial_and_no_read(demo, client_for):
    # werkbegeleider1 sees student1 but a mentor never reviews: 403.
    url = reverse("feedback:review_create", args=[demo["student1"].pk])
    assert client_for("werkbegeleider1").get(url).status_code == 403
    (entry,) = rows()
    assert entry.outcome == AccessLog.Outcome.FORBIDDEN
    assert entry.student == demo["student1"]
    assert not rows(outcome=AccessLog.Outcome.READ)


def test_a_draft_review_is_hidden_from_a_mentor_and_the_attempt_logged(demo, client_for):
    draft = review_of(demo, "student1", published=False)
    response = client_for("werkbegeleider1").get(reverse("feedback:review", args=[draft.pk]))
    assert response.status_code == 404
    (entry,) = rows()
    assert entry.outcome == AccessLog.Outcome.NOT_FOUND
    assert entry.object_type == "feedback.progressreview"


def test_a_missing_object_is_logged_without_a_student(demo, client_for):
    response = client_for("werkbegeleider1").get(reverse("feedback:detail", args=[987654321]))
    assert response.status_code == 404
    (entry,) = rows()
    assert entry.student is None and entry.object_id == 987654321


# --- append-only --------------------------------------------------------------------


def _one_row(demo, client_for):
    client_for("praktijkopleider1").get(reverse("people:student", args=[demo["student1"].pk]))
    return AccessLog.objects.get()


def test_the_log_cannot_be_changed_or_deleted_in_the_app(demo, client_for):
    entry = _one_row(demo, client_for)
    entry.view_name = "iets anders"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    with pytest.raises(PermissionDenied):
        AccessLog.objects.all().delete()
    with pytest.raises(PermissionDenied):
        AccessLog.objects.update(view_name="x")
    assert AccessLog.objects.get().view_name == "people:student"


def test_the_beheer_cannot_delete_log_rows(demo, client_for):
    entry = _one_row(demo, client_for)
    client = client_for("beheerder")
    url = reverse("admin:people_accesslog_delete", args=[entry.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    changelist = reverse("admin:people_accesslog_changelist")
    response = client.post(
        changelist, {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )
    assert response.status_code in (200, 302)
    assert AccessLog.objects.filter(pk=entry.pk).exists()


def test_only_the_retention_job_removes_rows_past_retention(demo, client_for, settings):
    settings.ACCESS_LOG_RETENTION_DAYS = 30
    entry = _one_row(demo, client_for)
    # Made old through SQL: the app itself cannot change a row.
    old = timezone.now() - datetime.timedelta(days=31)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {AccessLog._meta.db_table} SET at = %s WHERE id = %s", [old, entry.pk]
        )
    client_for("praktijkopleider1").get(reverse("people:student", args=[demo["student2"].pk]))
    client_for("praktijkopleider2").get(reverse("people:student", args=[demo["student2"].pk]))
    out = io.StringIO()
    call_command("purge_access_log", stdout=out)
    assert "1 inzagelogregels verwijderd" in out.getvalue()
    assert not AccessLog.objects.filter(pk=entry.pk).exists()
    assert AccessLog.objects.count() == 2  # the two fresh rows stay


# --- the administrator's view: everything one account viewed in a period ------------


def test_the_administrator_sees_what_one_account_viewed(demo, client_for):
    client_for("praktijkopleider1").get(reverse("people:student", args=[demo["student1"].pk]))
    client_for("praktijkopleider1").get(reverse("people:student", args=[demo["student2"].pk]))
    client_for("werkbegeleider1").get(reverse("people:student", args=[demo["student1"].pk]))
    today = timezone.localdate().isoformat()
    response = client_for("beheerder").get(
        reverse("people:access_log"),
        {"account": "praktijkopleider1", "start": today, "end": today},
    )
    assert response.status_code == 200
    page = response.context["page"]
    assert {(r.user.username, r.student.username, r.outcome) for r in page} == {
        ("praktijkopleider1", "student1", "read"),
        ("praktijkopleider1", "student2", "not_found"),
    }
    body = response.content.decode()
    assert "Sanne Verhoef" in body and "people:student" in body


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"account": "niemand", "start": "2026-01-01", "end": "2026-01-31"}, "Er is geen account"),
        ({"account": "docent1", "start": "2026-02-01", "end": "2026-01-01"}, "vóór de begindatum"),
        ({"account": "docent1", "start": "2020-01-01", "end": "2026-01-01"}, "hoogstens een jaar"),
        ({"account": "docent1", "start": "gisteren", "end": "2026-01-01"}, "geldige datum"),
    ],
)
def test_the_access_log_page_explains_bad_input(params, message, client_for):
    response = client_for("beheerder").get(reverse("people:access_log"), params)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert response.context["page"] is None


def test_the_access_log_page_is_paginated_in_constant_queries(demo, client_for):
    today = timezone.localdate().isoformat()
    params = {"account": "praktijkopleider1", "start": today, "end": today}
    client = client_for("beheerder")
    client.get("/")  # the first page after signing in writes the session

    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("people:access_log"), params).status_code == 200
        return len(ctx)

    client_for("praktijkopleider1").get(reverse("people:student", args=[demo["student1"].pk]))
    one = count_queries()
    pupils = list(User.objects.filter(username__startswith="s.")[:5])
    for pupil in pupils:
        client_for("praktijkopleider1").get(reverse("people:student", args=[pupil.pk]))
    assert count_queries() == one


# --- the door itself ---------------------------------------------------------------


def test_every_model_fetched_by_a_view_has_one_registered_scope():
    for model in (User, Feedback, ProgressReview, LearningQuestion, Team):
        assert access.visible(None, model).count() == 0


def test_services_check_the_permission_themselves(demo):
    """The API and commands call services: a service refuses what the rules refuse."""
    from leerroute.feedback import services

    with pytest.raises(PermissionDenied):
        services.give_feedback(
            author=demo["werkbegeleider2"],
            student=demo["student1"],
            observe="o",
            effect="e",
            pause="p",
            suggestions="s",
        )
    item = feedback_of(demo, "student1")
    with pytest.raises(PermissionDenied):
        services.mark_feedback_read(item, by=demo["werkbegeleider1"])
    review = review_of(demo, "student1", published=False)
    with pytest.raises(PermissionDenied):
        services.publish_review(review, by=demo["werkbegeleider1"], expected_version=review.version)
    assert not ProgressReview.objects.get(pk=review.pk).is_published
