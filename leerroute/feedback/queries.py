"""Who sees and who may do what with feedback and progress reviews.

Built on ``leerroute.people.queries``; ``rules.py`` asks these functions, and
so do the views, templates and home panels. The rules (DESIGN.md):

- feedback: whoever may open the student's record sees it (the student
  their own; mentors, assessors and practice educators of the placement;
  the teachers of the student's cohort; the administrator);
- giving feedback: anyone who observes the student in the team of the
  current placement: the student's mentors and assessor, mentors and
  assessors whose team or department covers that team, practice educators
  of the organisation;
- progress reviews are written by assessors (their team/department covers
  the current placement, or they are the placement's assessor) and practice
  educators of the organisation; a mentor never;
- published reviews are visible to whoever sees the student; drafts only to
  those who may write reviews for the student.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from leerroute.core import access
from leerroute.learning.models import LearningQuestion
from leerroute.people import queries as people
from leerroute.people.models import Enrollment, Organisation, Placement, Role, Team, User
from leerroute.qualifications.models import Qualification, WorkProcess

from .models import Feedback, ProgressReview, ReviewStatus


def _current_care_placements(q: Q | None) -> QuerySet[Placement]:
    if q is None:
        return Placement.objects.none()
    return (
        Placement.objects.active()
        .filter(q)
        .filter(team__department__organisation__kind=Organisation.Kind.CARE)
    )


def review_placements_q(user) -> Q | None:
    """Current placements whose student this user may review (None: none)."""
    return people.any_of(
        people.role_placements_q(user, Role.PRACTICE_EDUCATOR),
        people.assessor_placements_q(user),
    )


def students_for_feedback(user) -> QuerySet[User]:
    """Students this user may give OEPS feedback to (observed in the same team)."""
    placements = _current_care_placements(people.visible_placements_q(user))
    return people.students_visible_to(user).filter(pk__in=placements.values("student_id"))


def students_for_review(user) -> QuerySet[User]:
    """Students whose progress this user may review (assessors, practice educators)."""
    placements = _current_care_placements(review_placements_q(user))
    return people.students_visible_to(user).filter(pk__in=placements.values("student_id"))


@access.scope(Feedback)
def feedback_visible_to(user) -> QuerySet[Feedback]:
    return Feedback.objects.filter(student__in=people.students_visible_to(user))


@access.scope(ProgressReview)
def reviews_visible_to(user) -> QuerySet[ProgressReview]:
    """Published reviews of visible students; drafts only for those who may review
    (``drafts_for_review``)."""
    return ProgressReview.objects.filter(student__in=people.students_visible_to(user)).filter(
        Q(status=ReviewStatus.PUBLISHED) | Q(student__in=students_for_review(user))
    )


def drafts_for_review(user, reviewable=None) -> QuerySet[ProgressReview]:
    """The draft reviews this user sees: those of the students they may review
    (the drafts part of ``reviews_visible_to``). ``reviewable``: the same students
    as ``students_for_review(user)``, already built (a subquery)."""
    if reviewable is None:
        reviewable = students_for_review(user)
    return ProgressReview.objects.drafts().filter(student_id__in=reviewable)


def teams_for_review(user) -> QuerySet[Team]:
    """Teams whose feedback overview this user may open (assessors, practice educators)."""
    q = people.any_of(
        people.assessor_teams_q(user),
        *(
            Q(department__organisation_id=scope.organisation_id)
            for scope in people.scopes(user)
            if scope.role == Role.PRACTICE_EDUCATOR
        ),
    )
    if q is None:
        return Team.objects.none()
    return Team.objects.filter(q).filter(department__organisation__kind=Organisation.Kind.CARE)


def current_qualification(student: User) -> Qualification | None:
    """The qualification of the student's current enrollment."""
    enrollment = (
        Enrollment.objects.active()
        .filter(student=student)
        .select_related("qualification")
        .order_by("-start_date")
        .first()
    )
    return enrollment.qualification if enrollment else None


def learning_questions_for_feedback(student: User) -> QuerySet[LearningQuestion]:
    """The student's learning questions feedback may refer to (never private drafts)."""
    return LearningQuestion.objects.filter(student=student).shared().order_by("-updated_at")


def work_processes_of(qualification: Qualification | None) -> QuerySet[WorkProcess]:
    if qualification is None:
        return WorkProcess.objects.none()
    return qualification.work_processes.select_related("core_task").order_by(
        "core_task__code", "code"
    )


__all__ = [
    "current_qualification",
    "feedback_visible_to",
    "learning_questions_for_feedback",
    "review_placements_q",
    "reviews_visible_to",
    "students_for_feedback",
    "students_for_review",
    "teams_for_review",
    "work_processes_of",
]
