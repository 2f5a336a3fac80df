"""Students, employees and placements through the API: one row of the people import.

Demo: student1 (mboRijnland, VIG-3A) is placed in Team Tulp of DSV|verzorgd leven
(Wonen met zorg De Rijnhof) with werkbegeleider1 and studentbegeleider1; the
practice educators are praktijkopleider1 (DSV) and praktijkopleider2 (Topaz).
Per endpoint: who may (the administrator, a practice educator for their own
organisation), a row of another organisation (422 naming ``organisation``, as the
import page refuses it), everyone else (403), bad input (422 with the field), the
same body twice (nothing changes the second time) and the dry run (nothing written).
"""

import datetime

import pytest
from django.utils import timezone

from leerroute.imports.models import PersonKey
from leerroute.people.models import Enrollment, Placement, Role, RoleAssignment, User
from tests.api.helpers import fields as _fields
from tests.api.helpers import post as _post

pytestmark = pytest.mark.django_db

DSV = "DSV|verzorgd leven"
RIJNHOF = "Wonen met zorg De Rijnhof"
STUDENTS, EMPLOYEES, PLACEMENTS = "/api/v1/students/", "/api/v1/employees/", "/api/v1/placements/"


def _rows() -> dict:
    return {
        "users": User.objects.count(),
        "keys": PersonKey.objects.count(),
        "roles": RoleAssignment.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "placements": Placement.objects.count(),
        "mentors": Placement.mentors.through.objects.count(),
    }


def _student(**changes) -> dict:
    return {
        "student_number": "900001",
        "username": "st.nieuw",
        "first_name": "Nina",
        "last_name": "Nieuwenhuis",
        "email": "nina@example.org",
        "organisation": "mboRijnland",
        "cohort": "VIG-3A",
        "qualification": "Verzorgende IG",
        **changes,
    }


def _employee(**changes) -> dict:
    return {
        "personnel_number": "DSV-0900",
        "username": "mw.nieuw",
        "first_name": "Mila",
        "last_name": "de Wit",
        "organisation": DSV,
        "department": RIJNHOF,
        "team": "Team Tulp",
        "roles": ["medewerker"],
        **changes,
    }


def _next_placement(**changes) -> dict:
    """A placement of student1 after the current one (which ends in 120 days)."""
    start = timezone.localdate() + datetime.timedelta(days=200)
    return {
        "student_number": "student1",
        "organisation": DSV,
        "department": RIJNHOF,
        "team": "Team Iris",
        "start_date": start.isoformat(),
        "end_date": (start + datetime.timedelta(days=90)).isoformat(),
        "mentors": ["werkbegeleider1"],
        "assessor": "studentbegeleider1",
        **changes,
    }


# --- Students ----------------------------------------------------------------------------


def test_administrator_adds_a_student_dry_run_first_then_twice(api_for):
    client = api_for("beheerder")
    before = _rows()
    dry = _post(client, STUDENTS, _student(dry_run=True))
    assert dry.status_code == 200, dry.content
    assert dry.json() == {
        "dry_run": True,
        "outcome": "created",
        "label": "nieuw",
        "changes": ["nieuw account st.nieuw", "rol student", "ingeschreven in VIG-3A"],
        "errors": [],
    }
    assert _rows() == before  # the dry run wrote nothing

    created = _post(client, STUDENTS, _student())
    assert created.status_code == 201, created.content
    body = created.json()
    person = User.objects.get(username="st.nieuw")
    assert body["id"] == person.pk and body["last_name"] == "Nieuwenhuis"
    assert [r["role"] for r in body["roles"]] == [Role.STUDENT]
    assert not person.has_usable_password()
    assert PersonKey.objects.get(user=person).number == "900001"
    assert Enrollment.objects.get(student=person).cohort.name == "VIG-3A"
    after = _rows()
    assert after["users"] == before["users"] + 1

    again = _post(client, STUDENTS, _student())
    assert again.status_code == 200 and again.json() == body  # updated_at too
    assert _rows() == after
    dry_again = _post(client, STUDENTS, _student(dry_run=True))
    assert dry_again.json()["outcome"] == "unchanged"
    # The administrator reads it back like any student.
    assert client.get(f"/api/v1/people/{person.pk}/").json() == body


def test_student_moves_to_another_cohort(api_for):
    client = api_for("beheerder")
    assert _post(client, STUDENTS, _student()).status_code == 201
    moved = _post(client, STUDENTS, _student(cohort="VIG-3B"))
    assert moved.status_code == 200, moved.content
    person = User.objects.get(username="st.nieuw")
    current = Enrollment.objects.filter(student=person, end_date__isnull=True)
    assert [e.cohort.name for e in current] == ["VIG-3B"]


def test_only_the_administrator_imports_students(api_for):
    before = _rows()
    # Practice educators import for their own (care) organisation only: the school's
    # row is refused as on the import page.
    for username in ("praktijkopleider1", "praktijkopleider2"):
        refused = _post(api_for(username), STUDENTS, _student())
        assert refused.status_code == 422 and _fields(refused) == {"organisation"}
        assert "eigen organisatie" in refused.json()["errors"][0]["message"]
    for username in ("student1", "werkbegeleider1", "studentbegeleider1", "docent1", "trainer"):
        assert _post(api_for(username), STUDENTS, _student()).status_code == 403, username
    assert _post(api_for(None), STUDENTS, _student()).status_code == 401
    assert _rows() == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"cohort": "VIG-9Z"}, "cohort"),
        ({"school_year": "1999-2000"}, "cohort"),
        ({"start_date": "2026-02-30"}, "start_date"),
        ({"start_date": "1-9-2026"}, "start_date"),
        ({"qualification": None}, "crebo"),
        ({"crebo": "99999"}, "crebo"),
        ({"username": "met spatie"}, "username"),
        ({"email": "geen-adres"}, "email"),
        ({"first_name": ""}, "first_name"),
        ({"organisation": "Bestaat niet"}, "organisation"),
        ({"organisation": DSV}, "organisation"),  # no school
        ({"klas": "VIG-3A"}, "klas"),  # the import's column name is not a field
        ({"student_number": None}, "student_number"),
    ],
)
def test_student_bad_input_names_the_field(api_for, changes, field):
    before = _rows()
    response = _post(api_for("beheerder"), STUDENTS, _student(**changes))
    assert response.status_code == 422, response.content
    assert _fields(response) == {field}
    assert all(e["message"] for e in response.json()["errors"])
    assert _rows() == before


def test_a_refused_dry_run_reports_the_field(api_for):
    response = _post(api_for("beheerder"), STUDENTS, _student(cohort="VIG-9Z", dry_run=True))
    assert response.status_code == 200
    body = response.json()
    assert body["outcome"] == "refused" and body["label"] == "geweigerd"
    assert [e["field"] for e in body["errors"]] == ["cohort"]
    assert "VIG-9Z" in body["errors"][0]["message"]


def test_a_known_student_is_linked_and_changed_since_sees_the_change(api_for, demo):
    client = api_for("beheerder")
    student1 = demo["student1"]
    since = client.get(f"/api/v1/people/{student1.pk}/").json()["updated_at"]
    data = _student(
        student_number="100203", username="student1", first_name="Sanne", last_name="Verhoef-Bos"
    )
    assert _post(client, STUDENTS, {**data, "dry_run": True}).json()["outcome"] == "changed"
    changed = _post(client, STUDENTS, data)
    assert changed.status_code == 200, changed.content  # an existing account: not created
    body = changed.json()
    assert body["id"] == student1.pk and body["last_name"] == "Verhoef-Bos"
    assert body["updated_at"] > since
    listed = client.get("/api/v1/people/", {"changed_since": body["updated_at"]}).json()
    assert [p["id"] for p in listed["items"]] == [student1.pk]


# --- Employees ---------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["beheerder", "praktijkopleider1"])
def test_employee_of_the_own_organisation_twice(api_for, username):
    client = api_for(username)
    before = _rows()
    dry = _post(client, EMPLOYEES, _employee(dry_run=True))
    assert dry.status_code == 200 and dry.json()["outcome"] == "created"
    assert _rows() == before
    created = _post(client, EMPLOYEES, _employee())
    assert created.status_code == 201, created.content
    body = created.json()
    [role] = body["roles"]
    assert role["role"] == Role.EMPLOYEE and role["end_date"] is None
    assert role["team"] == RoleAssignment.objects.get(pk=role["id"]).team_id
    after = _rows()
    assert after["users"] == before["users"] + 1 and after["roles"] == before["roles"] + 1
    again = _post(client, EMPLOYEES, _employee())
    assert again.status_code == 200 and again.json() == body
    assert _rows() == after


def test_employees_of_another_organisation_or_by_others(api_for):
    before = _rows()
    refused = _post(api_for("praktijkopleider2"), EMPLOYEES, _employee())
    assert refused.status_code == 422 and _fields(refused) == {"organisation"}
    topaz = _employee(
        organisation="Topaz", department="Revalidatie en herstel", team="Team Overrijn"
    )
    refused = _post(api_for("praktijkopleider1"), EMPLOYEES, topaz)
    assert refused.status_code == 422 and _fields(refused) == {"organisation"}
    for username in ("werkbegeleider1", "studentbegeleider1", "student1", "docent1"):
        assert _post(api_for(username), EMPLOYEES, _employee()).status_code == 403, username
    assert _rows() == before
    assert _post(api_for("praktijkopleider2"), EMPLOYEES, topaz).status_code == 201


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"team": "Team Narcis"}, "team"),
        ({"department": "Bestaat niet"}, "department"),
        ({"department": None}, "department"),
        ({"team": None}, "team"),  # a medewerker needs a team
        ({"roles": ["directeur"]}, "roles"),
        ({"start_date": "2026-13-01"}, "start_date"),
        ({"start_date": "1800-01-01"}, "start_date"),
        ({"roles": "medewerker"}, "roles"),
        ({"organisation": "mboRijnland"}, "organisation"),  # no care organisation
        ({"last_name": "x" * 151}, "last_name"),
    ],
)
def test_employee_bad_input_names_the_field(api_for, changes, field):
    before = _rows()
    response = _post(api_for("praktijkopleider1"), EMPLOYEES, _employee(**changes))
    assert response.status_code == 422, response.content
    assert _fields(response) == {field}
    assert _rows() == before


def test_changed_roles_end_the_old_ones_and_touch_the_person(api_for):
    client = api_for("praktijkopleider1")
    first = _post(client, EMPLOYEES, _employee()).json()
    changed = _post(client, EMPLOYEES, _employee(roles=["werkbegeleider", "studentbegeleider"]))
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert body["updated_at"] > first["updated_at"]
    roles = {(r["role"], r["end_date"] is None) for r in body["roles"]}
    assert roles == {(Role.EMPLOYEE, False), (Role.MENTOR, True), (Role.ASSESSOR, True)}
    # The same body again (the same day: the old role ends today) changes nothing.
    again = _post(client, EMPLOYEES, _employee(roles=["werkbegeleider", "studentbegeleider"]))
    assert again.status_code == 200 and again.json() == body
    dry = _post(
        client, EMPLOYEES, _employee(roles=["werkbegeleider", "studentbegeleider"], dry_run=True)
    )
    assert dry.json()["outcome"] == "unchanged"


# --- Placements --------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["beheerder", "praktijkopleider1"])
def test_placement_of_the_own_organisation_twice(api_for, demo, username):
    client = api_for(username)
    before = _rows()
    dry = _post(client, PLACEMENTS, _next_placement(dry_run=True))
    assert dry.status_code == 200 and dry.json()["outcome"] == "created"
    assert _rows() == before
    created = _post(client, PLACEMENTS, _next_placement())
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["student"] == demo["student1"].pk
    assert body["mentors"] == [demo["werkbegeleider1"].pk]
    assert body["assessor"] == demo["studentbegeleider1"].pk
    assert body["start_date"] == _next_placement()["start_date"]
    after = _rows()
    assert after["placements"] == before["placements"] + 1
    again = _post(client, PLACEMENTS, _next_placement())
    assert again.status_code == 200 and again.json() == body
    assert _rows() == after


def test_placement_change_of_mentors_touches_it(api_for, demo):
    client = api_for("praktijkopleider1")
    first = _post(client, PLACEMENTS, _next_placement()).json()
    changed = _post(client, PLACEMENTS, _next_placement(mentors=["werkbegeleider1", "wb.tulp2"]))
    assert changed.status_code == 200, changed.content
    body = changed.json()
    assert body["id"] == first["id"] and body["updated_at"] > first["updated_at"]
    assert sorted(body["mentors"]) == sorted(
        [demo["werkbegeleider1"].pk, User.objects.get(username="wb.tulp2").pk]
    )
    listed = api_for("beheerder").get("/api/v1/placements/", {"changed_since": body["updated_at"]})
    assert [p["id"] for p in listed.json()["items"]] == [body["id"]]


def test_placements_of_another_organisation_or_by_others(api_for):
    before = _rows()
    refused = _post(api_for("praktijkopleider2"), PLACEMENTS, _next_placement())
    assert refused.status_code == 422 and _fields(refused) == {"organisation"}
    for username in ("werkbegeleider1", "studentbegeleider1", "student1", "docent1", "trainer"):
        assert _post(api_for(username), PLACEMENTS, _next_placement()).status_code == 403
    assert _rows() == before


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"team": "Team Narcis"}, "team"),
        ({"start_date": "2026-02-30"}, "start_date"),
        ({"end_date": "2000-01-01"}, "end_date"),  # before the start
        ({"student_number": "onbekend"}, "student_number"),
        ({"mentors": ["werkbegeleider2"]}, "mentors"),  # Topaz
        ({"assessor": "student2"}, "assessor"),
        ({"start_date": None}, "start_date"),
        ({"unknown": 1}, "unknown"),
    ],
)
def test_placement_bad_input_names_the_field(api_for, changes, field):
    before = _rows()
    response = _post(api_for("praktijkopleider1"), PLACEMENTS, _next_placement(**changes))
    assert response.status_code == 422, response.content
    assert _fields(response) == {field}
    assert _rows() == before


def test_an_overlapping_placement_is_refused(api_for):
    today = timezone.localdate()
    overlapping = _next_placement(start_date=today.isoformat(), end_date=None)
    response = _post(api_for("praktijkopleider1"), PLACEMENTS, overlapping)
    assert response.status_code == 422 and _fields(response) == {"start_date"}
    assert "Overlapt" in response.json()["errors"][0]["message"]


def test_the_same_person_written_at_the_same_moment_is_a_conflict(api_for, monkeypatch):
    """Another request made the account between the plan and the write: the unique
    username refuses it; nothing of this row is written, and the answer is 409."""
    from django.db import IntegrityError

    from leerroute.imports import services

    def clash(*args, **kwargs):
        raise IntegrityError("duplicate key value violates unique constraint")

    before = _rows()
    monkeypatch.setattr(services.PersonKey.objects, "bulk_create", clash)
    response = _post(api_for("praktijkopleider1"), EMPLOYEES, _employee())
    assert response.status_code == 409, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert "Probeer het opnieuw" in response.json()["detail"]
    assert _rows() == before  # the account made before the clash is rolled back too
