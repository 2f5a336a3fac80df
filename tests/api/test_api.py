"""The REST API: tokens, scope, actions through the services, errors, query counts."""

import io
import logging
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerroute.api.models import ApiToken
from leerroute.core.tokens import hash_secret as hash_token
from leerroute.feedback.models import Feedback
from leerroute.learning.models import LearningQuestion
from leerroute.people.models import AccessLog, Placement, RoleAssignment
from tests.api.helpers import post as _post

pytestmark = pytest.mark.django_db


# --- Tokens --------------------------------------------------------------------------


def test_token_made_on_the_profile_is_shown_once_and_stored_hashed(client_for):
    client = client_for("student1")
    response = client.post(reverse("api_tokens:create"), {"name": "mijn script"})
    assert response.status_code == 200
    body = response.content.decode()
    row = ApiToken.objects.get(user__username="student1", name="mijn script")
    token = body.split('id="nieuwe-token" value="', 1)[1].split('"', 1)[0]
    assert token.startswith(row.prefix)
    assert row.hashed_token == hash_token(token) and token not in row.hashed_token
    assert (
        response["Cache-Control"].startswith("max-age=0") or "no-store" in response["Cache-Control"]
    )
    profile = client.get(reverse("core:profile")).content.decode()
    assert "mijn script" in profile and row.prefix in profile and token not in profile
    assert "nog niet" in profile

    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert api.get("/api/v1/me/").json()["username"] == "student1"
    row.refresh_from_db()
    assert row.last_used_at is not None

    revoke = client.post(reverse("api_tokens:revoke", args=[row.pk]))
    assert revoke.status_code == 302
    assert api.get("/api/v1/me/").status_code == 401


def test_token_needs_a_name(client_for):
    response = client_for("student1").post(reverse("api_tokens:create"), {"name": " "})
    assert response.status_code == 302
    assert not ApiToken.objects.filter(user__username="student1").exists()


def test_someone_elses_token_cannot_be_revoked(client_for, token_for, demo):
    token_for("student2")
    row = ApiToken.objects.get(user__username="student2")
    response = client_for("student1").post(reverse("api_tokens:revoke", args=[row.pk]))
    assert response.status_code == 404
    row.refresh_from_db()
    assert row.revoked_at is None


def test_create_api_token_command_prints_a_working_token():
    out = io.StringIO()
    call_command("create_api_token", "docent1", "--name", "rooster", stdout=out)
    token = out.getvalue().strip()
    assert ApiToken.objects.get(name="rooster").hashed_token == hash_token(token)
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/me/")
    assert response.json()["username"] == "docent1"


def test_create_api_token_command_refuses_unknown_people():
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("create_api_token", "niemand", "--name", "x", stdout=io.StringIO())


@pytest.mark.parametrize("header", [None, "Bearer lr_fout", "Basic abc", "Bearer "])
def test_missing_or_bad_token_is_401_problem(header):
    client = Client(HTTP_AUTHORIZATION=header) if header else Client()
    response = client.get("/api/v1/people/")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "API-token" in response.json()["detail"]


def test_tokens_never_reach_the_logs(api_for, caplog):
    caplog.set_level(logging.DEBUG)
    client = api_for("werkbegeleider1")
    token = client.defaults["HTTP_AUTHORIZATION"].split(" ", 1)[1]
    client.get("/api/v1/people/999999/")
    client.get("/api/v1/feedback/")
    Client(HTTP_AUTHORIZATION="Bearer lr_geheim-fout").get("/api/v1/me/")
    assert token not in caplog.text and "lr_geheim-fout" not in caplog.text


def test_ended_roles_authenticate_but_see_nothing(api_for, demo):
    RoleAssignment.objects.filter(user=demo["werkbegeleider1"]).delete()
    client = api_for("werkbegeleider1")
    assert client.get("/api/v1/people/").json()["count"] == 0
    assert client.get(f"/api/v1/people/{demo['student1'].pk}/").status_code == 404


# --- Scope ------------------------------------------------------------------------


def test_lists_show_only_the_scope(api_for, demo):
    ids = {p["id"] for p in api_for("werkbegeleider2").get("/api/v1/people/").json()["items"]}
    assert demo["student2"].pk in ids and demo["student1"].pk not in ids
    s1 = api_for("student1").get("/api/v1/feedback/").json()
    assert s1["count"] and {f["student"] for f in s1["items"]} == {demo["student1"].pk}
    # Staff never see a student's drafts.
    statuses = {
        q["status"]
        for q in api_for("werkbegeleider1")
        .get("/api/v1/learning-questions/?limit=100")
        .json()["items"]
    }
    assert "draft" not in statuses


def test_detail_outside_scope_is_404_and_logged(api_for, demo):
    item = Feedback.objects.filter(student=demo["student1"]).first()
    response = api_for("werkbegeleider2").get(f"/api/v1/feedback/{item.pk}/")
    assert response.status_code == 404
    assert response.json()["title"] == "Niet gevonden"
    assert AccessLog.objects.filter(
        user=demo["werkbegeleider2"], student=demo["student1"], outcome="not_found"
    ).exists()


def test_reads_of_student_data_are_logged(api_for, demo):
    api_for("werkbegeleider1").get("/api/v1/placements/")
    assert AccessLog.objects.filter(
        user=demo["werkbegeleider1"], student=demo["student1"], outcome="read"
    ).exists()


def test_filters_and_changed_since(api_for, demo):
    client = api_for("praktijkopleider1")
    only = client.get(f"/api/v1/feedback/?student={demo['student1'].pk}").json()
    assert only["count"] and {f["student"] for f in only["items"]} == {demo["student1"].pk}
    future = client.get("/api/v1/feedback/?changed_since=2999-01-01T00:00:00Z").json()
    assert future["count"] == 0
    page = client.get("/api/v1/teams/?limit=2&offset=1").json()
    assert len(page["items"]) == 2 and page["offset"] == 1


def test_bad_query_is_422_with_the_field(api_for):
    response = api_for("beheerder").get("/api/v1/people/?limit=1000")
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "limit"


# --- Actions through the services ------------------------------------------------


def test_student_writes_and_submits_a_learning_question(api_for, demo):
    from datetime import timedelta

    from django.utils import timezone

    client = api_for("student1")
    future = (timezone.localdate() + timedelta(days=10)).isoformat()
    created = _post(
        client,
        "/api/v1/learning-questions/",
        {"question": "Ik wil leren een wond te verzorgen.", "target_date": future},
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["status"] == "draft"
    submitted = _post(client, f"/api/v1/learning-questions/{pk}/submit/", {})
    assert submitted.status_code == 200
    assert LearningQuestion.objects.get(pk=pk).status == "submitted"
    again = _post(client, f"/api/v1/learning-questions/{pk}/submit/", {})
    assert again.status_code == 409


def test_learning_question_validation_names_the_field(api_for):
    response = _post(api_for("student1"), "/api/v1/learning-questions/", {"question": "  "})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "question"
    nul = _post(api_for("student1"), "/api/v1/learning-questions/", {"question": "a\u0000b"})
    assert nul.status_code == 422


def test_mentor_may_not_write_a_learning_question(api_for):
    response = _post(api_for("werkbegeleider1"), "/api/v1/learning-questions/", {"question": "x"})
    assert response.status_code == 403
    assert response.json()["title"] == "Geen toestemming"


def test_mentor_gives_feedback_and_student_reacts(api_for, demo):
    data = {
        "student": demo["student1"].pk,
        "observe": "Je hielp bij het opstaan.",
        "effect": "Rustig.",
        "pause": "Je vond het goed gaan.",
        "suggestions": "Blijf vragen.",
    }
    created = _post(api_for("werkbegeleider1"), "/api/v1/feedback/", data)
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert Feedback.objects.get(pk=pk).author == demo["werkbegeleider1"]
    reacted = _post(
        api_for("student1"), f"/api/v1/feedback/{pk}/response/", {"response": "Dank je!"}
    )
    assert reacted.status_code == 200
    assert reacted.json()["student_response"] == "Dank je!"
    stale = _post(
        api_for("student1"), f"/api/v1/feedback/{pk}/response/", {"response": "x", "version": 1}
    )
    assert stale.status_code == 409
    refused = _post(
        api_for("werkbegeleider1"), f"/api/v1/feedback/{pk}/response/", {"response": "x"}
    )
    assert refused.status_code == 403


def test_feedback_for_a_student_outside_the_team_is_refused(api_for, demo):
    data = {"student": demo["student1"].pk, "observe": "a", "effect": "b", "pause": "c"}
    response = _post(api_for("werkbegeleider2"), "/api/v1/feedback/", {**data, "suggestions": "d"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "student"
    missing = _post(api_for("werkbegeleider1"), "/api/v1/feedback/", {"student": 1})
    assert missing.status_code == 422
    assert {e["field"] for e in missing.json()["errors"]} >= {"observe", "suggestions"}


def test_session_use_needs_csrf_for_writes(demo):
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo["student1"])
    assert client.get("/api/v1/me/").status_code == 200
    response = _post(client, "/api/v1/learning-questions/", {"question": "Ik wil leren."})
    assert response.status_code == 403


# --- Documentation and query counts ---------------------------------------------------


def test_schema_and_docs_need_sign_in(api_for, client_for):
    assert Client().get("/api/v1/openapi.json").status_code == 401
    schema = api_for("docent1").get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/learning-questions/" in schema["paths"]
    docs = client_for("docent1").get("/api/v1/docs")
    assert docs.status_code == 200
    body = docs.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in body
    # Served from Leerroute itself: every script and stylesheet is a local path, no CDN
    # (a random token in the page may spell "cdn", so the hosts are what is checked).
    sources = re.findall(r'(?:src|href)="([^"]*)"', body)
    assert sources and all(s.startswith("/") and not s.startswith("//") for s in sources), sources
    assert "cdn." not in body.lower()


@pytest.mark.parametrize("path", ["people", "placements", "feedback", "learning-questions"])
def test_list_query_count_does_not_grow(path, api_for, demo):
    from leerroute.people.models import Team
    from tests.people.test_views import _add_students

    client = api_for("praktijkopleider1")
    client.get(f"/api/v1/{path}/")
    with CaptureQueriesContext(connection) as before:
        client.get(f"/api/v1/{path}/")
    _add_students(Team.objects.get(name="Team Tulp"), 5, demo["werkbegeleider1"])
    for placement in Placement.objects.filter(team__name="Team Tulp"):
        Feedback.objects.create(
            student=placement.student,
            author=demo["werkbegeleider1"],
            placement=placement,
            observe="a",
            effect="b",
            pause="c",
            suggestions="d",
        )
    with CaptureQueriesContext(connection) as after:
        response = client.get(f"/api/v1/{path}/")
    assert response.status_code == 200
    assert len(after) == len(before)


def test_mentor_reviews_through_the_service(api_for, demo):
    question = (
        LearningQuestion.objects.filter(student=demo["student1"], status="submitted")
        .order_by("pk")
        .first()
    )
    mentor = api_for("werkbegeleider1")
    url = f"/api/v1/learning-questions/{question.pk}"
    half = _post(mentor, f"{url}/approve/", {"checklist": {}, "mentor_support": "Meekijken."})
    assert half.status_code == 422
    assert half.json()["errors"][0]["field"] == "checklist"
    asked = _post(mentor, f"{url}/ask-clarification/", {"message": "Wanneer precies?"})
    assert asked.status_code == 200 and asked.json()["status"] == "clarification"
    assert question.messages.filter(author=demo["werkbegeleider1"]).exists()
    other = _post(api_for("werkbegeleider2"), f"{url}/ask-clarification/", {"message": "x"})
    assert other.status_code == 404
