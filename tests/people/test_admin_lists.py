"""The beheer (Django admin) at region scale: every list in a constant number of
queries, and forms that pick people with a search box instead of listing everyone."""

from __future__ import annotations

import datetime
import itertools

import pytest
from django.contrib.admin.utils import quote
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from leerroute.people.models import (
    AccessLog,
    Cohort,
    Department,
    Enrollment,
    Organisation,
    Placement,
    Role,
    RoleAssignment,
    Team,
    User,
)
from leerroute.qualifications.models import Qualification
from leerroute.training.models import Attendance, Programme, Session

_serial = itertools.count(1)


def _grow(n: int = 12) -> list[User]:
    """More rows of every kind the beheer lists, each with its own related rows."""
    today = timezone.localdate()
    school = Organisation.objects.get(name="mboRijnland")
    qualification = Qualification.objects.first()
    people = []
    for _ in range(n):
        i = next(_serial)
        org = Organisation.objects.create(name=f"Zorggroep Groei {i}", kind="care")
        dept = Department.objects.create(organisation=org, name=f"Afdeling {i}")
        team = Team.objects.create(department=dept, name=f"Team Groei {i}")
        student = User.objects.create(username=f"groei.student{i}", last_name=f"Groeistudent{i}")
        mentor = User.objects.create(username=f"groei.mentor{i}", last_name=f"Groeimentor{i}")
        assessor = User.objects.create(username=f"groei.sb{i}", last_name=f"Groeisb{i}")
        people += [student, mentor, assessor]
        RoleAssignment.objects.create(user=mentor, role=Role.MENTOR, organisation=org, team=team)
        RoleAssignment.objects.create(
            user=assessor, role=Role.ASSESSOR, organisation=org, department=dept
        )
        RoleAssignment.objects.create(user=student, role=Role.STUDENT, organisation=school)
        placement = Placement.objects.create(
            student=student, team=team, assessor=assessor, start_date=today
        )
        placement.mentors.set([mentor])
        cohort = Cohort.objects.create(organisation=school, name=f"G-{i}", school_year="2099-2100")
        cohort.teachers.set([mentor])
        Enrollment.objects.create(student=student, cohort=cohort, qualification=qualification)
        programme = Programme.objects.create(
            kind="team", title=f"Teamtraining {i}", goal="-", audience="-", organisation=org,
            team=team,
        )  # fmt: skip
        programme.trainers.set([mentor])
        start = timezone.now() + datetime.timedelta(days=i)
        session = Session.objects.create(
            programme=programme, topic="Start", starts_at=start, place="Leiden",
            ends_at=start + datetime.timedelta(hours=1),
        )  # fmt: skip
        Attendance.objects.create(session=session, user=mentor, status="present")
        AccessLog.objects.create(user=mentor, student=student, view_name="people:student")
    return people


LISTS = [
    "/beheer/people/placement/",
    "/beheer/people/roleassignment/",
    "/beheer/people/accesslog/",
    "/beheer/people/team/",
    "/beheer/people/department/",
    "/beheer/people/cohort/",
    "/beheer/people/enrollment/",
    "/beheer/people/user/",
    "/beheer/training/programme/",
    "/beheer/training/session/",
    "/beheer/training/attendance/",
]


@pytest.mark.parametrize("url", LISTS)
def test_beheer_lists_have_constant_query_counts(url, client_for):
    client = client_for("beheerder")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        assert client.get(url).status_code == 200
    _grow()
    with CaptureQueriesContext(connection) as after:
        response = client.get(url)
    assert response.status_code == 200
    assert len(after) == len(before), url


def test_beheer_placement_list_shows_every_placement_in_few_queries(client_for):
    client = client_for("beheerder")
    people = _grow(30)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/beheer/people/placement/")
    html = response.content.decode()
    assert len(ctx) <= 15
    for person in people[::3]:  # the students
        assert str(person) in html


def _form_urls():
    placement = Placement.objects.order_by("pk").first()
    cohort = Cohort.objects.order_by("pk").first()
    team = Team.objects.order_by("pk").first()
    programme = Programme.objects.order_by("pk").first()
    return [
        f"/beheer/people/placement/{placement.pk}/change/",
        "/beheer/people/placement/add/",
        f"/beheer/people/cohort/{cohort.pk}/change/",
        f"/beheer/people/team/{team.pk}/change/",
        f"/beheer/training/programme/{programme.pk}/change/",
    ]


def test_beheer_forms_pick_people_and_departments_with_a_search_box(client_for):
    client = client_for("beheerder")
    for url in _form_urls():
        client.get(url)
    counts = {}
    for url in _form_urls():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts[url] = len(ctx)
    people = _grow()
    for url in _form_urls():
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(url).content.decode()
        assert len(ctx) == counts[url], url
        # No select lists every person (or every department with its organisation).
        assert not any(f">{person}<" in html for person in people), url
        assert "Afdeling 1 (Zorggroep Groei" not in html, url


# --- Region lists: 50 rows a page, counted once, ordered by an index ------------

REGION_LISTS = [
    ("/beheer/people/placement/", Placement, ["-start_date", "-pk"]),
    ("/beheer/people/user/", User, ["username"]),
    (
        "/beheer/people/team/",
        Team,
        ["department__organisation__name", "department__name", "name", "-pk"],
    ),
    ("/beheer/training/programme/", Programme, ["title", "pk"]),
    (
        "/beheer/people/roleassignment/",
        RoleAssignment,
        ["user__last_name", "user__first_name", "user__username", "role", "-pk"],
    ),
    ("/beheer/people/enrollment/", Enrollment, ["-start_date", "-pk"]),
]


@pytest.mark.parametrize(("url", "model", "ordering"), REGION_LISTS)
def test_region_lists_show_the_first_fifty_rows_in_order_and_count_once(
    url, model, ordering, client_for
):
    _grow(55)
    client = client_for("beheerder")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    changelist = response.context["cl"]
    total = model.objects.count()
    assert total > 50
    assert changelist.result_count == total
    shown = [obj.pk for obj in changelist.result_list]
    expected = list(model.objects.order_by(*ordering).values_list("pk", flat=True)[:50])
    assert shown == expected
    counts = [q["sql"] for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1, counts
    html = response.content.decode()
    assert f'value="{shown[0]}" class="action-select"' in html


def test_region_list_checkbox_is_djangos_markup(client_for):
    """The row checkbox written directly is the same HTML as Django's widget."""
    from django import forms
    from django.contrib import admin as django_admin
    from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
    from django.utils.html import format_html
    from django.utils.translation import gettext

    placement = Placement.objects.select_related("student", "team").first()
    ours = django_admin.site._registry[Placement].action_checkbox(placement)
    attrs = {
        "class": "action-select",
        "aria-label": format_html(gettext("Select this object for an action - {}"), str(placement)),
    }
    django = forms.CheckboxInput(attrs, lambda value: False).render(
        ACTION_CHECKBOX_NAME, str(placement.pk)
    )
    assert str(ours) == str(django)


def test_placement_list_reads_the_newest_placements_by_index(client_for):
    """The list's order (newest start first, then pk) is the index's order."""
    index = {i.name: i for i in Placement._meta.indexes}["placement_newest_first"]
    assert list(index.fields) == ["-start_date", "-id"]
    _grow(3)
    response = client_for("beheerder").get("/beheer/people/placement/")
    shown = list(response.context["cl"].result_list)
    assert [(p.start_date, p.pk) for p in shown] == sorted(
        ((p.start_date, p.pk) for p in shown), reverse=True
    )


def test_people_sorted_by_name_follow_the_name_index(client_for):
    """Lists sorted by name (people, learning questions by student) read the
    name index: its columns are the people's ordering."""
    index = {i.name: i for i in User._meta.indexes}["user_name_order"]
    assert list(index.fields) == list(User._meta.ordering)


def _queries_of(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, [q["sql"] for q in ctx.captured_queries]


def test_beheer_access_log_reads_no_whole_log_for_its_filters(client_for):
    """No date hierarchy and no list of every route: each read every row of
    the log on every page (years of it in a region); one count, not two."""
    client = client_for("beheerder")
    _grow()
    client.get("/")
    response, sqls = _queries_of(client, "/beheer/people/accesslog/")
    assert len(sqls) <= 6, sqls
    assert not [s for s in sqls if "DISTINCT" in s.upper() or "DATE_TRUNC" in s.upper()], sqls
    assert not [s for s in sqls if "MIN(" in s.upper() or "MAX(" in s.upper()], sqls
    # One count, and it stops at the limit: ``LIMIT`` inside, no sort.
    (count,) = [s for s in sqls if "COUNT(" in s.upper() and '"people_accesslog"' in s]
    assert "LIMIT 10001" in count and "ORDER BY" not in count, count
    html = response.content.decode()
    assert "people:student" in html
    assert "Afgelopen zeven dagen" in html  # the date filter
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    params = {"at__gte": start, "at__lt": start + datetime.timedelta(days=1), "q": "student"}
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/beheer/people/accesslog/", {k: str(v) for k, v in params.items()})
    sqls = [q["sql"] for q in ctx.captured_queries]
    assert "people:student" in response.content.decode()
    assert len(sqls) <= 7, sqls


def test_beheer_role_assignments_sort_narrow_rows_and_count_once(client_for):
    client = client_for("beheerder")
    people = _grow()
    client.get("/")
    response, sqls = _queries_of(client, "/beheer/people/roleassignment/")
    assert len(sqls) <= 7, sqls
    assert sum('COUNT(*) AS "__count" FROM "people_roleassignment"' in s for s in sqls) == 1
    select = 'SELECT "people_roleassignment"'
    page = [s for s in sqls if s.startswith(select) and "LIMIT" in s][0]
    assert '"people_user"."password"' not in page and '"people_user"."email"' not in page
    html = response.content.decode()
    for person in people[1::3]:  # the mentors, with their team
        assert str(person) in html
    assert "Team Groei" in html
    # The change form is not narrowed: every field is there, in the usual queries.
    assignment = RoleAssignment.objects.filter(user=people[1]).get()
    response = client.get(f"/beheer/people/roleassignment/{assignment.pk}/change/")
    assert response.status_code == 200
    assert str(people[1]) in response.content.decode()


@pytest.mark.parametrize("url", LISTS)
def test_each_row_links_to_its_own_change_form(url, client_for, settings):
    """The row links are built from the route's shape (core/admin_site.RegionChangeList):
    the same urls Django's reverse gives, one per row."""
    settings.LEERROUTE_VERIFY_REUSE = False  # compared here
    _grow(6)
    response = client_for("beheerder").get(url)
    assert response.status_code == 200
    changelist = response.context["cl"]
    opts = changelist.opts
    rows = list(changelist.result_list)
    assert rows, url
    html = response.content.decode()
    for row in rows:
        link = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[quote(row.pk)])
        assert f'href="{link}' in html, (url, link)


def test_beheer_access_log_counts_up_to_its_limit_and_every_row_stays_reachable(
    client_for, monkeypatch
):
    """Above ``count_up_to`` rows the list says "Meer dan …" and still pages
    through every row, newest first, each once; below it, the exact number."""
    from leerroute.people.admin import AccessLogAdmin

    _grow(8)
    expected = list(AccessLog.objects.order_by("-at", "-pk").values_list("pk", flat=True))
    assert len(expected) > 6
    monkeypatch.setattr(AccessLogAdmin, "list_per_page", 2)
    monkeypatch.setattr(AccessLogAdmin, "count_up_to", 3)
    client = client_for("beheerder")
    shown, number = [], 1
    while True:
        response = client.get("/beheer/people/accesslog/", {"p": number})
        assert response.status_code == 200
        cl = response.context["cl"]
        shown += [row.pk for row in cl.result_list]
        html = response.content.decode()
        if cl.paginator.more:
            assert f"Meer dan {max(3, number * 2)} regels" in html
            number += 1
            continue
        assert f"{len(AccessLog.objects.all())} regels" in html
        break
    assert shown == expected
    # Within the limit: the exact number, and in English too.
    monkeypatch.setattr(AccessLogAdmin, "count_up_to", 10_000)
    total = AccessLog.objects.count()
    html = client.get("/beheer/people/accesslog/").content.decode()
    assert f"{total} regels" in html and "Meer dan" not in html
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get("/beheer/people/accesslog/").content.decode()
    assert f"{total} entries" in html
