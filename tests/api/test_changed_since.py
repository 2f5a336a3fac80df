"""``changed_since`` takes any ISO 8601 timestamp, also with unusual offsets, without a 5xx."""

import pytest
from django.test import Client

from leerroute.api import services
from leerroute.people.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "value",
    ["1711-01-08T02:51:51.082-22:23", "2026-01-01T00:00:00+23:59", "0001-01-01T00:00:00+01:00"],
)
@pytest.mark.parametrize("path", ["/api/v1/weekly-updates/", "/api/v1/feedback/"])
def test_unusual_offsets_are_answered(path, value):
    _row, token = services.create_token(User.objects.get(username="docent1"), "t", by=None)
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get(path, {"changed_since": value})
    assert response.status_code == 200


def test_week_filters_out_of_range_are_a_422():
    _row, token = services.create_token(User.objects.get(username="docent1"), "t", by=None)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get("/api/v1/weekly-updates/", {"year": 99999999}).status_code == 422
    assert client.get("/api/v1/weekly-updates/", {"week": 60}).status_code == 422


@pytest.mark.parametrize("name", ["starts_after", "starts_before"])
@pytest.mark.parametrize("value", ["0234-03-29T02:09:08.9-16:32", "2026-12-01T10:00:00+23:59"])
def test_session_time_filters_take_unusual_offsets(name, value):
    _row, token = services.create_token(User.objects.get(username="trainer"), "t", by=None)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert client.get("/api/v1/training-sessions/", {name: value}).status_code == 200
