"""Panels on "Mijn overzicht": one's own conversations and agreements, and for
teachers and practice educators the state of their students' conversations."""

from __future__ import annotations

import datetime

from django.db.models import Min
from django.utils import timezone

from leerroute.core import access
from leerroute.core.panels import Panel
from leerroute.people import queries as people
from leerroute.people.models import Role, User

from . import queries
from .models import Agreement, Conversation, school_half

LIST_LIMIT = 25


def kept_until(user, panels: list[Panel]) -> datetime.datetime | None:
    """When these panels would change by the clock alone: the first of the shown
    upcoming conversations ends (it leaves "Gepland"), or, for a planner, a
    planned conversation they see starts (it becomes overdue)."""
    moments = [
        conversation.ends_at
        for panel in panels
        for conversation in panel.context.get("upcoming", ())
    ]
    if any(panel.template.endswith("planner.html") for panel in panels):
        moments.append(
            Conversation.objects.filter(pk__in=access.visible_pks(user, Conversation))
            .filter(status=Conversation.Status.PLANNED, starts_at__gt=timezone.now())
            .aggregate(first=Min("starts_at"))["first"]
        )
    return min((m for m in moments if m is not None), default=None)


def panels(user) -> list[Panel]:
    found = []
    mine = _mine(user)
    if mine["upcoming"] or mine["agreements"]:
        found.append(Panel("conversations/panels/mine.html", mine, order=12))
    if people.has_role(user, Role.TEACHER, Role.PRACTICE_EDUCATOR) and access.can(
        user, "conversations.plan"
    ):
        found.append(Panel("conversations/panels/planner.html", _planner(user), order=13))
    return found


def _mine(user) -> dict:
    agreements = access.compiled_rows(
        user, "conversations.home.agreements", lambda: queries.open_agreements_of(user)[:LIST_LIMIT]
    )
    for agreement in agreements:
        agreement.can_tick = True  # one's own agreements (conversations.tick_agreement)
    return {
        "upcoming": list(queries.upcoming_for(user)[:5]),
        "agreements": agreements,
        "today": timezone.localdate(),
    }


def _planner(user) -> dict:
    today = timezone.localdate()
    first, last = school_half(today)
    # The students to plan for and the conversation scope: their SQL built once
    # for the three lists.
    students = access.pks_of(user, queries.students_to_plan_for)
    visible = Conversation.objects.filter(
        pk__in=access.visible_pks(user, Conversation), student_id__in=students
    )

    # Kept compiled (access.compiled_rows): built only when not kept yet.
    def missing():
        have_one = Conversation.objects.not_cancelled().in_period(first, last).values("student_id")
        return (
            User.objects.filter(pk__in=students)
            .exclude(pk__in=have_one)
            .order_by("first_name", "last_name", "pk")[: LIST_LIMIT + 1]
        )

    def past_due():
        return (
            Agreement.objects.filter(conversation__in=visible.values("pk"))
            .past_due(today)
            .exclude(conversation__status=Conversation.Status.CANCELLED)
            .select_related("owner", "conversation__student")
            .order_by("due_date", "pk")[:LIST_LIMIT]
        )

    # Overdue depends on the clock (now()): built and compiled on every request.
    overdue = visible.overdue().select_related("student").order_by("starts_at", "pk")
    missing_list = access.compiled_rows(user, "conversations.home.missing", missing)
    return {
        "half_first": first,
        "half_last": last,
        "missing": missing_list[:LIST_LIMIT],
        "missing_more": len(missing_list) > LIST_LIMIT,
        "overdue": list(overdue[:LIST_LIMIT]),
        "past_due": access.compiled_rows(user, "conversations.home.past_due", past_due),
    }


__all__ = ["kept_until", "panels"]
