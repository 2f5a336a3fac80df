from pathlib import Path

from tests.permissions_doc import render

DOC = Path(__file__).resolve().parents[1] / "docs" / "permissions.md"


def test_permissions_doc_matches_the_matrix():
    assert DOC.read_text(encoding="utf-8") == render(), (
        "docs/permissions.md is out of date: run "
        "`.venv/bin/python -m tests.permissions_doc > docs/permissions.md`"
    )
