"""Resources of the API: one declaration gives a paginated, filtered list and a detail.

A resource names its model, its output schema and its filters; ``register``
adds two read-only endpoints to the API:

- ``GET /api/v1/<path>/``: the rows the person may see (``access.visible``),
  filtered, in a stable order, ``limit``/``offset`` paginated (at most
  ``MAX_LIMIT`` a page), with ``count``;
- ``GET /api/v1/<path>/<id>/``: one row through ``access.fetch`` (404 outside
  the person's scope, logged).

Reads of students' data are written to the access log like the pages do
(``student_field`` names where the student is). See README.md, "Adding a
resource".

This module deliberately has no ``from __future__ import annotations``:
django-ninja reads the endpoint signatures built here at run time.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from django.db.models import Model, QuerySet
from ninja import Field, Path, Query, Router, Schema
from pydantic import create_model

from leerroute.core import access
from leerroute.core.inputs import BIGINT_MAX

from .errors import PROBLEM_MEDIA_TYPE  # noqa: F401  (documented with the responses)
from .schemas import Problem

DEFAULT_LIMIT = 50
MAX_LIMIT = 100
MAX_OFFSET = 1_000_000_000

Id = int | None


@dataclass
class Filter:
    """A query parameter of a list: ``lookup`` is the ORM lookup it filters on,
    or ``apply(queryset, value)`` does it; ``kind`` is its Python type."""

    kind: Any = int
    lookup: str = ""
    description: str = ""
    apply: Callable[[QuerySet, Any], QuerySet] | None = None
    maximum: int = BIGINT_MAX  # for int filters: the column's largest value

    def field_info(self):
        if self.kind is int:
            return (Id, Field(None, ge=1, le=self.maximum, description=self.description))
        return (self.kind | None, Field(None, description=self.description))

    def filter(self, queryset: QuerySet, value) -> QuerySet:
        if isinstance(value, datetime.datetime):
            value = _as_utc(value)  # any offset ISO 8601 allows, as ``changed_since``
        if self.apply is not None:
            return self.apply(queryset, value)
        return queryset.filter(**{self.lookup: value})


def choice(choices) -> Any:
    """A filter type that accepts the codes of a Django ``TextChoices``."""
    return Literal[tuple(str(value) for value in choices.values)]


def id_filter(lookup: str, description: str) -> Filter:
    return Filter(int, lookup, description)


@dataclass
class Resource:
    path: str  # URL segment, e.g. "learning-questions"
    name: str  # URL name prefix, e.g. "learning_questions" (api:learning_questions_list)
    model: type[Model]
    schema: type[Schema]
    tag: str
    filters: dict[str, Filter] = field(default_factory=dict)
    # A timestamp field for ``changed_since`` (None: the model has none).
    changed_field: str | None = None
    order: tuple[str, ...] = ("pk",)
    # select_related/prefetch_related so a page needs a constant number of queries.
    prepare: Callable[[QuerySet], QuerySet] = lambda queryset: queryset
    # Where the student is, for the access log ("student_id"; "pk" for people).
    student_field: str | None = None
    summary_list: str = ""
    summary_detail: str = ""

    @property
    def ordering(self) -> tuple[str, ...]:
        return self.order if "pk" in self.order or "-pk" in self.order else (*self.order, "pk")


REGISTERED: list[Resource] = []

CHANGED_SINCE_HELP = "Alleen wat op of na dit tijdstip (ISO 8601) is gewijzigd."


def _filters_model(resource: Resource):
    fields: dict[str, Any] = {
        "limit": (
            int,
            Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Rijen per pagina (max. 100)."),
        ),
        "offset": (int, Field(0, ge=0, le=MAX_OFFSET, description="Rijen overslaan.")),
    }
    if resource.changed_field:
        fields["changed_since"] = (
            datetime.datetime | None,
            Field(None, description=CHANGED_SINCE_HELP),
        )
    for name, spec in resource.filters.items():
        fields[name] = spec.field_info()
    return create_model(f"{resource.model.__name__}Filters", __base__=Schema, **fields)


def _page_model(resource: Resource):
    return create_model(
        f"{resource.model.__name__}Page",
        __base__=Schema,
        count=(int, Field(..., description="Aantal rijen in totaal (alle pagina's).")),
        limit=(int, ...),
        offset=(int, ...),
        items=(list[resource.schema], ...),
    )


def list_rows(request, resource: Resource, filters) -> dict:
    queryset = access.visible(request.user, resource.model)
    if resource.changed_field and filters.changed_since is not None:
        queryset = queryset.filter(
            **{f"{resource.changed_field}__gte": _as_utc(filters.changed_since)}
        )
    for name, spec in resource.filters.items():
        value = getattr(filters, name)
        if value is not None:
            queryset = spec.filter(queryset, value)
    queryset = queryset.order_by(*resource.ordering)
    count = queryset.count()
    rows = list(resource.prepare(queryset)[filters.offset : filters.offset + filters.limit])
    if resource.student_field:
        access.log_reads(request, [getattr(row, resource.student_field) for row in rows])
    return {"count": count, "limit": filters.limit, "offset": filters.offset, "items": rows}


ObjectId = Path(..., ge=1, le=BIGINT_MAX, description="Het id.")


def register(router: Router, resource: Resource) -> Resource:
    """Add the list and detail endpoints of ``resource`` to ``router``."""
    filters_model = _filters_model(resource)
    page_model = _page_model(resource)

    def list_view(request, filters: Query[filters_model]):  # type: ignore[valid-type]
        return list_rows(request, resource, filters)

    def detail_view(request, pk: int = ObjectId):
        return access.fetch(request, resource.model, pk, prepare=resource.prepare)

    list_view.__name__ = f"{resource.name}_list"
    detail_view.__name__ = f"{resource.name}_detail"
    router.get(
        f"/{resource.path}/",
        response={200: page_model, 400: Problem, 401: Problem, 422: Problem},
        url_name=f"{resource.name}_list",
        tags=[resource.tag],
        summary=resource.summary_list or f"Lijst: {resource.tag}",
        operation_id=f"{resource.name}_list",
    )(list_view)
    router.get(
        f"/{resource.path}/{{pk}}/",
        response={200: resource.schema, 400: Problem, 401: Problem, 404: Problem, 422: Problem},
        url_name=f"{resource.name}_detail",
        tags=[resource.tag],
        summary=resource.summary_detail or f"Eén: {resource.tag}",
        operation_id=f"{resource.name}_detail",
    )(detail_view)
    REGISTERED.append(resource)
    return resource


def _as_utc(moment: datetime.datetime) -> datetime.datetime:
    """A timestamp as UTC: any offset ISO 8601 allows (up to 23:59) reaches the
    database as one it accepts; a time without an offset is read as Leerroute's
    own time zone."""
    from django.utils import timezone

    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    try:
        return moment.astimezone(datetime.UTC)
    except OverflowError:  # e.g. year 1 with a positive offset
        return datetime.datetime.min.replace(tzinfo=datetime.UTC)
