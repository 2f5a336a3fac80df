"""The queries of a page, for tests that check they do not grow with the data."""

from __future__ import annotations

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext


def first_and_repeated(client, url: str, **params):
    """The queries of a request with nothing kept in Django's caches (the first
    after a change to data a page keeps: core/versions.py, core/kept_pages.py),
    those of the same request repeated, and the repeated request's response."""
    for kept in caches.all():
        kept.clear()
    with CaptureQueriesContext(connection) as first:
        client.get(url, params)
    with CaptureQueriesContext(connection) as repeated:
        response = client.get(url, params)
    return first, repeated, response
