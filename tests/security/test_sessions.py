"""SEC-16..SEC-19, A11Y-13: server-side sessions, 60 minutes idle, 12 hours
absolute, a warning with a button to stay signed in, and ending sessions."""

import threading
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.models import Session
from django.db import connections
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone

from leerroute.core.sessions import SessionStore
from leerroute.core.signals import SESSION_REFRESHED_KEY
from leerroute.people.models import User
from tests.security.helpers import DEMO_PASSWORD

EXTEND = "/sessie/verlengen/"


@pytest.fixture
def frozen(time_machine):
    time_machine.move_to(timezone.now().replace(microsecond=0), tick=False)
    return time_machine


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def session_key(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def test_sessions_are_kept_in_the_database():
    # Django's database sessions, saved as a merge (core/sessions.py).
    assert settings.SESSION_ENGINE == "leerroute.core.sessions"
    assert issubclass(SessionStore, db.SessionStore)
    assert SessionStore.get_model_class() is Session
    assert settings.SESSION_COOKIE_AGE == 60 * 60
    assert settings.SESSION_ABSOLUTE_SECONDS == 12 * 60 * 60
    assert settings.SESSION_WARNING_SECONDS == 2 * 60


def test_idle_for_61_minutes_signs_out(frozen, client_for):
    client = client_for("student1")
    assert client.get("/").status_code == 200
    frozen.shift(timedelta(minutes=61))
    assert is_login_redirect(client.get("/"))


def test_each_request_extends_the_idle_time(frozen, client_for):
    client = client_for("student1")
    for _ in range(3):
        frozen.shift(timedelta(minutes=59))
        assert client.get("/").status_code == 200
    expiry = Session.objects.get(pk=session_key(client)).expire_date
    assert expiry == timezone.now() + timedelta(minutes=60)


def test_signed_in_for_12_hours_ends_however_active(frozen, client_for):
    client = client_for("student1")
    for _ in range(14):  # 11 h 40 min of steady work
        frozen.shift(timedelta(minutes=50))
        assert client.get("/").status_code == 200
    key = session_key(client)
    frozen.shift(timedelta(minutes=21))  # 12 h 1 min after signing in
    response = client.get("/")
    assert is_login_redirect(response)
    assert not Session.objects.filter(pk=key).exists()
    login_page = client.get(response["Location"])
    assert "Je sessie is verlopen. Log opnieuw in." in login_page.content.decode()


def test_stay_signed_in_extends_and_answers_204(frozen, client_for):
    client = client_for("student1")
    frozen.shift(timedelta(minutes=50))
    response = client.post(EXTEND)
    assert response.status_code == 204
    assert Session.objects.get(pk=session_key(client)).expire_date == timezone.now() + timedelta(
        minutes=60
    )
    frozen.shift(timedelta(minutes=50))  # 100 minutes after signing in
    assert client.get("/").status_code == 200


def test_stay_signed_in_after_the_session_ended_sends_to_login(frozen, client_for):
    client = client_for("student1")
    frozen.shift(timedelta(minutes=61))
    assert is_login_redirect(client.post(EXTEND))


def test_stay_signed_in_needs_post_and_csrf(client_for, demo):
    assert client_for("student1").get(EXTEND).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(demo["student1"])
    assert strict.post(EXTEND).status_code == 403


def test_stay_signed_in_anonymous_gets_the_login_redirect(client):
    assert is_login_redirect(client.post(EXTEND))


def test_the_warning_dialog(frozen, client_for):
    # The clock stands still: signed in and shown in the same second, the whole
    # idle time is left (a second later the dialog rightly says 3599).
    html = client_for("student1").get("/").content.decode()
    assert 'id="session-warning"' in html
    assert 'data-idle-seconds="3600"' in html
    assert 'data-warning-seconds="120"' in html
    assert 'action="/sessie/verlengen/"' in html
    assert ">Ingelogd blijven</button>" in html
    assert "Over ongeveer 2 minuten word je automatisch uitgelogd." in html


@override_settings(SESSION_WARNING_SECONDS=5 * 60)
def test_the_warning_follows_the_setting(client_for):
    html = client_for("student1").get("/").content.decode()
    assert 'data-warning-seconds="300"' in html
    assert "Over ongeveer 5 minuten" in html
    assert 'src="/static/core/session.js"' in html


def test_no_warning_dialog_when_signed_out(client):
    html = client.get("/accounts/login/").content.decode()
    assert "session-warning" not in html
    assert "session.js" not in html


def test_logout_deletes_the_session_and_the_old_cookie_is_refused(db):
    client = Client()
    response = client.post("/accounts/login/", {"username": "student1", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    key = session_key(client)
    assert Session.objects.filter(pk=key).exists()
    assert client.post("/accounts/logout/").status_code == 302
    assert not Session.objects.filter(pk=key).exists()
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = key
    assert is_login_redirect(replay.get("/"))


def test_logout_is_post_only(client_for):
    client = client_for("student1")
    assert client.get("/accounts/logout/").status_code == 405
    assert client.get("/").status_code == 200


def test_a_deactivated_user_is_signed_out_on_the_next_request(client_for, demo):
    client = client_for("werkbegeleider1")
    assert client.get("/").status_code == 200
    User.objects.filter(pk=demo["werkbegeleider1"].pk).update(is_active=False)
    assert is_login_redirect(client.get("/"))


def test_the_administrator_ends_all_sessions_of_a_person(client_for, demo):
    phone, laptop = client_for("werkbegeleider1"), client_for("werkbegeleider1")
    colleague = client_for("werkbegeleider2")
    admin = client_for("beheerder")
    response = admin.post(
        "/beheer/people/user/",
        {"action": "end_sessions", "_selected_action": [demo["werkbegeleider1"].pk]},
    )
    assert response.status_code == 302
    assert is_login_redirect(phone.get("/"))
    assert is_login_redirect(laptop.get("/"))
    assert colleague.get("/").status_code == 200
    assert admin.get("/").status_code == 200


def test_changing_the_password_keeps_this_session_and_ends_the_others(client_for, demo):
    here, elsewhere = client_for("student1"), client_for("student1")
    new = "een nieuwe lange wachtzin voor de stage"
    response = here.post(
        "/accounts/password_change/",
        {"old_password": DEMO_PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_change/done/"
    assert here.get("/").status_code == 200
    assert is_login_redirect(elsewhere.get("/"))


def session_writes(client, url="/", **extra) -> int:
    """UPDATEs of the session table while ``client`` loads ``url``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **extra)
    assert response.status_code == 200
    return sum(
        1
        for q in ctx.captured_queries
        if q["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"]
    )


def test_page_loads_within_a_minute_write_no_session(frozen, client_for):
    client = client_for("student1")
    assert session_writes(client) == 1  # the first page after signing in
    frozen.shift(timedelta(seconds=30))
    assert session_writes(client) == 0
    expiry = Session.objects.get(pk=session_key(client)).expire_date
    assert expiry == timezone.now() - timedelta(seconds=30) + timedelta(minutes=60)
    # The dialog counts from the last write: 30 seconds less.
    assert 'data-idle-seconds="3570"' in client.get("/").content.decode()
    frozen.shift(timedelta(seconds=30))
    assert session_writes(client) == 1  # a minute on: the idle time starts again
    assert Session.objects.get(pk=session_key(client)).expire_date == timezone.now() + timedelta(
        minutes=60
    )
    assert 'data-idle-seconds="3600"' in client.get("/").content.decode()


def test_htmx_requests_and_forms_always_extend(frozen, client_for):
    client = client_for("student1")
    client.get("/")
    frozen.shift(timedelta(seconds=10))
    assert session_writes(client, headers={"HX-Request": "true"}) == 1
    frozen.shift(timedelta(seconds=10))
    assert client.post(EXTEND).status_code == 204
    assert Session.objects.get(pk=session_key(client)).expire_date == timezone.now() + timedelta(
        minutes=60
    )


def test_idle_for_an_hour_after_an_unwritten_page_load_signs_out(frozen, client_for):
    """A page load that wrote nothing does not move the expiry: 60 minutes after
    the last write the session ends, as the page's dialog said."""
    client = client_for("student1")
    client.get("/")
    frozen.shift(timedelta(seconds=50))
    assert 'data-idle-seconds="3550"' in client.get("/").content.decode()
    frozen.shift(timedelta(seconds=3551))
    assert is_login_redirect(client.get("/"))


# --- two requests of one browser at once (core/sessions.py) ---------------------


def _loaded(key: str) -> SessionStore:
    """A request's session, loaded at the start of the request."""
    store = SessionStore(key)
    store.keys()
    return store


def test_a_renewal_keeps_what_another_request_wrote_meanwhile(client_for):
    """A live check (htmx) renews the idle time while a form adds a flash
    message: the check finishes last and the message stays."""
    key = client_for("werkbegeleider1").cookies[settings.SESSION_COOKIE_NAME].value
    check = _loaded(key)
    form = _loaded(key)
    form["_messages"] = "Beoordeling gepubliceerd voor de student."
    form.save()
    check[SESSION_REFRESHED_KEY] = 1_900_000_000
    check.save()
    stored = SessionStore(key)
    assert stored["_messages"] == "Beoordeling gepubliceerd voor de student."
    assert stored[SESSION_REFRESHED_KEY] == 1_900_000_000


def test_a_removed_value_stays_removed_and_a_new_one_stays(client_for):
    key = client_for("werkbegeleider1").cookies[settings.SESSION_COOKIE_NAME].value
    shown = _loaded(key)
    shown["_messages"] = "Opgeslagen."
    shown.save()
    page = _loaded(key)  # shows the message: removes it
    other = _loaded(key)
    assert "other_tab" not in other
    other["other_tab"] = True  # a value another tab wrote meanwhile
    other.save()
    del page["_messages"]
    page.save()
    stored = SessionStore(key)
    assert "_messages" not in stored
    assert stored["other_tab"] is True


def test_a_session_ended_meanwhile_is_not_brought_back(client_for):
    client = client_for("werkbegeleider1")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    check = _loaded(key)
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    check[SESSION_REFRESHED_KEY] = 1_900_000_000
    with pytest.raises(UpdateError):
        check.save()
    assert not Session.objects.filter(session_key=key).exists()


@pytest.mark.django_db(transaction=True)
def test_a_live_check_running_meanwhile_does_not_undo_gelezen(monkeypatch):
    """Over HTTP: the live privacy check of a field (htmx, which renews the idle
    time) is still running when the person clicks "Gelezen" on the privacy
    notice; the check finishes last, and the notice stays read."""
    from leerroute.core import views as core_views
    from leerroute.privacy import notices

    user = User.objects.create_user("lezer", password=DEMO_PASSWORD)
    browser = Client()
    browser.force_login(user)
    session = browser.session
    session[notices.SESSION_KEY] = True  # the notice is due, as at a first sign-in
    session.save()
    key = session.session_key

    running, finish = threading.Event(), threading.Event()

    def slow_check(text):
        running.set()
        finish.wait(10)
        return []

    monkeypatch.setattr(core_views, "client_identifiers", slow_check)
    tab = Client()
    tab.cookies = browser.cookies

    def live_check():
        try:
            data = {"privacy_field": "body", "body": "tekst"}
            tab.post(reverse("core:privacy_check"), data, HTTP_HX_REQUEST="true")
        finally:
            connections.close_all()  # this thread's own connection

    check = threading.Thread(target=live_check)
    check.start()
    assert running.wait(10)
    assert browser.post(reverse("privacy:acknowledge")).status_code == 302
    finish.set()
    check.join(10)
    assert notices.SESSION_KEY not in SessionStore(key)
