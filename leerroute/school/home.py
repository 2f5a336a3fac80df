"""Panels of "Mijn overzicht" for the weekly updates (see leerroute.core.panels).

- Practice educators and mentors: "Deze week op school" beside each of their
  students, with at most one practice suggestion line (``suggestions.py``),
  and the updates of the weeks that matter.
- Teachers: their cohorts with this week's update (or a link to write it).
- Students: their own cohort's published updates of the weeks that matter.

A constant number of queries whatever the number of students and updates.
"""

from __future__ import annotations

from django.db.models import Count, Window

from leerroute.core import access
from leerroute.core.panels import Panel
from leerroute.people import queries as people
from leerroute.people.models import Enrollment, Role, User

from . import queries
from .models import WeeklyUpdate
from .suggestions import practice_lines
from .weeks import Week, recent

STUDENT_LIMIT = 25
RECENT_LIMIT = 12


def panels(user) -> list[Panel]:
    held = people.roles(user)
    found = []
    if held & {Role.MENTOR, Role.PRACTICE_EDUCATOR}:
        found.append(Panel("school/panels/guide.html", guide_context(user), order=22))
    if Role.TEACHER in held:
        found.append(Panel("school/panels/teacher.html", _teacher(user), order=45))
    if Role.STUDENT in held:
        found.append(Panel("school/panels/student.html", _student(user), order=12))
    return found


def week_rows(user, students, read=None) -> list[dict]:
    """For each student: their cohort, this week's published update and the one
    suggestion line (or None). Five queries for any number of students.

    ``read``: the published updates ``user`` may see of (at least) this week
    and the students' cohorts, read already with their work processes (the
    student page lists the recent weeks): this week's are taken from them, one
    query fewer."""
    students = list(students)
    now = Week.current()
    cohort_of = dict(
        Enrollment.objects.active()
        .filter(student__in=students)
        .order_by("-start_date")
        .values_list("student_id", "cohort_id")
    )
    if read is None:
        read = queries.published_in([now], set(cohort_of.values())).filter(
            pk__in=access.visible_pks(user, WeeklyUpdate)
        )
    updates = {u.cohort_id: u for u in read if (u.year, u.week) == (now.year, now.week)}

    def update_of(student):
        return updates.get(cohort_of.get(student.pk))

    lines = practice_lines(students, update_of)
    return [{"student": s, "update": update_of(s), "suggestion": lines.get(s.pk)} for s in students]


def guide_context(user) -> dict:
    # The scopes of students and updates as subqueries built once; the number of
    # students comes with the first page of them (a window count, no second query).
    # Both queries are kept compiled (access.compiled_rows): built only when not
    # kept yet.
    def visible():
        return User.objects.filter(pk__in=access.visible_pks(user, User)).filter(
            pk__in=Enrollment.objects.active().values("student_id")
        )

    students = access.compiled_rows(
        user,
        "school.home.students",
        lambda: (
            visible()
            .annotate(total=Window(Count("pk")))
            .order_by("first_name", "last_name")[:STUDENT_LIMIT]
        ),
    )
    rows = week_rows(user, students)
    updates = access.compiled_rows(
        user,
        "school.home.guide_updates",
        lambda: (
            WeeklyUpdate.objects.filter(pk__in=access.visible_pks(user, WeeklyUpdate))
            .published()
            .in_weeks(recent())
            .filter(cohort_id__in=queries.cohort_ids_of(visible()))
            .select_related("cohort")
            .order_by("-year", "-week", "cohort__name")[:RECENT_LIMIT]
        ),
    )
    return {
        "rows": rows,
        "more": max(students[0].total - STUDENT_LIMIT, 0) if students else 0,
        "updates": updates,
        "now": Week.current(),
    }


def _teacher(user) -> dict:
    now = Week.current()
    cohorts = list(queries.writable_cohorts(user).order_by("name"))
    this_week = {
        u.cohort_id: u for u in WeeklyUpdate.objects.filter(cohort__in=cohorts).in_week(now)
    }
    return {"cohorts": [(c, this_week.get(c.pk)) for c in cohorts], "now": now}


def _student(user) -> dict:
    updates = access.compiled_rows(
        user,
        "school.home.student_updates",
        lambda: (
            queries.updates_visible_to(user)
            .published()
            .in_weeks(recent())
            .filter(cohort_id__in=queries.cohort_ids_of([user]))
            .select_related("cohort")
            .prefetch_related("work_processes")
            .order_by("-year", "-week")[:RECENT_LIMIT]
        ),
    )
    return {"updates": updates}


__all__ = ["guide_context", "panels", "week_rows"]
