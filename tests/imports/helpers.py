"""Build import files in memory."""

from __future__ import annotations

import csv
import io

from leerroute.imports import files

DSV = "DSV|verzorgd leven"
RIJNHOF = "Wonen met zorg De Rijnhof"
HR_HEADER = [
    "personeelsnummer",
    "gebruikersnaam",
    "voornaam",
    "achternaam",
    "email",
    "organisatie",
    "afdeling",
    "team",
    "rollen",
]


def csv_bytes(header, rows, delimiter=";") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def xlsx_bytes(header, rows) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def table(header, rows, name="bestand.csv"):
    data = xlsx_bytes(header, rows) if name.endswith(".xlsx") else csv_bytes(header, rows)
    return files.read_table(name, data)


def hr_rows(n=3, start=1, team="Team Tulp", roles="medewerker"):
    return [
        [
            f"P{i:05d}",
            f"hr.persoon{i}",
            "Voornaam",
            f"Achternaam {i}",
            f"persoon{i}@example.org",
            DSV,
            RIJNHOF,
            team,
            roles,
        ]
        for i in range(start, start + n)
    ]
