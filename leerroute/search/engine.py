"""The header search: one text, results per kind, each kind scoped by the same
visibility functions as the rest of Leerroute (nothing outside them is ever
counted or shown).

One query per kind, whatever the number of matches: the total per kind is a
window count on the same query that fetches the first ``LIMIT`` rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery, Window
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from leerroute.core import access
from leerroute.glossary import queries as glossary
from leerroute.people import queries as people
from leerroute.people.models import Placement, RoleAssignment, User
from leerroute.training.models import Material, WorkForm

from . import fulltext
from .queries import staff_visible_to

LIMIT = 10
NAME_FIELDS = ("first_name", "last_name")


@dataclass
class Hit:
    title: str
    url: str | None
    meta: str = ""


@dataclass
class Group:
    key: str
    title: str
    total: int = 0
    hits: list[Hit] = field(default_factory=list)

    @property
    def more(self) -> bool:
        return self.total > len(self.hits)


def _first(queryset: QuerySet) -> tuple[list, int]:
    """The first LIMIT rows and the total, in one query."""
    rows = list(queryset.annotate(search_total=Window(Count("pk")))[:LIMIT])
    return rows, (rows[0].search_total if rows else 0)


def _terms(user, text) -> Group:
    rows, total = _first(glossary.search_terms(user, text))
    hits = [Hit(t.name, t.get_absolute_url(), t.definition) for t in rows]
    return Group("begrippen", _("Begrippen"), total, hits)


def _work_forms(user, text) -> Group:
    found = fulltext.match(
        access.visible(user, WorkForm), text, fields=("title", "purpose"), contains=("title",)
    ).order_by("-search_rank", "title", "pk")
    rows, total = _first(found)
    hits = [
        Hit(w.title, reverse("training:workform_detail", args=[w.slug]), w.get_kind_display())
        for w in rows
    ]
    return Group("werkvormen", _("Werkvormen"), total, hits)


def _materials(user, text) -> Group:
    found = fulltext.match(
        access.visible(user, Material), text, fields=("title", "description"), contains=("title",)
    ).order_by("-search_rank", "title", "pk")
    rows, total = _first(found)
    hits = [
        Hit(m.title, reverse("training:material_detail", args=[m.pk]), m.get_kind_display())
        for m in rows
    ]
    return Group("materialen", _("Materialen"), total, hits)


def _students(user, text) -> Group:
    team = Placement.objects.active().filter(student=OuterRef("pk")).values("team__name")[:1]
    found = (
        fulltext.match(access.visible(user, User), text, fields=NAME_FIELDS, config="simple")
        .annotate(current_team=Subquery(team))
        .order_by("-search_rank", "last_name", "first_name", "pk")
    )
    rows, total = _first(found)
    hits = [Hit(str(s), reverse("people:student", args=[s.pk]), s.current_team or "") for s in rows]
    return Group("studenten", _("Studenten"), total, hits)


def _staff(user, text) -> Group:
    roles = (
        RoleAssignment.objects.active()
        .filter(role__in=people.STAFF_ROLES)
        .select_related("organisation", "department", "team")
        .order_by("role", "pk")
    )
    found = (
        fulltext.match(staff_visible_to(user), text, fields=NAME_FIELDS, config="simple")
        .prefetch_related(Prefetch("role_assignments", queryset=roles, to_attr="current_roles"))
        .order_by("-search_rank", "last_name", "first_name", "pk")
    )
    rows, total = _first(found)
    if not rows:
        return Group("medewerkers", _("Medewerkers"), 0, [])
    visible_orgs = set(people.organisations_visible_to(user).values_list("pk", flat=True))
    hits = []
    for person in rows:
        parts, url = [], None
        for a in person.current_roles:
            where = a.team or a.department or a.organisation
            parts.append(f"{a.get_role_display()}, {where}")
            if url is None and a.organisation_id in visible_orgs:
                url = _place_url(a)
        hits.append(Hit(str(person), url, "; ".join(parts)))
    return Group("medewerkers", _("Medewerkers"), total, hits)


def _place_url(assignment: RoleAssignment) -> str:
    if assignment.team_id:
        return reverse("people:team", args=[assignment.team_id])
    if assignment.department_id:
        return reverse("people:department", args=[assignment.department_id])
    return reverse("people:organisation", args=[assignment.organisation_id])


def search(user, text: str) -> list[Group]:
    """Every kind of result for ``text`` that ``user`` may see, in a fixed order."""
    return [
        _terms(user, text),
        _work_forms(user, text),
        _materials(user, text),
        _students(user, text),
        _staff(user, text),
    ]


__all__ = ["LIMIT", "Group", "Hit", "search"]
