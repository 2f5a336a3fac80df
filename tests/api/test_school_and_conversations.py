"""The API's weekly updates and conversations: the same scope as the pages."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from leerroute.api import services
from leerroute.conversations.models import Conversation
from leerroute.conversations.queries import conversations_visible_to
from leerroute.people.models import User
from leerroute.school.models import WeeklyUpdate
from leerroute.school.queries import updates_visible_to

pytestmark = pytest.mark.django_db


def api(username: str) -> Client:
    _row, token = services.create_token(User.objects.get(username=username), "test", by=None)
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def _ids(client, path) -> set[int]:
    body = client.get(path, {"limit": 100}).json()
    return {row["id"] for row in body["items"]}


@pytest.mark.parametrize("account", ["student1", "werkbegeleider1", "docent1", "docent2"])
def test_weekly_updates_are_the_ones_the_pages_show(account):
    user = User.objects.get(username=account)
    expected = set(updates_visible_to(user).values_list("pk", flat=True)[:100])
    assert _ids(api(account), "/api/v1/weekly-updates/") == expected


def test_students_never_see_drafts():
    ids = _ids(api("student1"), "/api/v1/weekly-updates/")
    assert not WeeklyUpdate.objects.filter(pk__in=ids, status="draft").exists()


@pytest.mark.parametrize("account", ["student1", "student2", "praktijkopleider1", "beheerder"])
def test_conversations_are_the_ones_the_pages_show(account):
    user = User.objects.get(username=account)
    expected = set(conversations_visible_to(user).values_list("pk", flat=True))
    assert _ids(api(account), "/api/v1/conversations/") == expected


def test_a_conversation_outside_scope_is_404():
    theirs = Conversation.objects.filter(student__username="student1").first()
    assert api("student2").get(f"/api/v1/conversations/{theirs.pk}/").status_code == 404


def test_conversation_detail_has_participants_and_agreements():
    held = Conversation.objects.filter(student__username="student1", status="held").first()
    body = api("docent1").get(f"/api/v1/conversations/{held.pk}/").json()
    assert body["student"] == held.student_id
    assert {p["user"] for p in body["participants"]} == set(
        held.participants.values_list("user_id", flat=True)
    )
    assert len(body["agreements"]) == held.agreements.count()


def test_lists_have_a_constant_number_of_queries():
    client = api("docent1")
    for path in ["/api/v1/weekly-updates/", "/api/v1/conversations/"]:
        with CaptureQueriesContext(connection) as small:
            client.get(path, {"limit": 1})
        with CaptureQueriesContext(connection) as large:
            client.get(path, {"limit": 100})
        assert len(large) == len(small), path
