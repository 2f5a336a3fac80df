"""PRIV-19, SEC-15: flash messages stay on the server.

A privacy warning repeats what looked like a client's name or room number.
With Django's default storage that text would travel in the signed (readable,
not encrypted) ``messages`` cookie; with session storage it stays in the
database and the browser holds only the session id.
"""

import time

from django.conf import settings
from django.urls import reverse

from leerroute.core.signals import SESSION_STARTED_KEY
from tests.learning.test_views import q_of

NAMED = "Ik hielp mevrouw Jansen op kamer 12 met eten."
SAVED_WARNING = "Let op: je tekst is opgeslagen, maar noemt mogelijk een cliënt"


def test_messages_are_stored_in_the_session():
    assert settings.MESSAGE_STORAGE == "django.contrib.messages.storage.session.SessionStorage"


def test_a_privacy_warning_sets_no_messages_cookie_and_shows_on_the_next_page(client_for):
    client = client_for("student1")
    q = q_of("student1", "approved")
    saved = client.post(
        reverse("learning:complete", args=[q.pk]), {"reflection": NAMED, "version": q.version}
    )
    assert saved.status_code == 302
    assert "messages" not in saved.cookies
    assert "messages" not in client.cookies
    for morsel in saved.cookies.values():
        assert "Jansen" not in morsel.value
        assert "kamer" not in morsel.value

    page = client.get(saved["Location"])
    html = page.content.decode()
    assert SAVED_WARNING in html and "‘mevrouw Jansen’, ‘kamer 12’" in html
    assert "messages" not in page.cookies
    # Shown once: the next page no longer has it.
    assert SAVED_WARNING not in client.get(saved["Location"]).content.decode()


def test_the_session_expiry_message_survives_the_sign_out_without_a_cookie(client_for):
    """The message is added after logout(): it lands in the new, anonymous session."""
    client = client_for("student1")
    session = client.session
    session[SESSION_STARTED_KEY] = int(time.time()) - settings.SESSION_ABSOLUTE_SECONDS - 60
    session.save()
    signed_out = client.get("/")
    assert signed_out.status_code == 302
    assert "messages" not in signed_out.cookies
    login = client.get(signed_out["Location"])
    assert "Je sessie is verlopen. Log opnieuw in." in login.content.decode()
    assert "messages" not in client.cookies
