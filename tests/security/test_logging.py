"""SEC-35, SEC-36, PRIV-26: sign-ins are logged, without passwords or
personal data; django-axes logs no usernames or addresses either."""

import logging

import pytest
from django.test import Client

from tests.security.helpers import DEMO_PASSWORD

WRONG = "Verkeerd-Wachtwoord-7319"
ADDRESS = "10.77.1.2"


def record_texts(caplog) -> list[str]:
    texts = []
    for record in caplog.records:
        texts.append(record.getMessage())
        texts.append(repr(record.args))
        texts.append(repr(record.__dict__))
    return texts


@pytest.fixture
def everything(caplog):
    caplog.set_level(logging.DEBUG)
    return caplog


def sign_in(password, username="werkbegeleider1", client=None):
    client = client or Client()
    return client.post(
        "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ADDRESS
    )


def test_success_and_failure_are_logged(everything, demo):
    sign_in(WRONG)
    assert sign_in(DEMO_PASSWORD).status_code == 302
    messages = [r.getMessage() for r in everything.records if r.name == "leerroute.security"]
    user_id = demo["werkbegeleider1"].pk
    assert messages == [
        "login failure path=/accounts/login/",
        f"login success user_id={user_id} path=/accounts/login/",
    ]


def test_no_password_in_any_log_record(everything, db):
    sign_in(WRONG)
    sign_in(DEMO_PASSWORD)
    sign_in(WRONG, username="beheerder")
    texts = record_texts(everything)
    assert texts, "nothing was logged"
    for text in texts:
        assert WRONG not in text
        assert DEMO_PASSWORD not in text


def test_no_personal_data_in_security_records(everything, demo):
    sign_in(WRONG)
    sign_in(DEMO_PASSWORD)
    user = demo["werkbegeleider1"]
    personal = [user.username, user.email, user.first_name, user.last_name, ADDRESS]
    for record in everything.records:
        if record.name.startswith("leerroute"):
            for value in personal:
                assert value not in record.getMessage()
                assert value not in repr(record.args)


def test_lockouts_are_logged_without_username_or_address(everything, demo):
    for _ in range(5):
        response = sign_in(WRONG)
    assert response.status_code == 429
    axes_messages = [r.getMessage() for r in everything.records if r.name.startswith("axes")]
    assert any("Locking out" in m for m in axes_messages), axes_messages
    for text in record_texts(everything):
        assert "werkbegeleider1" not in text
        assert ADDRESS not in text
