"""SEC-35, SEC-36, PRIV-26: sign-ins are logged, without passwords or
personal data; django-axes logs no usernames or addresses either."""

import logging
import sys

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


def test_password_reset_logs_no_address_token_or_password(everything, capfd, demo):
    """The reset flow, known and unknown address, a used link and a wrong one:
    nothing in log records, nothing on the process's output (the server log)."""
    import re

    from django.core import mail

    student = demo["student1"]
    unknown = "niemand.bekend@demo.leerroute.invalid"
    client = Client()
    client.post("/accounts/password_reset/", {"email": student.email}, REMOTE_ADDR=ADDRESS)
    client.post("/accounts/password_reset/", {"email": unknown}, REMOTE_ADDR=ADDRESS)
    (message,) = mail.outbox
    link = re.search(r"https?://\S+", message.body).group(0).removeprefix("http://testserver")
    uid, token = link.rstrip("/").split("/")[-2:]
    form = client.get(link, follow=True)
    new = "een geheime wachtzin voor het logboek"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    Client().get(link, follow=True)  # used: no longer valid
    Client().get(f"/accounts/reset/{uid}/{token[:-3]}zzz/", follow=True)
    output = capfd.readouterr()
    for text in [*record_texts(everything), output.out, output.err]:
        for secret in (student.email, unknown, token, new, "@demo.leerroute.invalid"):
            assert secret not in text


def test_a_wrong_old_password_on_the_change_form_is_logged_without_it(everything, demo):
    client = Client()
    client.force_login(demo["student1"])
    wrong = "Mijn-Vorige-Wachtwoord-42"
    new = "een gloednieuwe wachtzin voor mij"
    client.post(
        "/accounts/password_change/",
        {"old_password": wrong, "new_password1": new, "new_password2": new},
        REMOTE_ADDR=ADDRESS,
    )
    messages = [r.getMessage() for r in everything.records if r.name == "leerroute.security"]
    assert "login failure path=/accounts/password_change/" in messages
    for text in record_texts(everything):
        for secret in (wrong, new, "student1", demo["student1"].email, ADDRESS):
            assert secret not in text


def test_addresses_in_logged_tracebacks_are_replaced():
    """An SMTP server refusing a recipient names the address in its exception;
    the task worker logs that traceback. The log handler's output has none."""
    from smtplib import SMTPRecipientsRefused

    from leerroute.core.log_redaction import RedactingFormatter

    handlers = [
        h for h in logging.getLogger().handlers if isinstance(h.formatter, RedactingFormatter)
    ]
    assert handlers, "the console handler does not redact"
    try:
        raise SMTPRecipientsRefused({"sanne.verhoef@school.example.nl": (550, b"unknown user")})
    except SMTPRecipientsRefused:
        record = logging.LogRecord(
            "django_tasks",
            logging.ERROR,
            __file__,
            1,
            "Task id=%s failed for %s",
            ("7", "a.b+c@d.nl"),
            sys.exc_info(),
        )
    line = handlers[0].format(record)
    assert "SMTPRecipientsRefused" in line and "Task id=7 failed for" in line
    assert "@" not in line
    assert "[e-mailadres]" in line
