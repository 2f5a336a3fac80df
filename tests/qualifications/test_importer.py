"""import_kwalificatiedossier: validation with JSON paths, all or nothing, idempotent."""

import copy
import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from leerroute.qualifications.models import (
    CoreTask,
    Qualification,
    QualificationFile,
    WorkProcess,
)

pytestmark = pytest.mark.django_db

DATA = (
    Path(__file__).resolve().parents[2] / "leerroute/qualifications/data/kwalificatiedossiers.json"
)


def counts():
    return (
        QualificationFile.objects.count(),
        Qualification.objects.count(),
        CoreTask.objects.count(),
        WorkProcess.objects.count(),
    )


@pytest.fixture
def document():
    return json.loads(DATA.read_text(encoding="utf-8"))


def write(tmp_path, document) -> str:
    path = tmp_path / "dossiers.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return str(path)


def run(path):
    from io import StringIO

    out = StringIO()
    call_command("import_kwalificatiedossier", path, stdout=out)
    return out.getvalue()


def test_import_creates_every_dossier_qualification_core_task_and_work_process(tmp_path, document):
    """A file with new dossier ids lands in full (the demo dossiers stay as they are)."""
    for dossier in document["dossiers"]:
        dossier["id"] += "-kopie"
    before = counts()
    output = run(write(tmp_path, document))
    assert "3 dossier(s)" in output
    added = tuple(after - b for after, b in zip(counts(), before, strict=True))
    assert added == (3, 9, 14, 69)
    copy_of = Qualification.objects.filter(file__slug__endswith="-kopie")
    vig = copy_of.get(title="Verzorgende IG")
    assert vig.level_id == 3 and vig.crebo == ""
    assert vig.work_processes.count() == 11
    vp = copy_of.get(crebo="25655")
    assert vp.level_id == 4
    assert set(vp.work_processes.values_list("code", flat=True)) >= {"B1-K1-W1", "P2-K1-W3"}
    assert vp.work_processes.count() == 14
    # The work processes are the copy's own, not the demo dossier's.
    assert not vp.work_processes.exclude(core_task__file=vp.file).exists()


def test_reimport_creates_no_duplicates(document):
    before = counts()
    output = run(str(DATA))
    assert counts() == before
    assert "0 nieuw, 0 gewijzigd" in output


def test_reimport_updates_changed_titles(tmp_path, document):
    document["dossiers"][0]["basisdeel"]["kerntaken"][0]["werkprocessen"][0]["title"] = (
        "Nieuwe titel"
    )
    before = counts()
    run(write(tmp_path, document))
    assert counts() == before
    assert WorkProcess.objects.filter(title="Nieuwe titel").count() == 1


@pytest.mark.parametrize(
    ("mutate", "path", "reason"),
    [
        (
            lambda d: d["dossiers"][1]["kwalificaties"][0].__setitem__("level", 7),
            "$.dossiers[1].kwalificaties[0].level",
            "niveau 2, 3 of 4",
        ),
        (
            lambda d: d["dossiers"][0]["kwalificaties"][1].__setitem__("crebo", "12"),
            "$.dossiers[0].kwalificaties[1].crebo",
            "vijf cijfers",
        ),
        (lambda d: d["dossiers"][0].__setitem__("title", ""), "$.dossiers[0].title", "verplicht"),
        (
            lambda d: d["dossiers"][0]["basisdeel"]["kerntaken"][0]["werkprocessen"][1].__setitem__(
                "code", "B1-K2-W9"
            ),
            "$.dossiers[0].basisdeel.kerntaken[0].werkprocessen[1].code",
            "B1-K1-W",
        ),
        (
            lambda d: d["dossiers"][0]["kwalificaties"][0]["all_werkproces_codes"].append(
                "P9-K1-W1"
            ),
            "$.dossiers[0].kwalificaties[0].all_werkproces_codes[11]",
            "geen werkproces",
        ),
        (
            lambda d: d["dossiers"][2].__setitem__("id", d["dossiers"][0]["id"]),
            "$.dossiers[2].id",
            "twee keer",
        ),
        (
            lambda d: d["dossiers"][0].__setitem__("valid_from", "1 augustus 2020"),
            "$.dossiers[0].valid_from",
            "JJJJ-MM-DD",
        ),
        (lambda d: d.__setitem__("dossiers", []), "$.dossiers", "ten minste één"),
    ],
)
def test_bad_input_names_the_path_and_changes_nothing(tmp_path, document, mutate, path, reason):
    document["dossiers"][0]["title"] = "Gewijzigd, maar mag niet landen"
    bad = copy.deepcopy(document)
    mutate(bad)
    before = counts()
    with pytest.raises(CommandError) as error:
        run(write(tmp_path, bad))
    message = str(error.value)
    assert "niets geïmporteerd" in message
    assert path in message and reason in message, message
    assert counts() == before
    assert not QualificationFile.objects.filter(title__startswith="Gewijzigd").exists()


def test_every_problem_is_reported_at_once(tmp_path, document):
    document["dossiers"][0]["title"] = ""
    document["dossiers"][1]["kwalificaties"][0]["level"] = "drie"
    with pytest.raises(CommandError) as error:
        run(write(tmp_path, document))
    assert "2 fout(en)" in str(error.value)


def test_invalid_json_names_line_and_column(tmp_path):
    path = tmp_path / "kapot.json"
    path.write_text('{"dossiers": [\n  {"id": }\n]}', encoding="utf-8")
    with pytest.raises(CommandError, match=r"regel 2, kolom"):
        run(str(path))


def test_missing_file(tmp_path):
    with pytest.raises(CommandError, match="niet gevonden"):
        run(str(tmp_path / "bestaat-niet.json"))


def test_write_failure_leaves_the_database_unchanged(tmp_path, document, monkeypatch):
    """REL-13: an exception in the write phase rolls everything back."""
    from leerroute.qualifications import importer

    document["dossiers"][0]["title"] = "Halverwege"
    calls = {"n": 0}
    original = importer._import_core_task

    def failing(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise RuntimeError("schijf vol")
        return original(*args, **kwargs)

    monkeypatch.setattr(importer, "_import_core_task", failing)
    before = counts()
    with pytest.raises(RuntimeError):
        run(write(tmp_path, document))
    assert counts() == before
    assert not QualificationFile.objects.filter(title="Halverwege").exists()
