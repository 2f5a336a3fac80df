import pytest
from django.test import Client

from leerroute.api import services
from leerroute.people.models import User


@pytest.fixture
def token_for(db):
    """A new personal API token of a demo account."""

    def make(username: str, name: str = "test") -> str:
        _row, token = services.create_token(User.objects.get(username=username), name, by=None)
        return token

    return make


@pytest.fixture
def api_for(token_for):
    """A client that sends a demo account's token (or no token for None)."""

    def make(username: str | None) -> Client:
        if username is None:
            return Client()
        return Client(HTTP_AUTHORIZATION=f"Bearer {token_for(username)}")

    return make
