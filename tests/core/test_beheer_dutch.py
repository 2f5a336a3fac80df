"""The beheer (Django admin) in Dutch, in the app's voice, and selects with a Dutch empty choice."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

FORMAL = re.compile(r"\b(u|uw|U|Uw)\b")


def _text(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("admin:index", "Inlogbeveiliging"),
        ("admin:axes_accessattempt_changelist", "inlogpoging"),
        ("admin:axes_accessfailurelog_changelist", "mislukte inlog"),
        ("admin:django_tasks_database_dbtaskresult_changelist", "Taakresultaten"),
        ("admin:people_user_add", "kun je de andere gegevens en rollen invullen"),
    ],
)
def test_beheer_pages_are_dutch_and_say_je(url, expected, client_for):
    response = client_for("beheerder").get(reverse(url))
    assert response.status_code == 200
    text = _text(response)
    assert expected.lower() in text.lower()
    assert not FORMAL.search(text), FORMAL.search(text)
    for english in (
        "Access attempts",
        "Task results",
        "Access failures",
        "Tasks Database Backend",
        "Model name",
        "Locked Out",
        "After you",
    ):
        assert english not in text


def test_django_strings_use_je():
    with translation.override("nl"):
        assert translation.gettext("Are you sure?") == "Weet je het zeker?"
        assert translation.gettext("Your password was changed.") == "Je wachtwoord is gewijzigd."


def test_cascade_plan_select_has_a_dutch_empty_choice(client_for):
    response = client_for("praktijkopleider1").get(reverse("training:teamtraining_create"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "---------" not in html
    assert "Maak een keuze" in html


@pytest.mark.parametrize(
    "url",
    [
        "/beheer/people/cohort/add/",
        "/beheer/people/roleassignment/add/",
        "/beheer/people/team/add/",
    ],
)
def test_beheer_selects_have_a_dutch_empty_choice(url, client_for):
    body = client_for("beheerder").get(url).content.decode()
    assert "---------" not in body
    if "roleassignment" in url:  # plain selects there (others pick with a search box)
        assert "Maak een keuze" in body


@pytest.mark.parametrize(
    "url", ["/beheer/people/user/", "/beheer/people/roleassignment/", "/beheer/people/team/"]
)
def test_beheer_action_select_has_a_dutch_empty_choice(url, client_for):
    body = client_for("beheerder").get(url).content.decode()
    assert 'name="action"' in body
    assert "---------" not in body
    assert "Maak een keuze" in body
