"""seed_demo: the route's real structure, every role filled, idempotent, never by accident."""

import io

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from leerroute.people import queries
from leerroute.people.models import (
    Department,
    Organisation,
    Placement,
    Role,
    RoleAssignment,
    Team,
    User,
)
from tests.conftest import DEMO_ACCOUNTS, DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def seed(**kwargs):
    out = io.StringIO()
    call_command("seed_demo", stdout=out, **kwargs)
    return out.getvalue()


def all_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label not in {"sessions", "admin", "contenttypes", "auth", "axes"}
    }


def test_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    before = all_counts()
    with pytest.raises(CommandError, match="DEBUG staat uit"):
        seed()
    assert all_counts() == before


def test_is_idempotent():
    before = all_counts()
    output = seed(force=True)
    assert all_counts() == before
    assert "student1" in output and DEMO_PASSWORD in output


def test_the_route_structure():
    names = set(Organisation.objects.values_list("name", flat=True))
    assert names == {"mboRijnland", "ActiVite", "DSV|verzorgd leven", "Topaz"}
    assert Organisation.objects.get(name="mboRijnland").kind == Organisation.Kind.SCHOOL
    assert Team.objects.count() >= 7
    assert Department.objects.filter(is_pilot=True).exists()
    assert Department.objects.filter(is_pilot=False).exists()
    assert queries.students().count() >= 20
    assert Placement.objects.active().count() >= 20
    held = set(RoleAssignment.objects.active().values_list("role", flat=True))
    assert held == set(Role.values)


def test_demo_accounts_sign_in_with_the_demo_password(client):
    for username in DEMO_ACCOUNTS:
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD), username
    response = client.post("/accounts/login/", {"username": "student1", "password": DEMO_PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"


def test_accounts_belong_to_their_organisation():
    def orgs(username):
        return set(
            RoleAssignment.objects.active()
            .filter(user__username=username)
            .values_list("organisation__name", flat=True)
        )

    for n, org in [("1", "DSV|verzorgd leven"), ("2", "Topaz")]:
        for prefix in ["werkbegeleider", "studentbegeleider", "praktijkopleider"]:
            assert orgs(prefix + n) == {org}
        student = User.objects.get(username="student" + n)
        assert (
            Placement.objects.active().get(student=student).team.department.organisation.name == org
        )
        cohort = student.enrollments.get().cohort
        assert cohort.teachers.filter(username="docent" + n).exists()
