"""The import pages: upload, dry run per row, confirm, all or nothing, own organisation."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from leerroute.imports.models import PendingUpload, PersonKey
from leerroute.people.models import Organisation, User
from leerroute.qualifications.models import QualificationFile

from .helpers import HR_HEADER, csv_bytes, hr_rows, xlsx_bytes

pytestmark = pytest.mark.django_db
URL = "/import/personen/"
CONFIRM = "/import/personen/bevestigen/"


def upload(client, data, name="medewerkers.csv", **extra):
    return client.post(URL, {"file": SimpleUploadedFile(name, data), **extra})


@pytest.mark.parametrize("account", ["beheerder", "praktijkopleider1", "praktijkopleider2"])
def test_importers_see_the_form(account, client_for):
    response = client_for(account).get(URL)
    assert response.status_code == 200
    assert "Controleren (proefimport)" in response.content.decode()


@pytest.mark.parametrize("account", ["student1", "werkbegeleider1", "docent1", "trainer"])
def test_others_are_refused(account, client_for):
    assert client_for(account).get(URL).status_code == 403
    assert upload(client_for(account), csv_bytes(HR_HEADER, hr_rows(1))).status_code == 403


def test_dry_run_then_confirm_then_the_same_file_changes_nothing(client_for):
    client = client_for("beheerder")
    data = csv_bytes(HR_HEADER, hr_rows(2))
    response = upload(client, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Proefimport" in page and "nieuw account hr.persoon1" in page
    assert not User.objects.filter(username="hr.persoon1").exists()
    pending = response.context["pending"]

    done = client.post(CONFIRM, {"upload": pending.pk})
    assert done.status_code == 200
    assert "De import is opgeslagen." in done.content.decode()
    assert User.objects.filter(username__in=["hr.persoon1", "hr.persoon2"]).count() == 2
    assert not PendingUpload.objects.filter(pk=pending.pk).exists()

    second = upload(client, data)
    counts = second.context["report"].counts()
    assert counts["ongewijzigd"] == 2 and counts["nieuw"] == 0
    again = client.post(CONFIRM, {"upload": second.context["pending"].pk})
    assert again.context["report"].counts()["ongewijzigd"] == 2


def test_file_with_mistakes_shows_row_column_reason_and_cannot_be_confirmed(client_for):
    rows = hr_rows(2)
    rows[1][8] = "chef"
    response = upload(client_for("beheerder"), csv_bytes(HR_HEADER, rows))
    page = response.content.decode()
    assert "Rij 3, kolom 'rollen': Onbekende rol &#x27;chef&#x27;" in page
    assert "nieuw account hr.persoon2" not in page
    assert response.context["pending"] is None
    assert "Importeren</button>" not in page


def test_xlsx_upload(client_for):
    response = upload(client_for("beheerder"), xlsx_bytes(HR_HEADER, hr_rows(1)), name="hr.xlsx")
    assert response.context["report"].counts()["nieuw"] == 1


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("x.xlsx", b"niet excel", "geen Excel-bestand"),
        ("x.exe", b"MZ", "Kies een CSV-bestand"),
        ("x.csv", b"", "leeg"),
    ],
)
def test_bad_files_get_a_dutch_message_and_change_nothing(name, data, message, client_for):
    users = User.objects.count()
    response = upload(client_for("beheerder"), data, name=name)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert User.objects.count() == users


def test_missing_columns_are_named(client_for):
    response = upload(client_for("beheerder"), csv_bytes(["personeelsnummer"], [["1"]]))
    assert response.status_code == 400
    assert "Kolommen ontbreken" in response.content.decode()


def test_too_big_upload_is_refused(client_for, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = upload(client_for("beheerder"), csv_bytes(HR_HEADER, hr_rows(5)))
    assert response.status_code == 400
    assert "te groot" in response.content.decode()


def test_practice_educator_rows_of_another_organisation_are_refused(client_for):
    rows = hr_rows(1)
    rows[0][5:8] = ["Topaz", "Revalidatie en herstel", "Team Overrijn"]
    response = upload(client_for("praktijkopleider1"), csv_bytes(HR_HEADER, rows))
    page = response.content.decode()
    assert "Je mag alleen voor je eigen organisatie importeren" in page
    assert response.context["pending"] is None


def test_practice_educator_cannot_choose_another_organisation(client_for):
    topaz = Organisation.objects.get(name="Topaz")
    response = upload(
        client_for("praktijkopleider1"), csv_bytes(HR_HEADER, hr_rows(1)), organisation=topaz.pk
    )
    assert response.status_code == 400
    assert not response.context["form"].is_valid()


def test_someone_elses_upload_cannot_be_confirmed(client_for, demo):
    response = upload(client_for("beheerder"), csv_bytes(HR_HEADER, hr_rows(1)))
    pending = response.context["pending"]
    other = client_for("praktijkopleider1").post(CONFIRM, {"upload": pending.pk})
    assert other.status_code == 400
    assert not PersonKey.objects.exists()


def test_confirm_plans_again_and_refuses_when_the_data_changed(client_for):
    client = client_for("beheerder")
    response = upload(client, csv_bytes(HR_HEADER, hr_rows(1)))
    # Meanwhile someone links the username to another number.
    user = User.objects.create(username="hr.persoon1")
    PersonKey.objects.create(
        organisation=Organisation.objects.get(name="DSV|verzorgd leven"), number="X", user=user
    )
    done = client.post(CONFIRM, {"upload": response.context["pending"].pk})
    assert done.status_code == 400
    assert "Niets geïmporteerd" in done.content.decode()


def test_dry_run_page_queries_are_constant(client_for):
    client = client_for("beheerder")

    def count(n):
        with CaptureQueriesContext(connection) as ctx:
            upload(client, csv_bytes(HR_HEADER, hr_rows(n)))
        return len(ctx.captured_queries)

    assert count(1) == count(30)


# --- qualification files -----------------------------------------------------------

QURL = "/import/kwalificatiedossiers/"
SHIPPED = Path(__file__).resolve().parents[2] / "leerroute/qualifications/data"


def shipped_document():
    return json.loads((SHIPPED / "kwalificatiedossiers.json").read_text(encoding="utf-8"))


def qupload(client, data, name="dossier.json"):
    return client.post(QURL, {"file": SimpleUploadedFile(name, data)})


@pytest.mark.parametrize("account", ["praktijkopleider1", "docent1", "student1", "trainer"])
def test_only_the_administrator_uploads_qualification_files(account, client_for):
    assert client_for(account).get(QURL).status_code == 403


def test_qualification_dry_run_shows_crebo_version_and_missing_crebo(client_for):
    document = shipped_document()
    dossier = document["dossiers"][0]
    dossier["title"] = dossier["title"] + " (herzien)"
    response = qupload(client_for("beheerder"), json.dumps(document).encode())
    assert response.status_code == 200
    page = response.content.decode()
    assert "gewijzigd" in page
    result = response.context["result"]
    assert result.dry_run and result.updated >= 1
    assert QualificationFile.objects.filter(title=dossier["title"]).count() == 0  # not saved
    assert "onbekend (niet in het bestand)" in page  # Verzorgende IG has no crebo
    crebos = {d.crebo for d in result.dossiers}
    assert "23267" in crebos


def test_qualification_dry_run_reports_removed_work_processes(client_for):
    document = shipped_document()
    dossier = next(d for d in document["dossiers"] if d["basisdeel"]["kerntaken"])
    task = dossier["basisdeel"]["kerntaken"][0]
    removed = task["werkprocessen"].pop()
    for qual in dossier["kwalificaties"]:
        if qual.get("all_werkproces_codes"):
            qual["all_werkproces_codes"] = [
                c for c in qual["all_werkproces_codes"] if c != removed["code"]
            ]
    response = qupload(client_for("beheerder"), json.dumps(document).encode())
    changes = response.context["result"].changes
    assert any(c.action == "verwijderd" and c.code == removed["code"] for c in changes)


def test_qualification_confirm_imports(client_for):
    client = client_for("beheerder")
    document = shipped_document()
    document["dossiers"][0]["title"] = "Nieuwe titel"
    response = qupload(client, json.dumps(document).encode())
    done = client.post(
        "/import/kwalificatiedossiers/bevestigen/", {"upload": response.context["pending"].pk}
    )
    assert done.status_code == 302
    assert QualificationFile.objects.filter(title="Nieuwe titel").exists()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("d.json", b"{kapot", "Geen geldige JSON"),
        ("d.txt", b"{}", "Kies een JSON-bestand"),
        ("d.json", b'{"dossiers": []}', "Niets geïmporteerd"),
    ],
)
def test_bad_qualification_files(name, data, message, client_for):
    response = qupload(client_for("beheerder"), data, name=name)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_files_note_on_a_missing_crebo_is_shown(client_for):
    response = qupload(client_for("beheerder"), json.dumps(shipped_document()).encode())
    assert "No crebo number for Verzorgende IG was found" in response.content.decode()
