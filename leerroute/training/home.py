"""Panels of the home page for training (see leerroute.core.panels)."""

import datetime

from django.db.models import Count, Min, Q
from django.utils import timezone

from leerroute.core.panels import REST, WAITING, Panel
from leerroute.people import queries as people
from leerroute.people.models import Role

from . import queries
from .models import Enrolment, Programme
from .overview import my_overview

UPCOMING_ON_HOME = 3


def kept_until(user, panels: list[Panel]) -> datetime.datetime | None:
    """When these panels would change by the clock alone: the first shown
    session of one's own ends, or the next session of a programme one trains
    starts (then the programme's next session is another)."""
    moments = []
    for panel in panels:
        moments += [session.ends_at for session in panel.context.get("upcoming", ())]
        moments += [p.next_start for p in panel.context.get("programmes", ())]
    return min((m for m in moments if m is not None), default=None)


def panels(user) -> list[Panel]:
    found = []
    held = people.roles(user)
    overview = my_overview(user, UPCOMING_ON_HOME)
    if overview["statuses"]:  # invited to nothing: no panel
        found.append(Panel("training/panels/mine.html", overview, order=REST + 5))
    if Role.TRAINER in held:
        programmes = (
            Programme.objects.filter(trainers=user, kind=Programme.Kind.PROGRAMME)
            .annotate(
                session_count=Count("sessions", distinct=True),
                participant_count=Count(
                    "enrolments",
                    filter=Q(enrolments__status=Enrolment.Status.ENROLLED),
                    distinct=True,
                ),
                next_start=Min(
                    "sessions__starts_at", filter=Q(sessions__starts_at__gte=timezone.now())
                ),
            )
            .order_by("title")
        )
        found.append(
            Panel("training/panels/trainer.html", {"programmes": programmes}, order=WAITING + 5)
        )
    if Role.PRACTICE_EDUCATOR in held:
        in_training = (
            Programme.objects.team_trainings()
            .filter(organisation_id__in=queries.educator_organisation_ids(user))
            .with_session_counts()
            .not_completed()
            .count()
        )
        found.append(
            Panel("training/panels/cascade.html", {"in_training": in_training}, order=REST)
        )
    return found


__all__ = ["kept_until", "panels"]
