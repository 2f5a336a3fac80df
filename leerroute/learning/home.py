"""Home-page panels: what needs the student's or the mentor's action."""

from leerroute.core.panels import WAITING, Panel
from leerroute.people.models import Role
from leerroute.people.queries import roles

from . import queries
from .models import Status

PANEL_LIMIT = 5  # newest first; the rest behind an "en nog N" link


def panels(user) -> list[Panel]:
    held = roles(user)
    found = []
    if Role.STUDENT in held:
        mine = queries.own_learning_questions(user).with_people()
        waiting = mine.waiting_for_student()
        todo = list(waiting.order_by("-updated_at", "-pk")[:PANEL_LIMIT])
        with_mentor = mine.waiting_for_mentor().count()
        count = waiting.count()  # always: the number of queries stays the same
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
        waiting = queries.waiting_for(user).with_people()
        newest = list(waiting.order_by("-updated_at", "-pk")[:PANEL_LIMIT])
        count = waiting.count()
        found.append(
            Panel(
                "learning/panels/mentor.html",
                {"waiting": newest, "count": count, "more": count - len(newest)},
                order=WAITING + 1,
            )
        )
    return found
