"""Matching a search text against a queryset: PostgreSQL full-text search, or a
plain ``icontains`` on SQLite.

On PostgreSQL every word of the search text becomes a prefix term
(``word:*``) of one ``tsquery``, all words required, matched against
``to_tsvector(config, field1 || ' ' || field2 …)`` and ranked with
``ts_rank``. Content (terms, work forms, materials) uses the ``dutch``
configuration (stemming: "leervragen" finds "leervraag"); names of people
use ``simple`` (no stemming: names are not Dutch words, and a half-typed name
must still match). The words are taken from the text as runs of letters and
digits only, so the raw ``tsquery`` can never carry operators from the user.
``contains=`` adds fields matched with ``icontains`` as well (on both
databases), for half-typed words that stemming would miss. On both databases
a row whose name (the first ``contains`` field, else the first field) is the
search text ranks first, then names that start with it.

On SQLite each word must occur (``icontains``) in one of the fields.
"""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Case, F, FloatField, Q, QuerySet, Value, When

WORD = re.compile(r"[^\W_]+")
MAX_WORDS = 8


def words(text: str) -> list[str]:
    """The words of ``text`` (letters and digits), lower-cased, at most MAX_WORDS."""
    return [w.lower() for w in WORD.findall(text or "")][:MAX_WORDS]


def on_postgres(queryset: QuerySet) -> bool:
    return connections[queryset.db].vendor == "postgresql"


def vector(fields: tuple[str, ...], config: str) -> SearchVector:
    """The (unweighted) search vector of ``fields``; GIN indexes use this same expression."""
    return SearchVector(*fields, config=config)


def match(
    queryset: QuerySet,
    text: str,
    *,
    fields: tuple[str, ...],
    config: str = "dutch",
    contains: tuple[str, ...] = (),
) -> QuerySet:
    """The rows of ``queryset`` that match ``text``, annotated with ``search_rank``.

    Callers order by ``-search_rank`` and a stable tie-breaker.
    """
    found = words(text)
    if not found:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    boost = _name_boost(contains[0] if contains else fields[0], text.strip())
    extra = Q()
    for name in contains:
        extra |= Q(**{f"{name}__icontains": text.strip()})
    if not on_postgres(queryset):
        condition = Q()
        for word in found:
            any_field = Q()
            for name in fields:
                any_field |= Q(**{f"{name}__icontains": word})
            condition &= any_field
        return queryset.filter(condition | extra).annotate(search_rank=boost)
    query = SearchQuery(" & ".join(f"{w}:*" for w in found), config=config, search_type="raw")
    return (
        queryset.annotate(search_vector=vector(fields, config))
        .filter(Q(search_vector=query) | extra)
        .annotate(search_rank=SearchRank(F("search_vector"), query) + boost)
    )


def _name_boost(name: str, text: str) -> Case:
    """Rows whose name is the search text come first, then names that start with it."""
    return Case(
        When(**{f"{name}__iexact": text}, then=Value(2.0)),
        When(**{f"{name}__istartswith": text}, then=Value(1.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )
