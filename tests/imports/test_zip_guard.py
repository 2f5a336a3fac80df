"""An XLSX is a zip: one that would unpack to far more than it is (a zip bomb),
or that is no workbook at all, is refused with a Dutch message before openpyxl
opens it."""

import io
import struct
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from leerroute.imports import files
from leerroute.imports.models import PendingUpload
from leerroute.people.models import User

from .helpers import HR_HEADER, hr_rows, xlsx_bytes

pytestmark = pytest.mark.django_db
URL = "/import/personen/"
CONTENT_TYPES = '<?xml version="1.0"?><Types/>'


def _zip(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def declared_bomb(declared: int = 0xFFFFFFF0) -> bytes:
    """A small workbook-looking zip whose sheet declares ``declared`` bytes unpacked."""
    data = bytearray(
        _zip({"[Content_Types].xml": CONTENT_TYPES, "xl/worksheets/sheet1.xml": b"<x/>" * 10})
    )
    entry = data.rfind(b"PK\x01\x02")  # the sheet's central directory entry (the last)
    data[entry + 24 : entry + 28] = struct.pack("<I", declared)  # uncompressed size
    return bytes(data)


def packed_bomb(size: int = 5 * 1024 * 1024) -> bytes:
    """A sheet of ``size`` zero bytes: real, and packed some thousand times."""
    return _zip({"[Content_Types].xml": CONTENT_TYPES, "xl/worksheets/sheet1.xml": b"0" * size})


def test_a_member_declaring_a_huge_size_is_refused_before_opening(monkeypatch):
    data = declared_bomb()
    assert len(data) < 1000

    def never(*args, **kwargs):
        raise AssertionError("openpyxl must not open this file")

    monkeypatch.setattr("openpyxl.load_workbook", never)
    with pytest.raises(files.BadFile) as caught:
        files.read_table("bom.xlsx", data)
    assert "uitgepakt te groot (meer dan 100 MB)" in caught.value.message


def test_the_total_counts_over_all_members(settings):
    settings.IMPORT_XLSX_MAX_UNPACKED_BYTES = 3000
    data = _zip(
        {"[Content_Types].xml": CONTENT_TYPES, **{f"p{i}.xml": b"a" * 1000 for i in range(4)}}
    )
    with pytest.raises(files.BadFile, match="uitgepakt te groot"):
        files.read_table("veel.xlsx", data)


def test_a_member_packed_far_too_well_is_refused():
    data = packed_bomb()
    assert len(data) < 50_000
    with pytest.raises(files.BadFile) as caught:
        files.read_table("bom.xlsx", data)
    assert "verdacht sterk ingepakt (meer dan 100 keer)" in caught.value.message


def test_the_ratio_is_configurable(settings):
    settings.IMPORT_XLSX_MAX_RATIO = 100_000
    with pytest.raises(files.BadFile) as caught:  # passes the guard, then is no real workbook
        files.read_table("bom.xlsx", packed_bomb(2 * 1024 * 1024))
    assert "kan niet gelezen worden" in caught.value.message


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"PK\x03\x04" + b"\x00" * 100, "geen geldig XLSX-bestand"),
        (_zip({"document.txt": b"hallo"}), "geen Excel-werkmap"),
        (b"%PDF-1.7", "geen Excel-bestand"),
    ],
)
def test_a_file_that_is_no_workbook_gets_a_dutch_message(data, message):
    with pytest.raises(files.BadFile) as caught:
        files.read_table("x.xlsx", data)
    assert message in caught.value.message


def test_a_real_workbook_passes():
    table = files.read_table("m.xlsx", xlsx_bytes(HR_HEADER, hr_rows(3)))
    assert len(table.rows) == 3


@pytest.mark.parametrize("bomb", [declared_bomb, packed_bomb])
def test_the_page_answers_a_bomb_with_a_400_and_keeps_nothing(bomb, client_for):
    users, pending = User.objects.count(), PendingUpload.objects.count()
    response = client_for("beheerder").post(
        URL, {"file": SimpleUploadedFile("medewerkers.xlsx", bomb())}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "uitgepakt te groot" in page or "verdacht sterk ingepakt" in page
    assert User.objects.count() == users and PendingUpload.objects.count() == pending


def test_the_command_refuses_a_bomb(tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "bom.xlsx"
    path.write_bytes(declared_bomb())
    with pytest.raises(CommandError, match="uitgepakt te groot"):
        call_command("import_people", str(path))
