"""Sending JSON to the API and reading its problem documents, for the API tests."""

import json


def send(client, method: str, url: str, data):
    return getattr(client, method)(url, json.dumps(data), content_type="application/json")


def post(client, url: str, data):
    return send(client, "post", url, data)


def patch(client, url: str, data):
    return send(client, "patch", url, data)


def fields(response) -> set:
    """The fields a problem document names (and that it is one)."""
    assert response["Content-Type"] == "application/problem+json", response.content
    return {error["field"] for error in response.json()["errors"]}
