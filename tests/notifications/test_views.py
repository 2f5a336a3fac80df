"""The bell, the list, opening and marking read, the e-mail choices on the profile."""

import re

import pytest
from django.urls import reverse

from leerroute.notifications import kinds, queries, services
from leerroute.notifications.models import Notification
from tests.conftest import DEMO_ACCOUNTS

pytestmark = pytest.mark.django_db

LIST = reverse("notifications:list")


def bell_label(html: str) -> str:
    match = re.search(r'class="bell"[^>]*aria-label="([^"]+)"', html)
    assert match, "no bell in the header"
    return match.group(1)


@pytest.mark.parametrize("account", DEMO_ACCOUNTS)
def test_every_account_sees_its_own_list_and_bell(account, client_for, demo):
    html = client_for(account).get(LIST).content.decode()
    own = Notification.objects.filter(recipient=demo[account])
    others = Notification.objects.exclude(recipient=demo[account])
    unread = own.filter(read_at__isnull=True).count()
    assert unread and own.exclude(read_at=None).exists()  # the demo has both
    assert bell_label(html) == f"Meldingen, {unread} ongelezen"
    assert "<h1>Meldingen</h1>" in html
    for item in own.order_by("-created_at")[:25]:
        assert reverse("notifications:open", args=[item.pk]) in html
    for item in others:
        assert reverse("notifications:open", args=[item.pk]) not in html


def test_anonymous_has_no_bell(client):
    html = client.get(reverse("login")).content.decode()
    assert 'class="bell"' not in html


def test_opening_marks_read_and_goes_to_the_object(client_for, demo):
    client = client_for("student1")
    (item,) = services.notify(
        [demo["student1"]], kinds.FEEDBACK_NEW, text="Nieuw iets", url="/feedback/"
    )
    before = queries.unread_count(demo["student1"])
    response = client.post(reverse("notifications:open", args=[item.pk]))
    assert response.status_code == 302 and response["Location"] == "/feedback/"
    item.refresh_from_db()
    assert item.read_at is not None
    html = client.get(LIST).content.decode()
    assert bell_label(html) == f"Meldingen, {before - 1} ongelezen"


def test_mark_read_and_all_read(client_for, demo):
    client = client_for("docent1")
    _many(demo["docent1"], 2)
    item = Notification.objects.filter(recipient=demo["docent1"], read_at=None).first()
    response = client.post(reverse("notifications:mark_read", args=[item.pk]))
    assert response.status_code == 302 and response["Location"] == LIST
    item.refresh_from_db()
    assert item.read_at is not None
    response = client.post(reverse("notifications:mark_all_read"), follow=True)
    html = response.content.decode()
    assert "Alle meldingen zijn gemarkeerd als gelezen." in html
    assert bell_label(html) == "Meldingen, geen ongelezen"
    assert "Alles gelezen" not in html


@pytest.mark.parametrize("name", ["notifications:open", "notifications:mark_read"])
def test_nobody_opens_or_marks_another_persons_notification(name, client_for, demo):
    item = Notification.objects.filter(recipient=demo["student1"], read_at=None).first()
    for account in ("student2", "werkbegeleider1", "beheerder"):
        response = client_for(account).post(reverse(name, args=[item.pk]))
        assert response.status_code == 404
    item.refresh_from_db()
    assert item.read_at is None


def test_preferences_on_the_profile(client_for, demo):
    client = client_for("werkbegeleider1")
    html = client.get(reverse("core:profile")).content.decode()
    assert "Meldingen per e-mail" in html
    assert 'name="learning_submitted" id="id_learning_submitted" checked' in html
    response = client.post(reverse("notifications:preferences"), {"feedback_new": "on"})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:profile") + "#meldingen-kop"
    choices = queries.email_choices(demo["werkbegeleider1"])
    assert choices[kinds.FEEDBACK_NEW] is True
    assert choices[kinds.LEARNING_SUBMITTED] is False
    html = client.get(reverse("core:profile")).content.decode()
    assert 'name="learning_submitted" id="id_learning_submitted" checked' not in html


def _many(user, n):
    Notification.objects.bulk_create(
        Notification(recipient=user, kind=kinds.FEEDBACK_NEW, text=f"Melding {i}", url="/")
        for i in range(n)
    )


@pytest.mark.parametrize("url", [LIST, reverse("core:home")])
def test_query_count_is_constant(url, client_for, demo, django_assert_max_num_queries):
    user = demo["werkbegeleider2"]
    Notification.objects.filter(recipient=user).delete()
    _many(user, 1)
    client = client_for("werkbegeleider2")
    client.get(url)
    with django_assert_max_num_queries(60) as one:
        assert client.get(url).status_code == 200
    _many(user, 49)
    with django_assert_max_num_queries(len(one.captured_queries)):
        html = client.get(url).content.decode()
    assert bell_label(html) == "Meldingen, 50 ongelezen"


def test_the_bell_costs_one_query(client_for, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("student1")
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("core:privacy"))
    counted = [q for q in ctx.captured_queries if "notifications_notification" in q["sql"]]
    assert len(counted) == 1


def test_list_is_paginated_newest_first(client_for, demo):
    user = demo["trainer"]
    _many(user, 30)
    client = client_for("trainer")
    first = client.get(LIST).content.decode()
    assert "Pagina 1 van 2" in first
    second = client.get(LIST, {"pagina": 2}).content.decode()
    assert "Pagina 2 van 2" in second
    assert client.get(LIST, {"pagina": "x"}).status_code == 200
