"""What one page load costs, in queries, on the key pages of every role.

A page load after the first of a sign-in writes no session and, on a
student's page, one access-log row with one INSERT. The maxima are today's
numbers: a change that adds a query to every page shows here.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from leerroute.people.models import AccessLog, Placement


def _student_of(demo, mentor):
    return Placement.objects.active().filter(mentors=demo[mentor]).order_by("pk").first().student


PAGES = [
    # account, url (a callable of demo), at most this many queries
    ("student1", lambda demo: reverse("core:home"), 19),
    ("werkbegeleider1", lambda demo: reverse("core:home"), 28),
    ("studentbegeleider1", lambda demo: reverse("core:home"), 21),
    ("praktijkopleider1", lambda demo: reverse("core:home"), 32),
    ("docent1", lambda demo: reverse("core:home"), 20),
    ("trainer", lambda demo: reverse("core:home"), 8),
    ("beheerder", lambda demo: reverse("core:home"), 10),
    (
        "werkbegeleider1",
        lambda demo: reverse("people:student", args=[_student_of(demo, "werkbegeleider1").pk]),
        20,
    ),
    ("student1", lambda demo: reverse("learning:list"), 8),
    ("werkbegeleider1", lambda demo: reverse("learning:list"), 9),
    ("werkbegeleider1", lambda demo: reverse("feedback:index"), 10),
    ("studentbegeleider1", lambda demo: reverse("people:student_list"), 7),
]


@pytest.mark.parametrize(("account", "url", "most"), PAGES)
def test_a_page_load_costs_a_fixed_number_of_queries(account, url, most, demo, client_for):
    client = client_for(account)
    address = url(demo)
    assert client.get(address).status_code == 200  # the first page writes the session
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(address).status_code == 200
    sqls = [q["sql"] for q in ctx.captured_queries]
    assert not [s for s in sqls if "django_session" in s and not s.startswith("SELECT")], sqls
    assert len(sqls) <= most, "\n".join(sqls)


def test_a_student_page_writes_one_access_log_row_with_one_insert(demo, client_for):
    client = client_for("werkbegeleider1")
    student = _student_of(demo, "werkbegeleider1")
    client.get("/")
    before = AccessLog.objects.count()
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(reverse("people:student", args=[student.pk])).status_code == 200
    sqls = [q["sql"] for q in ctx.captured_queries]
    assert AccessLog.objects.count() == before + 1
    assert sum(s.startswith('INSERT INTO "people_accesslog"') for s in sqls) == 1
    assert not [s for s in sqls if "SAVEPOINT" in s], sqls
