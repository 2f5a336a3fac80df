"""The main menu is kept as a template fragment per language, menu items and
page (``base.html``, the "fragments" cache): every page still marks its own
menu item, each role sees its own items, and each language its own words."""

from __future__ import annotations

import re

from django.urls import reverse


def _nav(response) -> str:
    html = response.content.decode()
    start = html.index('<nav aria-label="')
    return html[start : html.index("</nav>", start)]


def _current(nav: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page">', nav)


def test_each_page_marks_its_own_menu_item(client_for):
    client = client_for("werkbegeleider1")
    for _ in range(2):  # the second round comes from the fragment cache
        assert _current(_nav(client.get("/"))) == [reverse("core:home")]
        assert _current(_nav(client.get(reverse("learning:list")))) == [reverse("learning:list")]
        assert _current(_nav(client.get(reverse("learning:waiting")))) == [reverse("learning:list")]
        assert _current(_nav(client.get(reverse("glossary:list")))) == [reverse("glossary:list")]


def test_roles_with_other_menu_items_get_their_own_menu(client_for):
    mentor = _nav(client_for("werkbegeleider1").get("/"))
    trainer = _nav(client_for("trainer").get("/"))
    assert reverse("learning:list") in mentor
    assert reverse("learning:list") not in trainer
    assert reverse("people:student_list") not in trainer
    assert _nav(client_for("werkbegeleider1").get("/")) == mentor


def test_the_menu_follows_the_language(client_for):
    client = client_for("werkbegeleider1")
    dutch = _nav(client.get("/"))
    assert "Mijn overzicht" in dutch
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = _nav(client.get("/"))
    assert 'aria-label="Main menu"' in english
    assert "My overview" in english
    assert "Mijn overzicht" not in english
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert _nav(client.get("/")) == dutch
