"""Languages: Dutch by default, English on request (the language switch in the
footer), dates in Dutch format, and an English catalogue that is complete for
the foundation apps (core, people, qualifications) and compiled."""

import ast
import datetime
import gettext
import json
import re
from pathlib import Path

import django
import pytest
from django.conf import settings
from django.urls import reverse

from leerroute.people.models import Placement, User
from leerroute.people.queries import current_placement

PO_FILE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")
FOUNDATION = ("leerroute/core/", "leerroute/people/", "leerroute/qualifications/")
MAKEMESSAGES = (
    "DEBUG=true .venv/bin/python manage.py makemessages -l en --ignore='.venv/*' "
    "--ignore='tests/*' --no-obsolete, translate, then compilemessages"
)

# An oracle independent of Django's own formats and catalogues.
DUTCH_MONTHS = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
]
ENGLISH_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def in_english(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    return client


def main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


# --- Switching language ---------------------------------------------------


@pytest.mark.parametrize("account", ["praktijkopleider1", "student1"])
def test_dutch_is_the_default(client_for, account):
    html = client_for(account).get("/").content.decode()
    assert '<html lang="nl">' in html
    assert "<h1>Mijn overzicht</h1>" in html
    assert "My overview" not in html


@pytest.mark.parametrize(
    ("account", "english", "dutch"),
    [
        ("praktijkopleider1", "My organisation (practice educator)", "Mijn organisatie"),
        ("student1", "My work placement (BPV)", "Mijn BPV-plaats"),
        ("werkbegeleider1", "My students (mentor)", "Mijn studenten"),
        ("docent1", "My classes (teacher)", "Mijn klassen"),
    ],
)
def test_home_page_in_english_after_switching(client_for, account, english, dutch):
    client = in_english(client_for(account))
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "<h1>My overview</h1>" in html
    assert english in html
    assert "Mijn overzicht" not in html
    assert dutch not in html


def test_switching_back_to_dutch(client_for):
    client = in_english(client_for("student1"))
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    html = client.get("/").content.decode()
    assert '<html lang="nl">' in html
    assert "<h1>Mijn overzicht</h1>" in html


def test_unknown_language_keeps_dutch(client_for):
    client = client_for("student1")
    client.post(reverse("set_language"), {"language": "xx", "next": "/"})
    assert '<html lang="nl">' in client.get("/").content.decode()


def test_login_page_in_english(client_for):
    client = in_english(client_for(None))
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in html
    assert "<h1>Sign in to Leerroute</h1>" in html
    assert "Forgotten your password?" in html
    assert "Inloggen" not in html


def test_login_page_in_dutch_by_default(client_for):
    html = client_for(None).get(reverse("login")).content.decode()
    assert '<html lang="nl">' in html
    assert "<h1>Inloggen bij Leerroute</h1>" in html


def test_language_names_stay_in_their_own_language(client_for):
    """Each option of the switch is named in its own language, whatever the page language."""
    for client in (client_for(None), in_english(client_for(None))):
        html = client.get(reverse("login")).content.decode()
        assert '<option value="nl" lang="nl">Nederlands</option>' in html.replace(" selected", "")
        assert '<option value="en" lang="en">English</option>' in html.replace(" selected", "")


def test_error_page_follows_the_language(client_for):
    client = client_for("student1")
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert '<html lang="nl">' in response.content.decode()
    assert "Deze pagina bestaat niet" in response.content.decode()
    response = in_english(client).get("/bestaat-niet/")
    assert response.status_code == 404
    assert '<html lang="en">' in response.content.decode()
    assert "This page does not exist" in response.content.decode()


# --- Dates ------------------------------------------------------------------


def test_placement_period_in_dutch_date_format(client_for, demo):
    student = demo["student1"]
    placement = current_placement(student)
    Placement.objects.filter(pk=placement.pk).update(end_date=datetime.date(2099, 12, 1))
    start = placement.start_date
    dutch_start = f"{start.day} {DUTCH_MONTHS[start.month - 1]} {start.year}"
    url = reverse("people:student", args=[student.pk])

    for account in ("student1", "praktijkopleider1"):
        page = main(client_for(account).get(url))
        assert f"{dutch_start} – 1 december 2099" in page

    page = main(in_english(client_for("praktijkopleider1")).get(url))
    english_start = f"{start.day} {ENGLISH_MONTHS[start.month - 1]} {start.year}"
    assert f"{english_start} – 1 December 2099" in page


def test_home_panel_shows_dutch_date(client_for, demo):
    placement = current_placement(demo["student1"])
    Placement.objects.filter(pk=placement.pk).update(end_date=datetime.date(2099, 12, 1))
    assert "1 december 2099" in main(client_for("student1").get("/"))


# --- The English catalogue --------------------------------------------------


def parse_po(path: Path) -> list[dict]:
    """Entries of a .po file: msgid, plural, msgstrs, flags, references."""

    def unquote(s: str) -> str:
        return ast.literal_eval(s)

    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        entry = {"flags": set(), "refs": [], "msgstr": [], "msgid": None, "plural": None}
        key = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {f.strip() for f in line[2:].split(",")}
            elif line.startswith("#:"):
                entry["refs"] += [r.rsplit(":", 1)[0] for r in line[2:].split()]
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                if key == "msgstr":
                    entry["msgstr"][-1] += unquote(line)
                else:
                    entry[key] += unquote(line)
            else:
                keyword, value = line.split(" ", 1)
                if keyword.startswith("msgstr"):
                    key = "msgstr"
                    entry["msgstr"].append(unquote(value))
                else:
                    key = {"msgid": "msgid", "msgid_plural": "plural", "msgctxt": "ctx"}[keyword]
                    entry[key] = unquote(value)
        if entry["msgid"]:
            entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def catalogue():
    return parse_po(PO_FILE)


def test_catalogue_has_entries_for_every_app(catalogue):
    apps = {ref.split("/")[1] for e in catalogue for ref in e["refs"] if "/" in ref}
    assert {"core", "people", "qualifications"} <= apps


def test_foundation_strings_are_translated(catalogue):
    """Every msgid used in core, people or qualifications has an English
    translation that is neither empty nor fuzzy."""
    foundation = [e for e in catalogue if any(r.startswith(FOUNDATION) for r in e["refs"])]
    assert len(foundation) > 150
    problems = [
        e["msgid"]
        for e in foundation
        if "fuzzy" in e["flags"] or not e["msgstr"] or not all(e["msgstr"])
    ]
    assert problems == [], f"Untranslated or fuzzy: {problems}. Fix: {MAKEMESSAGES}"


def test_plural_entries_have_both_forms(catalogue):
    for entry in catalogue:
        if entry["plural"] is not None:
            assert len(entry["msgstr"]) == 2, entry["msgid"]


def placeholders(text: str) -> list[str]:
    return sorted(re.findall(r"%\(\w+\)[sd]", text))


def test_translations_keep_every_placeholder(catalogue):
    for entry in catalogue:
        sources = [entry["msgid"]] + ([entry["plural"]] if entry["plural"] else [])
        for i, translated in enumerate(entry["msgstr"]):
            if translated:
                source = sources[min(i, len(sources) - 1)]
                assert placeholders(translated) == placeholders(source), entry["msgid"]


def test_compiled_catalogue_matches_the_po_file(catalogue):
    """CI does not compile messages: the committed .mo must match the .po."""
    with MO_FILE.open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = []
    for entry in catalogue:
        if "fuzzy" in entry["flags"] or not entry["msgstr"] or not entry["msgstr"][0]:
            continue
        if entry.get("ctx"):
            got = compiled.pgettext(entry["ctx"], entry["msgid"])
        elif entry["plural"] is not None:
            got = compiled.ngettext(entry["msgid"], entry["plural"], 1)
        else:
            got = compiled.gettext(entry["msgid"])
        if got != entry["msgstr"][0]:
            stale.append(entry["msgid"])
    assert stale == [], f"The .mo is stale for {stale[:5]}. Fix: compilemessages"


# --- Every string of the foundation apps is in the catalogue ------------------
#
# A light extractor for the forms these apps use: {% translate "..." %},
# {% blocktranslate %}...{% endblocktranslate %} and gettext calls with literal
# strings. It catches a new string added without re-running makemessages.

GETTEXT_NAMES = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "gettext_noop"}
TRANSLATE_TAG = re.compile(r"""\{%\s*(?:translate|trans)\s+(?:"([^"]*)"|'([^']*)')""")
BLOCK_TAG = re.compile(
    r"\{%\s*blocktrans(?:late)?\b(?P<args>[^%]*)%\}(?P<body>.*?)"
    r"(?:\{%\s*plural\s*%\}(?P<plural>.*?))?\{%\s*endblocktrans(?:late)?\s*%\}",
    re.DOTALL,
)


def block_msgid(body: str, trimmed: bool) -> str:
    body = body.replace("%", "%%")
    body = re.sub(r"\{\{\s*(\w+)\s*\}\}", r"%(\1)s", body)
    if trimmed:
        body = " ".join(line.strip() for line in body.strip().splitlines() if line.strip())
    return body


def template_msgids(path: Path) -> set[str]:
    text = path.read_text(encoding="utf-8")
    found = {a or b for a, b in TRANSLATE_TAG.findall(text)}
    for match in BLOCK_TAG.finditer(text):
        found.add(block_msgid(match["body"], "trimmed" in match["args"]))
    return found


def python_msgids(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
        first = node.args[0]
        if (
            name in GETTEXT_NAMES
            and isinstance(first, ast.Constant)
            and isinstance(first.value, str)
        ):
            found.add(first.value)
    return found


def foundation_msgids() -> dict[str, set[str]]:
    root = Path(settings.BASE_DIR)
    used: dict[str, set[str]] = {}
    for app in FOUNDATION:
        for path in (root / app).rglob("*"):
            if "migrations" in path.parts or not path.is_file():
                continue
            if path.suffix == ".py":
                msgids = python_msgids(path)
            elif path.suffix in {".html", ".txt"} and "templates" in path.parts:
                msgids = template_msgids(path)
            else:
                continue
            for msgid in msgids:
                used.setdefault(msgid, set()).add(str(path.relative_to(root)))
    return used


def test_extractor_finds_known_strings():
    used = foundation_msgids()
    assert "Mijn overzicht" in used
    assert "Welkom, %(name)s." in used
    assert "%(n)s werkproces" in used
    assert "kwalificatiedossier" in used


def test_every_foundation_string_is_in_the_catalogue(catalogue):
    known = {e["msgid"] for e in catalogue}
    missing = {m: sorted(p) for m, p in foundation_msgids().items() if m and m not in known}
    assert missing == {}, f"Not in the English catalogue: {missing}. Fix: {MAKEMESSAGES}"


# --- No Dutch left on the English foundation pages ---------------------------


@pytest.fixture(scope="module")
def foundation_dutch(catalogue):
    """Dutch msgids of the foundation whose English text differs (long enough
    not to occur by accident inside English text or names)."""
    return {
        e["msgid"]
        for e in catalogue
        if any(r.startswith(FOUNDATION) for r in e["refs"])
        and e["plural"] is None
        and "%" not in e["msgid"]
        and e["msgstr"]
        and e["msgstr"][0] != e["msgid"]
        and len(e["msgid"]) >= 8
    }


@pytest.mark.parametrize(
    "account",
    [
        None,
        "student1",
        "werkbegeleider1",
        "studentbegeleider1",
        "praktijkopleider1",
        "docent1",
        "trainer",
        "beheerder",
    ],
)
def test_no_dutch_interface_text_on_english_pages(client_for, account, foundation_dutch):
    client = in_english(client_for(account))
    urls = [reverse("login"), reverse("core:privacy")] if account is None else ["/"]
    if account and account != "student1":
        urls.append(reverse("qualifications:list"))
    if account in {"praktijkopleider1", "docent1"}:
        urls.append(reverse("people:student_list"))
        student = User.objects.get(username="student1")
        urls.append(reverse("people:student", args=[student.pk]))
    for url in urls:
        html = client.get(url).content.decode()
        visible = re.sub(r"<[^>]+>", "\n", html)
        lines = {line.strip() for line in visible.splitlines()}
        leftover = sorted(m for m in foundation_dutch if m in lines)
        assert leftover == [], f"{url}: {leftover}"


# --- The beheer's scripts ---------------------------------------------------


def _admin_script_strings(name: str) -> set[str]:
    """The texts a script of Django admin translates (``gettext('…')``)."""
    path = Path(django.__file__).parent / "contrib/admin/static/admin/js" / name
    found = re.findall(r"""\bgettext\((['"])(.+?)\1\)""", path.read_text())
    return {text for _quote, text in found}


def test_the_beheers_two_list_chooser_speaks_dutch(client_for):
    """Django 5.2's Dutch catalogue lacks half of the two-list chooser's texts
    (``locale/nl/LC_MESSAGES/djangojs.po`` has them); English stays English."""
    texts = _admin_script_strings("SelectFilter2.js") - {"Filter"}
    assert "Choose all %s" in texts and len(texts) >= 10
    client = client_for("beheerder")
    script = client.get(reverse("admin:jsi18n")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))
    untranslated = sorted(t for t in texts if catalogue.get(t) in (None, t))
    assert untranslated == []
    assert catalogue["Choose all %s"] == "Alle %s kiezen"
    english = in_english(client).get(reverse("admin:jsi18n")).content.decode()
    assert "Alle %s kiezen" not in english
