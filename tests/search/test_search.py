"""The header search: scoped by the same visibility rules as every page, grouped
by kind, search words never in a URL or a log, Dutch messages, constant queries."""

import datetime
import logging

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerroute.people import queries as people
from leerroute.people.models import Organisation, Placement, Role, RoleAssignment, Team, User
from leerroute.search import engine
from leerroute.search.queries import staff_visible_to
from tests.conftest import DEMO_ACCOUNTS

URL = "/zoeken/"


def _html(response) -> str:
    return response.content.decode()


def _found(account: str, words: str, demo) -> dict[str, list[str]]:
    return {g.key: [h.title for h in g.hits] for g in engine.search(demo[account], words)}


def test_the_header_has_the_search_form_on_every_signed_in_page(client_for):
    html = _html(client_for("student1").get(reverse("core:home")))
    assert 'class="header-search" role="search"' in html
    assert f'<form method="post" action="{URL}"' in html
    assert 'name="csrfmiddlewaretoken"' in html.split('class="header-search"')[1][:400]
    assert "header-search" not in _html(client_for(None).get(reverse("login")))


@pytest.mark.parametrize("words", ["Milan", "Koster", "Milan Koster", "milan", "Kos"])
def test_student1_never_finds_student2(client_for, words):
    response = client_for("student1").post(URL, {"q": words})
    html = _html(response)
    assert response.status_code == 200
    assert "Koster" not in html.replace(f'value="{words}"', "")
    assert "Studenten (0)" in html and "Medewerkers (0)" in html
    assert "0 resultaten" in html


def test_praktijkopleider1_finds_student1_and_not_student2(client_for, demo):
    html = _html(client_for("praktijkopleider1").post(URL, {"q": "Sanne"}))
    assert f'<a href="/studenten/{demo["student1"].pk}/">Sanne Verhoef</a>' in html
    assert "Studenten (1)" in html
    html = _html(client_for("praktijkopleider1").post(URL, {"q": "Milan"}))
    assert "Koster" not in html and "0 resultaten" in html


def test_results_are_grouped_by_kind_with_counts(client_for):
    html = _html(client_for("werkbegeleider1").post(URL, {"q": "OEPS"}))
    assert '<a href="#begrippen">Begrippen (' in html
    assert '<h3 id="begrippen" tabindex="-1">Begrippen (' in html
    assert '<a href="/begrippen/oeps/">OEPS</a>' in html
    assert '<a href="/training/werkvormen/oeps/">OEPS-feedback</a>' in html
    assert ">OEPS-zakkaart</a>" in html
    assert html.index('id="begrippen"') < html.index('id="werkvormen"')
    assert html.index('id="werkvormen"') < html.index('id="materialen"')


@pytest.mark.parametrize("account", DEMO_ACCOUNTS)
def test_every_account_finds_only_the_students_it_may_see(demo, account):
    user = demo[account]
    visible = {str(u) for u in people.students_visible_to(user)}
    for student in people.students():
        for words in (student.last_name, student.first_name):
            found = [h.title for h in engine._students(user, words).hits]
            assert set(found) <= visible, (account, words, found)
            if str(student) in visible:
                assert str(student) in found, (account, words)


@pytest.mark.parametrize("account", DEMO_ACCOUNTS)
def test_every_account_finds_only_the_staff_it_may_see(demo, account):
    user = demo[account]
    allowed = {str(u) for u in staff_visible_to(user)}
    everyone = list(staff_visible_to(demo["beheerder"]))
    outsiders = [p for p in everyone if str(p) not in allowed]
    insiders = [p for p in everyone if str(p) in allowed][:3]
    for person in outsiders + insiders:
        found = [h.title for h in engine._staff(user, person.last_name).hits]
        assert set(found) <= allowed, (account, person.last_name, found)
        assert (str(person) in found) == (person in insiders), (account, person.last_name)


def test_staff_a_student_finds_are_the_people_of_their_own_route(demo):
    found = {str(u) for u in staff_visible_to(demo["student1"])}
    assert {"Ingrid Bakelaar", "Marloes Pieterse", "Esther Valkenier", "Petra Zonneveld"} <= found
    for outside in ("Joost Hendrikse", "Ruben Achterberg", "Karim Benali-Smit", "Hans Wildschut"):
        assert outside not in found
    assert _found("student1", "Joost", demo)["medewerkers"] == []
    assert _found("student1", "Ingrid", demo)["medewerkers"] == ["Ingrid Bakelaar"]


def test_staff_rule_for_colleagues_trainer_and_beheerder(demo):
    mentor = {str(u) for u in staff_visible_to(demo["werkbegeleider1"])}
    assert "Esther Valkenier" in mentor  # colleague at DSV
    assert "Petra Zonneveld" in mentor  # teacher of student1
    assert "Joost Hendrikse" not in mentor and "Karim Benali-Smit" not in mentor
    everyone = {str(u) for u in staff_visible_to(demo["beheerder"])}
    assert {str(u) for u in staff_visible_to(demo["trainer"])} == everyone
    assert "Joost Hendrikse" in everyone
    # The trainer sees no students.
    assert _found("trainer", "Sanne", demo)["studenten"] == []


def test_an_ended_role_is_not_found_on_the_next_request(client_for, demo):
    client = client_for("student1")
    assert "Ingrid Bakelaar" in _html(client.post(URL, {"q": "Bakelaar"}))
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    Placement.objects.filter(student=demo["student1"]).update(end_date=yesterday)
    assert "Ingrid Bakelaar" not in _html(client.post(URL, {"q": "Bakelaar"}))


def test_search_words_stay_out_of_urls_and_logs(client_for, caplog):
    client = client_for("praktijkopleider1")
    assert 'method="post"' in _html(client.get(URL))
    caplog.set_level(logging.DEBUG)
    response = client.post(URL, {"q": "Verhoef"})
    assert response.status_code == 200
    assert "Verhoef" not in caplog.text
    # A GET with the words in the URL is not a search.
    html = _html(client.get(URL, {"q": "Verhoef"}))
    assert "Sanne Verhoef" not in html and "Zoekresultaten" not in html


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("", "Typ eerst een woord of naam om op te zoeken."),
        ("   ", "Typ eerst een woord of naam om op te zoeken."),
        ("a" * 101, "Je zoekterm is te lang: gebruik hooguit 100 tekens (nu 101)."),
        ("San\tne", "onzichtbare tekens"),
        ("San\x1bne", "onzichtbare tekens"),
        ("San\nne", "onzichtbare tekens"),
        ("*&|!:()", "Typ minstens één woord of naam met letters of cijfers."),
    ],
)
def test_bad_input_gets_a_clear_dutch_message(client_for, value, message):
    response = client_for("docent1").post(URL, {"q": value})
    assert response.status_code == 200
    html = _html(response)
    assert message in html
    assert "resultaten</h2>" not in html


def test_a_nul_byte_is_refused_before_the_search(client_for):
    assert client_for("docent1").post(URL, {"q": "San\x00ne"}).status_code == 400


def test_query_operators_in_the_words_are_plain_text(client_for):
    for words in ("Sanne & !Milan", "san:* | mil", "'; drop table", "Koster<->Milan"):
        response = client_for("praktijkopleider2").post(URL, {"q": words})
        assert response.status_code == 200
        assert "Sanne Verhoef" not in _html(response)


def _people(start: int, stop: int):
    """Students placed at Team Tulp and mentors of that team, all named Zoekproef."""
    team = Team.objects.get(name="Team Tulp")
    school = Organisation.objects.get(name="mboRijnland")
    begin = datetime.date.today() - datetime.timedelta(days=10)
    for i in range(start, stop):
        student = User.objects.create(username=f"zp.s{i}", first_name="Kim", last_name="Zoekproef")
        RoleAssignment.objects.create(
            user=student, role=Role.STUDENT, organisation=school, start_date=begin
        )
        Placement.objects.create(student=student, team=team, start_date=begin)
        mentor = User.objects.create(username=f"zp.m{i}", first_name="Lex", last_name="Zoekproef")
        RoleAssignment.objects.create(
            user=mentor,
            role=Role.MENTOR,
            organisation=team.department.organisation,
            team=team,
            start_date=begin,
        )


@pytest.mark.parametrize("account", ["praktijkopleider1", "beheerder", "student1"])
def test_results_page_query_count_is_constant(client_for, account):
    client = client_for(account)
    client.post(URL, {"q": "Zoekproef"})
    _people(0, 1)
    with CaptureQueriesContext(connection) as one:
        client.post(URL, {"q": "Zoekproef"})
    _people(1, 15)
    with CaptureQueriesContext(connection) as many:
        response = client.post(URL, {"q": "Zoekproef"})
    html = _html(response)
    if account == "student1":
        assert "0 resultaten" in html
    else:
        assert "Studenten (15)" in html and "Medewerkers (15)" in html
        assert "De eerste 10 van 15." in html
    assert len(many) == len(one)
