"""Who sees which terms: every signed-in person reads the whole glossary (DESIGN.md)."""

from __future__ import annotations

from django.db.models import QuerySet

from leerroute.core import access
from leerroute.people import queries as people
from leerroute.people.models import Role
from leerroute.search import fulltext

from .models import Term

EDITOR_ROLES = (Role.PRACTICE_EDUCATOR, Role.TEACHER)


@access.scope(Term)
def terms_visible_to(user) -> QuerySet[Term]:
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return Term.objects.none()
    return Term.objects.all()


def edits_glossary(user) -> bool:
    """Practice educators, teachers and the beheerder keep the glossary up to date."""
    return people.is_admin(user) or people.has_role(user, *EDITOR_ROLES)


def search_terms(user, text: str) -> QuerySet[Term]:
    """The terms ``user`` may see that match ``text``, best first (the glossary's
    own search and the header search)."""
    return fulltext.match(
        terms_visible_to(user),
        text,
        fields=("name", "synonyms", "forms", "definition"),
        contains=("name", "synonyms", "forms"),
    ).order_by("-search_rank", "name", "pk")
