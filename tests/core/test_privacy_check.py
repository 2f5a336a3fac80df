"""core:privacy_check, the live client-confidentiality hint, through HTTP."""

import logging

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

URL = "/privacy/controle/"


def test_url():
    assert reverse("core:privacy_check") == URL


def test_anonymous_is_sent_to_login_and_get_is_not_allowed(client_for):
    anonymous = client_for(None)
    response = anonymous.post(URL, {"privacy_field": "observe", "observe": "mevrouw Jansen"})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_for("werkbegeleider1").get(URL).status_code == 405


def test_returns_only_the_hint_for_the_named_field(client_for):
    response = client_for("werkbegeleider1").post(
        URL,
        {
            "privacy_field": "observe",
            "observe": "Ik zag je mevrouw Jansen helpen.",
            "effect": "Op kamer 12 ging het goed.",  # another field: not this hint
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html and "<main" not in html
    assert "Je noemt mogelijk een cliënt (‘mevrouw Jansen’)" in html
    assert "je kunt de tekst toch opslaan" in html
    assert "kamer 12" not in html
    assert "no-store" in response["Cache-Control"]


def test_clean_text_gives_an_empty_hint(client_for):
    for data in (
        {"privacy_field": "observe", "observe": "Er liep een meneer op de afdeling."},
        {"privacy_field": "observe"},
        {"observe": "mevrouw Jansen"},  # no field named
        {},
    ):
        response = client_for("student1").post(URL, data)
        assert response.status_code == 200
        assert response.content.decode().strip() == ""


def test_needs_the_csrf_token(demo):
    client = Client(enforce_csrf_checks=True)
    client.force_login(demo["student1"])
    data = {"privacy_field": "response", "response": "kamer 12"}
    assert client.post(URL, data).status_code == 403
    client.get(reverse("core:home"))  # sets the CSRF cookie
    token = next(c.value for name, c in client.cookies.items() if "csrf" in name)
    response = client.post(URL, {**data, "csrfmiddlewaretoken": token})
    assert response.status_code == 200 and "kamernummer" in response.content.decode()


def test_the_text_is_not_stored_or_logged(client_for, caplog):
    client = client_for("student1")
    client.get(reverse("core:home"))
    caplog.set_level(logging.DEBUG)
    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, {"privacy_field": "response", "response": "mevrouw Zwanenburg"})
    assert "mevrouw Zwanenburg" in response.content.decode()
    sql = [q["sql"] for q in queries.captured_queries]
    assert not [q for q in sql if "Zwanenburg" in q]
    assert not [q for q in sql if q.startswith("INSERT")]
    assert "Zwanenburg" not in caplog.text
