"""Who sees which student: the rule of DESIGN.md "Who sees what", as a table."""

import datetime

import pytest

from leerroute.people import queries
from leerroute.people.models import Placement, Role, RoleAssignment, User

# account -> the demo students it must see (by username); everyone else is hidden.
EXPECTED_STUDENTS = {
    "student1": {"student1"},
    "student2": {"student2"},
    # Mentor of Team Tulp (DSV): the students placed in Team Tulp now.
    "werkbegeleider1": {"student1", "s.bloemendaal", "s.boukhari", "s.hoogeveen"},
    "werkbegeleider2": {"student2", "s.amrani", "s.kramer"},
    # Assessor of department "Wonen met zorg De Rijnhof": Team Tulp and Team Iris.
    "studentbegeleider1": {
        "student1",
        "s.bloemendaal",
        "s.boukhari",
        "s.hoogeveen",
        "s.ouali",
        "s.vanderkraan",
    },
    "studentbegeleider2": {"student2", "s.amrani", "s.kramer"},
    "trainer": set(),
}


@pytest.mark.parametrize(("account", "expected"), EXPECTED_STUDENTS.items())
def test_students_visible_to(account, expected, demo):
    seen = set(queries.students_visible_to(demo[account]).values_list("username", flat=True))
    assert seen == expected


def _placed_in(org_name):
    return set(
        Placement.objects.active()
        .filter(team__department__organisation__name=org_name)
        .values_list("student__username", flat=True)
    )


def test_practice_educators_see_everyone_placed_in_their_organisation(demo):
    for account, org in [
        ("praktijkopleider1", "DSV|verzorgd leven"),
        ("praktijkopleider2", "Topaz"),
    ]:
        seen = set(queries.students_visible_to(demo[account]).values_list("username", flat=True))
        assert seen == _placed_in(org)
        assert len(seen) >= 3


def test_teachers_see_their_cohorts_wherever_placed(demo):
    seen = set(queries.students_visible_to(demo["docent1"]).values_list("username", flat=True))
    cohorts = {"VIG-3A", "VIG-3B"}
    expected = set(
        User.objects.filter(enrollments__cohort__name__in=cohorts).values_list(
            "username", flat=True
        )
    )
    assert seen == expected
    assert "student1" in seen and "student2" not in seen
    # Wherever placed: docent1's cohorts have students at ActiVite too.
    assert seen & _placed_in("ActiVite")


def test_administrator_sees_all_students(demo):
    seen = queries.students_visible_to(demo["beheerder"])
    assert seen.count() == queries.students().count() >= 20


def test_no_one_sees_across_the_two_care_organisations(demo):
    dsv, topaz = _placed_in("DSV|verzorgd leven"), _placed_in("Topaz")
    for account in ["werkbegeleider1", "studentbegeleider1", "praktijkopleider1"]:
        seen = set(queries.students_visible_to(demo[account]).values_list("username", flat=True))
        assert not seen & topaz
    for account in ["werkbegeleider2", "studentbegeleider2", "praktijkopleider2"]:
        seen = set(queries.students_visible_to(demo[account]).values_list("username", flat=True))
        assert not seen & dsv


def test_ending_a_placement_denies_access_on_the_next_request(demo, client_for):
    """SEC-08: the mentor of an ended placement no longer opens the record."""
    client = client_for("werkbegeleider1")
    url = f"/studenten/{demo['student1'].pk}/"
    assert client.get(url).status_code == 200
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    Placement.objects.active().filter(student=demo["student1"]).update(end_date=yesterday)
    assert client.get(url).status_code == 404


def test_revoking_a_role_denies_access_on_the_next_request(demo, client_for):
    client = client_for("praktijkopleider1")
    url = f"/studenten/{demo['student1'].pk}/"
    assert client.get(url).status_code == 200
    yesterday = datetime.date.today() - datetime.timedelta(days=1)
    RoleAssignment.objects.filter(
        user=demo["praktijkopleider1"], role=Role.PRACTICE_EDUCATOR
    ).update(end_date=yesterday)
    assert client.get(url).status_code == 404
    assert client.get("/").status_code == 200


def test_a_future_role_gives_no_access_yet(demo):
    future = datetime.date.today() + datetime.timedelta(days=10)
    newcomer = User.objects.create(username="nieuw")
    RoleAssignment.objects.create(
        user=newcomer,
        role=Role.PRACTICE_EDUCATOR,
        organisation=demo["praktijkopleider1"].role_assignments.first().organisation,
        start_date=future,
    )
    assert not queries.students_visible_to(newcomer).exists()


def test_inactive_user_sees_nothing(demo):
    user = demo["praktijkopleider1"]
    user.is_active = False
    user.save()
    assert not queries.students_visible_to(User.objects.get(pk=user.pk)).exists()


@pytest.mark.parametrize(
    ("account", "perm", "target", "allowed"),
    [
        ("student1", "people.see_student", "student1", True),
        ("student1", "people.see_student", "student2", False),
        ("werkbegeleider1", "people.see_student", "student1", True),
        ("werkbegeleider1", "people.see_student", "student2", False),
        ("docent2", "people.see_student", "student2", True),
        ("docent2", "people.see_student", "student1", False),
        ("trainer", "people.see_student", "student1", False),
    ],
)
def test_rules_predicates_agree_with_the_querysets(account, perm, target, allowed, demo):
    assert demo[account].has_perm(perm, demo[target]) is allowed


def _name_as_mentor_elsewhere(mentor, n):
    """``n`` new students placed in Team Iris (not the mentor's team) naming ``mentor``."""
    from leerroute.people.models import Team
    from tests.people.test_views import _add_students

    before = set(User.objects.values_list("pk", flat=True))
    _add_students(Team.objects.get(name="Team Iris"), n, mentor)
    return set(User.objects.values_list("username", flat=True).exclude(pk__in=before))


def test_a_mentor_named_on_a_placement_elsewhere_sees_that_student_and_no_more(demo):
    """The mentor's placements as ``id = ANY(ARRAY(...))``: the rows are the plain rule's."""
    mentor = demo["werkbegeleider1"]
    added = _name_as_mentor_elsewhere(mentor, 2)
    fresh = User.objects.get(pk=mentor.pk)
    seen = set(queries.students_visible_to(fresh).values_list("username", flat=True))
    assert seen == EXPECTED_STUDENTS["werkbegeleider1"] | added
    # The plain rule: placed now in the mentor's team, or naming them as mentor.
    expected = set(
        User.objects.filter(
            placements__in=Placement.objects.active().filter(mentors=mentor)
        ).values_list("username", flat=True)
    ) | set(
        User.objects.filter(
            placements__in=Placement.objects.active().filter(team__name="Team Tulp")
        ).values_list("username", flat=True)
    )
    assert seen == expected
    # Someone else's student in Team Iris stays hidden.
    assert "s.ouali" not in seen


def test_a_mentor_without_mentored_placements_sees_their_team(demo):
    mentor = demo["werkbegeleider1"]
    Placement.mentors.through.objects.filter(user_id=mentor.pk).delete()
    fresh = User.objects.get(pk=mentor.pk)
    seen = set(queries.students_visible_to(fresh).values_list("username", flat=True))
    assert seen == EXPECTED_STUDENTS["werkbegeleider1"]


def test_visible_students_cost_the_same_queries_however_many_placements_name_the_mentor(demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    mentor = demo["werkbegeleider1"]

    def count():
        fresh = User.objects.get(pk=mentor.pk)
        with CaptureQueriesContext(connection) as ctx:
            for _ in range(3):
                list(queries.students_visible_to(fresh))
        return len(ctx.captured_queries)

    few = count()
    _name_as_mentor_elsewhere(mentor, 6)
    assert count() == few
