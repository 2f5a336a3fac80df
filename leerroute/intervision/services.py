"""State changes of intervision: each one ``@transaction.atomic`` function.

Each checks its permission itself (``by=`` the person), so a command or the
API cannot skip a rule. Changes to an existing group, meeting or notes name
the version the editor loaded (``core.versioning``): a stale save raises
``Conflict`` and changes nothing.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from leerroute.core import access, versioning
from leerroute.core.versioning import Conflict as Conflict  # raised here, caught by the views
from leerroute.people.models import User

from .models import IntervisionGroup, Meeting, MeetingAttendance, MeetingNotes


@transaction.atomic
def create_group(by: User, data: dict) -> IntervisionGroup:
    """Form a group of mentors with a facilitator (the facilitator is no member)."""
    access.require(by, "intervision.add_group")
    group = IntervisionGroup.objects.create(
        organisation=data["organisation"],
        name=data["name"],
        facilitator=data["facilitator"],
        created_by=by,
    )
    group.members.set([m for m in data["members"] if m.pk != group.facilitator_id])
    return group


@transaction.atomic
def update_group(
    group: IntervisionGroup, data: dict, expected_version: int, *, by: User
) -> IntervisionGroup:
    """Rename the group, change its facilitator and members (else ``Conflict``)."""
    access.require(by, "intervision.change_group", group)
    versioning.update(group, expected_version, name=data["name"], facilitator=data["facilitator"])
    group.members.set([m for m in data["members"] if m.pk != group.facilitator_id])
    return group


@transaction.atomic
def end_group(group: IntervisionGroup, expected_version: int, *, by: User) -> IntervisionGroup:
    """End the group: it keeps its history (meetings, notes) and plans nothing new.

    Its meetings still to come are cancelled (their version goes up, so a
    calendar that has them shows them as cancelled).
    """
    access.require(by, "intervision.change_group", group)
    now = timezone.now()
    versioning.update(
        group,
        expected_version,
        conditions={"ended_at__isnull": True},
        ended_at=now,
        ended_by=by,
    )
    Meeting.objects.upcoming(now).filter(group=group).update(
        cancelled_at=now, cancelled_by=by, changed_at=now, version=F("version") + 1
    )
    return group


MEETING_FIELDS = ("starts_at", "ends_at", "place", "method")


@transaction.atomic
def plan_meeting(group: IntervisionGroup, data: dict, *, by: User) -> Meeting:
    access.require(by, "intervision.plan_meeting", group)
    return Meeting.objects.create(group=group, **{name: data[name] for name in MEETING_FIELDS})


@transaction.atomic
def update_meeting(meeting: Meeting, data: dict, expected_version: int, *, by: User) -> Meeting:
    """Change time, place or method; the version (the calendar's SEQUENCE) goes up."""
    access.require(by, "intervision.change_meeting", meeting)
    return versioning.update(
        meeting,
        expected_version,
        conditions={"cancelled_at__isnull": True},
        changed_at=timezone.now(),
        **{name: data[name] for name in MEETING_FIELDS},
    )


@transaction.atomic
def cancel_meeting(meeting: Meeting, expected_version: int, *, by: User) -> Meeting:
    """Cancel the meeting; calendars that have it show it as cancelled."""
    access.require(by, "intervision.change_meeting", meeting)
    now = timezone.now()
    return versioning.update(
        meeting,
        expected_version,
        conditions={"cancelled_at__isnull": True},
        cancelled_at=now,
        cancelled_by=by,
        changed_at=now,
    )


@transaction.atomic
def register_attendance(meeting: Meeting, statuses: dict[int, str], *, by: User) -> int:
    """Record present/absent/excused for the group's members; returns rows written.

    Only current members are written; the meeting is marked as registered.
    """
    access.require(by, "intervision.register_attendance", meeting)
    members = set(meeting.group.members.values_list("pk", flat=True))
    existing = {a.user_id: a for a in meeting.attendances.select_for_update()}
    written = 0
    for user_id, status in statuses.items():
        if user_id not in members:
            continue
        row = existing.get(user_id)
        if row is None:
            MeetingAttendance.objects.create(meeting=meeting, user_id=user_id, status=status)
            written += 1
        elif row.status != status:
            row.status = status
            row.save(update_fields=["status"])
            written += 1
    Meeting.objects.filter(pk=meeting.pk).update(
        attendance_registered_at=timezone.now(), attendance_registered_by=by
    )
    return written


@transaction.atomic
def save_notes(
    meeting: Meeting, text: str, expected_version: int | None, *, by: User
) -> MeetingNotes:
    """Write the group's notes of ``meeting``.

    ``expected_version`` is the version the writer loaded, or None when there
    were no notes yet; if someone saved in between: ``Conflict``.
    """
    access.require(by, "intervision.write_notes", meeting)
    now = timezone.now()
    notes, created = MeetingNotes.objects.select_for_update().get_or_create(
        meeting=meeting, defaults={"text": text, "updated_by": by, "updated_at": now}
    )
    if created:
        if expected_version is not None:
            raise Conflict()
        return notes
    if expected_version is None:
        raise Conflict()
    return versioning.update(notes, expected_version, text=text, updated_by=by, updated_at=now)
