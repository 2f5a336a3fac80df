"""Panels of the home page ("Mijn overzicht") for feedback and progress reviews."""

from django.db.models import Exists, OuterRef

from leerroute.core import access
from leerroute.core.panels import PEOPLE, WAITING, Panel
from leerroute.people import queries as people
from leerroute.people.models import Placement, Role, User

from . import queries
from .models import RECENT_FEEDBACK_DAYS, Feedback

LIST_LIMIT = 25


def panels(user) -> list[Panel]:
    held = people.roles(user)
    found = []
    if Role.STUDENT in held:
        found.append(Panel("feedback/panels/student.html", _student(user), order=WAITING + 2))
    if Role.MENTOR in held:
        found.append(Panel("feedback/panels/mentor.html", _mentor(user), order=PEOPLE + 5))
    if Role.ASSESSOR in held:
        found.append(Panel("feedback/panels/assessor.html", _assessor(user), order=WAITING + 3))
    return found


def _without_recent_feedback(students):
    """Students with no recent feedback: an anti-join on the (student, created_at)
    index, not a NOT IN over every recent feedback item of the region."""
    return students.exclude(Exists(Feedback.objects.recent().filter(student=OuterRef("pk"))))


def _student(user) -> dict:
    return {
        "unread": access.compiled_rows(
            user,
            "feedback.home.unread",
            lambda: (
                queries.feedback_visible_to(user)
                .filter(student=user)
                .unread()
                .select_related("author")
                .order_by("-created_at")[:LIST_LIMIT]
            ),
        ),
        "reviews": access.compiled_rows(
            user,
            "feedback.home.reviews",
            lambda: (
                queries.reviews_visible_to(user)
                .filter(student=user)
                .published()
                .select_related("author")
            ),
        ),
    }


def _mentor(user) -> dict:
    def quiet():
        mine = Placement.objects.active().filter(mentors=user).values("student_id")
        return _without_recent_feedback(
            queries.students_for_feedback(user).filter(pk__in=mine)
        ).order_by("first_name", "last_name")[:LIST_LIMIT]

    given = access.compiled_rows(
        user,
        "feedback.home.given",
        lambda: (
            queries.feedback_visible_to(user)
            .filter(author=user)
            .select_related("student")
            .order_by("-created_at")[:5]
        ),
    )
    return {
        "quiet": access.compiled_rows(user, "feedback.home.mentor_quiet", quiet),
        "given": given,
        "recent_days": RECENT_FEEDBACK_DAYS,
    }


def _assessor(user) -> dict:
    # The students to review and the review scope: their SQL built once.
    reviewable = access.pks_of(user, queries.students_for_review)
    # The drafts part of the review scope, driven by the students (an index on
    # drafts), not by every visible review.
    drafts = access.compiled_rows(
        user,
        "feedback.home.drafts",
        lambda: (
            queries.drafts_for_review(user, reviewable)
            .select_related("student")
            .order_by("review_date")[:LIST_LIMIT]
        ),
    )
    teams = access.compiled_rows(
        user, "feedback.home.teams", lambda: queries.teams_for_review(user).order_by("name")
    )
    return {
        "quiet": access.compiled_rows(
            user,
            "feedback.home.assessor_quiet",
            lambda: _without_recent_feedback(User.objects.filter(pk__in=reviewable)).order_by(
                "first_name", "last_name"
            )[:LIST_LIMIT],
        ),
        "drafts": drafts,
        "teams": teams,
        "recent_days": RECENT_FEEDBACK_DAYS,
    }


__all__ = ["panels"]
