"""Lists as CSV (streamed) and XLSX (openpyxl write-only mode).

Both formats get the same Dutch column names and the same cell values:
dates and times in ISO 8601 (times in Europe/Amsterdam with their offset),
yes/no as "ja"/"nee", empty as an empty cell. CSV uses a semicolon and a
byte-order mark so that Dutch Excel opens it directly; a text cell starting
with = + - @ (or a tab or carriage return) gets a leading apostrophe, so a
spreadsheet never runs it as a formula (CSV injection). In XLSX such text is
stored as text, never as a formula.
"""

from __future__ import annotations

import csv
import datetime
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
CSV, XLSX = "csv", "xlsx"
CONTENT_TYPES = {
    CSV: "text/csv; charset=utf-8",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[Any], Any]


def plain(value) -> str | int | float:
    """One cell's value: ISO dates, 'ja'/'nee', '' for nothing."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, int | float):
        return value
    return str(value)


def csv_safe(value) -> str:
    text = str(plain(value))
    return "'" + text if text.startswith(FORMULA_START) else text


class _Echo:
    def write(self, value):
        return value


def _csv_lines(columns: list[Column], rows: Iterable) -> Iterable[str]:
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow([c.header for c in columns])
    for row in rows:
        yield writer.writerow([csv_safe(c.value(row)) for c in columns])


def _disposition(filename: str, fmt: str) -> str:
    stamp = timezone.localdate().isoformat()
    return f'attachment; filename="{filename}-{stamp}.{fmt}"'


def csv_response(filename: str, columns: list[Column], rows: Iterable) -> StreamingHttpResponse:
    response = StreamingHttpResponse(_csv_lines(columns, rows), content_type=CONTENT_TYPES[CSV])
    response["Content-Disposition"] = _disposition(filename, CSV)
    return response


def xlsx_file(title: str, columns: list[Column], rows: Iterable):
    """The workbook in a temporary file (rows written one by one, never all in memory)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([c.header for c in columns])
    for row in rows:
        cells = []
        for column in columns:
            value = plain(column.value(row))
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # text, never a formula
            cells.append(cell)
        sheet.append(cells)
    out = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    workbook.save(out)
    out.seek(0)
    return out


def xlsx_response(filename: str, title: str, columns: list[Column], rows: Iterable):
    response = FileResponse(xlsx_file(title, columns, rows), content_type=CONTENT_TYPES[XLSX])
    response["Content-Disposition"] = _disposition(filename, XLSX)
    return response


def respond(fmt: str, filename: str, title: str, columns: list[Column], rows: Iterable):
    if fmt == CSV:
        return csv_response(filename, columns, rows)
    return xlsx_response(filename, title, columns, rows)
