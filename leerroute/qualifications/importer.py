"""Import qualification files from JSON (format: docs/kwalificatiedossier-format.md).

Two phases: ``validate`` reads the whole document and returns every problem
with its JSON path; ``import_document`` writes only a document without
problems, in one transaction, upserting on natural keys so a re-import
creates no duplicates. With ``dry_run=True`` the same import runs and is
rolled back: the result lists what would be new, changed and removed, per
dossier with its crebo and version (the command's ``--dry-run`` and the
upload page of the beheer both use this).

Nothing is deleted: core tasks, work processes and qualifications that are no
longer in the file are reported ("niet meer in het bestand") and kept, since
learning questions, feedback and reviews refer to them. Only the links of a
qualification to work processes follow the file.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.db import transaction

from .models import CoreTask, Qualification, QualificationFile, QualificationLevel, WorkProcess

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,99}$")
CREBO_RE = re.compile(r"^\d{5}$")
CORE_TASK_RE = re.compile(r"^(B1|P\d+)-K\d+$")
WORK_PROCESS_RE = re.compile(r"^(B1|P\d+)-K\d+-W\d+$")
PROFILE_RE = re.compile(r"^P\d+$")
QUALIFICATION_LEVELS = (2, 3, 4)
MAX_TITLE = 300
MAX_TEXT = 5000


@dataclass(frozen=True)
class Problem:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


NEW, CHANGED, REMOVED = "nieuw", "gewijzigd", "verwijderd"


@dataclass(frozen=True)
class Change:
    action: str  # NEW, CHANGED or REMOVED
    what: str  # e.g. "werkproces"
    code: str
    title: str


@dataclass
class DossierSummary:
    slug: str
    title: str
    crebo: str | None  # None: the file names no crebo
    version_label: str
    # (title, crebo or None, the file's note on the crebo, e.g. why it is missing)
    qualifications: list[tuple[str, str | None, str]] = field(default_factory=list)


@dataclass
class ImportResult:
    files: int = 0
    qualifications: int = 0
    core_tasks: int = 0
    work_processes: int = 0
    created: int = 0
    updated: int = 0
    removed: int = 0
    dry_run: bool = False
    changes: list[Change] = field(default_factory=list)
    dossiers: list[DossierSummary] = field(default_factory=list)


class _DryRun(Exception):
    """Raised inside the transaction of a dry run to roll it back."""


LABELS = {
    QualificationLevel: "niveau",
    QualificationFile: "dossier",
    Qualification: "kwalificatie",
    CoreTask: "kerntaak",
    WorkProcess: "werkproces",
}


class ImportFailed(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class _Validator:
    problems: list[Problem] = field(default_factory=list)

    def fail(self, path: str, reason: str) -> None:
        self.problems.append(Problem(path, reason))

    def text(self, obj: dict, key: str, path: str, *, required=True, max_length=MAX_TITLE):
        value = obj.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or (required and not value.strip()):
            self.fail(f"{path}.{key}", "verplicht; een niet-lege tekst" if required else "tekst")
            return None
        if len(value) > max_length:
            self.fail(f"{path}.{key}", f"te lang (meer dan {max_length} tekens)")
            return None
        return value.strip()

    def items(self, obj: dict, key: str, path: str, *, allow_empty=False) -> list:
        value = obj.get(key)
        if not isinstance(value, list) or (not allow_empty and not value):
            self.fail(
                f"{path}.{key}",
                "verplicht; een lijst" + ("" if allow_empty else " met ten minste één element"),
            )
            return []
        return value

    def mapping(self, value, path: str) -> bool:
        if not isinstance(value, dict):
            self.fail(path, "verwacht een object ({...})")
            return False
        return True


def validate(document) -> list[Problem]:
    """Every problem in the document, each with its JSON path."""
    v = _Validator()
    if not v.mapping(document, "$"):
        return v.problems
    levels = document.get("levels", {})
    if not isinstance(levels, dict):
        v.fail("$.levels", "verwacht een object met niveaus als sleutel")
        levels = {}
    for key, level in levels.items():
        path = f"$.levels.{key}"
        if not (key.isdigit() and 1 <= int(key) <= 4):
            v.fail(path, "niveau moet 1, 2, 3 of 4 zijn")
        if v.mapping(level, path):
            v.text(level, "name", path)
            v.text(level, "summary", path, required=False, max_length=MAX_TEXT)

    seen_ids: set[str] = set()
    for i, dossier in enumerate(v.items(document, "dossiers", "$")):
        path = f"$.dossiers[{i}]"
        if not v.mapping(dossier, path):
            continue
        slug = dossier.get("id")
        if not isinstance(slug, str) or not SLUG_RE.match(slug):
            v.fail(f"{path}.id", "verplicht; kleine letters, cijfers en streepjes")
        elif slug in seen_ids:
            v.fail(f"{path}.id", f"'{slug}' komt twee keer voor")
        else:
            seen_ids.add(slug)
        v.text(dossier, "title", path)
        crebo = dossier.get("dossier_crebo")
        if crebo is not None and not (isinstance(crebo, str) and CREBO_RE.match(crebo)):
            v.fail(f"{path}.dossier_crebo", "moet vijf cijfers zijn (of leeg)")
        valid_from = dossier.get("valid_from")
        if valid_from is not None:
            try:
                datetime.date.fromisoformat(valid_from)
            except (TypeError, ValueError):
                v.fail(f"{path}.valid_from", "moet een datum zijn als JJJJ-MM-DD")
        for key in ("version_label", "domain", "confidence"):
            v.text(dossier, key, path, required=False, max_length=200)

        codes: set[str] = set()
        basis = dossier.get("basisdeel")
        basis_codes: set[str] = set()
        if v.mapping(basis, f"{path}.basisdeel"):
            for j, task in enumerate(v.items(basis, "kerntaken", f"{path}.basisdeel")):
                basis_codes |= _validate_core_task(
                    v, task, f"{path}.basisdeel.kerntaken[{j}]", "B1", codes
                )
        for j, qual in enumerate(v.items(dossier, "kwalificaties", path)):
            _validate_qualification(
                v, qual, f"{path}.kwalificaties[{j}]", basis_codes, codes, levels
            )
    return v.problems


def _validate_core_task(v: _Validator, task, path: str, prefix: str, codes: set[str]) -> set[str]:
    """Validate one core task; returns the work-process codes it defines."""
    if not v.mapping(task, path):
        return set()
    code = task.get("code")
    if not isinstance(code, str) or not CORE_TASK_RE.match(code):
        v.fail(f"{path}.code", "verplicht; een kerntaakcode zoals B1-K1 of P2-K1")
        code = None
    elif not code.startswith(prefix + "-"):
        v.fail(f"{path}.code", f"'{code}' hoort hier met {prefix}- te beginnen")
    elif code in codes:
        v.fail(f"{path}.code", f"'{code}' komt twee keer voor in dit dossier")
    else:
        codes.add(code)
    v.text(task, "title", path)
    v.text(task, "description", path, required=False, max_length=MAX_TEXT)
    part = task.get("part")
    expected = "basisdeel" if prefix == "B1" else "profieldeel"
    if part is not None and part != expected:
        v.fail(f"{path}.part", f"moet '{expected}' zijn")
    defined: set[str] = set()
    for k, wp in enumerate(v.items(task, "werkprocessen", path)):
        wp_path = f"{path}.werkprocessen[{k}]"
        if not v.mapping(wp, wp_path):
            continue
        wp_code = wp.get("code")
        if not isinstance(wp_code, str) or not WORK_PROCESS_RE.match(wp_code):
            v.fail(f"{wp_path}.code", "verplicht; een werkprocescode zoals B1-K1-W1")
        elif code and not wp_code.startswith(code + "-W"):
            v.fail(
                f"{wp_path}.code", f"'{wp_code}' hoort bij kerntaak {code} te beginnen met {code}-W"
            )
        elif wp_code in codes:
            v.fail(f"{wp_path}.code", f"'{wp_code}' komt twee keer voor in dit dossier")
        else:
            codes.add(wp_code)
            defined.add(wp_code)
        v.text(wp, "title", wp_path)
        v.text(wp, "description", wp_path, required=False, max_length=MAX_TEXT)
    return defined


def _validate_qualification(v, qual, path, basis_codes, codes, levels) -> None:
    if not v.mapping(qual, path):
        return
    profile = qual.get("profiel_code")
    if not isinstance(profile, str) or not PROFILE_RE.match(profile):
        v.fail(f"{path}.profiel_code", "verplicht; een profielcode zoals P1")
        profile = "P?"
    v.text(qual, "title", path)
    v.text(qual, "description", path, required=False, max_length=MAX_TEXT)
    level = qual.get("level")
    if isinstance(level, bool) or level not in QUALIFICATION_LEVELS:
        v.fail(f"{path}.level", "verplicht; niveau 2, 3 of 4")
    crebo = qual.get("crebo")
    if crebo is not None and not (isinstance(crebo, str) and CREBO_RE.match(crebo)):
        v.fail(f"{path}.crebo", "moet vijf cijfers zijn als tekst (of null)")
    includes = qual.get("includes_basisdeel", True)
    if not isinstance(includes, bool):
        v.fail(f"{path}.includes_basisdeel", "moet true of false zijn")
    own: set[str] = set()
    for j, task in enumerate(v.items(qual, "kerntaken", path, allow_empty=True)):
        own |= _validate_core_task(v, task, f"{path}.kerntaken[{j}]", profile, codes)
    available = own | (basis_codes if includes is not False else set())
    listed = qual.get("all_werkproces_codes")
    if listed is None:
        return
    if not isinstance(listed, list) or not all(isinstance(c, str) for c in listed):
        v.fail(f"{path}.all_werkproces_codes", "moet een lijst met werkprocescodes zijn")
        return
    for j, code in enumerate(listed):
        if code not in available:
            v.fail(
                f"{path}.all_werkproces_codes[{j}]",
                f"'{code}' is geen werkproces van het basisdeel of van dit profiel",
            )


def import_document(document, *, dry_run: bool = False) -> ImportResult:
    """Validate, then write everything or nothing (``dry_run``: nothing, but report)."""
    problems = validate(document)
    if problems:
        raise ImportFailed(problems)
    result = ImportResult(dry_run=dry_run)
    try:
        with transaction.atomic():
            for key, level in document.get("levels", {}).items():
                _upsert(
                    result,
                    QualificationLevel,
                    {"number": int(key)},
                    {
                        "name": level["name"].strip(),
                        "summary": (level.get("summary") or "").strip(),
                    },
                )
            for dossier in document["dossiers"]:
                _import_dossier(result, dossier)
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return result


def _describe(obj) -> tuple[str, str, str]:
    what = LABELS.get(type(obj), type(obj)._meta.verbose_name)
    code = str(
        getattr(obj, "code", None)
        or getattr(obj, "profile_code", None)
        or getattr(obj, "slug", None)
        or getattr(obj, "number", "")
    )
    return what, code, str(getattr(obj, "title", None) or getattr(obj, "name", ""))


def _upsert(result: ImportResult, model, keys: dict, values: dict):
    obj, created = model.objects.get_or_create(**keys, defaults=values)
    if created:
        result.created += 1
        result.changes.append(Change(NEW, *_describe(obj)))
    elif any(getattr(obj, k) != v for k, v in values.items()):
        for k, v in values.items():
            setattr(obj, k, v)
        obj.save(update_fields=list(values))
        result.updated += 1
        result.changes.append(Change(CHANGED, *_describe(obj)))
    return obj


def _removed(result: ImportResult, obj, title: str | None = None) -> None:
    what, code, own_title = _describe(obj)
    result.removed += 1
    result.changes.append(Change(REMOVED, what, code, title or own_title))


def _text(obj: dict, key: str) -> str:
    return (obj.get(key) or "").strip()


def _import_dossier(result: ImportResult, dossier: dict) -> None:
    qfile = _upsert(
        result,
        QualificationFile,
        {"slug": dossier["id"]},
        {
            "title": _text(dossier, "title"),
            "crebo": dossier.get("dossier_crebo") or "",
            "version_label": _text(dossier, "version_label"),
            "valid_from": datetime.date.fromisoformat(dossier["valid_from"])
            if dossier.get("valid_from")
            else None,
            "domain": _text(dossier, "domain"),
            "confidence": _text(dossier, "confidence"),
        },
    )
    result.files += 1
    summary = DossierSummary(
        qfile.slug, qfile.title, dossier.get("dossier_crebo") or None, qfile.version_label
    )
    result.dossiers.append(summary)
    seen_tasks: set[int] = set()
    seen_quals: set[int] = set()
    by_code: dict[str, WorkProcess] = {}
    basis = [
        wp
        for task in dossier["basisdeel"]["kerntaken"]
        for wp in _import_core_task(result, qfile, task, CoreTask.Part.BASE, by_code, seen_tasks)
    ]
    for qual in dossier["kwalificaties"]:
        qualification = _upsert(
            result,
            Qualification,
            {"file": qfile, "profile_code": qual["profiel_code"]},
            {
                "title": _text(qual, "title"),
                "level": QualificationLevel.objects.get_or_create(
                    number=qual["level"], defaults={"name": f"Niveau {qual['level']}"}
                )[0],
                "crebo": qual.get("crebo") or "",
                "description": _text(qual, "description"),
            },
        )
        result.qualifications += 1
        seen_quals.add(qualification.pk)
        note = qual.get("crebo_note") if isinstance(qual.get("crebo_note"), str) else ""
        summary.qualifications.append(
            (qualification.title, qualification.crebo or None, note[:300])
        )
        own = [
            wp
            for task in qual.get("kerntaken", [])
            for wp in _import_core_task(
                result, qfile, task, CoreTask.Part.PROFILE, by_code, seen_tasks
            )
        ]
        if qual.get("all_werkproces_codes") is not None:
            processes = [by_code[code] for code in qual["all_werkproces_codes"]]
        else:
            processes = (basis if qual.get("includes_basisdeel", True) else []) + own
        wanted = {p.pk for p in processes}
        for process in qualification.work_processes.exclude(pk__in=wanted):
            _removed(result, process, f"{process.title} (niet meer bij {qualification.title})")
        qualification.work_processes.set(processes)
    seen_processes = {p.pk for p in by_code.values()}
    for task in qfile.core_tasks.exclude(pk__in=seen_tasks):
        _removed(result, task, f"{task.title} (niet meer in het bestand; blijft bewaard)")
    for process in WorkProcess.objects.filter(core_task__file=qfile).exclude(pk__in=seen_processes):
        _removed(result, process, f"{process.title} (niet meer in het bestand; blijft bewaard)")
    for qualification in qfile.qualifications.exclude(pk__in=seen_quals):
        kept = f"{qualification.title} (niet meer in het bestand; blijft bewaard)"
        _removed(result, qualification, kept)


def _import_core_task(result, qfile, task, part, by_code, seen) -> list[WorkProcess]:
    core_task = _upsert(
        result,
        CoreTask,
        {"file": qfile, "code": task["code"]},
        {"title": _text(task, "title"), "part": part, "description": _text(task, "description")},
    )
    result.core_tasks += 1
    seen.add(core_task.pk)
    processes = []
    for wp in task["werkprocessen"]:
        process = _upsert(
            result,
            WorkProcess,
            {"core_task": core_task, "code": wp["code"]},
            {"title": _text(wp, "title"), "description": _text(wp, "description")},
        )
        by_code[wp["code"]] = process
        processes.append(process)
        result.work_processes += 1
    return processes
