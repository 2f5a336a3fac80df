"""Every change to the glossary goes through these functions.

- ``create_term`` and ``update_term`` check the permission themselves (``by=``),
  keep every saved version in ``TermVersion`` (who, when) and refuse a stale
  save (``leerroute.core.versioning``): nothing is written then.
- ``load_terms`` adds the route's starting set of terms (``seed_terms.py``);
  it is used by ``manage.py load_glossary`` and the demo data and never
  changes a term that exists already.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.text import slugify

from leerroute.core import access, versioning
from leerroute.core.versioning import Conflict

from .models import Term, TermAlias, TermVersion

# Slugs that are paths of the glossary itself.
RESERVED_SLUGS = frozenset({"nieuw"})
FIELDS = ("name", "definition", "synonyms", "forms", "example", "roles")


def slug_taken(slug: str, term: Term | None = None) -> bool:
    """Whether ``slug`` is the link (or an earlier link) of another term, or reserved."""
    if slug in RESERVED_SLUGS:
        return True
    other_terms = Term.objects.filter(slug=slug)
    other_aliases = TermAlias.objects.filter(slug=slug)
    if term is not None and term.pk:
        other_terms = other_terms.exclude(pk=term.pk)
        other_aliases = other_aliases.exclude(term=term)
    return other_terms.exists() or other_aliases.exists()


def make_slug(name: str) -> str:
    """A readable, unused slug for a new term named ``name``."""
    base = slugify(name.replace("/", "-").replace("'", ""))[:90].strip("-") or "begrip"
    slug, n = base, 2
    while slug_taken(slug):
        slug, n = f"{base}-{n}", n + 1
    return slug


def name_taken(name: str, term: Term | None = None) -> bool:
    others = Term.objects.annotate(lower=Lower("name")).filter(lower=name.strip().lower())
    if term is not None and term.pk:
        others = others.exclude(pk=term.pk)
    return others.exists()


def _record_version(term: Term, by) -> TermVersion:
    related = ", ".join(sorted((t.name for t in term.related.all()), key=str.lower))
    return TermVersion.objects.create(
        term=term,
        version=term.version,
        slug=term.slug,
        related=related,
        saved_at=term.updated_at,
        saved_by=by,
        **{name: getattr(term, name) for name in FIELDS},
    )


@transaction.atomic
def create_term(data: dict, *, by) -> Term:
    """A new term (version 1) with its first history row."""
    access.require(by, "glossary.edit_terms")
    now = timezone.now()
    term = Term.objects.create(
        slug=make_slug(data["name"]),
        created_at=now,
        updated_at=now,
        updated_by=by,
        **{name: data.get(name) or ([] if name == "roles" else "") for name in FIELDS},
    )
    term.related.set(data.get("related", []))
    _record_version(term, by)
    return term


@transaction.atomic
def update_term(term: Term, data: dict, expected_version: int | None, *, by) -> Term:
    """Change ``term`` if it is still at ``expected_version`` (else ``Conflict``).

    The name may change; the slug changes only when ``data["slug"]`` asks for it,
    and then the old slug stays as a redirect. A new history row is written.
    """
    access.require(by, "glossary.edit_terms", term)
    locked = versioning.lock(term, expected_version)
    new_slug = (data.get("slug") or locked.slug).strip()
    if new_slug != locked.slug:
        if slug_taken(new_slug, locked):
            raise Conflict(_slug_message())
        TermAlias.objects.filter(term=locked, slug=new_slug).delete()
        TermAlias.objects.create(term=locked, slug=locked.slug)
        locked.slug = new_slug
    for name in FIELDS:
        setattr(locked, name, data.get(name) or ([] if name == "roles" else ""))
    locked.version += 1
    locked.updated_at = timezone.now()
    locked.updated_by = by
    locked.save()
    locked.related.set([t for t in data.get("related", []) if t.pk != locked.pk])
    _record_version(locked, by)
    return locked


def _slug_message():
    from django.utils.translation import gettext as _

    return _("Deze link is al in gebruik voor een ander begrip. Kies een andere.")


@transaction.atomic
def load_terms(entries: list[dict]) -> int:
    """Add the terms of ``entries`` that do not exist yet (by name); returns how many.

    Existing terms are never changed (the route's own edits win). Related terms
    are linked by name, for the terms added now.
    """
    existing = {name.lower() for name in Term.objects.values_list("name", flat=True)}
    added: list[tuple[Term, list[str]]] = []
    now = timezone.now()
    for entry in entries:
        if entry["name"].lower() in existing:
            continue
        term = Term.objects.create(
            name=entry["name"],
            slug=entry.get("slug") or make_slug(entry["name"]),
            definition=entry["definition"],
            synonyms=", ".join(entry.get("synonyms", [])),
            forms=", ".join(entry.get("forms", [])),
            example=entry.get("example", ""),
            roles=list(entry.get("roles", [])),
            created_at=now,
            updated_at=now,
        )
        existing.add(term.name.lower())
        added.append((term, entry.get("related", [])))
    by_name = {t.name.lower(): t for t in Term.objects.all()}
    for term, related in added:
        term.related.add(*(by_name[n.lower()] for n in related if n.lower() in by_name))
    for term, _related in added:
        _record_version(term, None)
    return len(added)
