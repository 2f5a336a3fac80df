"""Rate limits for the costly surfaces: API writes, exports, import uploads.

One middleware applies them, by URL namespace, so no view repeats it:

- ``api_writes``: POST/PUT/PATCH/DELETE in namespace ``api`` (``RATE_LIMIT_API_WRITES``);
- ``exports``: every request in namespace ``exports`` (``RATE_LIMIT_EXPORTS``);
- ``imports``: POSTs in namespace ``imports``, upload and confirm (``RATE_LIMIT_IMPORTS``).

A fixed window of ``RATE_LIMIT_WINDOW_SECONDS`` per person (session), per
token (a hash of the ``Authorization`` header: the API authenticates after
the middleware) or else per address. Over the limit: 429 with ``Retry-After``
(the seconds left in the window), a Dutch problem document on the API and a
Dutch page elsewhere; the view does not run. A limit of 0 turns a surface off.

The counters live in Django's cache (``RATE_LIMIT_CACHE``, default
``default``). With the default local-memory cache each server process counts
for itself: with N processes a person gets up to N times the limit. A cache
shared between processes (Redis, Memcached, the database cache) makes it exact.
"""

from __future__ import annotations

import hashlib
import math
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .security import client_ip

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def surface_of(request, namespace: str) -> str | None:
    """Which limit applies to this request (None: no limit)."""
    if namespace == "api" and request.method not in SAFE_METHODS:
        return "api_writes"
    if namespace == "exports":
        return "exports"
    if namespace == "imports" and request.method == "POST":
        return "imports"
    return None


LIMIT_SETTINGS = {
    "api_writes": "RATE_LIMIT_API_WRITES",
    "exports": "RATE_LIMIT_EXPORTS",
    "imports": "RATE_LIMIT_IMPORTS",
}


def _who(request) -> str:
    header = request.headers.get("Authorization", "")
    if header:
        return "t:" + hashlib.sha256(header.encode("utf-8", "replace")).hexdigest()[:32]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u:{user.pk}"
    return "a:" + hashlib.sha256(client_ip(request).encode()).hexdigest()[:32]


def hit(surface: str, who: str, limit: int, window: int) -> int | None:
    """Count one request; the seconds to wait when it is over ``limit``, else None."""
    now = time.time()
    slot = int(now // window)
    key = f"ratelimit:{surface}:{who}:{slot}"
    cache = caches[getattr(settings, "RATE_LIMIT_CACHE", "default")]
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=window + 5)
        count = 1
    if count <= limit:
        return None
    return max(1, math.ceil((slot + 1) * window - now))


def too_many(request, surface: str, seconds: int) -> HttpResponse:
    detail = _(
        "Je hebt in korte tijd te veel verzoeken gedaan. "
        "Probeer het over %(seconds)s seconden opnieuw."
    ) % {"seconds": seconds}
    headers = {"Retry-After": str(seconds)}
    if surface == "api_writes":
        from leerroute.api.errors import problem

        return problem(429, detail, headers=headers)
    html = render_to_string("429.html", {"message": detail, "seconds": seconds})
    response = HttpResponse(html, status=429)
    response["Retry-After"] = str(seconds)
    return response


class RateLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        surface = surface_of(request, match.namespace if match else "")
        if surface is None:
            return None
        limit = getattr(settings, LIMIT_SETTINGS[surface], 0)
        if limit <= 0:
            return None
        window = max(1, getattr(settings, "RATE_LIMIT_WINDOW_SECONDS", 60))
        seconds = hit(surface, _who(request), limit, window)
        if seconds is None:
            return None
        return too_many(request, surface, seconds)
