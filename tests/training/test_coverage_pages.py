"""Coverage and cascade pages: the same figures as counting person by person, the
department pages, the export, and a constant number of queries."""

import csv
import datetime
import io
import re
from collections import defaultdict

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerroute.people.models import Department, Organisation, Role, RoleAssignment, Team, User
from leerroute.training.cascade import (
    coverage,
    department_coverage,
    employee_ids,
    month_ends,
    readiness_of,
)
from leerroute.training.models import Attendance, Enrolment, Programme, Session

# --- counting person by person (as the dashboard used to) ---------------------------------


def counted_per_person(organisations, today):
    """Per unit (trained, in training, not started), deriving each person's readiness alone."""
    orgs = list(organisations)
    departments = {d.pk: d for d in Department.objects.filter(organisation__in=orgs)}
    team_dept = {t.pk: t.department_id for t in Team.objects.filter(department__in=departments)}
    units = defaultdict(set)
    for user_id, org_id, dept_id, team_id in employee_ids(orgs).values_list(
        "user_id", "organisation_id", "department_id", "team_id"
    ):
        units["org", org_id].add(user_id)
        dept_id = team_dept.get(team_id) if team_id else dept_id
        if dept_id:
            units["dept", dept_id].add(user_id)
            if dept_id in departments:
                dept = departments[dept_id]
                units["pilot" if dept.is_pilot else "rest", dept.organisation_id].add(user_id)
        if team_id:
            units["team", team_id].add(user_id)
    everyone = set().union(*units.values()) if units else set()
    result = {}
    for unit, ids in units.items():
        states = [s.status for s in readiness_of(ids, today).values()]
        result[unit] = (
            states.count("trained"),
            states.count("in_training"),
            states.count("not_started"),
        )
    history = {}
    for org in orgs:
        ids = units["org", org.pk]
        points = []
        for on in month_ends(today):
            states = [s.status for s in readiness_of(ids, on).values()]
            points.append((on, states.count("trained"), states.count("in_training"), len(ids)))
        history[org.pk] = points
    return result, history, everyone


def as_tuple(counts):
    return (counts.trained, counts.in_training, counts.not_started)


def shown(result):
    """The figures ``coverage()`` gives, per unit, leaving out empty units."""
    units = {}
    for org in result:
        for kind, counts in (("org", org.counts), ("pilot", org.pilot), ("rest", org.rest)):
            if counts.total:
                units[kind, org.organisation.pk] = as_tuple(counts)
        for dept in org.departments:
            if dept.counts.total:
                units["dept", dept.department.pk] = as_tuple(dept.counts)
            for row in dept.teams:
                if row.counts.total:
                    units["team", row.team.pk] = as_tuple(row.counts)
    return units


def assert_same_as_per_person(organisations):
    today = timezone.localdate()
    expected, history, _everyone = counted_per_person(organisations, today)
    result = coverage(organisations, today)
    assert shown(result) == {unit: c for unit, c in expected.items() if sum(c)}
    for org in result:
        assert [(p.on, p.trained, p.in_training, p.total) for p in org.history] == history[
            org.organisation.pk
        ]
    return result


def test_demo_counts_are_the_same_as_counting_person_by_person(db):
    result = assert_same_as_per_person(Organisation.objects.filter(kind="care"))
    assert [org.organisation.name for org in result] == ["ActiVite", "DSV|verzorgd leven", "Topaz"]
    for org in result:
        for dept in org.departments:
            page = department_coverage(dept.department)
            assert as_tuple(page.counts) == as_tuple(dept.counts)
            assert [(r.team, as_tuple(r.counts), r.in_training_now) for r in page.teams] == [
                (r.team, as_tuple(r.counts), r.in_training_now) for r in dept.teams
            ]


@pytest.mark.parametrize(
    "username", ["praktijkopleider1", "praktijkopleider2", "trainer", "beheerder"]
)
def test_demo_pages_per_role_count_as_person_by_person(client_for, username):
    """Each role's pages show the figures of counting person by person, for every
    employee whatever their own role (employee, mentor, assessor)."""
    from leerroute.training.queries import coverage_organisations_for

    user = User.objects.get(username=username)
    organisations = coverage_organisations_for(user)
    expected, history, everyone = counted_per_person(organisations, timezone.localdate())
    client = client_for(username)
    for name in ("training:coverage", "training:cascade"):
        result = client.get(reverse(name)).context["coverage"]
        assert shown(result) == {unit: c for unit, c in expected.items() if sum(c)}
    assert [p.trained for org in result for p in org.history] == []  # none on the cascade
    result = client.get(reverse("training:coverage")).context["coverage"]
    for org in result:
        assert [(p.on, p.trained, p.in_training, p.total) for p in org.history] == history[
            org.organisation.pk
        ]
    by_role = {
        role: set(employee_ids(organisations).filter(role=role).values_list("user_id", flat=True))
        for role in (Role.EMPLOYEE, Role.MENTOR, Role.ASSESSOR)
    }
    assert all(by_role.values())
    assert set().union(*by_role.values()) == everyone
    assert sum(org.counts.total for org in result) == len(everyone)


# --- a small crafted organisation ---------------------------------------------------------


def _person(username):
    return User.objects.create_user(username=username, first_name=username.title(), last_name="X")


def _training(team, organisation, members, *, completed, present=None, days_ago=40):
    start = timezone.now() - datetime.timedelta(days=days_ago)
    programme = Programme.objects.create(
        kind=Programme.Kind.TEAM,
        title=f"Teamtraining {team.name}",
        goal="Elke medewerker kan werkbegeleider zijn.",
        audience="het team",
        organisation=organisation,
        team=team,
    )
    sessions = [
        Session.objects.create(
            programme=programme,
            topic=f"Bijeenkomst {i + 1}",
            place="Leiden",
            starts_at=start + datetime.timedelta(days=7 * i),
            ends_at=start + datetime.timedelta(days=7 * i, hours=2),
            attendance_registered_at=(
                start + datetime.timedelta(days=7 * i, hours=3) if completed else None
            ),
        )
        for i in range(2)
    ]
    for user in members:
        Enrolment.objects.create(
            programme=programme,
            user=user,
            status=Enrolment.Status.ENROLLED,
            enrolled_at=start - datetime.timedelta(days=10),
            invited_as=Role.EMPLOYEE,
        )
        for session in sessions if completed else []:
            present_here = present is None or user in present
            Attendance.objects.create(
                session=session,
                user=user,
                status="present" if present_here else "absent",
            )
    return programme


@pytest.fixture
def crafted(db):
    """One organisation, a pilot department with two teams and one without pilot."""
    org = Organisation.objects.create(name="Zorg Proef", kind=Organisation.Kind.CARE)
    pilot = Department.objects.create(organisation=org, name="Proef Pilot", is_pilot=True)
    other = Department.objects.create(organisation=org, name="Proef Overig")
    team_a = Team.objects.create(department=pilot, name="Proefteam A")
    team_b = Team.objects.create(department=other, name="Proefteam B")
    today = timezone.localdate()
    people = {
        name: _person(f"proef.{name}")
        for name in ("trained", "ended", "employee", "twice", "absent", "dept_only", "educator")
    }

    def assign(name, role, team=None, department=None, **dates):
        RoleAssignment.objects.create(
            user=people[name],
            role=role,
            organisation=org,
            team=team,
            department=department or (team.department if team else None),
            start_date=dates.get("start", today - datetime.timedelta(days=400)),
            end_date=dates.get("end"),
        )

    assign("trained", Role.MENTOR, team_a)
    # Trained too, but the role ended yesterday: not counted anywhere.
    assign("ended", Role.MENTOR, team_a, end=today - datetime.timedelta(days=1))
    # No route role yet: in the denominator, not started.
    assign("employee", Role.EMPLOYEE, team_a)
    # Two roles in the same team: counted once.
    assign("twice", Role.MENTOR, team_b)
    assign("twice", Role.ASSESSOR, team_b)
    assign("absent", Role.MENTOR, team_b)
    assign("dept_only", Role.ASSESSOR, department=other)
    assign("educator", Role.PRACTICE_EDUCATOR, department=pilot)
    _training(team_a, org, [people["trained"], people["ended"]], completed=True)
    _training(
        team_b,
        org,
        [people["twice"], people["absent"]],
        completed=True,
        present={people["twice"]},
    )
    return {"org": org, "pilot": pilot, "other": other, "a": team_a, "b": team_b, **people}


def test_crafted_counts(crafted, client_for):
    org = crafted["org"]
    (result,) = assert_same_as_per_person(Organisation.objects.filter(pk=org.pk))
    assert as_tuple(result.counts) == (2, 0, 3)  # trained, twice | employee, absent, dept_only
    assert as_tuple(result.pilot) == (1, 0, 1)
    assert as_tuple(result.rest) == (1, 0, 2)
    rows = {r.team.name: as_tuple(r.counts) for d in result.departments for r in d.teams}
    assert rows == {"Proefteam A": (1, 0, 1), "Proefteam B": (1, 0, 1)}
    depts = {d.department.name: as_tuple(d.counts) for d in result.departments}
    assert depts == {"Proef Pilot": (1, 0, 1), "Proef Overig": (1, 0, 2)}
    # The history ends today, with the same figures.
    assert (result.history[-1].trained, result.history[-1].total) == (2, 5)
    # Before the trainings started nobody was trained.
    assert result.history[0].trained == 0

    client = client_for(None)
    client.force_login(crafted["educator"])
    html = client.get(reverse("training:coverage")).content.decode()
    figures = dict(re.findall(r'data-figure="(\w+)">(\d+)<', html)[:4])
    assert figures == {"total": "5", "trained": "2", "in_training": "0", "not_started": "3"}
    response = client.get(reverse("training:coverage_department", args=[crafted["other"].pk]))
    assert response.status_code == 200
    page = response.content.decode()
    figures = dict(re.findall(r'data-figure="(\w+)">(\d+)<', page)[:4])
    assert figures == {"total": "3", "trained": "1", "in_training": "0", "not_started": "2"}
    assert reverse("training:coverage_team", args=[crafted["b"].pk]) in page
    # The assessor assigned to the department itself has a row of their own, so the
    # rows add up to the department's total.
    without_team = re.search(r"Zonder team \(direct bij de afdeling\)</th>(.*?)</tr>", page, re.S)
    assert re.findall(r">(\d+)%?<", without_team.group(1))[:4] == ["1", "0", "0", "1"]
    pilot = client.get(reverse("training:coverage_department", args=[crafted["pilot"].pk]))
    assert "Zonder team" not in pilot.content.decode()  # the educator is no employee


def test_crafted_role_change_moves_the_figures(crafted):
    org = Organisation.objects.filter(pk=crafted["org"].pk)
    RoleAssignment.objects.filter(user=crafted["employee"]).update(
        end_date=timezone.localdate() - datetime.timedelta(days=1)
    )
    (result,) = assert_same_as_per_person(org)
    assert as_tuple(result.counts) == (2, 0, 2)


# --- the export shows the rows of the pages -----------------------------------------------


def read_csv(response):
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


@pytest.mark.parametrize("username", ["praktijkopleider1", "beheerder"])
def test_export_rows_are_the_department_pages_rows(client_for, username):
    client = client_for(username)
    rows = read_csv(client.get(reverse("exports:coverage", args=["csv"])))
    header, body = rows[0], rows[1:]
    assert header[:4] == ["Organisatie", "Afdeling", "Pilotafdeling", "Team"]
    exported = [tuple(r[:2] + r[3:4] + r[4:]) for r in body]
    on_pages = []
    for org in client.get(reverse("training:coverage")).context["coverage"]:
        for dept in org.departments:
            response = client.get(
                reverse("training:coverage_department", args=[dept.department.pk])
            )
            assert response.status_code == 200
            page_row = response.context["row"]
            assert as_tuple(page_row.counts) == as_tuple(dept.counts)
            html = response.content.decode()
            for team_row in page_row.teams:
                c = team_row.counts
                assert team_row.team.name in html
                on_pages.append(
                    (
                        org.organisation.name,
                        dept.department.name,
                        team_row.team.name,
                        str(c.trained),
                        str(c.in_training),
                        str(c.not_started),
                        str(c.total),
                        str(c.percent_trained),
                    )
                )
    assert exported == on_pages


def test_department_page_names_teams_only_for_those_who_see_names(client_for):
    dept = Department.objects.get(name="Wonen met zorg De Rijnhof")
    team = dept.teams.order_by("name").first()
    link = reverse("training:coverage_team", args=[team.pk])
    url = reverse("training:coverage_department", args=[dept.pk])
    assert link in client_for("praktijkopleider1").get(url).content.decode()
    trainer_page = client_for("trainer").get(url).content.decode()
    assert team.name in trainer_page
    assert link not in trainer_page


def test_coverage_page_links_each_department(client_for):
    client = client_for("praktijkopleider1")
    html = client.get(reverse("training:coverage")).content.decode()
    for dept in Department.objects.filter(organisation__name="DSV|verzorgd leven"):
        assert reverse("training:coverage_department", args=[dept.pk]) in html


# --- the same queries for one team as for many --------------------------------------------


def _queries(client, url):
    client.get(url)  # caches (sessions, glossary) warm
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_pages_make_the_same_queries_for_one_team_as_for_many(db, client_for):
    """An organisation with one team, then with thirteen teams in two departments."""
    org = Organisation.objects.create(name="Zorg Proef", kind=Organisation.Kind.CARE)
    other = Department.objects.create(organisation=org, name="Proef Overig")
    team = Team.objects.create(department=other, name="Proefteam B")
    educator, member = _person("proef.educator"), _person("proef.member")
    today = timezone.localdate()
    for user, role, in_team in (
        (educator, Role.PRACTICE_EDUCATOR, None),
        (member, Role.MENTOR, team),
    ):
        RoleAssignment.objects.create(
            user=user,
            role=role,
            organisation=org,
            department=other,
            team=in_team,
            start_date=today - datetime.timedelta(days=30),
        )
    _training(team, org, [member], completed=True)
    client = client_for(None)
    client.force_login(educator)
    urls = [
        reverse("training:coverage"),
        reverse("training:cascade"),
        reverse("training:coverage_department", args=[other.pk]),
        reverse("exports:coverage", args=["csv"]),
    ]
    before = {url: _queries(client, url) for url in urls}
    for n in range(12):
        team = Team.objects.create(department=other, name=f"Extra team {n}")
        members = [_person(f"proef.extra{n}.{i}") for i in range(3)]
        for user in members:
            RoleAssignment.objects.create(
                user=user,
                role=Role.MENTOR,
                organisation=org,
                department=other,
                team=team,
                start_date=today - datetime.timedelta(days=30),
            )
        if n % 3:
            _training(team, org, members, completed=n % 3 == 1)
    dept = Department.objects.create(organisation=org, name="Nog een afdeling", is_pilot=True)
    Team.objects.create(department=dept, name="Leeg team")
    after = {url: _queries(client, url) for url in urls}
    assert after == before


def test_trainer_pages_are_paginated_by_organisation(client_for):
    from leerroute.training import views

    for n in range(views.ORGANISATIONS_PER_PAGE):
        Organisation.objects.create(name=f"Zorggroep {n:02}", kind=Organisation.Kind.CARE)
    client = client_for("trainer")
    for name in ("training:coverage", "training:cascade"):
        first = client.get(reverse(name))
        assert len(first.context["coverage"]) == views.ORGANISATIONS_PER_PAGE
        second = client.get(reverse(name) + "?pagina=2")
        names = [c.organisation.name for c in first.context["coverage"]] + [
            c.organisation.name for c in second.context["coverage"]
        ]
        expected = list(
            Organisation.objects.filter(kind="care").order_by("name").values_list("name", flat=True)
        )
        assert names == expected
        assert 'rel="next"' in first.content.decode()
