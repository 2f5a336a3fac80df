"""The lists of students (``people:student_list``, ``feedback:index``) count at
most ``STUDENTS_COUNT_UP_TO`` students ("Meer dan …"), and still page through
every student the person may see, in name order, each once."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerroute.feedback import views as feedback_views
from leerroute.people import queries
from leerroute.people import views as people_views
from tests.paging import walk_capped_pages

LISTS = [("people:student_list", people_views), ("feedback:index", feedback_views)]


def _expected(user) -> list[int]:
    return list(
        queries.students_visible_to(user)
        .order_by("last_name", "first_name", "pk")
        .values_list("pk", flat=True)
    )


@pytest.mark.parametrize(("name", "views"), LISTS)
@pytest.mark.parametrize("username", ["beheerder", "praktijkopleider1", "docent1"])
def test_student_lists_count_up_to_the_limit_and_show_everyone(
    name, views, username, client_for, demo, monkeypatch
):
    expected = _expected(demo[username])
    assert len(expected) > 4, username
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(views, "STUDENTS_COUNT_UP_TO", 3)
    shown = walk_capped_pages(
        client_for(username), reverse(name), "studenten", 3, 2, total=len(expected)
    )
    assert shown == expected


@pytest.mark.parametrize(("name", "views"), LISTS)
def test_student_lists_count_with_a_limit_and_no_sort(name, views, client_for, monkeypatch):
    """The count reads at most the limit plus one row, unsorted."""
    monkeypatch.setattr(views, "PAGE_SIZE", 2)
    monkeypatch.setattr(views, "STUDENTS_COUNT_UP_TO", 3)
    client = client_for("beheerder")
    client.get(reverse(name))
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse(name))
    assert "Meer dan 3 studenten" in response.content.decode()
    # The paginator's count: a count of the rows of a subquery.
    (count,) = [
        q["sql"] for q in ctx.captured_queries if q["sql"].startswith("SELECT COUNT(*) FROM (")
    ]
    assert "LIMIT 4" in count and "ORDER BY" not in count, count


@pytest.mark.parametrize(("name", "views"), LISTS)
def test_student_lists_below_the_limit_give_the_exact_number(name, views, client_for, demo):
    expected = _expected(demo["werkbegeleider1"])
    html = client_for("werkbegeleider1").get(reverse(name)).content.decode()
    label = "student" if len(expected) == 1 else "studenten"
    assert f"{len(expected)} {label}" in html and "Meer dan" not in html
