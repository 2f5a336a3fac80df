"""Who sees which qualification files: every signed-in person (DESIGN.md)."""

from __future__ import annotations

from django.db.models import QuerySet

from leerroute.core import access

from .models import Qualification


@access.scope(Qualification)
def qualifications_visible_to(user) -> QuerySet[Qualification]:
    if getattr(user, "is_authenticated", False) and user.is_active:
        return Qualification.objects.all()
    return Qualification.objects.none()
