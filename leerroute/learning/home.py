"""Home-page panels: what needs the student's or the mentor's action."""

from leerroute.core.panels import Panel
from leerroute.people.models import Role
from leerroute.people.queries import roles

from . import queries
from .models import Status

PANEL_LIMIT = 5


def panels(user) -> list[Panel]:
    held = roles(user)
    found = []
    if Role.STUDENT in held:
        mine = queries.own_learning_questions(user).with_people()
        todo = list(mine.waiting_for_student().order_by("updated_at", "pk")[:PANEL_LIMIT])
        with_mentor = mine.waiting_for_mentor().count()
        found.append(
            Panel(
                "learning/panels/student.html",
                {"todo": todo, "with_mentor": with_mentor, "Status": Status},
                order=12,
            )
        )
    if Role.MENTOR in held:
        waiting = queries.waiting_for(user).with_people()
        found.append(
            Panel(
                "learning/panels/mentor.html",
                {
                    "waiting": list(waiting.order_by("updated_at", "pk")[:PANEL_LIMIT]),
                    "count": waiting.count(),
                },
                order=22,
            )
        )
    return found
