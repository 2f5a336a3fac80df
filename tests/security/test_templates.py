"""SEC-30: no hand-made "safe" HTML and no hand-built SQL in the code.

Ruff's S308 (mark_safe), S608 (SQL by string) and S611 (RawSQL) run in CI via
`make lint`; this test also covers the templates, which ruff does not read.
"""

import re
import tomllib

from tests.security.helpers import ROOT

APP = ROOT / "leerroute"

# Plain-text e-mails are not HTML: autoescaping would garble them. Every
# *.txt template is plain text; these are the others.
TEXT_EMAILS = {"registration/password_reset_email.html"}
# Python files allowed to build trusted HTML, with the reason.
TRUSTED_HTML = {
    # {% glossary %} writes out the tags of its own, already rendered (and so
    # already escaped) template content again; every piece of text between them
    # is unescaped and escaped again, with only its own links added.
    "leerroute/glossary/templatetags/glossary.py": "glossary links in rendered help texts",
}
# Python files allowed to wrap SQL in RawSQL, with the reason (never SQL made from text).
TRUSTED_SQL = {
    # A scope's subquery compiled once per request: the SQL is Django's own
    # compiler output for a queryset, its parameters kept apart.
    "leerroute/core/access.py": "a queryset's own compiled SQL, reused within a request",
}


def test_ruff_checks_the_security_rules():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    assert "S" in config["tool"]["ruff"]["lint"]["select"]
    ignored = set(config["tool"]["ruff"]["lint"].get("ignore", []))
    assert not ignored & {"S308", "S608", "S611", "S"}


def test_templates_do_not_switch_off_escaping():
    problems = []
    for path in APP.rglob("*"):
        if not path.is_file() or "templates" not in path.parts:
            continue
        relative = "/".join(path.parts[path.parts.index("templates") + 1 :])
        text = path.read_text(errors="replace")
        if re.search(r"\|\s*safe\b|{%\s*filter\s+safe|safeseq", text):
            problems.append(f"{relative}: |safe")
        plain_text = relative.endswith(".txt") or relative in TEXT_EMAILS
        if re.search(r"{%\s*autoescape\s+off", text) and not plain_text:
            problems.append(f"{relative}: autoescape off")
    assert problems == []


def test_python_does_not_mark_strings_safe_or_build_sql():
    problems = []
    for path in APP.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        relative = str(path.relative_to(ROOT))
        text = path.read_text()
        for pattern, trusted in (
            (r"\bmark_safe\(", TRUSTED_HTML),
            (r"\bSafeString\(", TRUSTED_HTML),
            (r"\.extra\(", {}),
            (r"\bRawSQL\(", TRUSTED_SQL),
            (r"\.raw\(", {}),
        ):
            if re.search(pattern, text) and relative not in trusted:
                problems.append(f"{relative}: {pattern}")
    assert problems == []
