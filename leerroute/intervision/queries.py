"""Who sees and changes which intervision rows: the one place this is decided.

- Groups: the practice educators of the group's organisation (they form and
  manage them), its facilitator and its members, and the administrator.
- Meetings: those of the visible groups (date, place, method, attendance).
- Notes: ONLY the group's members and its facilitator (``own_groups``); not
  the practice educator who is not the facilitator, not the administrator.
  Outside that scope a note, and the notes page of a meeting, is a 404.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from leerroute.core import access
from leerroute.people import queries as people
from leerroute.people.models import Organisation, Role, RoleAssignment, User

from .models import IntervisionGroup, Meeting, MeetingNotes

FACILITATOR_ROLES = (Role.MENTOR, Role.ASSESSOR, Role.PRACTICE_EDUCATOR)
HISTORY_DAYS = 365  # "how often each group met": the last twelve months


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def educator_organisation_ids(user) -> set[int]:
    """Care organisations where the user is practice educator now."""
    return {s.organisation_id for s in people.scopes(user) if s.role == Role.PRACTICE_EDUCATOR}


def managed_organisations(user) -> QuerySet[Organisation]:
    """Organisations whose groups the user forms and manages."""
    care = Organisation.objects.filter(kind=Organisation.Kind.CARE)
    if not _signed_in(user):
        return care.none()
    if people.is_admin(user):
        return care
    return care.filter(pk__in=educator_organisation_ids(user))


def groups_managed_by(user) -> QuerySet[IntervisionGroup]:
    if not _signed_in(user):
        return IntervisionGroup.objects.none()
    if people.is_admin(user):
        return IntervisionGroup.objects.all()
    return IntervisionGroup.objects.filter(organisation_id__in=educator_organisation_ids(user))


def own_groups(user) -> QuerySet[IntervisionGroup]:
    """The groups the user belongs to: as member or as facilitator."""
    if not _signed_in(user):
        return IntervisionGroup.objects.none()
    member_of = IntervisionGroup.members.through.objects.filter(user=user).values(
        "intervisiongroup_id"
    )
    return IntervisionGroup.objects.filter(Q(facilitator=user) | Q(pk__in=member_of))


@access.scope(IntervisionGroup)
def groups_visible_to(user) -> QuerySet[IntervisionGroup]:
    if not _signed_in(user):
        return IntervisionGroup.objects.none()
    if people.is_admin(user):
        return IntervisionGroup.objects.all()
    return IntervisionGroup.objects.filter(
        Q(pk__in=own_groups(user).values("pk")) | Q(pk__in=groups_managed_by(user).values("pk"))
    )


@access.scope(Meeting)
def meetings_visible_to(user) -> QuerySet[Meeting]:
    return Meeting.objects.filter(group__in=groups_visible_to(user))


def meetings_of_own_groups(user) -> QuerySet[Meeting]:
    """Meetings whose notes (and calendar entry) are the user's: their own groups'."""
    return Meeting.objects.filter(group__in=own_groups(user))


@access.scope(MeetingNotes)
def notes_visible_to(user) -> QuerySet[MeetingNotes]:
    """Members and facilitator only: no exception for managers or the administrator."""
    return MeetingNotes.objects.filter(meeting__group__in=own_groups(user))


def in_group(user, group: IntervisionGroup) -> bool:
    return access.includes(user, own_groups, group.pk)


def _people_with(roles, organisation_ids) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True,
        pk__in=RoleAssignment.objects.active()
        .filter(role__in=roles, organisation_id__in=organisation_ids)
        .values("user_id"),
    ).order_by("last_name", "first_name", "pk")


def mentors_of(organisation_ids) -> QuerySet[User]:
    """Mentors (werkbegeleiders) with a role in these organisations now."""
    return _people_with([Role.MENTOR], organisation_ids)


def facilitator_candidates(organisation_ids) -> QuerySet[User]:
    """A mentor, assessor or practice educator of these organisations."""
    return _people_with(FACILITATOR_ROLES, organisation_ids)


def mentors_without_group(organisation_ids) -> QuerySet[User]:
    """Mentors of these organisations who are in no active group of their organisation."""
    grouped = IntervisionGroup.members.through.objects.filter(
        intervisiongroup__ended_at__isnull=True,
        intervisiongroup__organisation_id__in=organisation_ids,
    ).values("user_id")
    return mentors_of(organisation_ids).exclude(pk__in=grouped)


def with_meeting_counts(groups: QuerySet[IntervisionGroup], now=None) -> QuerySet:
    """Groups with ``held_count`` (meetings held in the last twelve months, not
    cancelled) and ``member_count``."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=HISTORY_DAYS)
    return groups.annotate(
        held_count=Count(
            "meetings",
            filter=Q(
                meetings__cancelled_at__isnull=True,
                meetings__starts_at__gte=since,
                meetings__starts_at__lte=now,
            ),
            distinct=True,
        ),
        member_count=Count("members", distinct=True),
    )


def next_meetings(group_ids) -> dict[int, Meeting]:
    """The next meeting of each group, with its method and steps (two queries).

    Only the first upcoming meeting of each group is read (one subquery per
    group), not every planned meeting of the year with its steps."""
    first = Meeting.objects.upcoming().filter(group_id=OuterRef("pk")).values("pk")[:1]
    firsts = (
        IntervisionGroup.objects.filter(pk__in=list(group_ids))
        .annotate(next_pk=Subquery(first))
        .values("next_pk")
    )
    upcoming = (
        Meeting.objects.filter(pk__in=firsts)
        .select_related("method")
        .prefetch_related("method__steps")
    )
    return {meeting.group_id: meeting for meeting in upcoming}
