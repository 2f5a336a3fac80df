"""Which learning questions a user may see: the one place this is decided.

Built on ``leerroute.people.queries.students_visible_to``:

- a student sees their own questions, drafts included;
- staff (mentors, assessors, practice educators, teachers, the functional
  administrator) see the questions of the students in their scope, but never
  a draft: a draft is the student's own until it is submitted (PRIV-18);
- the mentor who may *review* a question is a named mentor on that
  question's placement, while that placement is in force.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from leerroute.core import access
from leerroute.people.queries import students_visible_to

from .models import LearningQuestion, Status


@access.scope(LearningQuestion)
def learning_questions_visible_to(user) -> QuerySet[LearningQuestion]:
    if not getattr(user, "is_authenticated", False):
        return LearningQuestion.objects.none()
    return LearningQuestion.objects.filter(student__in=students_visible_to(user)).filter(
        Q(student=user) | ~Q(status=Status.DRAFT)
    )


def own_learning_questions(user) -> QuerySet[LearningQuestion]:
    return learning_questions_visible_to(user).filter(student=user)


def reviewable_by(user) -> QuerySet[LearningQuestion]:
    """Questions on whose (current) placement ``user`` is a named mentor.

    The scope as a subquery compiled once per person, roles and day
    (``access.visible_pks``): the home page, the rules and the lists ask it."""
    return (
        LearningQuestion.objects.filter(pk__in=access.visible_pks(user, LearningQuestion))
        .shared()
        .mentored_by(user)
    )


def waiting_for(user) -> QuerySet[LearningQuestion]:
    """Questions waiting for this mentor's review."""
    return reviewable_by(user).waiting_for_mentor()
