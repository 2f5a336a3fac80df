"""``changed_since``: on every resource, what changed on or after the moment; any ISO 8601
timestamp, also with unusual offsets, without a 5xx; a bad one is a Dutch 422."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from leerroute.api import services
from leerroute.api.registry import REGISTERED
from leerroute.core import versioning
from leerroute.imports import services as imports
from leerroute.people.models import Cohort, Organisation, Placement, Role, RoleAssignment, User
from tests.imports import helpers
from tests.imports.helpers import HR_HEADER, table

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value",
    ["1711-01-08T02:51:51.082-22:23", "2026-01-01T00:00:00+23:59", "0001-01-01T00:00:00+01:00"],
)
@pytest.mark.parametrize("path", ["/api/v1/weekly-updates/", "/api/v1/feedback/"])
def test_unusual_offsets_are_answered(path, value):
    _row, token = services.create_token(User.objects.get(username="docent1"), "t", by=None)
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get(path, {"changed_since": value})
    assert response.status_code == 200


def test_week_filters_out_of_range_are_a_422():
    _row, token = services.create_token(User.objects.get(username="docent1"), "t", by=None)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get("/api/v1/weekly-updates/", {"year": 99999999}).status_code == 422
    assert client.get("/api/v1/weekly-updates/", {"week": 60}).status_code == 422


# --- Every resource: changed after T is listed, changed before T is not -------------

OLD = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)


def _rename(obj, field="name"):
    setattr(obj, field, f"{getattr(obj, field)} (gewijzigd)")
    obj.save()


def _team(team):
    team.name = f"{team.name} (gewijzigd)"
    team.save(update_fields=["name"])  # update_fields also writes updated_at


def _cohort(cohort):
    cohort.teachers.add(User.objects.get(username="docent2"))


def _person(person):
    # A change to a person's roles counts as a change of the person.
    organisation = Organisation.objects.get(name=helpers.DSV)
    RoleAssignment.objects.create(user=person, role=Role.EMPLOYEE, organisation=organisation)


def _placement(placement):
    placement.mentors.add(User.objects.get(username="werkbegeleider1"))


def _qualification(qualification):
    process = qualification.work_processes.first()
    process.title = f"{process.title} (gewijzigd)"
    process.save()


def _session(session):
    versioning.update(session, session.version, topic="Nieuw onderwerp")


def _attendance(attendance):
    Attendance = type(attendance)
    attendance.status = (
        Attendance.Status.ABSENT
        if attendance.status != Attendance.Status.ABSENT
        else Attendance.Status.PRESENT
    )
    attendance.save(update_fields=["status"])


def _programme(programme):
    from leerroute.training import services as training

    data = {"title": programme.title, "goal": "Nieuw doel", "audience": programme.audience}
    training.update_programme(
        programme, data, programme.version, by=User.objects.get(username="beheerder")
    )


def _enrolment(enrolment):
    enrolment.invited_as = Role.TRAINER if enrolment.invited_as != Role.TRAINER else Role.MENTOR
    enrolment.save(update_fields=["invited_as"])


def _stamp(obj):
    """The services of these apps set updated_at themselves (tested there)."""
    type(obj).objects.filter(pk=obj.pk).update(updated_at=timezone.now())


CHANGES = {
    "organisations": _rename,
    "departments": _rename,
    "teams": _team,
    "cohorts": _cohort,
    "people": _person,
    "placements": _placement,
    "qualifications": _qualification,
    "training-programmes": _programme,
    "training-enrolments": _enrolment,
    "training-sessions": _session,
    "attendances": _attendance,
    "learning-questions": _stamp,
    "feedback": _stamp,
    "progress-reviews": _stamp,
    "weekly-updates": _stamp,
    "conversations": _stamp,
}


def _client(username):
    _row, token = services.create_token(User.objects.get(username=username), "t", by=None)
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def test_every_resource_has_changed_since():
    assert sorted(r.path for r in REGISTERED if r.changed_field) == sorted(CHANGES)
    assert len(REGISTERED) == len(CHANGES)


@pytest.mark.parametrize("path", sorted(CHANGES))
def test_changed_since_lists_what_changed_after_the_moment(path):
    resource = next(r for r in REGISTERED if r.path == path)
    client = _client("docent1" if path == "conversations" else "beheerder")
    visible = [row["id"] for row in client.get(f"/api/v1/{path}/", {"limit": 100}).json()["items"]]
    assert len(visible) >= 2
    model = resource.model
    model.objects.update(updated_at=OLD)
    if model is User:  # roles added below touch the person: none did yet
        assert not User.objects.filter(updated_at__gt=OLD).exists()
    moment = timezone.now()
    changed = model.objects.get(pk=visible[0])
    CHANGES[path](changed)

    answer = client.get(f"/api/v1/{path}/", {"changed_since": moment.isoformat(), "limit": 100})
    assert answer.status_code == 200
    ids = [row["id"] for row in answer.json()["items"]]
    assert changed.pk in ids
    untouched = [pk for pk in visible if model.objects.filter(pk=pk, updated_at=OLD).exists()]
    if path != "qualifications":  # a work process may be in several qualifications
        assert visible[1] in untouched
    assert untouched and not set(untouched) & set(ids)
    # A moment after the change: nothing.
    later = (timezone.now() + datetime.timedelta(seconds=1)).isoformat()
    assert client.get(f"/api/v1/{path}/", {"changed_since": later}).json()["count"] == 0


@pytest.mark.parametrize("path", sorted(CHANGES))
@pytest.mark.parametrize("value", ["gisteren", "2026-13-01T00:00:00", "1 januari"])
def test_bad_changed_since_is_a_dutch_422(path, value):
    answer = _client("beheerder").get(f"/api/v1/{path}/", {"changed_since": value})
    assert answer.status_code == 422
    body = answer.json()
    assert answer["Content-Type"].startswith("application/problem+json")
    assert body["errors"][0]["field"] == "changed_since"
    assert "Vul een geldig tijdstip in" in body["errors"][0]["message"]


def test_a_sign_in_is_no_change_of_the_person_but_a_new_name_is(demo):
    person = demo["student1"]
    User.objects.filter(pk=person.pk).update(updated_at=OLD)
    person.refresh_from_db()
    person.last_login = timezone.now()
    person.save(update_fields=["last_login"])
    person.refresh_from_db()
    assert person.updated_at == OLD
    person.first_name = "Anders"
    person.save(update_fields=["first_name"])
    person.refresh_from_db()
    assert person.updated_at > OLD


def test_ending_or_removing_a_role_changes_the_person(demo):
    person = demo["student1"]
    role = RoleAssignment.objects.filter(user=person).first()
    for step in (lambda: role.save(), lambda: role.delete()):
        User.objects.filter(pk=person.pk).update(updated_at=OLD)
        step()
        person.refresh_from_db()
        assert person.updated_at > OLD


def test_mentors_and_teachers_changed_from_the_persons_side_touch_the_owner(demo):
    mentor = demo["werkbegeleider1"]
    placements = list(mentor.mentored_placements.all())
    assert placements
    Placement.objects.update(updated_at=OLD)
    mentor.mentored_placements.clear()
    assert all(
        p.updated_at > OLD for p in Placement.objects.filter(pk__in=[p.pk for p in placements])
    )
    teacher = demo["docent1"]
    cohorts = list(teacher.taught_cohorts.all())
    assert cohorts
    Cohort.objects.update(updated_at=OLD)
    teacher.taught_cohorts.remove(*cohorts)
    assert all(c.updated_at > OLD for c in Cohort.objects.filter(pk__in=[c.pk for c in cohorts]))


def test_an_import_marks_the_people_it_changed(demo):
    row = ["D-1", "werkbegeleider1", "Inge", "Bakelaar", "", helpers.DSV, helpers.RIJNHOF]
    row += ["Team Tulp", "werkbegeleider"]
    User.objects.update(updated_at=OLD)
    imports.run(imports.EMPLOYEES, table(HR_HEADER, [row]), dry_run=False)
    assert User.objects.get(username="werkbegeleider1").updated_at > OLD
    assert User.objects.filter(updated_at=OLD).exists()  # the others are untouched


def test_redaction_marks_the_record_changed():
    from leerroute.feedback.models import Feedback
    from leerroute.people import queries
    from leerroute.privacy import redaction

    educator = User.objects.get(username="praktijkopleider1")
    feedback = (
        Feedback.objects.filter(student__in=queries.students_visible_to(educator))
        .exclude(observe="")
        .first()
    )
    Feedback.objects.filter(pk=feedback.pk).update(updated_at=OLD)
    passage = feedback.observe.split()[0]
    redaction.redact("feedback", feedback, passage, by=educator)
    feedback.refresh_from_db()
    assert feedback.updated_at > OLD


def test_an_import_marks_the_placements_whose_mentors_it_changed():
    from tests.imports.test_services import PLACEMENT_HEADER, STUDENT_HEADER, student_rows

    imports.run(None, table(STUDENT_HEADER, student_rows()), dry_run=False)
    start = timezone.localdate().isoformat()
    row = ["S100", helpers.DSV, helpers.RIJNHOF, "Team Tulp", start, "", "werkbegeleider1", ""]
    imports.run(None, table(PLACEMENT_HEADER, [row]), dry_run=False)
    placement = Placement.objects.get(student__username="st.nieuw1")
    Placement.objects.update(updated_at=OLD)
    row[6] = "wb.tulp2"
    imports.run(None, table(PLACEMENT_HEADER, [row]), dry_run=False)
    placement.refresh_from_db()
    assert placement.updated_at > OLD
    assert Placement.objects.filter(updated_at=OLD).exists()  # the others are untouched
    # Its end date changed by the import (bulk_update): marked too.
    Placement.objects.update(updated_at=OLD)
    row[5] = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    imports.run(None, table(PLACEMENT_HEADER, [row]), dry_run=False)
    placement.refresh_from_db()
    assert placement.updated_at > OLD


@pytest.mark.parametrize("name", ["starts_after", "starts_before"])
@pytest.mark.parametrize("value", ["0234-03-29T02:09:08.9-16:32", "2026-12-01T10:00:00+23:59"])
def test_session_time_filters_take_unusual_offsets(name, value):
    _row, token = services.create_token(User.objects.get(username="trainer"), "t", by=None)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get("/api/v1/training-sessions/", {name: value}).status_code == 200
