"""Training and reading feedback through the API: the pages' rules, forms and services.

Demo (leerroute/training/demo.py): "Waarde-vol Werkbegeleiden" is run by the trainer
for mboRijnland (the practice educators and docent1 are enrolled, docent2 is invited);
"… – Team Tulp" is a team training of DSV planned by praktijkopleider1 (werkbegeleider1
takes part). Per action: the person the pages allow, a person who sees it but may not
act (403), someone of another organisation (404), bad input (422 with the field) and
a stale version (409).
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from leerroute.feedback.models import Feedback
from leerroute.people.models import Organisation, Role, Team
from leerroute.training.models import Enrolment, Programme, Session
from tests.api.helpers import fields as _fields
from tests.api.helpers import patch as _patch
from tests.api.helpers import post as _post

pytestmark = pytest.mark.django_db

TTT = "Waarde-vol Werkbegeleiden"
TULP = "Waarde-vol Werkbegeleiden – Team Tulp"


def _programme(title) -> Programme:
    return Programme.objects.get(title=title)


def _org(name) -> Organisation:
    return Organisation.objects.get(name=name)


def _school() -> Organisation:
    return _programme(TTT).organisation


def _dsv() -> Organisation:
    return _org("DSV|verzorgd leven")


def _programme_input(organisation) -> dict:
    return {
        "title": "Feedback geven met OEPS",
        "goal": "Werkbegeleiders geven feedback die een student verder helpt.",
        "audience": "Werkbegeleiders",
        "organisation": organisation.pk,
    }


# --- Programmes ------------------------------------------------------------------------


def test_trainer_creates_a_programme(api_for, demo):
    url = "/api/v1/training-programmes/"
    data = {**_programme_input(_school()), "invited_organisations": [_dsv().pk]}
    assert _post(api_for("werkbegeleider1"), url, data).status_code == 403
    assert _post(api_for("docent1"), url, data).status_code == 403
    # A practice educator runs programmes in their own organisation only (the form's choice).
    other = _post(api_for("praktijkopleider1"), url, data)
    assert other.status_code == 422 and _fields(other) == {"organisation"}
    empty = _post(api_for("trainer"), url, {**data, "title": "  "})
    assert empty.status_code == 422 and _fields(empty) == {"title"}
    missing = _post(api_for("trainer"), url, {"title": "x"})
    assert missing.status_code == 422
    assert _fields(missing) == {"goal", "audience", "organisation"}
    unknown = _post(api_for("trainer"), url, {**data, "kind": "team"})
    assert unknown.status_code == 422 and _fields(unknown) == {"kind"}
    count = Programme.objects.count()
    created = _post(api_for("trainer"), url, data)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["kind"] == "programme" and body["title"] == data["title"]
    assert body["trainers"] == [demo["trainer"].pk]  # the creator is always a trainer
    assert body["invited_organisations"] == [_dsv().pk]
    assert Programme.objects.count() == count + 1
    # It is in the trainer's list of programmes now.
    listed = api_for("trainer").get(f"/api/v1/training-programmes/{body['id']}/")
    assert listed.status_code == 200 and listed.json()["version"] == body["version"]


def test_practice_educator_creates_a_programme_of_their_organisation(api_for, demo):
    created = _post(
        api_for("praktijkopleider1"), "/api/v1/training-programmes/", _programme_input(_dsv())
    )
    assert created.status_code == 201, created.content
    assert created.json()["organisation"] == _dsv().pk
    assert created.json()["trainers"] == [demo["praktijkopleider1"].pk]


def test_manager_changes_a_programme(api_for, demo):
    programme = _programme(TTT)
    url = f"/api/v1/training-programmes/{programme.pk}/"
    trainers = sorted(programme.trainers.values_list("pk", flat=True))
    invited = sorted(programme.invited_organisations.values_list("pk", flat=True))
    assert _patch(api_for("praktijkopleider1"), url, {"title": "x"}).status_code == 403
    assert _patch(api_for("docent2"), url, {"title": "x"}).status_code == 403
    assert _patch(api_for("werkbegeleider1"), url, {"title": "x"}).status_code == 404
    empty = _patch(api_for("trainer"), url, {"goal": ""})
    assert empty.status_code == 422 and _fields(empty) == {"goal"}
    stranger = _patch(api_for("trainer"), url, {"trainers": [demo["student1"].pk]})
    assert stranger.status_code == 422 and _fields(stranger) == {"trainers"}
    stale = _patch(api_for("trainer"), url, {"title": "x", "version": programme.version + 5})
    assert stale.status_code == 409 and "gewijzigd" in stale.json()["detail"]
    changed = _patch(
        api_for("trainer"), url, {"audience": "Praktijkopleiders", "version": programme.version}
    )
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert body["audience"] == "Praktijkopleiders" and body["title"] == TTT
    assert body["version"] == programme.version + 1
    # What was not sent keeps its value.
    assert body["trainers"] == trainers and body["invited_organisations"] == invited
    assert Programme.objects.get(pk=programme.pk).audience == "Praktijkopleiders"


def test_a_team_training_keeps_its_organisation(api_for):
    training = _programme(TULP)
    url = f"/api/v1/training-programmes/{training.pk}/"
    assert _patch(api_for("praktijkopleider2"), url, {"title": "x"}).status_code == 404
    assert _patch(api_for("werkbegeleider1"), url, {"title": "x"}).status_code == 403
    refused = _patch(api_for("praktijkopleider1"), url, {"invited_organisations": [_school().pk]})
    assert refused.status_code == 422 and _fields(refused) == {"invited_organisations"}
    changed = _patch(api_for("praktijkopleider1"), url, {"goal": "Samen leren begeleiden."})
    assert changed.status_code == 200, changed.content
    assert changed.json()["goal"] == "Samen leren begeleiden."
    assert changed.json()["invited_organisations"] == [_dsv().pk]


# --- Sessions --------------------------------------------------------------------------


def _session_input() -> dict:
    start = timezone.localtime().replace(microsecond=0) + datetime.timedelta(days=30)
    return {
        "topic": "Terugkomdag",
        "starts_at": start.isoformat(),
        "ends_at": (start + datetime.timedelta(hours=2)).isoformat(),
        "place": "Leiden, lokaal 1.12",
    }


def test_manager_adds_a_session(api_for):
    programme = _programme(TTT)
    url = f"/api/v1/training-programmes/{programme.pk}/sessions/"
    data = _session_input()
    assert _post(api_for("praktijkopleider1"), url, data).status_code == 403
    assert _post(api_for("werkbegeleider2"), url, data).status_code == 404
    backwards = _post(api_for("trainer"), url, {**data, "ends_at": data["starts_at"]})
    assert backwards.status_code == 422 and _fields(backwards) == {"ends_at"}
    nowhere = _post(api_for("trainer"), url, {**data, "place": ""})
    assert nowhere.status_code == 422 and _fields(nowhere) == {"place"}
    bad_link = _post(api_for("trainer"), url, {**data, "online_url": "javascript:alert(1)"})
    assert bad_link.status_code == 422 and _fields(bad_link) == {"online_url"}
    year_one = _post(
        api_for("trainer"),
        url,
        {**data, "starts_at": "0001-01-01T00:00:00+05:00"},
    )
    assert year_one.status_code == 422 and _fields(year_one) == {"starts_at"}
    count = programme.sessions.count()
    created = _post(api_for("trainer"), url, data)
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["programme"] == programme.pk and body["topic"] == "Terugkomdag"
    assert datetime.datetime.fromisoformat(body["starts_at"]) == datetime.datetime.fromisoformat(
        data["starts_at"]
    )
    assert programme.sessions.count() == count + 1


def test_manager_changes_a_session(api_for):
    session = Session.objects.filter(programme__title=TULP).order_by("-starts_at").first()
    url = f"/api/v1/training-sessions/{session.pk}/"
    assert _patch(api_for("werkbegeleider1"), url, {"topic": "x"}).status_code == 403
    assert _patch(api_for("praktijkopleider2"), url, {"topic": "x"}).status_code == 404
    backwards = _patch(
        api_for("praktijkopleider1"),
        url,
        {"ends_at": (session.starts_at - datetime.timedelta(hours=1)).isoformat()},
    )
    assert backwards.status_code == 422 and _fields(backwards) == {"ends_at"}
    stale = _patch(
        api_for("praktijkopleider1"), url, {"topic": "x", "version": session.version + 2}
    )
    assert stale.status_code == 409
    changed = _patch(
        api_for("praktijkopleider1"),
        url,
        {"place": "Vergaderruimte 2", "version": session.version},
    )
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert body["place"] == "Vergaderruimte 2" and body["topic"] == session.topic
    assert body["version"] == session.version + 1
    saved = Session.objects.get(pk=session.pk)
    assert saved.starts_at == session.starts_at and saved.materials.count() == (
        session.materials.count()
    )


# --- Invitations, sign-up, enrolment -----------------------------------------------------


def test_manager_invites_and_enrols(api_for, demo):
    training = _programme(TULP)
    invite = f"/api/v1/training-programmes/{training.pk}/invitations/"
    data = {"role": Role.MENTOR, "organisation": _dsv().pk}
    assert _post(api_for("werkbegeleider1"), invite, data).status_code == 403
    assert _post(api_for("praktijkopleider2"), invite, data).status_code == 404
    bad_role = _post(api_for("praktijkopleider1"), invite, {**data, "role": "STUDENT"})
    assert bad_role.status_code == 422 and _fields(bad_role) == {"role"}
    not_invited = _post(
        api_for("praktijkopleider1"), invite, {**data, "organisation": _school().pk}
    )
    assert not_invited.status_code == 422 and _fields(not_invited) == {"organisation"}
    before = set(training.enrolments.values_list("user_id", flat=True))
    done = _post(api_for("praktijkopleider1"), invite, data)
    assert done.status_code == 200, done.content
    new = Enrolment.objects.filter(programme=training).exclude(user_id__in=before)
    assert done.json() == {"invited": new.count(), "enrolled": 0}
    assert new.exists() and not new.exclude(status=Enrolment.Status.INVITED).exists()

    person = new.order_by("pk").first().user
    enrol = f"/api/v1/training-programmes/{training.pk}/enrolments/"
    assert _post(api_for("werkbegeleider1"), enrol, {"user": person.pk}).status_code == 403
    assert _post(api_for("praktijkopleider2"), enrol, {"user": person.pk}).status_code == 404
    stranger = _post(api_for("praktijkopleider1"), enrol, {"user": demo["student1"].pk})
    assert stranger.status_code == 422 and _fields(stranger) == {"user"}
    enrolled = _post(api_for("praktijkopleider1"), enrol, {"user": person.pk})
    assert enrolled.status_code == 200, enrolled.content
    assert enrolled.json()["status"] == "enrolled" and enrolled.json()["user"] == person.pk
    # Enrolled already: no longer on the list of invited people (as the page says).
    again = _post(api_for("praktijkopleider1"), enrol, {"user": person.pk})
    assert again.status_code == 422 and _fields(again) == {"user"}


def test_invited_person_signs_up(api_for, demo):
    programme = _programme(TTT)
    url = f"/api/v1/training-programmes/{programme.pk}/sign-up/"
    assert _post(api_for("docent1"), url, {}).status_code == 403  # enrolled already
    assert _post(api_for("trainer"), url, {}).status_code == 403
    assert _post(api_for("werkbegeleider1"), url, {}).status_code == 404
    assert _post(api_for("docent2"), url, {"user": demo["docent1"].pk}).status_code == 422
    signed = _post(api_for("docent2"), url, {})
    assert signed.status_code == 200, signed.content
    assert signed.json()["status"] == "enrolled" and signed.json()["user"] == demo["docent2"].pk
    assert _post(api_for("docent2"), url, {}).status_code == 403


# --- Team trainings of the cascade -----------------------------------------------------


def _team_training_input(team) -> dict:
    start = timezone.localtime().replace(second=0, microsecond=0) + datetime.timedelta(days=21)
    return {
        "team": team.pk,
        "base": _programme(TTT).pk,
        "first_start": start.isoformat(),
        "interval_weeks": 2,
        "place": "Vergaderruimte",
    }


def test_practice_educator_plans_a_team_training(api_for, demo):
    url = "/api/v1/team-trainings/"
    tulp = Team.objects.get(name="Team Tulp")
    data = _team_training_input(tulp)
    assert _post(api_for("trainer"), url, data).status_code == 403
    assert _post(api_for("werkbegeleider1"), url, data).status_code == 403
    other_team = _post(api_for("praktijkopleider2"), url, data)
    assert other_team.status_code == 422 and _fields(other_team) == {"team"}
    weeks = _post(api_for("praktijkopleider1"), url, {**data, "interval_weeks": 13})
    assert weeks.status_code == 422 and _fields(weeks) == {"interval_weeks"}
    too_late = _post(
        api_for("praktijkopleider1"), url, {**data, "first_start": "9999-12-01T10:00:00+01:00"}
    )
    assert too_late.status_code == 422 and _fields(too_late) == {"first_start"}
    count = Programme.objects.count()
    planned = _post(api_for("praktijkopleider1"), url, data)
    assert planned.status_code == 201, planned.content
    body = planned.json()
    assert body["kind"] == "team" and body["team"] == tulp.pk
    assert body["based_on"] == _programme(TTT).pk
    assert body["trainers"] == [demo["praktijkopleider1"].pk]
    assert Programme.objects.count() == count + 1
    training = Programme.objects.get(pk=body["id"])
    assert training.sessions.count() == _programme(TTT).sessions.count()


# --- Reading the training programmes and enrolments ------------------------------------


def test_programmes_and_enrolments_as_the_pages_show_them(api_for, demo):
    ttt, tulp = _programme(TTT), _programme(TULP)
    mine = api_for("docent2").get("/api/v1/training-programmes/").json()
    assert [item["id"] for item in mine["items"]] == [ttt.pk]
    assert api_for("werkbegeleider2").get(f"/api/v1/training-programmes/{ttt.pk}/").status_code == (
        404
    )
    teams = api_for("praktijkopleider1").get("/api/v1/training-programmes/?kind=team").json()
    assert tulp.pk in {item["id"] for item in teams["items"]}
    assert {item["kind"] for item in teams["items"]} == {"team"}
    # Enrolments: all of a programme one manages, otherwise one's own.
    url = f"/api/v1/training-enrolments/?programme={ttt.pk}&limit=100"
    everyone = api_for("trainer").get(url).json()
    assert everyone["count"] == ttt.enrolments.count()
    own = api_for("docent1").get(url).json()
    assert [item["user"] for item in own["items"]] == [demo["docent1"].pk]
    invited = api_for("trainer").get(url + "&status=invited").json()
    assert [item["user"] for item in invited["items"]] == [demo["docent2"].pk]


@pytest.mark.parametrize("path", ["training-programmes", "training-enrolments"])
def test_training_lists_have_a_constant_number_of_queries(api_for, path):
    client = api_for("beheerder")
    with CaptureQueriesContext(connection) as small:
        assert client.get(f"/api/v1/{path}/", {"limit": 1}).status_code == 200
    with CaptureQueriesContext(connection) as large:
        answer = client.get(f"/api/v1/{path}/", {"limit": 100})
    assert answer.json()["count"] > 1
    assert len(large) == len(small)


# --- Feedback: read --------------------------------------------------------------------


def test_student_marks_feedback_read(api_for, demo):
    item = Feedback.objects.filter(student=demo["student1"]).order_by("pk").first()
    Feedback.objects.filter(pk=item.pk).update(read_at=None)
    item.refresh_from_db()
    url = f"/api/v1/feedback/{item.pk}/read/"
    assert _post(api_for("werkbegeleider1"), url, {}).status_code == 403
    assert _post(api_for("student2"), url, {}).status_code == 404
    assert _post(api_for("werkbegeleider2"), url, {}).status_code == 404
    assert _post(api_for("student1"), url, {"read": True}).status_code == 422
    read = _post(api_for("student1"), url, {})
    assert read.status_code == 200, read.content
    read_at = read.json()["read_at"]
    assert read_at is not None
    saved = Feedback.objects.get(pk=item.pk)
    assert saved.updated_at > item.updated_at  # counts as a change (changed_since)
    # The first time counts.
    again = _post(api_for("student1"), url, {})
    assert again.status_code == 200 and again.json()["read_at"] == read_at
