"""'Bij wie kan ik terecht?': derived contacts, shared details only, 403 and empty states."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerroute.people.models import Placement, Role, RoleAssignment, Team, User
from leerroute.support.contacts import contacts_for
from leerroute.support.models import ContactCard

pytestmark = pytest.mark.django_db


def kinds(user):
    return {(c.kind, c.person.username) for c in contacts_for(user)}


def test_student_contacts(demo):
    found = kinds(demo["student1"])
    assert ("mentor", "werkbegeleider1") in found
    assert ("assessor", "studentbegeleider1") in found
    assert ("teacher", "docent1") in found
    assert ("practice_educator", "praktijkopleider1") in found
    assert ("admin", "beheerder") in found
    names = {u for _k, u in found}
    assert not names & {"werkbegeleider2", "praktijkopleider2", "docent2", "student2"}


def test_mentor_contacts(demo):
    found = kinds(demo["werkbegeleider1"])
    assert ("practice_educator", "praktijkopleider1") in found
    assert ("assessor", "studentbegeleider1") in found
    assert ("facilitator", "studentbegeleider1") in found
    assert ("peer", "wb.tulp2") in found
    assert ("teacher", "docent1") in found
    names = {u for _k, u in found}
    assert not names & {"praktijkopleider2", "werkbegeleider1", "wb.revalidatie"}


@pytest.mark.parametrize(
    ("account", "expected"),
    [
        ("docent1", {("mentor", "werkbegeleider1"), ("practice_educator", "praktijkopleider1")}),
        ("praktijkopleider1", {("trainer", "trainer"), ("teacher", "docent1")}),
        ("studentbegeleider1", {("mentor", "werkbegeleider1"), ("peer", "werkbegeleider1")}),
        ("trainer", {("practice_educator", "praktijkopleider2"), ("admin", "beheerder")}),
        ("mw.tulp1", {("practice_educator", "praktijkopleider1"), ("admin", "beheerder")}),
    ],
)
def test_other_roles(account, expected, demo):
    assert expected <= kinds(demo[account])


def test_page_shows_only_shared_details(client_for):
    body = client_for("student1").get(reverse("support:index")).content.decode()
    assert 'href="mailto:ingrid.bakelaar@dsv.example"' in body
    assert 'href="tel:0710000111"' in body
    assert "marloes.pieterse@dsv.example" in body
    assert "@demo.leerroute.invalid" not in body  # account addresses are never shown
    assert "Petra Zonneveld" in body


def test_nothing_shared_means_name_and_role_only(client_for):
    body = client_for("student2").get(reverse("support:index")).content.decode()
    block = body.split('data-contact="docent2"')[1].split("</li>")[0]
    assert "Hans Wildschut" in block and "Deelt geen contactgegevens." in block
    assert "mailto:" not in block


def test_profile_form_saves_and_refuses_bad_input(client_for, demo):
    client = client_for("docent2")
    url = reverse("support:card")
    bad = client.post(url, {"work_email": "hans@", "work_phone": "12", "availability": ""})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert "Vul een geldig e-mailadres in" in text
    assert "Vul een geldig telefoonnummer in" in text
    assert not ContactCard.objects.filter(user=demo["docent2"]).exists()
    good = client.post(
        url, {"work_email": "h.w@mborijnland.example", "work_phone": "+31 6 1234 5678"}
    )
    assert good.status_code == 302 and good["Location"] == reverse("core:profile")
    card = ContactCard.objects.get(user=demo["docent2"])
    assert card.work_phone == "+31 6 1234 5678" and card.phone_href == "+31612345678"


def test_403_names_the_person_to_ask(client_for):
    response = client_for("werkbegeleider1").get(reverse("intervision:group_create"))
    assert response.status_code == 403
    body = response.content.decode()
    assert "Esther Valkenier" in body and "praktijkopleider" in body
    assert "Bram Kooijman" in body


def test_mentor_without_students_is_told_whom_to_ask(client_for, demo):
    for placement in Placement.objects.filter(mentors=demo["werkbegeleider1"]):
        placement.mentors.remove(demo["werkbegeleider1"])
    body = client_for("werkbegeleider1").get(reverse("core:home")).content.decode()
    assert "Er zijn nu geen studenten." in body
    assert "Vraag het" in body and "Esther Valkenier" in body


def test_page_has_a_constant_query_count(client_for, demo):
    client = client_for("werkbegeleider1")
    url = reverse("support:index")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    team = Team.objects.get(name="Team Tulp")
    for i in range(4):
        person = User.objects.create(username=f"po-extra-{i}", last_name=f"Extra {i}")
        RoleAssignment.objects.create(
            user=person,
            role=Role.PRACTICE_EDUCATOR,
            organisation=team.department.organisation,
            start_date=datetime.date(2000, 1, 1),
        )
        ContactCard.objects.create(user=person, work_email=f"po{i}@dsv.example")
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert response.content.decode().count("po-extra-") == 4
    assert len(after) == len(before), [q["sql"] for q in after.captured_queries]


def test_menu_has_the_page(client_for):
    body = client_for("student1").get(reverse("core:home")).content.decode()
    assert f'href="{reverse("support:index")}"' in body


def test_student_without_questions_is_told_whom_to_ask(demo):
    from django.test import Client

    from leerroute.people.models import Organisation

    team = Team.objects.get(name="Team Tulp")
    student = User.objects.create(username="nieuwe-student", first_name="Nina", last_name="Nieuw")
    RoleAssignment.objects.create(
        user=student,
        role=Role.STUDENT,
        organisation=Organisation.objects.get(name="mboRijnland"),
        start_date=datetime.date(2000, 1, 1),
    )
    placement = Placement.objects.create(
        student=student, team=team, start_date=datetime.date(2000, 1, 1)
    )
    placement.mentors.add(demo["werkbegeleider1"])
    client = Client()
    client.force_login(student)
    body = client.get(reverse("learning:list")).content.decode()
    assert "Je hebt nog geen leervragen." in body
    assert "Vraag het <strong>Ingrid Bakelaar</strong> (werkbegeleider)" in body
