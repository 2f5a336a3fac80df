"""Home-page panels: what needs the student's or the mentor's action."""

from django.db.models import Count, Q, Window

from leerroute.core import access
from leerroute.core.panels import WAITING, Panel
from leerroute.people.models import Role
from leerroute.people.queries import roles

from . import queries
from .models import WAITING_FOR_MENTOR, WAITING_FOR_STUDENT, Status

PANEL_LIMIT = 5  # newest first; the rest behind an "en nog N" link


def panels(user) -> list[Panel]:
    held = roles(user)
    found = []
    if Role.STUDENT in held:
        mine = queries.own_learning_questions(user)
        todo = access.compiled_rows(
            user,
            "learning.home.student",
            lambda: (
                mine.with_people()
                .waiting_for_student()
                .order_by("-updated_at", "-pk")[:PANEL_LIMIT]
            ),
        )
        # Both numbers in one query, always: the number of queries stays the same.
        counts = mine.aggregate(
            waiting=Count("pk", filter=Q(status__in=WAITING_FOR_STUDENT)),
            with_mentor=Count("pk", filter=Q(status__in=WAITING_FOR_MENTOR)),
        )
        count, with_mentor = counts["waiting"], counts["with_mentor"]
        found.append(
            Panel(
                "learning/panels/student.html",
                {
                    "todo": todo,
                    "more": count - len(todo),
                    "with_mentor": with_mentor,
                    "Status": Status,
                },
                order=WAITING + 1,
            )
        )
    if Role.MENTOR in held:
        # The newest and the number of all in one query: a window count (one row
        # per question: a placement names a mentor once).
        newest = access.compiled_rows(
            user,
            "learning.home.mentor",
            lambda: (
                queries.waiting_for(user)
                .with_people()
                .annotate(total=Window(Count("pk")))
                .order_by("-updated_at", "-pk")[:PANEL_LIMIT]
            ),
        )
        count = newest[0].total if newest else 0
        found.append(
            Panel(
                "learning/panels/mentor.html",
                {"waiting": newest, "count": count, "more": count - len(newest)},
                order=WAITING + 1,
            )
        )
    return found
