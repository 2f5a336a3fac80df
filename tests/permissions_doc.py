"""Renders docs/permissions.md from the permission matrix (tests/matrix.py).

    .venv/bin/python -m tests.permissions_doc > docs/permissions.md

tests/test_permissions_doc.py fails when the document and the matrix differ.
"""

SHORT = {
    None: "anon",
    "student1": "st1",
    "student2": "st2",
    "werkbegeleider1": "wb1",
    "werkbegeleider2": "wb2",
    "studentbegeleider1": "sb1",
    "studentbegeleider2": "sb2",
    "praktijkopleider1": "po1",
    "praktijkopleider2": "po2",
    "docent1": "d1",
    "docent2": "d2",
    "trainer": "tr",
    "beheerder": "bh",
}
CELL = {"login": "→login", 200: "✓", 204: "✓", 302: "→", 403: "403", 404: "404", 405: "405"}

HEADER = """# Permissions: who may open what

Generated from `tests/matrix.py` by `python -m tests.permissions_doc`; a test
keeps the two in step. Every named URL of the URLconf has a row for every demo
account (`tests/test_permission_matrix.py` fails otherwise) and every cell is
requested in the test suite.

Accounts: anon = not signed in; st = student, wb = werkbegeleider (mentor),
sb = studentbegeleider (assessor), po = praktijkopleider (practice educator),
d = docent (teacher), tr = trainer, bh = functioneel beheerder. Accounts ending
in 1 belong to DSV|verzorgd leven, in 2 to Topaz (see DESIGN.md).

Cells: ✓ allowed (200/204), → redirect after success, →login sign in first,
404 outside the account's scope (existence is not revealed), 403 a role that
may see the object but not take this action, 405 method not allowed.

The rules behind the table are written once, in each app's `queries.py`
(`*_visible_to(user)`) and `rules.py`; `docs/architecture.md` summarises them.
"""


def render() -> str:
    from tests.matrix import ACCOUNTS, ADMIN_NAMESPACE_EXPECT, MATRIX

    head = "| URL name | case | method | " + " | ".join(SHORT[a] for a in ACCOUNTS) + " |"
    rule = "|" + "---|" * (3 + len(ACCOUNTS))
    rows = [HEADER, head, rule]
    for name in sorted(MATRIX):
        for case in MATRIX[name]:
            cells = " | ".join(CELL.get(case.expect[a], str(case.expect[a])) for a in ACCOUNTS)
            rows.append(f"| `{name}` | {case.label or '–'} | {case.method.upper()} | {cells} |")
    admin = " | ".join(CELL.get(ADMIN_NAMESPACE_EXPECT[a], "?") for a in ACCOUNTS)
    rows.append(f"| `admin:*` (Django admin, `/beheer/`) | all | GET | {admin} |")
    return "\n".join(rows) + "\n"


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    django.setup()
    print(render(), end="")
