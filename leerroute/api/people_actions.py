"""Students, employees and placements through the API: one row of the people import.

Each endpoint is an import of a one-row table (``leerroute.imports.services.run``),
so everything the import pages do holds here too: who may import for which
organisation (``imports.import_people``; a practice educator only their own
organisation: a row of another one is refused like on the page, a 422 naming
``organisation``), the matching on (organisation, student or personnel number),
the validation with its Dutch messages, roles ending when the row no longer names
them. The import's columns come in under English names (``*_COLUMNS`` below; the
API field named in an error is mapped back from the import's column).

A real run answers the person or placement (201 when the import made it new, 200
otherwise, also when nothing changed); ``dry_run`` answers the import's report of
the row without writing anything. A refused row is a 422 (the real run) or a report
with ``outcome: refused`` (the dry run).
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy
from ninja import Schema, Status

from leerroute.core import access
from leerroute.imports import files, services
from leerroute.people.models import Placement, RoleAssignment, User

from . import resources
from .actions import ACTION_ERRORS, Invalid, StateConflict
from .schemas import EmployeeIn, ImportRowOut, PersonOut, PlacementIn, PlacementOut, StudentIn

router = resources.router

# API field -> the import's column (docs/import-formats.md). Every column of the kind.
STUDENT_COLUMNS = {
    "student_number": "studentnummer",
    "username": "gebruikersnaam",
    "first_name": "voornaam",
    "last_name": "achternaam",
    "email": "email",
    "organisation": "organisatie",
    "cohort": "klas",
    "school_year": "schooljaar",
    "crebo": "crebo",
    "qualification": "kwalificatie",
    "start_date": "startdatum",
}
EMPLOYEE_COLUMNS = {
    "personnel_number": "personeelsnummer",
    "username": "gebruikersnaam",
    "first_name": "voornaam",
    "last_name": "achternaam",
    "email": "email",
    "organisation": "organisatie",
    "department": "afdeling",
    "team": "team",
    "roles": "rollen",
    "start_date": "startdatum",
}
PLACEMENT_COLUMNS = {
    "student_number": "studentnummer",
    "organisation": "organisatie",
    "department": "afdeling",
    "team": "team",
    "start_date": "startdatum",
    "end_date": "einddatum",
    "mentors": "werkbegeleiders",
    "assessor": "studentbegeleider",
}

OUTCOMES = {
    services.CREATED: "created",
    services.CHANGED: "changed",
    services.UNCHANGED: "unchanged",
    services.REFUSED: "refused",
}
CONCURRENT = gettext_lazy(
    "Tegelijk werd hetzelfde ingevoerd of gewijzigd. Probeer het opnieuw; "
    "dan zie je wat er al staat."
)

# What the import writes for the row, fetched as the read resources show it.
_ROLES = Prefetch("role_assignments", queryset=RoleAssignment.objects.order_by("start_date", "pk"))


def _person(pk: int) -> User:
    return User.objects.prefetch_related(_ROLES).get(pk=pk)


def _placement(pk: int) -> Placement:
    return Placement.objects.prefetch_related("mentors").get(pk=pk)


def _cell(value) -> str:
    """A value as the import reads it from a file: trimmed text, ISO dates, lists
    separated by commas."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return ",".join(part.strip() for part in value)
    return str(value).strip()


def _table(payload: Schema, columns: dict[str, str]) -> files.Table:
    """The payload as a one-row table (the header is row 1, so this is row 2)."""
    data = payload.dict()
    values = {column: _cell(data[name]) for name, column in columns.items()}
    return files.Table(header=list(values), rows=[files.Row(2, values)])


def _errors(result: services.RowResult, columns: dict[str, str]) -> list[dict]:
    fields = {column: name for name, column in columns.items()}
    return [
        {"field": fields.get(column, column), "message": str(reason)}
        for column, reason in result.errors
    ]


def _report(result: services.RowResult, columns: dict[str, str]) -> dict:
    return {
        "dry_run": True,
        "outcome": OUTCOMES[result.action],
        "label": str(result.action),
        "changes": [str(change) for change in result.changes],
        "errors": _errors(result, columns),
    }


def _upsert(request, kind: str, payload, columns: dict[str, str], answer):
    access.require(request, "imports.import_people")
    try:
        report = services.run(
            kind, _table(payload, columns), by=request.user, dry_run=payload.dry_run
        )
    except services.ImportRefused as exc:
        rows = exc.report.rows if exc.report is not None else []
        errors = [e for row in rows for e in _errors(row, columns)]
        raise Invalid(errors or [{"field": None, "message": exc.message}]) from None
    except IntegrityError:  # the same person or placement written at the same moment
        raise StateConflict(str(CONCURRENT)) from None
    (result,) = report.rows
    if payload.dry_run:
        return Status(200, _report(result, columns))
    return Status(201 if result.action == services.CREATED else 200, answer(result.subject.pk))


@router.post(
    "/students/",
    response={201: PersonOut, 200: PersonOut | ImportRowOut, **ACTION_ERRORS},
    url_name="students_upsert",
    operation_id="students_upsert",
    tags=["personen"],
    summary="Een student invoeren of bijwerken, met klas en kwalificatie, als één regel "
    "van de schoolimport (functioneel beheerder)",
)
def upsert_student(request, payload: StudentIn):
    return _upsert(request, services.STUDENTS, payload, STUDENT_COLUMNS, _person)


@router.post(
    "/employees/",
    response={201: PersonOut, 200: PersonOut | ImportRowOut, **ACTION_ERRORS},
    url_name="employees_upsert",
    operation_id="employees_upsert",
    tags=["personen"],
    summary="Een medewerker invoeren of bijwerken, met team en rollen, als één regel "
    "van de HR-import (functioneel beheerder; praktijkopleider: de eigen organisatie)",
)
def upsert_employee(request, payload: EmployeeIn):
    return _upsert(request, services.EMPLOYEES, payload, EMPLOYEE_COLUMNS, _person)


@router.post(
    "/placements/",
    response={201: PlacementOut, 200: PlacementOut | ImportRowOut, **ACTION_ERRORS},
    url_name="placements_upsert",
    operation_id="placements_upsert",
    tags=["BPV-plaatsen"],
    summary="Een BPV-plaats invoeren of bijwerken, met werkbegeleiders en studentbegeleider, "
    "als één regel van de BPV-import (functioneel beheerder; praktijkopleider: de eigen "
    "organisatie)",
)
def upsert_placement(request, payload: PlacementIn):
    return _upsert(request, services.PLACEMENTS, payload, PLACEMENT_COLUMNS, _placement)
