"""Everything Leerroute holds about one student ("Mijn gegevens", TRUST.md PRIV-09..11).

Each app contributes its own part in ``mydata.py``: ``sections(student) ->
list[Section]``, and ``SCHEMAS``: section key -> JSON schema of one row. The
export holds the student's own data and, of other people, only the names of
the staff who worked with them (PRIV-10). The JSON schema of the whole export
is generated from the apps' schemas and kept in the repo at
``docs/schemas/mijn-gegevens.schema.json`` (a test checks it is up to date).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from leerroute.core.panels import app_modules

FORMAT_VERSION = 1
SCHEMA_ID = "https://leerroute.nl/schemas/mijn-gegevens.schema.json"


@dataclass
class Section:
    key: str
    title: str
    labels: dict[str, str]  # row field -> Dutch label, in display order
    rows: list[dict] = field(default_factory=list)
    order: int = 100


def _plain(value):
    """A JSON-ready value: dates as ISO 8601, nested rows as plain dicts."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if value is None or isinstance(value, (bool, int, str)):
        return value
    return str(value)


def sections_for(student) -> list[Section]:
    found: list[Section] = []
    for module in app_modules("mydata"):
        found.extend(module.sections(student))
    return sorted(found, key=lambda s: s.order)


def as_json(student, sections: list[Section]) -> dict:
    return {
        "$schema": SCHEMA_ID,
        "formaat": FORMAT_VERSION,
        "gemaakt_op": _plain(timezone.now()),
        "student": {"gebruikersnaam": student.username},
        "onderdelen": {s.key: [_plain(row) for row in s.rows] for s in sections},
    }


def schema() -> dict:
    """The JSON schema of the export, from every app's row schemas."""
    parts = {}
    for module in app_modules("mydata"):
        parts.update(module.SCHEMAS)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Mijn gegevens in Leerroute",
        "type": "object",
        "required": ["formaat", "gemaakt_op", "student", "onderdelen"],
        "additionalProperties": False,
        "properties": {
            "$schema": {"type": "string"},
            "formaat": {"const": FORMAT_VERSION},
            "gemaakt_op": {"type": "string", "format": "date-time"},
            "student": {
                "type": "object",
                "required": ["gebruikersnaam"],
                "properties": {"gebruikersnaam": {"type": "string"}},
                "additionalProperties": False,
            },
            "onderdelen": {
                "type": "object",
                "required": sorted(parts),
                "additionalProperties": False,
                "properties": {
                    key: {"type": "array", "items": row} for key, row in sorted(parts.items())
                },
            },
        },
    }


# Small builders for the apps' row schemas.
def obj(props: dict, optional: tuple[str, ...] = ()) -> dict:
    return {
        "type": "object",
        "required": [k for k in props if k not in optional],
        "additionalProperties": False,
        "properties": props,
    }


STRING = {"type": "string"}
TEXT = {"type": "string"}
BOOL = {"type": "boolean"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
OPT_DATE = {"type": ["string", "null"], "format": "date"}
OPT_DATETIME = {"type": ["string", "null"], "format": "date-time"}
OPT_STRING = {"type": ["string", "null"]}
STRINGS = {"type": "array", "items": STRING}


def rows_of(schema_row: dict) -> dict:
    return {"type": "array", "items": schema_row}


def name(user) -> str | None:
    """A staff member's name as shown in the export (never more than the name)."""
    if user is None:
        return None
    return str(user)


@dataclass
class Field:
    label: str
    kind: str  # "text", "bool", "date", "datetime", "list", "rows", "empty"
    value: object = None
    labels: list[str] = field(default_factory=list)  # for "rows": the column labels


def _label(key: str) -> str:
    return key.replace("_", " ").capitalize()


def display(section: Section) -> list[list[Field]]:
    """The rows of a section as labelled fields, for the page and the HTML file."""
    shown = []
    for row in section.rows:
        fields = []
        for key, label in section.labels.items():
            fields.append(_field(str(label), row.get(key)))
        shown.append(fields)
    return shown


def _field(label: str, value) -> Field:
    if value is None or value == "" or value == []:
        return Field(label, "empty")
    if isinstance(value, bool):
        return Field(label, "bool", value)
    if isinstance(value, datetime.datetime):
        return Field(label, "datetime", value)
    if isinstance(value, datetime.date):
        return Field(label, "date", value)
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        keys = list(value[0])
        return Field(
            label,
            "rows",
            [[_field(_label(k), v.get(k)) for k in keys] for v in value],
            [_label(k) for k in keys],
        )
    if isinstance(value, list):
        return Field(label, "list", value)
    return Field(label, "text", value)
