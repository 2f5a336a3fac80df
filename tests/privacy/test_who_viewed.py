"""'Wie heeft mijn gegevens bekeken?' (PRIV-23) and the beheerder's view per student."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerroute.people.models import AccessLog, User

pytestmark = pytest.mark.django_db


def _student(name):
    return User.objects.get(username=name)


def test_student_sees_that_the_practice_educator_viewed_their_record(client_for):
    student = _student("student1")
    client_for("praktijkopleider1").get(reverse("people:student", kwargs={"pk": student.pk}))
    body = client_for("student1").get(reverse("privacy:who_viewed")).content.decode()
    educator = _student("praktijkopleider1")
    assert educator.get_full_name() in body
    assert "DSV|verzorgd leven" in body
    assert "Praktijkopleider" in body or "praktijkopleider" in body
    assert "Studentgegevens" in body


def test_student_never_sees_another_students_log(client_for):
    student2 = _student("student2")
    client_for("praktijkopleider2").get(reverse("people:student", kwargs={"pk": student2.pk}))
    body = client_for("student1").get(reverse("privacy:who_viewed")).content.decode()
    assert _student("praktijkopleider2").get_full_name() not in body
    # No parameter lets a student pick another record.
    other = client_for("student1").get(reverse("privacy:who_viewed"), {"student": student2.pk})
    assert _student("praktijkopleider2").get_full_name() not in other.content.decode()


def test_own_reads_are_not_listed(client_for):
    client = client_for("student1")
    client.get(reverse("people:student", kwargs={"pk": _student("student1").pk}))
    assert not AccessLog.objects.filter(student__username="student1", user__username="student1")
    body = client.get(reverse("privacy:who_viewed")).content.decode()
    assert "Nog niemand heeft je gegevens bekeken." in body


def test_the_log_row_records_the_organisation_at_the_time(client_for):
    student = _student("student1")
    client_for("docent1").get(reverse("people:student", kwargs={"pk": student.pk}))
    row = AccessLog.objects.filter(student=student, user__username="docent1").latest("at")
    assert row.organisations
    body = client_for("student1").get(reverse("privacy:who_viewed")).content.decode()
    assert "mboRijnland" in body


def test_who_viewed_has_a_constant_number_of_queries(client_for):
    student = _student("student1")
    client = client_for("student1")
    client_for("werkbegeleider1").get(reverse("people:student", kwargs={"pk": student.pk}))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse("privacy:who_viewed"))
    for account in ["praktijkopleider1", "docent1", "studentbegeleider1", "beheerder"]:
        for _ in range(3):
            client_for(account).get(reverse("people:student", kwargs={"pk": student.pk}))
    with CaptureQueriesContext(connection) as after:
        client.get(reverse("privacy:who_viewed"))
    assert len(after) == len(before)


def test_beheerder_sees_the_log_per_student(client_for):
    student = _student("student1")
    client_for("praktijkopleider1").get(reverse("people:student", kwargs={"pk": student.pk}))
    today = timezone.localdate().isoformat()
    body = (
        client_for("beheerder")
        .get(reverse("people:access_log"), {"student": "student1", "start": today, "end": today})
        .content.decode()
    )
    assert _student("praktijkopleider1").get_full_name() in body
    assert "inzage" in body


def test_beheerder_must_name_an_account_or_a_student(client_for):
    body = (
        client_for("beheerder")
        .get(reverse("people:access_log"), {"start": "2026-01-01", "end": "2026-01-02"})
        .content.decode()
    )
    assert "Vul de gebruikersnaam van een medewerker of van een student in." in body
