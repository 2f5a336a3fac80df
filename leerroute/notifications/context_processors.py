"""The bell in the header: the unread count, at most one query per request.

The count is computed only when a template reads it, and once per request
(cached on the request), however many templates are rendered.
"""

from __future__ import annotations

from django.utils.functional import cached_property

from . import queries


class Bell:
    def __init__(self, user):
        self.user = user

    @cached_property
    def unread(self) -> int:
        return queries.unread_count(self.user)


def bell(request):
    user = getattr(request, "user", None)
    if not (user and user.is_authenticated):
        return {}
    found = request.__dict__.get("_leerroute_bell")
    if found is None or found.user is not user:
        found = request.__dict__["_leerroute_bell"] = Bell(user)
    return {"bell": found}
