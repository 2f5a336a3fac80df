"""Every change to a learning question goes through one of these functions.

Each function is one transaction: it checks the permission (``rules.py``),
locks the row (``select_for_update``) and writes with a conditional update
on the status and version it read (REL-08), so two people acting at once
never silently overwrite each other (REL-06); it records the transition and
notifies the people who must act next (``leerroute.notifications``: a
notification in the app, and an e-mail enqueued after commit for those who
want one).

Errors are ``LearningQuestionError`` subclasses with a Dutch message:
``InvalidTransition`` (wrong state), ``VersionConflict`` (a stale save),
``InvalidContent`` (bad input, per field), ``NoPlacement``; a missing
permission raises ``PermissionDenied``.

Side effects per function:

- ``save_draft``: creates a draft (+ history row "→ concept").
- ``update``: changes the content of a draft or of a question with a
  clarification request; version + 1. No history row (no state change).
- ``submit`` / ``resubmit``: → ingediend / opnieuw ingediend; notifies the
  named mentors. ``resubmit`` adds the student's answer to the thread (then
  the notification is "clarification answered").
- ``ask_clarification``: → verduidelijking gevraagd; the mentor's question
  goes to the thread, the checklist to a ``Review``; notifies the student.
- ``approve``: → goedgekeurd with the mentor's own support and the full
  checklist in a ``Review``; notifies the student.
- ``complete``: → afgerond with the student's reflection; notifies the mentors.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerroute.core import access, versioning
from leerroute.notifications import kinds
from leerroute.notifications.services import notify
from leerroute.people.models import Enrollment
from leerroute.people.queries import current_placement

from .models import (
    MENTOR_SUPPORT_MAX,
    MESSAGE_MAX,
    QUESTION_MAX,
    REFLECTION_MAX,
    STEPS_MAX,
    SUPPORT_MAX,
    TRANSITIONS,
    LearningQuestion,
    Message,
    Review,
    Status,
    Transition,
)


class LearningQuestionError(Exception):
    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class InvalidTransition(LearningQuestionError):
    pass


class VersionConflict(LearningQuestionError, versioning.Conflict):
    def __init__(self, message: str | None = None):
        super().__init__(
            message
            or _(
                "Iemand anders heeft deze leervraag intussen gewijzigd. Je wijziging is "
                "niet opgeslagen. Open de leervraag opnieuw en probeer het nog eens."
            )
        )


class NoPlacement(LearningQuestionError):
    pass


class InvalidContent(LearningQuestionError):
    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__(" ".join(errors.values()))


ACTION_LABELS = {
    "submit": gettext_lazy("indienen"),
    "ask_clarification": gettext_lazy("een verduidelijkingsvraag over stellen"),
    "resubmit": gettext_lazy("opnieuw indienen"),
    "approve": gettext_lazy("goedkeuren"),
    "complete": gettext_lazy("afronden"),
}


@dataclass
class Content:
    """What the student writes."""

    question: str
    work_process_ids: list[int] = field(default_factory=list)
    steps: str = ""
    support_requested: str = ""
    target_date: datetime.date | None = None


@dataclass
class Checklist:
    right_level: bool = False
    linked_work_process: bool = False
    concrete: bool = False
    steps_lead_to_competence: bool = False
    support_written: bool = False

    def complete(self) -> bool:
        return all(vars(self).values())


def _too_long(value: str, limit: int, label: str) -> str | None:
    if len(value) > limit:
        return _("%(label)s is te lang: maximaal %(limit)d tekens, nu %(n)d.") % {
            "label": label,
            "limit": limit,
            "n": len(value),
        }
    return None


def validate_content(content: Content, qualification) -> Content:
    """Check and clean what the student wrote; raises ``InvalidContent``."""
    errors: dict[str, str] = {}
    content.question = (content.question or "").strip()
    content.steps = (content.steps or "").strip()
    content.support_requested = (content.support_requested or "").strip()
    if not content.question:
        errors["question"] = _("Schrijf je leervraag op.")
    for name, limit, label in (
        ("question", QUESTION_MAX, _("De leervraag")),
        ("steps", STEPS_MAX, _("De stappen")),
        ("support_requested", SUPPORT_MAX, _("De gevraagde ondersteuning")),
    ):
        problem = _too_long(getattr(content, name), limit, label)
        if problem:
            errors[name] = problem
    ids = {int(i) for i in content.work_process_ids}
    if ids:
        known = set(qualification.work_processes.filter(pk__in=ids).values_list("pk", flat=True))
        if ids - known:
            errors["work_processes"] = _(
                "Je kunt alleen werkprocessen van je eigen kwalificatie (%(title)s) kiezen."
            ) % {"title": qualification.title}
    content.work_process_ids = sorted(ids)
    if content.target_date and content.target_date < timezone.localdate():
        errors["target_date"] = _(
            "De streefdatum ligt in het verleden. Kies vandaag of een latere datum."
        )
    if errors:
        raise InvalidContent(errors)
    return content


def _lock(question: LearningQuestion) -> LearningQuestion:
    return LearningQuestion.objects.select_for_update().get(pk=question.pk)


def _check_version(locked: LearningQuestion, expected_version: int | None) -> None:
    versioning.check(locked.version, expected_version, VersionConflict)


def _write(locked: LearningQuestion, **changes) -> None:
    """Conditional update on the status and version that were read."""
    changes.setdefault("updated_at", timezone.now())
    versioning.update(
        locked,
        locked.version,
        conditions={"status": locked.status},
        conflict=VersionConflict,
        **changes,
    )


def _transition(
    question: LearningQuestion, by, action: str, expected_version: int | None, **changes
) -> LearningQuestion:
    allowed_from, to_status = TRANSITIONS[action]
    locked = _lock(question)
    if locked.status not in allowed_from:
        raise InvalidTransition(
            _("Je kunt deze leervraag nu niet %(action)s: de status is ‘%(status)s’.")
            % {"action": ACTION_LABELS[action], "status": locked.get_status_display()}
        )
    _check_version(locked, expected_version)
    now = timezone.now()
    from_status = locked.status
    _write(locked, status=to_status, updated_at=now, **changes)
    Transition.objects.create(
        question=locked, from_status=from_status, to_status=to_status, by=by, at=now
    )
    locked.refresh_from_db()
    return locked


# action -> (who is told, notification kind, Dutch line with the actor's name)
NOTIFICATIONS = {
    "submit": (
        "mentors",
        kinds.LEARNING_SUBMITTED,
        gettext_lazy("%(name)s heeft een leervraag ingediend"),
    ),
    "resubmit": (
        "mentors",
        kinds.LEARNING_SUBMITTED,
        gettext_lazy("%(name)s heeft een leervraag opnieuw ingediend"),
    ),
    "answer": (
        "mentors",
        kinds.CLARIFICATION_ANSWERED,
        gettext_lazy(
            "%(name)s heeft je verduidelijkingsvraag beantwoord en de leervraag opnieuw ingediend"
        ),
    ),
    "ask_clarification": (
        "student",
        kinds.LEARNING_REVIEWED,
        gettext_lazy("%(name)s heeft een vraag over je leervraag"),
    ),
    "approve": (
        "student",
        kinds.LEARNING_REVIEWED,
        gettext_lazy("%(name)s heeft je leervraag goedgekeurd"),
    ),
    "complete": (
        "mentors",
        kinds.LEARNING_COMPLETED,
        gettext_lazy("%(name)s heeft een leervraag afgerond"),
    ),
}


def _notify(question: LearningQuestion, by, event: str) -> None:
    """Tell the people who must act next (in the app, and by e-mail after commit when
    they want it). The line names who acted, never what the question says (PRIV-27)."""
    who, kind, line = NOTIFICATIONS[event]
    recipients = [question.student] if who == "student" else list(question.placement.mentors.all())
    with translation.override("nl"):
        text = str(line) % {"name": str(by)}
    notify(
        recipients,
        kind,
        text=text,
        url=reverse("learning:detail", args=[question.pk]),
        key=f"learning:{question.pk}:{question.transitions.latest('at', 'pk').pk}",
    )


def _qualification_of(student):
    enrollment = (
        Enrollment.objects.active()
        .filter(student=student)
        .select_related("qualification__level")
        .first()
    )
    return enrollment.qualification if enrollment else None


def writing_context(student):
    """(placement, qualification) a new question of ``student`` belongs to.

    Raises ``NoPlacement`` when the student has no current placement or
    enrollment.
    """
    placement = current_placement(student)
    qualification = _qualification_of(student)
    if placement is None:
        raise NoPlacement(
            _(
                "Je hebt nu geen BPV-plaats. Een leervraag hoort bij een BPV-plaats; "
                "vraag je docent of de praktijkopleider om je BPV-plaats vast te leggen."
            )
        )
    if qualification is None:
        raise NoPlacement(
            _("Je bent nu niet ingeschreven voor een kwalificatie. Vraag je docent om hulp.")
        )
    return placement, qualification


@transaction.atomic
def save_draft(student, content: Content) -> LearningQuestion:
    """A new learning question in draft for ``student``'s current placement."""
    access.require(student, "learning.write_question")
    placement, qualification = writing_context(student)
    content = validate_content(content, qualification)
    now = timezone.now()
    question = LearningQuestion.objects.create(
        student=student,
        placement=placement,
        qualification=qualification,
        question=content.question,
        steps=content.steps,
        support_requested=content.support_requested,
        target_date=content.target_date,
        created_at=now,
        updated_at=now,
    )
    question.work_processes.set(content.work_process_ids)
    Transition.objects.create(
        question=question, from_status="", to_status=Status.DRAFT, by=student, at=now
    )
    return question


@transaction.atomic
def update(question: LearningQuestion, by, content: Content, expected_version) -> LearningQuestion:
    """Change the content of a draft or of a question with a clarification request."""
    access.require(by, "learning.change_question", question)
    locked = _lock(question)
    if not locked.is_editable:
        raise InvalidTransition(
            _("Je kunt deze leervraag niet meer wijzigen: de status is ‘%(status)s’.")
            % {"status": locked.get_status_display()}
        )
    _check_version(locked, expected_version)
    content = validate_content(content, locked.qualification)
    _write(
        locked,
        question=content.question,
        steps=content.steps,
        support_requested=content.support_requested,
        target_date=content.target_date,
    )
    locked.work_processes.set(content.work_process_ids)
    locked.refresh_from_db()
    return locked


def _ready_to_submit(question: LearningQuestion) -> None:
    errors = {}
    if not question.question.strip():
        errors["question"] = _("Schrijf je leervraag op.")
    if question.target_date is None:
        errors["target_date"] = _("Kies een streefdatum voordat je de leervraag indient.")
    elif question.target_date < timezone.localdate():
        errors["target_date"] = _(
            "De streefdatum ligt in het verleden. Kies vandaag of een latere datum."
        )
    if errors:
        raise InvalidContent(errors)


@transaction.atomic
def submit(question: LearningQuestion, by, expected_version=None) -> LearningQuestion:
    """draft → submitted."""
    access.require(by, "learning.change_question", question)
    _ready_to_submit(_lock(question))
    result = _transition(question, by, "submit", expected_version)
    _notify(result, by, "submit")
    return result


@transaction.atomic
def resubmit(
    question: LearningQuestion, by, answer: str = "", expected_version=None
) -> LearningQuestion:
    """clarification asked → resubmitted; the answer (optional) joins the thread."""
    access.require(by, "learning.change_question", question)
    answer = (answer or "").strip()
    problem = _too_long(answer, MESSAGE_MAX, _("Je antwoord"))
    if problem:
        raise InvalidContent({"answer": problem})
    _ready_to_submit(_lock(question))
    result = _transition(question, by, "resubmit", expected_version)
    if answer:
        Message.objects.create(question=result, author=by, text=answer, at=result.updated_at)
    _notify(result, by, "answer" if answer else "resubmit")
    return result


def _review(question, by, decision: str, checklist: Checklist) -> Review:
    return Review.objects.create(
        question=question, reviewer=by, decision=decision, at=question.updated_at, **vars(checklist)
    )


@transaction.atomic
def ask_clarification(
    question: LearningQuestion, by, message: str, checklist: Checklist, expected_version
) -> LearningQuestion:
    """submitted/resubmitted → clarification asked, with the mentor's question."""
    access.require(by, "learning.review_question", question)
    message = (message or "").strip()
    if not message:
        raise InvalidContent({"message": _("Schrijf je vraag aan de student op.")})
    problem = _too_long(message, MESSAGE_MAX, _("Je vraag"))
    if problem:
        raise InvalidContent({"message": problem})
    result = _transition(question, by, "ask_clarification", expected_version)
    Message.objects.create(question=result, author=by, text=message, at=result.updated_at)
    _review(result, by, Review.Decision.CLARIFICATION, checklist)
    _notify(result, by, "ask_clarification")
    return result


@transaction.atomic
def approve(
    question: LearningQuestion, by, checklist: Checklist, mentor_support: str, expected_version
) -> LearningQuestion:
    """submitted/resubmitted → approved, with the full checklist and the mentor's support."""
    access.require(by, "learning.review_question", question)
    mentor_support = (mentor_support or "").strip()
    errors = {}
    if not checklist.complete():
        errors["checklist"] = _(
            "Je kunt alleen goedkeuren als alle punten van de checklist kloppen. "
            "Stel anders een vraag aan de student."
        )
    if not mentor_support:
        errors["mentor_support"] = _("Schrijf op hoe jij de student hierbij ondersteunt.")
    else:
        problem = _too_long(mentor_support, MENTOR_SUPPORT_MAX, _("Je ondersteuning"))
        if problem:
            errors["mentor_support"] = problem
    if errors:
        raise InvalidContent(errors)
    result = _transition(question, by, "approve", expected_version, mentor_support=mentor_support)
    _review(result, by, Review.Decision.APPROVED, checklist)
    _notify(result, by, "approve")
    return result


@transaction.atomic
def complete(question: LearningQuestion, by, reflection: str, expected_version) -> LearningQuestion:
    """approved → completed, with the student's reflection."""
    access.require(by, "learning.change_question", question)
    reflection = (reflection or "").strip()
    if not reflection:
        raise InvalidContent({"reflection": _("Schrijf je reflectie op.")})
    problem = _too_long(reflection, REFLECTION_MAX, _("De reflectie"))
    if problem:
        raise InvalidContent({"reflection": problem})
    result = _transition(question, by, "complete", expected_version, reflection=reflection)
    _notify(result, by, "complete")
    return result
