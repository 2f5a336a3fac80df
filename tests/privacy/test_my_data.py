"""'Mijn gegevens': a student sees and downloads all their data (PRIV-09..11)."""

import datetime
import json
from pathlib import Path

import jsonschema
import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerroute.feedback.models import Feedback
from leerroute.learning.models import LearningQuestion
from leerroute.people.models import User

pytestmark = pytest.mark.django_db

SCHEMA_FILE = Path(__file__).resolve().parents[2] / "docs" / "schemas" / "mijn-gegevens.schema.json"


def _json(client) -> dict:
    response = client.get(reverse("privacy:my_data_json"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mijn-gegevens.json"'
    return json.loads(response.content)


def test_the_json_export_validates_against_the_schema_in_the_repo(client_for):
    data = _json(client_for("student1"))
    schema = json.loads(SCHEMA_FILE.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())
    for section in data["onderdelen"].values():
        for row in section:
            for key, value in row.items():
                if key in {"gegeven_op", "aangemaakt", "bijgewerkt"}:
                    datetime.datetime.fromisoformat(value)


def test_the_schema_in_the_repo_is_up_to_date(capsys):
    call_command("export_schema")
    assert json.loads(capsys.readouterr().out) == json.loads(SCHEMA_FILE.read_text()), (
        "Regenerate: .venv/bin/python manage.py export_schema > "
        "docs/schemas/mijn-gegevens.schema.json"
    )


def test_the_published_schema_is_the_same(client):
    response = client.get(reverse("privacy:schema"))
    assert response.status_code == 200
    assert json.loads(response.content) == json.loads(SCHEMA_FILE.read_text())


def test_the_export_holds_all_of_the_students_data(client_for):
    student = User.objects.get(username="student1")
    data = _json(client_for("student1"))["onderdelen"]
    assert data["profiel"][0]["gebruikersnaam"] == "student1"
    questions = LearningQuestion.objects.filter(student=student)
    assert {row["leervraag"] for row in data["leervragen"]} == {q.question for q in questions}
    feedback = Feedback.objects.filter(student=student)
    assert {row["observeren"] for row in data["feedback"]} == {f.observe for f in feedback}
    assert len(data["bpv_plaatsen"]) == student.placements.count()
    assert len(data["inschrijvingen"]) == student.enrollments.count()
    published = [r for r in data["voortgangsbeoordelingen"] if r["gepubliceerd_op"]]
    assert len(published) == len(data["voortgangsbeoordelingen"])


def test_the_export_holds_nothing_of_other_students(client_for):
    body = client_for("student1").get(reverse("privacy:my_data_json")).content.decode()
    html = client_for("student1").get(reverse("privacy:my_data_html")).content.decode()
    others = User.objects.filter(role_assignments__role="STUDENT").exclude(username="student1")
    for other in others.distinct():
        for text in (body, html):
            assert other.username not in text
            assert other.get_full_name() not in text
        for q in LearningQuestion.objects.filter(student=other):
            assert q.question not in body


def test_the_html_file_is_a_readable_document(client_for):
    response = client_for("student1").get(reverse("privacy:my_data_html"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="mijn-gegevens.html"'
    body = response.content.decode()
    assert body.startswith("<!DOCTYPE html>")
    assert '<html lang="nl">' in body
    for heading in ["Profiel", "BPV-plaatsen", "Leervragen", "Feedback", "Voortgangsbeoordelingen"]:
        assert heading in body


def test_the_page_shows_the_data_and_links_the_downloads(client_for):
    response = client_for("student1").get(reverse("privacy:my_data"))
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("privacy:my_data_json") in body
    assert reverse("privacy:my_data_html") in body
    assert reverse("privacy:who_viewed") in body
    question = LearningQuestion.objects.filter(student__username="student1").first()
    assert question.question.split("\n")[0][:40] in body


@pytest.mark.parametrize(
    "account", ["werkbegeleider1", "praktijkopleider1", "docent1", "beheerder"]
)
def test_staff_have_no_my_data_page(account, client_for):
    assert client_for(account).get(reverse("privacy:my_data")).status_code == 403
    assert client_for(account).get(reverse("privacy:my_data_json")).status_code == 403


def test_the_profile_links_my_data_for_students_only(client_for):
    link = f'href="{reverse("privacy:my_data")}"'
    assert link in client_for("student1").get(reverse("core:profile")).content.decode()
    assert link not in client_for("werkbegeleider1").get(reverse("core:profile")).content.decode()


def test_the_export_has_a_constant_number_of_queries(client_for):
    from leerroute.feedback.models import Feedback

    client = client_for("student1")
    client.get("/")  # the first page after signing in writes the session
    url = reverse("privacy:my_data_json")
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    template = Feedback.objects.filter(student__username="student1").first()
    for _ in range(10):
        template.pk = None
        template.version = 1
        template.save()
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)
