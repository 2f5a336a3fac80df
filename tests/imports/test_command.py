"""python manage.py import_people, import_kwalificatiedossier --dry-run and purge_import_uploads."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from leerroute.imports.models import PENDING_LIFETIME, PendingUpload
from leerroute.people.models import RoleAssignment, User

from .helpers import HR_HEADER, csv_bytes, hr_rows, xlsx_bytes

pytestmark = pytest.mark.django_db
EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def run(*args):
    out = io.StringIO()
    call_command("import_people", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_dry_run_then_real_run_then_unchanged(tmp_path):
    path = tmp_path / "hr.csv"
    path.write_bytes(csv_bytes(HR_HEADER, hr_rows(3)))
    output = run(str(path), "--dry-run")
    assert "Proefimport (medewerkers), niets opgeslagen: 3 nieuw" in output
    assert "rij 2: nieuw P00001" in output
    assert not User.objects.filter(username="hr.persoon1").exists()
    assert "Geïmporteerd (medewerkers): 3 nieuw" in run(str(path))
    assert "3 ongewijzigd" in run(str(path), "--kind", "medewerkers")


def test_errors_name_row_and_column_and_nothing_is_written(tmp_path):
    rows = hr_rows(2)
    rows[0][7] = "Team Onbekend"
    path = tmp_path / "hr.xlsx"
    path.write_bytes(xlsx_bytes(HR_HEADER, rows))
    with pytest.raises(CommandError, match="Niets geïmporteerd: 1 regel"):
        run(str(path))
    assert not User.objects.filter(username__startswith="hr.").exists()


def test_end_missing_with_organisation(tmp_path):
    path = tmp_path / "hr.csv"
    path.write_bytes(csv_bytes(HR_HEADER, hr_rows(2)))
    output = run(str(path), "--organisation", "DSV|verzorgd leven", "--end-missing", "--dry-run")
    assert "niet in bestand: beëindigd" in output
    assert RoleAssignment.objects.filter(user__username="werkbegeleider1").active().exists()


def test_unknown_file_and_organisation(tmp_path):
    with pytest.raises(CommandError, match="Bestand niet gevonden"):
        run(str(tmp_path / "weg.csv"))
    path = tmp_path / "hr.csv"
    path.write_bytes(csv_bytes(HR_HEADER, hr_rows(1)))
    with pytest.raises(CommandError, match="Organisatie 'Nergens' bestaat niet"):
        run(str(path), "--organisation", "Nergens")


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_the_example_files_import_in_order_and_twice(suffix):
    for kind in ("studenten", "medewerkers", "bpv"):
        path = EXAMPLES / f"{kind}.{suffix}"
        first = run(str(path))  # a refused row would raise CommandError
        assert f"Geïmporteerd ({kind}): " in first and " 0 nieuw, 0 gewijzigd" not in first
        second = run(str(path))
        assert f"Geïmporteerd ({kind}): 0 nieuw, 0 gewijzigd," in second, second


def test_qualification_command_dry_run_shows_crebo_and_saves_nothing():
    from leerroute.qualifications.models import QualificationFile

    path = Path("leerroute/qualifications/data/kwalificatiedossiers.json").resolve()
    before = QualificationFile.objects.count()
    out = io.StringIO()
    call_command("import_kwalificatiedossier", str(path), "--dry-run", stdout=out)
    output = out.getvalue()
    assert "Proefimport, niets opgeslagen" in output
    assert "onbekend (niet in het bestand)" in output
    assert QualificationFile.objects.count() == before


def test_purge_import_uploads_removes_only_expired_uploads_without_a_visitor(demo):
    now = timezone.now()

    def make(age):
        return PendingUpload.objects.create(
            user=demo["beheerder"],
            purpose="people",
            name="a.csv",
            content=b"x",
            created_at=now - age,
        )

    old = make(PENDING_LIFETIME + datetime.timedelta(minutes=1))
    older = make(datetime.timedelta(days=3))
    fresh = make(PENDING_LIFETIME - datetime.timedelta(minutes=5))
    out = io.StringIO()
    call_command("purge_import_uploads", stdout=out)
    assert out.getvalue().strip() == "2 verlopen importbestanden verwijderd."
    remaining = set(PendingUpload.objects.values_list("pk", flat=True))
    assert fresh.pk in remaining and not {old.pk, older.pk} & remaining
    out = io.StringIO()
    call_command("purge_import_uploads", stdout=out)
    assert out.getvalue().strip() == "0 verlopen importbestanden verwijderd."
