"""The one place where ids, numbers and free text from a request are read.

Views and forms never call ``int()`` or ``str.isdigit()`` on request data:
``"²".isdigit()`` is True but ``int("²")`` fails, ``int("١")`` (an
Arabic-Indic digit) reads as 1, and a number beyond the 64-bit range makes
SQLite raise ``OverflowError``. Every one of those used to be a 500.

- ``parse_id``/``parse_int``: ASCII digits only (no sign, no spaces, no
  ``0x``), within the bigint range; anything else is ``None``.
- ``get_id``/``get_ids``/``get_int``: read a parameter from ``request.GET`` or
  ``request.POST``; absent or empty is ``None``, malformed raises
  ``BadInput`` (a 400 with a Dutch message, see ``core.views.bad_request``).
- ``IdChoiceField``/``IdMultipleChoiceField``/``NumberField``: the same rule in
  forms, so a malformed value is a field error in Dutch, never a crash.
- ``clean_text``: free text read without a form loses control characters
  (tabs and line breaks stay). A NUL byte never gets this far:
  ``core.middleware.RejectNulMiddleware`` answers 400 before any view runs,
  because PostgreSQL refuses NUL in text and that error would otherwise look
  like a database outage (503).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from django import forms
from django.core.exceptions import BadRequest
from django.db import models
from django.utils.translation import gettext_lazy as _

BIGINT_MAX = 2**63 - 1
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")
_KEEP = frozenset("\t\n\r")

BAD_ID_MESSAGE = _(
    "Er zat een ongeldig nummer in je verzoek. Ga terug, laad de pagina opnieuw en probeer het "
    "nog eens."
)
NUL_MESSAGE = _(
    "Je verzoek bevatte een onzichtbaar teken (een nul-teken) dat we niet kunnen verwerken. "
    "Haal het weg, bijvoorbeeld door de tekst opnieuw te typen in plaats van te plakken, "
    "en probeer het nog eens."
)


class BadInput(BadRequest):
    """A malformed request value: answered with 400 and this (Dutch) message."""

    def __init__(self, message=BAD_ID_MESSAGE):
        super().__init__(message)
        self.message = message


def parse_int(value, *, minimum: int = 0, maximum: int = BIGINT_MAX) -> int | None:
    """``value`` as a whole number within [minimum, maximum], else None.

    Strings must be ASCII digits only; ints are accepted as they are (bools not).
    """
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    elif isinstance(value, str) and _ASCII_DIGITS.fullmatch(value):
        number = int(value)
    else:
        return None
    return number if minimum <= number <= maximum else None


def parse_id(value) -> int | None:
    """A database id: ASCII digits within the bigint range, else None."""
    return parse_int(value)


def parse_ids(values: Iterable) -> list[int] | None:
    """All or nothing: the ids in their order without repeats, or None if any is malformed."""
    ids: dict[int, None] = {}
    for value in values:
        number = parse_id(value)
        if number is None:
            return None
        ids[number] = None
    return list(ids)


def valid_ids(values: Iterable) -> set[int]:
    """The well-formed ids among ``values`` (to show posted choices again); others dropped."""
    return {number for number in map(parse_id, values) if number is not None}


def _present(data, name: str) -> str | None:
    value = data.get(name)
    return None if value is None or value == "" else value


def get_int(data, name: str, *, minimum: int = 0, maximum: int = BIGINT_MAX) -> int | None:
    """A whole number parameter: None when absent or empty; BadInput when malformed."""
    value = _present(data, name)
    if value is None:
        return None
    number = parse_int(value, minimum=minimum, maximum=maximum)
    if number is None:
        raise BadInput
    return number


def get_id(data, name: str) -> int | None:
    """An id parameter: None when absent or empty; BadInput when malformed."""
    return get_int(data, name)


def get_ids(data, name: str) -> list[int]:
    """A repeated id parameter (``getlist``): BadInput when any value is malformed."""
    values = [v for v in data.getlist(name) if v != ""]
    ids = parse_ids(values)
    if ids is None:
        raise BadInput
    return ids


def page_number(data, name: str = "pagina") -> int:
    """The page of a paginated list; anything malformed is the first page."""
    return parse_int(data.get(name), minimum=1) or 1


def clean_text(value, max_length: int | None = None) -> str:
    """Free text read without a form: control characters removed (tab and line breaks kept)."""
    text = "" if value is None else str(value)
    if max_length is not None:
        text = text[:max_length]
    if text.isprintable():
        return text
    return "".join(ch for ch in text if ch in _KEEP or unicodedata.category(ch) != "Cc")


def has_nul(value) -> bool:
    return isinstance(value, str) and "\x00" in value


# --- form fields ---------------------------------------------------------------------


def _id_of(value):
    return value.pk if isinstance(value, models.Model) else value


def _takes_ids(field) -> bool:
    """Whether the choice field looks its values up in an integer column (the usual id)."""
    meta = field.queryset.model._meta
    name = field.to_field_name
    target = meta.pk if name in (None, "pk") else meta.get_field(name)
    return isinstance(target, models.IntegerField)


# The empty choice of a select, in words instead of Django's "---------".
EMPTY_CHOICE = _("Maak een keuze")


class IdChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that accepts only well-formed ids (ASCII digits, bigint range).

    Its empty choice reads "Maak een keuze" unless the form names another.
    """

    def __init__(self, *args, **kwargs):
        if kwargs.get("empty_label", "---------") == "---------":
            kwargs["empty_label"] = EMPTY_CHOICE
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if _takes_ids(self) and parse_id(_id_of(value)) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": value},
            )
        return super().to_python(value)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField that accepts only well-formed ids."""

    def _check_values(self, value):
        if _takes_ids(self) and not isinstance(value, str | bytes):
            try:
                values = list(value)
            except TypeError:
                values = []
            for item in values:
                if parse_id(_id_of(item)) is None:
                    raise forms.ValidationError(
                        self.error_messages["invalid_pk_value"],
                        code="invalid_pk_value",
                        params={"pk": item},
                    )
        return super()._check_values(value)


class NumberField(forms.IntegerField):
    """An IntegerField for hidden numbers (versions): ASCII digits within the bigint range."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if parse_int(value if isinstance(value, int) else str(value)) is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)
