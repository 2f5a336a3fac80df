"""Who may import for which organisations."""

from __future__ import annotations

from django.db.models import QuerySet

from leerroute.people import queries as people
from leerroute.people.models import Organisation, Role


def importable_organisations(user) -> QuerySet[Organisation]:
    """The administrator: every organisation; a practice educator: their own."""
    if people.is_admin(user):
        return Organisation.objects.all()
    ids = {s.organisation_id for s in people.scopes(user) if s.role == Role.PRACTICE_EDUCATOR}
    return Organisation.objects.filter(pk__in=ids)
