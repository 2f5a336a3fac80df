"""Who sees and who plans which conversations: the one place this is decided.

- A conversation is planned by a teacher of the student's cohort (enrolled
  now) or a practice educator of the organisation where the student is
  placed now (``students_to_plan_for``).
- Its participants come only from the student's route (``route_people``):
  the student, the teachers of their cohort(s), the mentors and assessor of
  their current placement, and the practice educators of that placement's
  organisation.
- A conversation (with its notes and agreements) is visible ONLY to its
  participants and to the practice educators of the organisation where the
  student is placed now; for both, the student must still be theirs to see
  (an ended placement or role ends the access). Everyone else, the
  administrator included, gets a 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from leerroute.core import access
from leerroute.feedback.queries import feedback_visible_to, reviews_visible_to
from leerroute.learning.models import Status as QuestionStatus
from leerroute.learning.queries import learning_questions_visible_to
from leerroute.people import queries as people
from leerroute.people.models import (
    Enrollment,
    Organisation,
    Placement,
    Role,
    RoleAssignment,
    User,
)

from .models import AGENDA_ITEM_MAX, Agreement, Conversation, Participant

# Feedback of the last weeks that the proposed agenda names (work processes only).
AGENDA_FEEDBACK_DAYS = 28
OPEN_QUESTION_STATES = (
    QuestionStatus.SUBMITTED,
    QuestionStatus.CLARIFICATION,
    QuestionStatus.RESUBMITTED,
    QuestionStatus.APPROVED,
)


def _educator_placements(user) -> QuerySet[Placement]:
    q = people.role_placements_q(user, Role.PRACTICE_EDUCATOR)
    if q is None:
        return Placement.objects.none()
    return (
        Placement.objects.active()
        .filter(q)
        .filter(team__department__organisation__kind=Organisation.Kind.CARE)
    )


def students_to_plan_for(user) -> QuerySet[User]:
    """Students this user may plan a conversation for (teacher of the cohort,
    practice educator of the organisation of the current placement)."""
    q = Q(pk__in=_educator_placements(user).values("student_id"))
    if people.has_role(user, Role.TEACHER):
        q |= Q(
            pk__in=Enrollment.objects.active().filter(cohort__teachers=user).values("student_id")
        )
    return people.students_visible_to(user).filter(q)


@access.scope(Conversation)
def conversations_visible_to(user) -> QuerySet[Conversation]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Conversation.objects.none()
    taking_part = Participant.objects.filter(user=user).values("conversation_id")
    q = Q(pk__in=taking_part) | Q(student__in=_educator_placements(user).values("student_id"))
    return Conversation.objects.filter(q, student__in=people.students_visible_to(user))


@access.scope(Agreement)
def agreements_visible_to(user) -> QuerySet[Agreement]:
    return Agreement.objects.filter(conversation__in=conversations_visible_to(user))


@dataclass(frozen=True)
class RoutePerson:
    user: User
    role: str

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


def route_people(student: User) -> list[RoutePerson]:
    """The people in this student's route, each once (the first capacity found):
    the student, cohort teachers, mentors, assessor, practice educators."""
    found: dict[int, RoutePerson] = {student.pk: RoutePerson(student, Role.STUDENT)}

    def add(user, role):
        if user is not None and user.is_active and user.pk not in found:
            found[user.pk] = RoutePerson(user, role)

    teachers = User.objects.filter(
        taught_cohorts__enrollments__in=Enrollment.objects.active().filter(student=student)
    ).distinct()
    for teacher in teachers.order_by("last_name", "first_name", "pk"):
        add(teacher, Role.TEACHER)
    placement = people.current_placement(student)
    if placement is not None:
        for mentor in sorted(placement.mentors.all(), key=lambda u: (u.last_name, u.pk)):
            add(mentor, Role.MENTOR)
        add(placement.assessor, Role.ASSESSOR)
        educators = User.objects.filter(
            pk__in=RoleAssignment.objects.active()
            .filter(
                role=Role.PRACTICE_EDUCATOR,
                organisation_id=placement.team.department.organisation_id,
            )
            .values("user_id")
        ).order_by("last_name", "first_name", "pk")
        for educator in educators:
            add(educator, Role.PRACTICE_EDUCATOR)
    return list(found.values())


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def proposed_agenda(student: User, by: User) -> list[str]:
    """The agenda Leerroute proposes, from what ``by`` may see of the student:
    open learning questions, recent feedback (work processes only, never its
    text), the latest published progress review, and the open agreements of
    the student's last conversation."""
    items: list[str] = []
    questions = (
        learning_questions_visible_to(by)
        .filter(student=student, status__in=OPEN_QUESTION_STATES)
        .order_by("created_at", "pk")[:10]
    )
    for question in questions:
        items.append(_("Leervraag: %(question)s") % {"question": _short(question.question)})

    since = timezone.now() - datetime.timedelta(days=AGENDA_FEEDBACK_DAYS)
    recent = feedback_visible_to(by).filter(student=student, created_at__gte=since)
    counts: dict[str, int] = {}
    unlinked = 0
    for code, title in recent.values_list("work_process__code", "work_process__title"):
        if code is None:
            unlinked += 1
        else:
            label = f"{code} {title}"
            counts[label] = counts.get(label, 0) + 1
    for label, count in sorted(counts.items()):
        items.append(
            _("Recente feedback over %(process)s (%(count)s×)") % {"process": label, "count": count}
        )
    if unlinked:
        items.append(_("Recente feedback zonder werkproces (%(count)s×)") % {"count": unlinked})

    review = (
        reviews_visible_to(by)
        .filter(student=student)
        .published()
        .order_by("-review_date", "-pk")
        .first()
    )
    if review is not None:
        items.append(
            _("Voortgangsbeoordeling van %(date)s bespreken")
            % {"date": review.review_date.strftime("%d-%m-%Y")}
        )

    last = (
        conversations_visible_to(by)
        .filter(student=student, status=Conversation.Status.HELD)
        .order_by("-starts_at", "-pk")
        .first()
    )
    if last is not None:
        for agreement in last.agreements.open().select_related("owner"):
            items.append(
                _("Afspraak van vorige keer: %(text)s (%(owner)s, uiterlijk %(due)s)")
                % {
                    "text": _short(agreement.text),
                    "owner": agreement.owner,
                    "due": agreement.due_date.strftime("%d-%m-%Y"),
                }
            )
    return [item[:AGENDA_ITEM_MAX] for item in items]


def open_agreements_of(user) -> QuerySet[Agreement]:
    """The user's own open agreements, in conversations they may see."""
    # The conversation scope as a subquery compiled once per request (the home
    # page filters several lists by it); the same rows as agreements_visible_to.
    return (
        Agreement.objects.filter(conversation_id__in=access.visible_pks(user, Conversation))
        .filter(owner=user)
        .open()
        .exclude(conversation__status=Conversation.Status.CANCELLED)
        .select_related("conversation__student")
        .order_by("due_date", "pk")
    )


def upcoming_for(user) -> QuerySet[Conversation]:
    """Conversations the user takes part in that have not ended yet."""
    return (
        Conversation.objects.filter(pk__in=access.visible_pks(user, Conversation))
        .filter(participants__user=user, ends_at__gte=timezone.now())
        .not_cancelled()
        .select_related("student")
        .order_by("starts_at", "pk")
    )


__all__ = [
    "agreements_visible_to",
    "conversations_visible_to",
    "open_agreements_of",
    "proposed_agenda",
    "route_people",
    "students_to_plan_for",
    "upcoming_for",
]
