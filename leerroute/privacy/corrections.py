"""Correction requests: a student asks, the author or the assessor handles (PRIV-12)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerroute.core import access
from leerroute.feedback.models import Feedback, ProgressReview

from .models import CorrectionRequest

MODELS = {
    CorrectionRequest.Kind.FEEDBACK: Feedback,
    CorrectionRequest.Kind.REVIEW: ProgressReview,
}
PAGES = {
    CorrectionRequest.Kind.FEEDBACK: ("feedback:detail", "feedback:edit"),
    CorrectionRequest.Kind.REVIEW: ("feedback:review", "feedback:review_edit"),
}
MAX_TEXT = 2000


class CorrectionRefused(ValueError):
    """Bad input; the message says why, in Dutch."""


def _text(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise CorrectionRefused(message)
    if len(value) > MAX_TEXT:
        raise CorrectionRefused(_("Gebruik hoogstens 2000 tekens."))
    return value


def target(request: CorrectionRequest):
    return (
        MODELS[request.kind].objects.select_related("author", "student").get(pk=request.object_id)
    )


@transaction.atomic
def ask(kind: str, obj, description: str, *, by) -> CorrectionRequest:
    access.require(by, "privacy.request_correction", obj)
    description = _text(description, _("Schrijf wat er niet klopt."))
    return CorrectionRequest.objects.create(
        student=by, kind=kind, object_id=obj.pk, description=description
    )


@transaction.atomic
def close(request: CorrectionRequest, *, by, corrected: bool, reason: str) -> CorrectionRequest:
    locked = CorrectionRequest.objects.select_for_update().get(pk=request.pk)
    obj = target(locked)
    access.require(by, "privacy.handle_correction", obj)
    if locked.status != CorrectionRequest.Status.OPEN:
        raise CorrectionRefused(_("Dit verzoek is al afgehandeld."))
    locked.reason = _text(reason, _("Schrijf de reden: wat je hebt verbeterd, of waarom niet."))
    locked.status = (
        CorrectionRequest.Status.CORRECTED if corrected else CorrectionRequest.Status.DECLINED
    )
    locked.handled_by = by
    locked.handled_at = timezone.now()
    locked.version_after = obj.version
    locked.save()
    return locked
