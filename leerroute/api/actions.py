"""What a person may do through the API, through the same services as the pages.

Each endpoint fetches through the access door (404 outside the scope, 403 when
the permission is refused, both logged), validates with the pages' own rules
(the services' checks, the pages' forms) and calls the service with ``by=``
the person. Errors are problem documents (``errors.py``): 422 with the field
that failed, 409 when the state or version no longer allows it.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Schema

from leerroute.core import access
from leerroute.core.versioning import Conflict
from leerroute.feedback import services as feedback_services
from leerroute.feedback.forms import FeedbackForm, ResponseForm
from leerroute.feedback.models import OEPS_MAX_LENGTH, RESPONSE_MAX_LENGTH, Feedback
from leerroute.learning import services as learning_services
from leerroute.learning.models import (
    MENTOR_SUPPORT_MAX,
    MESSAGE_MAX,
    QUESTION_MAX,
    STEPS_MAX,
    SUPPORT_MAX,
    LearningQuestion,
)

from . import resources
from .errors import field_errors
from .registry import ObjectId
from .schemas import (
    FeedbackOut,
    IdIn,
    LearningQuestionOut,
    OptionalIdIn,
    Problem,
    VersionIn,
    text,
)

# The same router as the lists: a create (POST) shares the list's path and URL name.
router = resources.router

ACTION_ERRORS = {401: Problem, 403: Problem, 404: Problem, 409: Problem, 422: Problem}


class Invalid(Exception):
    """Input the pages would refuse too: 422 with the fields that failed."""

    def __init__(self, errors: list[dict], detail=None):
        self.errors = errors
        self.detail = detail
        super().__init__("invalid input")


class StateConflict(Exception):
    """The object's state or version does not allow this (now): 409."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def _form_data(payload: Schema) -> dict:
    """A payload as the data a page's form would receive."""
    data = {}
    for name, value in payload.dict().items():
        if value is None:
            data[name] = ""
        elif isinstance(value, bool):
            data[name] = value
        else:
            data[name] = str(value)
    return data


def _valid(form):
    if not form.is_valid():
        raise Invalid(field_errors(form.errors))
    return form


def _learning_errors(call):
    """Run a learning-question service call; its Dutch errors become API errors."""
    try:
        return call()
    except learning_services.InvalidContent as exc:
        raise Invalid(field_errors(exc.errors)) from None
    except (learning_services.InvalidTransition, learning_services.NoPlacement) as exc:
        raise StateConflict(exc.message) from None
    except Conflict as exc:
        raise StateConflict(exc.message) from None


def _question(request, pk: int, perm: str) -> LearningQuestion:
    return access.fetch(
        request, LearningQuestion, pk, perm=perm, prepare=lambda qs: qs.with_people()
    )


# --- Learning questions -----------------------------------------------------------


class LearningQuestionIn(Schema):
    question: text(QUESTION_MAX, ...)  # type: ignore[valid-type]
    work_processes: list[IdIn] = []
    steps: text(STEPS_MAX)  # type: ignore[valid-type]
    support_requested: text(SUPPORT_MAX)  # type: ignore[valid-type]
    target_date: datetime.date | None = None


class VersionOnly(Schema):
    version: VersionIn = None


@router.post(
    "/learning-questions/",
    response={201: LearningQuestionOut, **ACTION_ERRORS},
    url_name="learning_questions_create",
    operation_id="learning_questions_create",
    tags=["leervragen"],
    summary="Een leervraag schrijven (student): een concept bij je huidige BPV-plaats",
)
def create_learning_question(request, payload: LearningQuestionIn):
    access.require(request, "learning.write_question")
    content = learning_services.Content(
        question=payload.question,
        work_process_ids=list(payload.work_processes),
        steps=payload.steps,
        support_requested=payload.support_requested,
        target_date=payload.target_date,
    )
    question = _learning_errors(lambda: learning_services.save_draft(request.user, content))
    return 201, question


@router.post(
    "/learning-questions/{pk}/submit/",
    response={200: LearningQuestionOut, **ACTION_ERRORS},
    url_name="learning_questions_submit",
    operation_id="learning_questions_submit",
    tags=["leervragen"],
    summary="Een concept-leervraag indienen bij je werkbegeleider (student)",
)
def submit_learning_question(request, payload: VersionOnly, pk: int = ObjectId):
    question = _question(request, pk, "learning.change_question")
    return _learning_errors(
        lambda: learning_services.submit(question, request.user, expected_version=payload.version)
    )


class ChecklistIn(Schema):
    """The mentor's review checklist (all five must be true to approve)."""

    right_level: bool = False
    linked_work_process: bool = False
    concrete: bool = False
    steps_lead_to_competence: bool = False
    support_written: bool = False


class ApproveIn(Schema):
    checklist: ChecklistIn
    mentor_support: text(MENTOR_SUPPORT_MAX, ...)  # type: ignore[valid-type]
    version: VersionIn = None


class ClarificationIn(Schema):
    checklist: ChecklistIn = ChecklistIn()
    message: text(MESSAGE_MAX, ...)  # type: ignore[valid-type]
    version: VersionIn = None


def _checklist(payload: ChecklistIn) -> learning_services.Checklist:
    return learning_services.Checklist(**payload.dict())


@router.post(
    "/learning-questions/{pk}/approve/",
    response={200: LearningQuestionOut, **ACTION_ERRORS},
    url_name="learning_questions_approve",
    operation_id="learning_questions_approve",
    tags=["leervragen"],
    summary="Een ingediende leervraag goedkeuren (werkbegeleider van de BPV-plaats)",
)
def approve_learning_question(request, payload: ApproveIn, pk: int = ObjectId):
    question = _question(request, pk, "learning.review_question")
    return _learning_errors(
        lambda: learning_services.approve(
            question,
            request.user,
            _checklist(payload.checklist),
            payload.mentor_support,
            payload.version,
        )
    )


@router.post(
    "/learning-questions/{pk}/ask-clarification/",
    response={200: LearningQuestionOut, **ACTION_ERRORS},
    url_name="learning_questions_ask_clarification",
    operation_id="learning_questions_ask_clarification",
    tags=["leervragen"],
    summary="Verduidelijking vragen bij een ingediende leervraag (werkbegeleider)",
)
def ask_clarification(request, payload: ClarificationIn, pk: int = ObjectId):
    question = _question(request, pk, "learning.review_question")
    return _learning_errors(
        lambda: learning_services.ask_clarification(
            question, request.user, payload.message, _checklist(payload.checklist), payload.version
        )
    )


# --- Feedback ---------------------------------------------------------------------


class FeedbackIn(Schema):
    student: IdIn
    observe: text(OEPS_MAX_LENGTH, ...)  # type: ignore[valid-type]
    effect: text(OEPS_MAX_LENGTH, ...)  # type: ignore[valid-type]
    pause: text(OEPS_MAX_LENGTH, ...)  # type: ignore[valid-type]
    suggestions: text(OEPS_MAX_LENGTH, ...)  # type: ignore[valid-type]
    client_wellbeing: bool = False
    work_process: OptionalIdIn = None
    learning_question: OptionalIdIn = None


class ResponseIn(Schema):
    response: text(RESPONSE_MAX_LENGTH, ...)  # type: ignore[valid-type]
    version: VersionIn = None


def _feedback_errors(call):
    try:
        return call()
    except Conflict as exc:
        raise StateConflict(exc.message) from None
    except ValidationError as exc:
        # The services' integrity checks concern the work process (as on the page).
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"work_process": exc.messages}
        raise Invalid(field_errors(errors)) from None


@router.post(
    "/feedback/",
    response={201: FeedbackOut, **ACTION_ERRORS},
    url_name="feedback_create",
    operation_id="feedback_create",
    tags=["feedback"],
    summary="OEPS-feedback geven aan een student die je in je team begeleidt",
)
def create_feedback(request, payload: FeedbackIn):
    access.require(request, "feedback.give_feedback")
    form = _valid(FeedbackForm(_form_data(payload), user=request.user))
    item = _feedback_errors(
        lambda: feedback_services.give_feedback(
            author=request.user, student=form.cleaned_data["student"], **form.oeps()
        )
    )
    return 201, item


@router.post(
    "/feedback/{pk}/response/",
    response={200: FeedbackOut, **ACTION_ERRORS},
    url_name="feedback_respond",
    operation_id="feedback_respond",
    tags=["feedback"],
    summary="Reageren op feedback die je kreeg (student)",
)
def respond_to_feedback(request, payload: ResponseIn, pk: int = ObjectId):
    item = access.fetch(request, Feedback, pk, perm="feedback.respond_to_feedback")
    data = _form_data(payload)
    data.setdefault("version", "")
    if not data["version"]:
        data["version"] = str(item.version)
    form = _valid(ResponseForm(data))
    return _feedback_errors(
        lambda: feedback_services.respond_to_feedback(
            item,
            student=request.user,
            expected_version=form.cleaned_data["version"],
            response=form.cleaned_data["response"],
        )
    )


__all__ = ["Invalid", "PermissionDenied", "StateConflict", "router"]
