"""Which correction requests a person sees: their own, and those on texts they may handle."""

from django.db.models import Q, QuerySet

from leerroute.core import access

from .models import CorrectionRequest


def _handled_q(user) -> Q:
    from leerroute.feedback import queries as feedback_queries
    from leerroute.feedback.models import Feedback, ProgressReview

    # Used twice below: its nested conditions compiled once.
    students = access.pks_subquery(feedback_queries.students_for_review(user))
    feedback = Feedback.objects.filter(Q(author=user) | Q(student__in=students)).values("pk")
    reviews = ProgressReview.objects.filter(Q(author=user) | Q(student__in=students)).values("pk")
    return Q(kind=CorrectionRequest.Kind.FEEDBACK, object_id__in=feedback) | Q(
        kind=CorrectionRequest.Kind.REVIEW, object_id__in=reviews
    )


@access.scope(CorrectionRequest)
def corrections_visible_to(user) -> QuerySet[CorrectionRequest]:
    if not user.is_authenticated:
        return CorrectionRequest.objects.none()
    return CorrectionRequest.objects.filter(Q(student=user) | _handled_q(user))


def _handled_by(user) -> QuerySet[CorrectionRequest]:
    return CorrectionRequest.objects.filter(_handled_q(user))


def open_for(user) -> QuerySet[CorrectionRequest]:
    """Open requests this person may handle (not their own).

    The conditions are compiled once per person, roles and day (``access.pks_of``):
    every home page asks them, and building them cost more than running them."""
    if not user.is_authenticated:
        return CorrectionRequest.objects.none()
    return CorrectionRequest.objects.filter(
        pk__in=access.pks_of(user, _handled_by), status=CorrectionRequest.Status.OPEN
    )
