"""Two people editing the same programme, session, attendance list or work form
(REL-06): the form carries the version it was loaded with; the first save wins
and adds one to the version, a save from the stale form changes nothing and
shows the form again with the user's input and a Dutch conflict message."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from leerroute.training.forms import DATETIME_FORMAT
from leerroute.training.models import Attendance, Material, Programme, Session, WorkForm

from .conftest import make_session

CONFLICT = "Iemand anders heeft dit intussen gewijzigd."


def loaded_version(client, url) -> int:
    """The version the edit form carries, as the browser would post it back."""
    response = client.get(url)
    assert response.status_code == 200
    found = re.search(r'name="version" value="(\d+)"', response.content.decode())
    assert found, "the form has no version"
    return int(found[1])


def two_editors(client_for, url, first="trainer", second="beheerder"):
    editors = client_for(first), client_for(second)
    versions = [loaded_version(editor, url) for editor in editors]
    assert versions[0] == versions[1]
    return editors, versions[0]


def assert_refused(response, kept_input: str):
    html = response.content.decode()
    assert response.status_code == 200
    assert CONFLICT in html
    assert kept_input in html


# --- programmes ------------------------------------------------------------------------


def programme_data(programme: Programme, title: str, version: int) -> dict:
    return {
        "title": title,
        "goal": programme.goal,
        "audience": programme.audience,
        "trainers": [u.pk for u in programme.trainers.all()],
        "invited_organisations": [o.pk for o in programme.invited_organisations.all()],
        "version": version,
    }


def test_stale_programme_save_is_refused(client_for, ttt):
    url = reverse("training:programme_edit", args=[ttt.pk])
    (first, second), version = two_editors(client_for, url)

    response = first.post(url, programme_data(ttt, "Titel van de eerste", version))
    assert response.status_code == 302
    ttt.refresh_from_db()
    assert (ttt.title, ttt.version) == ("Titel van de eerste", version + 1)

    response = second.post(url, programme_data(ttt, "Titel van de tweede", version))
    assert_refused(response, "Titel van de tweede")
    ttt.refresh_from_db()
    assert (ttt.title, ttt.version) == ("Titel van de eerste", version + 1)

    # Reloaded, the second editor's save goes through.
    fresh = loaded_version(second, url)
    assert fresh == version + 1
    assert second.post(url, programme_data(ttt, "Titel van de tweede", fresh)).status_code == 302
    ttt.refresh_from_db()
    assert (ttt.title, ttt.version) == ("Titel van de tweede", version + 2)


def test_programme_save_without_a_version_changes_nothing(client_for, ttt):
    url = reverse("training:programme_edit", args=[ttt.pk])
    data = programme_data(ttt, "Zonder versie", 1)
    del data["version"]
    response = client_for("trainer").post(url, data)
    assert response.status_code == 200
    assert "De versie ontbreekt. Open de pagina opnieuw." in response.content.decode()
    ttt.refresh_from_db()
    assert ttt.title != "Zonder versie" and ttt.version == 1


def test_new_programme_starts_at_version_one(client_for, demo):
    page = client_for("trainer").get(reverse("training:programme_create")).content.decode()
    assert 'name="version"' not in page
    assert Programme.objects.filter(version=1).count() == Programme.objects.count()


# --- sessions ----------------------------------------------------------------------------


def session_data(session: Session, topic: str, version: int) -> dict:
    return {
        "topic": topic,
        "starts_at": timezone.localtime(session.starts_at).strftime(DATETIME_FORMAT),
        "ends_at": timezone.localtime(session.ends_at).strftime(DATETIME_FORMAT),
        "place": session.place,
        "online_url": session.online_url,
        "materials": [m.pk for m in session.materials.all()],
        "version": version,
    }


def test_stale_session_save_is_refused(client_for, ttt):
    session = make_session(ttt, days=7)
    url = reverse("training:session_edit", args=[session.pk])
    (first, second), version = two_editors(client_for, url)

    assert first.post(url, session_data(session, "Onderwerp A", version)).status_code == 302
    session.refresh_from_db()
    assert (session.topic, session.version) == ("Onderwerp A", version + 1)

    response = second.post(url, session_data(session, "Onderwerp B", version))
    assert_refused(response, "Onderwerp B")
    session.refresh_from_db()
    assert (session.topic, session.version) == ("Onderwerp A", version + 1)

    fresh = loaded_version(second, url)
    assert second.post(url, session_data(session, "Onderwerp B", fresh)).status_code == 302
    session.refresh_from_db()
    assert (session.topic, session.version) == ("Onderwerp B", version + 2)


# --- attendance ---------------------------------------------------------------------------


def test_stale_attendance_save_is_refused(client_for, ttt, demo):
    session = make_session(ttt, days=-1)
    url = reverse("training:session_attendance", args=[session.pk])
    (first, second), version = two_editors(client_for, url)
    enrolled = [e.user_id for e in ttt.enrolments.filter(status="enrolled")]
    docent1 = demo["docent1"].pk
    assert docent1 in enrolled

    data = {f"p{user_id}": "present" for user_id in enrolled}
    assert first.post(url, {**data, "version": version}).status_code == 302
    session.refresh_from_db()
    assert session.version == version + 1
    assert session.attendance_registered_by == demo["trainer"]
    registered_at = session.attendance_registered_at

    response = second.post(url, {**data, f"p{docent1}": "absent", "version": version})
    html = response.content.decode()
    assert response.status_code == 200
    assert CONFLICT in html
    # The second editor's choice is still selected.
    assert re.search(rf'name="p{docent1}" value="absent"[^>]*checked', html)
    session.refresh_from_db()
    assert session.version == version + 1
    assert session.attendance_registered_by == demo["trainer"]
    assert session.attendance_registered_at == registered_at
    assert Attendance.objects.get(session=session, user_id=docent1).status == "present"

    fresh = loaded_version(second, url)
    response = second.post(url, {**data, f"p{docent1}": "absent", "version": fresh})
    assert response.status_code == 302
    assert Attendance.objects.get(session=session, user_id=docent1).status == "absent"
    session.refresh_from_db()
    assert session.version == version + 2
    assert session.attendance_registered_by == demo["beheerder"]


# --- work forms --------------------------------------------------------------------------


@pytest.fixture
def work_form(client_for, demo):
    response = client_for("trainer").post(
        reverse("training:workform_create"),
        {
            "title": "Feedforward",
            "kind": "feedback",
            "purpose": "Vooruitkijken.",
            "duration_minutes": 10,
            "steps": "Doel: wat wil je bereiken?\nAfspraak",
        },
    )
    assert response.status_code == 302
    return WorkForm.objects.get(slug="feedforward")


def work_form_data(purpose: str, version: int) -> dict:
    return {
        "title": "Feedforward",
        "kind": "feedback",
        "purpose": purpose,
        "duration_minutes": 10,
        "steps": "Doel: wat wil je bereiken?\nAfspraak",
        "version": version,
    }


def test_stale_work_form_save_is_refused(client_for, work_form):
    assert work_form.version == 1
    url = reverse("training:workform_edit", args=[work_form.slug])
    (first, second), version = two_editors(client_for, url)

    assert first.post(url, work_form_data("Doel van de maker.", version)).status_code == 302
    work_form.refresh_from_db()
    assert (work_form.purpose, work_form.version) == ("Doel van de maker.", version + 1)

    response = second.post(url, work_form_data("Doel van de beheerder.", version))
    assert_refused(response, "Doel van de beheerder.")
    work_form.refresh_from_db()
    assert (work_form.purpose, work_form.version) == ("Doel van de maker.", version + 1)
    assert work_form.steps.count() == 2

    fresh = loaded_version(second, url)
    assert second.post(url, work_form_data("Doel van de beheerder.", fresh)).status_code == 302
    work_form.refresh_from_db()
    assert (work_form.purpose, work_form.version) == ("Doel van de beheerder.", version + 2)


# --- the beheer: materials (edited only there) and sessions ------------------------------


def admin_form_data(response) -> dict:
    """What the beheer's change form posts back unchanged."""
    form = response.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form.initial.get(name)
        if value is None:
            continue
        if isinstance(value, datetime.datetime):  # the admin's split date/time widget
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = (
                local.date().isoformat(),
                local.strftime("%H:%M:%S"),
            )
            continue
        if isinstance(value, list | tuple) or hasattr(value, "all"):
            value = [getattr(item, "pk", item) for item in value]
        data[name] = getattr(value, "pk", value)
    return data


@pytest.mark.parametrize("model", [Material, Session])
def test_stale_save_in_the_beheer_is_refused(model, client_for):
    obj = model.objects.order_by("pk").first()
    url = reverse(f"admin:training_{model._meta.model_name}_change", args=[obj.pk])
    first, second = client_for("beheerder"), client_for("beheerder")
    data_first = admin_form_data(first.get(url))
    data_second = admin_form_data(second.get(url))
    assert data_first["loaded_version"] == data_second["loaded_version"] == obj.version
    field = "title" if model is Material else "place"

    saved = first.post(url, {**data_first, field: "Eerste wijziging"})
    assert saved.status_code == 302, saved.context["adminform"].form.errors
    obj.refresh_from_db()
    assert (
        getattr(obj, field) == "Eerste wijziging"
        and obj.version == data_first["loaded_version"] + 1
    )

    stale = second.post(url, {**data_second, field: "Tweede wijziging"})
    assert stale.status_code == 200
    assert CONFLICT in stale.content.decode()
    obj.refresh_from_db()
    assert getattr(obj, field) == "Eerste wijziging"
    assert obj.version == data_first["loaded_version"] + 1
