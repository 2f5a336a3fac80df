"""The beheer's list of apps and models (its menu and index) is kept per
person, roles in force, day, language and script prefix
(``access.kept_for_person``), and is what Django's admin builds."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.admin import AdminSite

from leerroute.core import access
from leerroute.people.models import Role, RoleAssignment, User


@pytest.fixture
def builds(monkeypatch):
    """Counts the times Django's admin builds the app list."""
    counted = []
    build = AdminSite._build_app_dict

    def counting(self, request, label=None):
        counted.append(label)
        return build(self, request, label)

    monkeypatch.setattr(AdminSite, "_build_app_dict", counting)
    access.forget_kept()
    return counted


def _names(html: str) -> bool:
    return "Roltoewijzingen" in html


def test_the_app_list_is_built_once_and_shown_on_every_page(client_for, builds, settings):
    settings.LEERROUTE_VERIFY_REUSE = False  # count Django's builds, not the checks
    client = client_for("beheerder")
    first = client.get("/beheer/people/team/")
    assert first.status_code == 200
    assert len(builds) == 1
    for url in ["/beheer/people/team/", "/beheer/people/placement/", "/beheer/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert _names(response.content.decode()), url
    assert len(builds) == 1
    # One app's index is its own list.
    assert client.get("/beheer/people/").status_code == 200
    assert builds == [None, "people"]


def test_the_kept_list_is_what_django_builds(rf, demo, settings):
    settings.LEERROUTE_VERIFY_REUSE = False
    access.forget_kept()
    request = rf.get("/beheer/")
    request.user = demo["beheerder"]
    kept = admin.site.get_app_list(request)
    again = admin.site.get_app_list(request)
    fresh = AdminSite.get_app_list(admin.site, request)
    assert access._plain(kept) == access._plain(fresh)
    assert again is kept


def test_the_list_follows_the_language(client_for, builds):
    client = client_for("beheerder")
    assert "Roltoewijzingen" in client.get("/beheer/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/beheer/").content.decode()
    assert "Role assignments" in html and "Roltoewijzingen" not in html
    assert len(builds) == 2


def test_another_person_or_other_roles_get_their_own_list(client_for, builds, demo):
    client_for("beheerder").get("/beheer/")
    other = User.objects.create(username="beheer2", is_staff=True)
    organisation = RoleAssignment.objects.filter(user=demo["beheerder"]).first().organisation
    RoleAssignment.objects.create(user=other, role=Role.ADMIN, organisation=organisation)
    assert client_for("beheer2").get("/beheer/").status_code == 200
    assert len(builds) == 2
    # A role more: a new key, built again.
    RoleAssignment.objects.create(user=other, role=Role.TRAINER, organisation=organisation)
    assert client_for("beheer2").get("/beheer/").status_code == 200
    assert len(builds) == 3
