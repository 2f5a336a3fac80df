"""Pages of the people app, per role: content, scope and query counts."""

import datetime
import re

import pytest
from django.urls import reverse

from leerroute.people.models import (
    Enrollment,
    Organisation,
    Placement,
    Role,
    RoleAssignment,
    Team,
    User,
)
from tests.costs import first_and_repeated

HOME = "/"


def text(response) -> str:
    """The page's main content (the footer names every organisation of the route)."""
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


@pytest.mark.parametrize(
    ("account", "present", "absent"),
    [
        (
            "student1",
            ["Mijn BPV-plaats", "Team Tulp", "Ingrid Bakelaar", "Marloes Pieterse", "VIG-3A"],
            ["Milan Koster", "Topaz"],
        ),
        (
            "student2",
            ["Mijn BPV-plaats", "Team Overrijn", "Joost Hendrikse", "VP-4A"],
            ["Sanne Verhoef", "DSV"],
        ),
        ("werkbegeleider1", ["Mijn studenten", "Sanne Verhoef"], ["Milan Koster", "Topaz"]),
        ("werkbegeleider2", ["Mijn studenten", "Milan Koster"], ["Sanne Verhoef", "DSV"]),
        (
            "studentbegeleider1",
            ["Studenten van mijn afdeling", "Sanne Verhoef", "Team Iris"],
            ["Milan Koster"],
        ),
        ("studentbegeleider2", ["Studenten van mijn afdeling", "Milan Koster"], ["Sanne Verhoef"]),
        (
            "praktijkopleider1",
            [
                "Mijn organisatie",
                "DSV|verzorgd leven",
                "Wonen met zorg De Rijnhof",
                "pilot",
                "Thuiszorg Leiden",
            ],
            ["Topaz", "Milan Koster"],
        ),
        (
            "praktijkopleider2",
            ["Mijn organisatie", "Topaz", "Revalidatie en herstel"],
            ["DSV", "Sanne Verhoef"],
        ),
        (
            "docent1",
            ["Mijn klassen", "VIG-3A", "VIG-3B", "Sanne Verhoef", "Team Tulp", "ActiVite"],
            ["Milan Koster", "VP-4A"],
        ),
        (
            "docent2",
            ["Mijn klassen", "VP-4A", "Milan Koster", "Team Overrijn"],
            ["Sanne Verhoef", "VIG-3A"],
        ),
        ("trainer", ["Trainingsprogramma"], ["Sanne Verhoef", "Milan Koster"]),
        ("beheerder", ["Beheer", "/beheer/"], []),
    ],
)
def test_home_is_role_aware(account, present, absent, client_for):
    response = client_for(account).get(HOME)
    assert response.status_code == 200
    body = text(response)
    assert "<h1>Mijn overzicht</h1>" in body
    for fragment in present:
        assert fragment in body, fragment
    for fragment in absent:
        assert fragment not in body, fragment


def test_home_requires_sign_in(client_for):
    response = client_for(None).get(HOME)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/"


def test_home_shows_counts_per_team_for_practice_educator(client_for):
    body = text(client_for("praktijkopleider1").get(HOME))
    tulp = Team.objects.get(name="Team Tulp")
    students = Placement.objects.active().filter(team=tulp).count()
    assert students == 4
    # The row of Team Tulp shows its student count and its one... or more mentors.
    mentors = RoleAssignment.objects.active().filter(team=tulp, role=Role.MENTOR).count()
    row = re.search(r"Team Tulp</a></td>\s*<td[^>]*>(\d+)</td>\s*<td[^>]*>(\d+)</td>", body)
    assert row, "Team Tulp row with counts"
    assert (int(row[1]), int(row[2])) == (students, mentors)


def _add_students(team: Team, n: int, mentor: User):
    school = Organisation.objects.get(name="mboRijnland")
    cohort_enrollment = Enrollment.objects.filter(student__username="student1").first()
    for i in range(n):
        student = User.objects.create(
            username=f"extra{team.pk}-{i}", first_name="Extra", last_name=str(i)
        )
        RoleAssignment.objects.create(user=student, role=Role.STUDENT, organisation=school)
        Enrollment.objects.create(
            student=student,
            cohort=cohort_enrollment.cohort,
            qualification=cohort_enrollment.qualification,
        )
        placement = Placement.objects.create(
            student=student,
            team=team,
            end_date=datetime.date.today() + datetime.timedelta(days=30),
            assessor=mentor,
        )
        placement.mentors.add(mentor)


@pytest.mark.parametrize(
    "account",
    [
        "student1",
        "werkbegeleider1",
        "studentbegeleider1",
        "praktijkopleider1",
        "docent1",
        "trainer",
        "beheerder",
    ],
)
def test_home_query_count_does_not_grow_with_students(
    account, demo, client_for, django_assert_num_queries
):
    client = client_for(account)
    client.get(HOME)  # warm caches (content types, sessions)
    first_before, before, _ = first_and_repeated(client, HOME)
    _add_students(Team.objects.get(name="Team Tulp"), 6, demo["werkbegeleider1"])
    first_after, after, response = first_and_repeated(client, HOME)
    assert response.status_code == 200
    assert len(after) == len(before), [q["sql"] for q in after.captured_queries]
    # The first request after a change (kept results computed again) too.
    assert len(first_after) == len(first_before), [q["sql"] for q in first_after.captured_queries]


@pytest.mark.parametrize(
    ("name", "account"),
    [
        ("people:student_list", "praktijkopleider1"),
        ("people:student_list", "docent1"),
    ],
)
def test_lists_have_constant_query_counts(name, account, demo, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(account)
    client.get(reverse(name))
    with CaptureQueriesContext(connection) as before:
        client.get(reverse(name))
    _add_students(Team.objects.get(name="Team Tulp"), 5, demo["werkbegeleider1"])
    with CaptureQueriesContext(connection) as after:
        client.get(reverse(name))
    assert len(after) == len(before)


@pytest.mark.parametrize(
    ("view", "kwargs"),
    [
        ("people:team", lambda: {"pk": Team.objects.get(name="Team Tulp").pk}),
        (
            "people:organisation",
            lambda: {"pk": Organisation.objects.get(name="DSV|verzorgd leven").pk},
        ),
        ("people:student", lambda: {"pk": User.objects.get(username="student1").pk}),
    ],
)
def test_detail_pages_have_constant_query_counts(view, kwargs, demo, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("praktijkopleider1")
    url = reverse(view, kwargs=kwargs())
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    _add_students(Team.objects.get(name="Team Tulp"), 5, demo["werkbegeleider1"])
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_student_list_only_lists_visible_students(client_for):
    body = text(client_for("werkbegeleider1").get(reverse("people:student_list")))
    assert "Sanne Verhoef" in body
    assert "Milan Koster" not in body
    assert "Yasmina Ouali" not in body  # Team Iris: another team of the same organisation


def test_student_list_search_and_pagination(client_for):
    client = client_for("beheerder")
    body = text(client.get(reverse("people:student_list"), {"q": "verhoef"}))
    assert "Sanne Verhoef" in body and "Milan Koster" not in body
    page2 = client.get(reverse("people:student_list"), {"pagina": 2})
    assert page2.status_code == 200


def test_student_page_shows_placement_and_education(demo, client_for):
    body = text(client_for("docent1").get(reverse("people:student", args=[demo["student1"].pk])))
    for fragment in [
        "Sanne Verhoef",
        "Team Tulp",
        "Wonen met zorg De Rijnhof",
        "Ingrid Bakelaar",
        "Marloes Pieterse",
        "VIG-3A",
        "Verzorgende IG",
        "Eerdere BPV-plaatsen",
        "Team Zonnehof",
    ]:
        assert fragment in body, fragment


def test_opening_a_student_record_is_logged_without_content(demo, client_for):
    from leerroute.people.models import AccessLog

    client_for("werkbegeleider1").get(reverse("people:student", args=[demo["student1"].pk]))
    entry = AccessLog.objects.get()
    assert entry.user == demo["werkbegeleider1"]
    assert entry.student == demo["student1"]
    assert entry.view_name == "people:student"


def test_team_page_lists_only_students_the_viewer_may_see(demo, client_for):
    tulp = Team.objects.get(name="Team Tulp")
    body = text(client_for("studentbegeleider1").get(reverse("people:team", args=[tulp.pk])))
    assert "Sanne Verhoef" in body and "Ingrid Bakelaar" in body


def test_school_page_lists_cohorts_with_teachers(client_for):
    school = Organisation.objects.get(name="mboRijnland")
    body = text(client_for("docent1").get(reverse("people:organisation", args=[school.pk])))
    assert "VIG-3A" in body and "Petra Zonneveld" in body


def test_qualification_pages(client_for):
    from leerroute.qualifications.models import Qualification

    client = client_for("student1")
    body = text(client.get(reverse("qualifications:list")))
    assert "Verzorging en verpleging" in body and "Mbo-Verpleegkundige" in body
    vp = Qualification.objects.get(title="Mbo-Verpleegkundige")
    body = text(client.get(reverse("qualifications:detail", args=[vp.pk])))
    assert "B1-K1-W1" in body and "P2-K1-W1" in body and "niveau" in body.lower()
    vig = Qualification.objects.get(title="Verzorgende IG")
    body = text(client.get(reverse("qualifications:detail", args=[vig.pk])))
    assert "B1-K1-W1" in body and "P2-K1" not in body


def _plain_team_counts(team):
    students = Placement.objects.active().filter(team=team).count()
    mentors = RoleAssignment.objects.active().filter(team=team, role=Role.MENTOR).count()
    return students, mentors


def test_team_counts_are_the_plain_counts_on_every_page_that_shows_them(demo, client_for):
    """Students placed now and mentors in force per team (two subquery counts):
    the practice educator's home, the organisation page and the department page."""
    tulp = Team.objects.get(name="Team Tulp")
    _add_students(tulp, 3, demo["werkbegeleider1"])
    # A second mentor in Tulp, and one whose role has ended (not counted).
    RoleAssignment.objects.create(
        user=demo["werkbegeleider2"],
        role=Role.MENTOR,
        organisation=tulp.department.organisation,
        team=tulp,
    )
    RoleAssignment.objects.create(
        user=demo["studentbegeleider2"],
        role=Role.MENTOR,
        organisation=tulp.department.organisation,
        team=tulp,
        start_date=datetime.date.today() - datetime.timedelta(days=30),
        end_date=datetime.date.today() - datetime.timedelta(days=1),
    )
    client = client_for("praktijkopleider1")

    seen = {}
    response = client.get(reverse("core:home"))
    (panel,) = [p for p in response.context["panels"] if "organisations" in p.context]
    for organisation in panel.context["organisations"]:
        for department in organisation.departments.all():
            for team in department.teams.all():
                seen[team.pk] = (team.student_count, team.mentor_count)
    org = tulp.department.organisation
    response = client.get(reverse("people:organisation", args=[org.pk]))
    for department in response.context["departments"]:
        for team in department.teams.all():
            assert seen[team.pk] == (team.student_count, team.mentor_count)
    response = client.get(reverse("people:department", args=[tulp.department_id]))
    for team in response.context["teams"]:
        assert seen[team.pk] == (team.student_count, team.mentor_count)

    assert seen
    for pk, counts in seen.items():
        assert counts == _plain_team_counts(Team.objects.get(pk=pk)), pk
    assert seen[tulp.pk][0] >= 4 and seen[tulp.pk][1] >= 2
