"""SEC-22, SEC-24, A11Y-12: password rules, paste allowed, reset by e-mail."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from leerroute.core.password_validation import StrengthValidator
from leerroute.people.models import User
from tests.security.helpers import DEMO_PASSWORD

CHANGE = "/accounts/password_change/"
RESET = "/accounts/password_reset/"
ADMIN_CHANGE = "/beheer/password_change/"


def change_password(client, new):
    return client.post(
        CHANGE, {"old_password": DEMO_PASSWORD, "new_password1": new, "new_password2": new}
    )


def password_still(username, password) -> bool:
    return User.objects.get(username=username).check_password(password)


def test_eleven_characters_are_refused_in_dutch(client_for):
    response = change_password(client_for("student1"), "kastanjebom")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit wachtwoord is te kort: gebruik ten minste 12 tekens." in html
    assert "too short" not in html
    assert password_still("student1", DEMO_PASSWORD)


def test_twelve_characters_are_enough(client_for):
    assert change_password(client_for("student1"), "kastanjeboom").status_code == 302
    assert password_still("student1", "kastanjeboom")


def test_a_common_password_is_refused(client_for):
    response = change_password(client_for("student1"), "123456789123")
    assert response.status_code == 200
    assert "Dit wachtwoord is te algemeen." in response.content.decode()
    assert password_still("student1", DEMO_PASSWORD)


def test_a_long_passphrase_is_accepted(client_for):
    passphrase = "ik loop elke ochtend langs de rijn naar de afdeling en drink daar koffie"
    assert len(passphrase) > 64
    assert change_password(client_for("student1"), passphrase).status_code == 302
    assert password_still("student1", passphrase)


def test_no_composition_rules(client_for):
    """Lowercase letters only: no digits, capitals or symbols demanded."""
    assert change_password(client_for("student1"), "zonnebloemveld").status_code == 302


def test_the_help_text_is_dutch(client_for):
    html = client_for("student1").get(CHANGE).content.decode()
    assert "Gebruik ten minste 12 tekens" in html


def test_paste_and_password_managers_are_allowed(client):
    html = client.get("/accounts/login/").content.decode()
    assert 'autocomplete="off"' not in html
    assert "onpaste" not in html.lower()
    assert re.search(
        r'<input type="password" name="password"[^>]*autocomplete="current-password"', html
    )


def test_new_password_fields_invite_password_managers(client_for):
    html = client_for("student1").get(CHANGE).content.decode()
    assert html.count('autocomplete="new-password"') == 2
    assert "onpaste" not in html.lower()


# --- Reset by e-mail ---------------------------------------------------------


def request_reset(client, email):
    return client.post(RESET, {"email": email})


def reset_link() -> str:
    (message,) = mail.outbox
    links = re.findall(r"https?://\S+", message.body)
    assert len(links) == 1, links
    return links[0].removeprefix("http://testserver")


def test_the_reset_email_contains_a_link_and_nothing_personal(client, demo):
    student = demo["student1"]
    response = request_reset(client, student.email)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_reset/done/"
    (message,) = mail.outbox
    assert message.to == [student.email]
    assert message.subject == "Nieuw wachtwoord voor Leerroute"
    for personal in (student.username, student.first_name, student.last_name):
        assert personal not in message.body
        assert personal not in message.subject
    assert reset_link().startswith("/accounts/reset/")


def test_the_reset_link_works_once(client, demo):
    request_reset(client, demo["student1"].email)
    link = reset_link()
    form = client.get(link, follow=True)
    assert form.status_code == 200
    new = "een wachtzin na het vergeten"
    done = client.post(form.redirect_chain[-1][0], {"new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert done["Location"] == "/accounts/reset/done/"
    assert password_still("student1", new)
    again = Client().get(link, follow=True)
    assert "Deze link is niet meer geldig" in again.content.decode()
    assert "new_password1" not in again.content.decode()


def test_the_reset_link_expires(client, demo, time_machine):
    time_machine.move_to("2026-03-02 09:00 +01:00", tick=False)
    request_reset(client, demo["student1"].email)
    link = reset_link()
    time_machine.shift(timedelta(seconds=settings.PASSWORD_RESET_TIMEOUT + 1))
    expired = client.get(link, follow=True)
    assert "Deze link is niet meer geldig" in expired.content.decode()
    assert password_still("student1", DEMO_PASSWORD)


def test_an_unknown_address_gets_the_same_answer(client, demo):
    known = request_reset(Client(), demo["student1"].email)
    mail.outbox.clear()
    unknown = request_reset(client, "niemand@demo.leerroute.invalid")
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert mail.outbox == []
    done_known = Client().get(known["Location"]).content.decode()
    done_unknown = client.get(unknown["Location"]).content.decode()
    strip = re.compile(r'(nonce|value)="[^"]*"')
    assert strip.sub("", done_known) == strip.sub("", done_unknown)


# --- Strength (zxcvbn) ---------------------------------------------------------

TOO_GUESSABLE = "Dit wachtwoord is te makkelijk te raden."


@pytest.mark.parametrize(
    "password",
    ["123456789012", "passwordpassword", "aaaaaaaaaaaa", "qwertyuiopas", "iloveyou1234"],
)
def test_long_but_easy_to_guess_passwords_are_refused(client_for, password):
    assert len(password) >= 12
    response = change_password(client_for("student1"), password)
    assert response.status_code == 200
    assert TOO_GUESSABLE in response.content.decode()
    assert password_still("student1", DEMO_PASSWORD)


@pytest.mark.parametrize(
    "passphrase",
    ["fiets appel regen lamp", "kastanjeboom", "een wachtzin na het vergeten"],
)
def test_good_passphrases_are_accepted(client_for, passphrase):
    assert change_password(client_for("student1"), passphrase).status_code == 302
    assert password_still("student1", passphrase)


def test_the_username_twice_is_refused(client_for, demo):
    student = demo["student1"]
    password = f"{student.username}{student.username}"
    assert len(password) >= 12
    response = change_password(client_for("student1"), password)
    assert response.status_code == 200
    assert TOO_GUESSABLE in response.content.decode()
    assert password_still("student1", DEMO_PASSWORD)


def test_a_very_long_repetition_is_refused_and_a_long_passphrase_is_not():
    """zxcvbn checks the first 72 characters; longer input is still judged."""
    with pytest.raises(ValidationError):
        StrengthValidator().validate("ab" * 200)
    StrengthValidator().validate("ik fiets elke ochtend langs de rijn naar de afdeling " * 4)


def test_the_strength_message_in_english(client_for):
    client = client_for("student1")
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = change_password(client, "iloveyou1234").content.decode()
    assert "This password is too easy to guess." in html
    assert TOO_GUESSABLE not in html


# --- Guessing the old password on the change form ---------------------------------

ADDRESS = "10.20.30.41"


def change_with_old(client, old, path=CHANGE, ip=ADDRESS):
    new = "een gloednieuwe wachtzin voor mij"
    return client.post(
        path,
        {"old_password": old, "new_password1": new, "new_password2": new},
        REMOTE_ADDR=ip,
    )


def test_five_wrong_old_passwords_lock_the_account_like_the_login(client_for):
    client = client_for("student1")
    responses = [change_with_old(client, f"geraden-{n}") for n in range(5)]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert "Je oude wachtwoord klopt niet. Vul het opnieuw in." in responses[0].content.decode()
    assert responses[-1]["Retry-After"] == "900"
    assert "Te vaak een verkeerd wachtwoord" in responses[-1].content.decode()
    # The right old password is refused too now, and so is signing in from here.
    assert change_with_old(client, DEMO_PASSWORD).status_code == 429
    assert password_still("student1", DEMO_PASSWORD)
    login = Client().post(
        "/accounts/login/",
        {"username": "student1", "password": DEMO_PASSWORD},
        REMOTE_ADDR=ADDRESS,
    )
    assert login.status_code == 429
    # Another address is not locked (username + address, as for sign-in).
    assert change_with_old(client_for("student1"), DEMO_PASSWORD, ip="10.99.0.2").status_code == 302


def test_login_failures_and_old_password_guesses_share_one_count(client_for):
    for _ in range(3):
        Client().post(
            "/accounts/login/", {"username": "student1", "password": "fout"}, REMOTE_ADDR=ADDRESS
        )
    client = client_for("student1")
    assert change_with_old(client, "fout-1").status_code == 200
    assert change_with_old(client, "fout-2").status_code == 429


def test_the_right_old_password_still_changes_it(client_for):
    client = client_for("student1")
    assert change_with_old(client, "verkeerd").status_code == 200
    assert change_with_old(client, DEMO_PASSWORD).status_code == 302
    assert password_still("student1", "een gloednieuwe wachtzin voor mij")


def test_old_password_guesses_in_the_admin_are_counted_too(client_for):
    client = client_for("beheerder")
    responses = [change_with_old(client, "geraden", path=ADMIN_CHANGE) for _ in range(5)]
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert change_with_old(client, DEMO_PASSWORD, path=ADMIN_CHANGE).status_code == 429
    assert password_still("beheerder", DEMO_PASSWORD)
