"""Reading an uploaded table: CSV (UTF-8, comma or semicolon) or XLSX (first sheet).

``read_table(name, data)`` returns the header (lower case, trimmed) and the rows
as dicts keyed by that header, each with its row number in the file (the
header is row 1). A file that is not a readable table raises ``BadFile`` with
a Dutch message; nothing is written in that case.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext as _

ZIP_MAGIC = b"PK\x03\x04"


class BadFile(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


@dataclass
class Row:
    number: int  # the row in the file (the header is row 1)
    values: dict[str, str]


@dataclass
class Table:
    header: list[str]
    rows: list[Row]


def max_bytes() -> int:
    return getattr(settings, "IMPORT_MAX_BYTES", 5 * 1024 * 1024)


def max_rows() -> int:
    return getattr(settings, "IMPORT_MAX_ROWS", 20000)


def xlsx_max_unpacked_bytes() -> int:
    return getattr(settings, "IMPORT_XLSX_MAX_UNPACKED_BYTES", 100 * 1024 * 1024)


def xlsx_max_ratio() -> int:
    return getattr(settings, "IMPORT_XLSX_MAX_RATIO", 100)


# A real workbook has a few dozen parts; a member below this size may be packed
# any amount (tiny XML parts compress far better than 100:1 and do no harm).
XLSX_MAX_MEMBERS = 1000
RATIO_FROM_BYTES = 1024 * 1024


def check_xlsx_archive(data: bytes) -> None:
    """Refuse a workbook that would unpack to far more than it is (a zip bomb),
    before openpyxl opens it.

    The sizes checked are the ones the zip's central directory declares:
    ``zipfile`` (and so openpyxl) never unpacks more of a member than its
    declared size, so a member that lies about its size cannot grow past it.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise BadFile(
            _("Het Excel-bestand kan niet gelezen worden: het is geen geldig XLSX-bestand.")
        ) from None
    with archive:
        members = archive.infolist()
        if len(members) > XLSX_MAX_MEMBERS:
            raise BadFile(
                _("Het Excel-bestand bestaat uit te veel delen (meer dan %(n)s).")
                % {"n": XLSX_MAX_MEMBERS}
            )
        if "[Content_Types].xml" not in {member.filename for member in members}:
            raise BadFile(
                _("Dit zip-bestand is geen Excel-werkmap (XLSX). Sla het op als Excel-werkmap.")
            )
        total = 0
        for member in members:
            total += member.file_size
            if total > xlsx_max_unpacked_bytes():
                raise BadFile(
                    _(
                        "Het Excel-bestand is uitgepakt te groot (meer dan %(mb)s MB). "
                        "Verdeel de gegevens over kleinere bestanden of gebruik CSV."
                    )
                    % {"mb": xlsx_max_unpacked_bytes() // 2**20}
                )
            if member.file_size > RATIO_FROM_BYTES and (
                member.file_size > xlsx_max_ratio() * max(member.compress_size, 1)
            ):
                raise BadFile(
                    _(
                        "Het Excel-bestand is verdacht sterk ingepakt (meer dan %(ratio)s keer): "
                        "het wordt niet geopend. Sla het opnieuw op in Excel of gebruik CSV."
                    )
                    % {"ratio": xlsx_max_ratio()}
                )


def kind_of(name: str, data: bytes) -> str:
    """'csv' or 'xlsx', decided by the name and checked against the content."""
    lower = (name or "").lower()
    if lower.endswith(".xlsx"):
        if not data.startswith(ZIP_MAGIC):
            raise BadFile(_("Dit bestand heet .xlsx maar is geen Excel-bestand (XLSX)."))
        return "xlsx"
    if lower.endswith(".csv") or lower.endswith(".txt"):
        if data.startswith(ZIP_MAGIC) or b"\x00" in data[:4096]:
            raise BadFile(_("Dit bestand heet .csv maar bevat geen tekst."))
        return "csv"
    raise BadFile(_("Kies een CSV-bestand (.csv) of een Excel-bestand (.xlsx)."))


def read_table(name: str, data: bytes) -> Table:
    if not data:
        raise BadFile(_("Het bestand is leeg."))
    if len(data) > max_bytes():
        raise BadFile(
            _("Het bestand is te groot (meer dan %(mb)s MB).") % {"mb": max_bytes() // 2**20}
        )
    kind = kind_of(name, data)
    raw = _read_xlsx(data) if kind == "xlsx" else _read_csv(data)
    return _to_table(raw)


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BadFile(
            _("Het CSV-bestand is geen UTF-8-tekst. Sla het op als 'CSV UTF-8'.")
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text), delimiter=delimiter))
    except csv.Error:
        raise BadFile(_("Het CSV-bestand kan niet gelezen worden (aanhalingstekens?).")) from None


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    check_xlsx_archive(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise BadFile(_("Het Excel-bestand kan niet gelezen worden.")) from None
    except Exception:  # openpyxl/defusedxml raise their own errors on bad XML
        raise BadFile(_("Het Excel-bestand kan niet gelezen worden.")) from None
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(v) for v in values])
            if len(rows) > max_rows() + 1:
                break
        return rows
    finally:
        workbook.close()


def _cell_text(value) -> str:
    import datetime

    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _to_table(raw: list[list[str]]) -> Table:
    while raw and not any(c.strip() for c in raw[-1]):
        raw.pop()
    if not raw:
        raise BadFile(_("Het bestand is leeg."))
    header = [c.strip().lower() for c in raw[0]]
    while header and not header[-1]:
        header.pop()
    if not header:
        raise BadFile(_("De eerste regel moet de kolomnamen bevatten."))
    seen = set()
    for name in header:
        if name and name in seen:
            raise BadFile(_("De kolom '%(name)s' komt twee keer voor.") % {"name": name})
        seen.add(name)
    if len(raw) - 1 > max_rows():
        raise BadFile(_("Te veel regels (meer dan %(n)s).") % {"n": max_rows()})
    rows = []
    for i, cells in enumerate(raw[1:], start=2):
        if not any(c.strip() for c in cells):
            continue
        values = {
            name: (cells[j].strip() if j < len(cells) else "")
            for j, name in enumerate(header)
            if name
        }
        rows.append(Row(i, values))
    return Table(header, rows)
