"""Panels of the home page for intervision (see leerroute.core.panels).

- "Mijn intervisie": each active group the person belongs to (member or
  facilitator) with its next meeting and the method's steps.
- For a practice educator: how many groups, and how many mentors are in none.
Constant queries whatever the number of groups and meetings.
"""

import datetime

from leerroute.core import access
from leerroute.core.panels import Panel
from leerroute.people import queries as people
from leerroute.people.models import Role

from . import queries
from .models import IntervisionGroup


def kept_until(user, panels: list[Panel]) -> datetime.datetime | None:
    """When these panels would change by the clock alone: the first shown next
    meeting ends (the group's next one takes its place)."""
    return min(
        (
            group.next_meeting.ends_at
            for panel in panels
            for group in panel.context.get("groups", ())
            if group.next_meeting is not None
        ),
        default=None,
    )


def panels(user) -> list[Panel]:
    found = []
    held = people.roles(user)
    if held & {Role.MENTOR, Role.ASSESSOR, Role.PRACTICE_EDUCATOR}:
        mine = access.compiled_rows(
            user,
            "intervision.home.mine",
            lambda: (
                queries.own_groups(user)
                .active()
                .select_related("facilitator")
                .order_by("name", "pk")
            ),
        )
        if mine:
            upcoming = queries.next_meetings([g.pk for g in mine])
            for group in mine:
                group.next_meeting = upcoming.get(group.pk)
            found.append(Panel("intervision/panels/mine.html", {"groups": mine}, order=25))
    org_ids = queries.educator_organisation_ids(user)
    if org_ids:
        found.append(
            Panel(
                "intervision/panels/educator.html",
                {
                    "group_count": IntervisionGroup.objects.active()
                    .filter(organisation_id__in=org_ids)
                    .count(),
                    "without_group": queries.mentors_without_group(org_ids).count(),
                },
                order=46,
            )
        )
    return found


__all__ = ["kept_until", "panels"]
