"""Named permissions for intervision; each predicate delegates to ``queries.py``."""

import rules

from leerroute.core import access
from leerroute.people import rules as people_rules

from . import queries


@rules.predicate
def manages_group(user, group):
    return access.includes(user, queries.groups_managed_by, group.pk)


@rules.predicate
def facilitates_group(user, group):
    return group.facilitator_id == user.pk


@rules.predicate
def group_is_active(user, group):
    return group.is_active


@rules.predicate
def in_group(user, group):
    return queries.in_group(user, group)


@rules.predicate
def forms_groups(user):
    return access.has_any(user, queries.managed_organisations)


# On a meeting: the same questions about its group, and its own state.
@rules.predicate
def manages_meeting_group(user, meeting):
    return manages_group(user, meeting.group)


@rules.predicate
def facilitates_meeting(user, meeting):
    return meeting.group.facilitator_id == user.pk


@rules.predicate
def meeting_is_open(user, meeting):
    return meeting.group.is_active and not meeting.is_cancelled


@rules.predicate
def in_meeting_group(user, meeting):
    return queries.in_group(user, meeting.group)


rules.add_perm(
    "intervision.use",
    rules.is_authenticated
    & (
        people_rules.is_mentor
        | people_rules.is_assessor
        | people_rules.is_practice_educator
        | people_rules.is_admin
    ),
)
rules.add_perm("intervision.add_group", rules.is_authenticated & forms_groups)
rules.add_perm("intervision.change_group", rules.is_authenticated & manages_group & group_is_active)
rules.add_perm(
    "intervision.plan_meeting",
    rules.is_authenticated & (manages_group | facilitates_group) & group_is_active,
)
rules.add_perm(
    "intervision.change_meeting",
    rules.is_authenticated & (manages_meeting_group | facilitates_meeting) & meeting_is_open,
)
rules.add_perm(
    "intervision.register_attendance",
    rules.is_authenticated & facilitates_meeting & meeting_is_open,
)
rules.add_perm(
    "intervision.write_notes", rules.is_authenticated & in_meeting_group & meeting_is_open
)
