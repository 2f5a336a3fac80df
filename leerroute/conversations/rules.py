"""Named permissions for conversations and their agreements.

Whether a person sees a conversation at all is its scope (``queries.py``,
404 outside it); these rules decide the actions (403 when refused).
"""

import rules
from django.utils import timezone

from leerroute.core import access
from leerroute.people.models import Role
from leerroute.people.rules import (
    is_assessor,
    is_mentor,
    is_practice_educator,
    is_student,
    is_teacher,
)

from . import queries


@rules.predicate
def plans_for_someone(user):
    return access.has_any(user, queries.students_to_plan_for)


@rules.predicate
def plans_for(user, student):
    return access.includes(user, queries.students_to_plan_for, student.pk)


@rules.predicate
def plans_for_student_of(user, conversation):
    return plans_for(user, conversation.student)


@rules.predicate
def is_not_cancelled(user, conversation):
    return not conversation.is_cancelled


@rules.predicate
def is_staff_participant(user, conversation):
    return conversation.participants.filter(user=user).exclude(role=Role.STUDENT).exists()


@rules.predicate
def has_started_day(user, conversation):
    """Notes are recorded from the day of the conversation on."""
    return conversation.date <= timezone.localdate()


@rules.predicate
def owns_or_recorded(user, agreement):
    return user.pk in (agreement.owner_id, agreement.created_by_id)


@rules.predicate
def recorded_agreement(user, agreement):
    return agreement.created_by_id == user.pk


authenticated = rules.is_authenticated

# The "Gesprekken" menu item: the roles that take part in conversations.
rules.add_perm(
    "conversations.see_index",
    authenticated & (is_student | is_mentor | is_assessor | is_practice_educator | is_teacher),
)
rules.add_perm("conversations.plan", authenticated & plans_for_someone)
rules.add_perm("conversations.plan_for", authenticated & plans_for)
rules.add_perm(
    "conversations.change_conversation", authenticated & plans_for_student_of & is_not_cancelled
)
rules.add_perm(
    "conversations.record_notes",
    authenticated & is_staff_participant & is_not_cancelled & has_started_day,
)
rules.add_perm("conversations.tick_agreement", authenticated & owns_or_recorded)
rules.add_perm("conversations.remove_agreement", authenticated & recorded_agreement)
