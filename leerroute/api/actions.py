"""What a person may do through the API, through the same services as the pages.

Each endpoint fetches through the access door (404 outside the scope, 403 when
the permission is refused, both logged), validates with the pages' own rules
(the services' checks, the pages' forms) and calls the service with ``by=``
the person. Errors are problem documents (``errors.py``): 422 with the field
that failed, 409 when the state or version no longer allows it.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy
from ninja import Schema, Status

from leerroute.conversations import queries as conversation_queries
from leerroute.conversations import services as conversation_services
from leerroute.conversations.forms import AgreementForm, ConversationForm, NotesForm
from leerroute.conversations.models import Agreement, Conversation
from leerroute.core import access
from leerroute.core.versioning import Conflict
from leerroute.feedback import queries as feedback_queries
from leerroute.feedback import services as feedback_services
from leerroute.feedback.forms import FeedbackForm, ResponseForm, ReviewForm
from leerroute.feedback.models import (
    OEPS_MAX_LENGTH,
    RESPONSE_MAX_LENGTH,
    Feedback,
    ProgressLevel,
    ProgressReview,
)
from leerroute.learning import services as learning_services
from leerroute.learning.models import (
    MENTOR_SUPPORT_MAX,
    MESSAGE_MAX,
    QUESTION_MAX,
    STEPS_MAX,
    SUPPORT_MAX,
    LearningQuestion,
)
from leerroute.people.models import Cohort, Role, User
from leerroute.school import services as school_services
from leerroute.school.forms import WeeklyUpdateForm
from leerroute.school.models import WeeklyUpdate
from leerroute.training import queries as training_queries
from leerroute.training import services as training_services
from leerroute.training.forms import (
    AttendanceForm,
    InviteForm,
    ProgrammeForm,
    SessionForm,
    TeamTrainingForm,
)
from leerroute.training.models import Attendance, Enrolment, Programme, Session

from . import resources
from .errors import field_errors
from .registry import ObjectId
from .schemas import (
    AgreementDoneIn,
    AgreementIn,
    AgreementOut,
    AttendanceIn,
    AttendanceOut,
    CompleteIn,
    ConversationIn,
    ConversationOut,
    ConversationPatch,
    EnrolIn,
    EnrolmentOut,
    FeedbackOut,
    FeedbackPatch,
    IdIn,
    Input,
    InvitationIn,
    InvitationResultOut,
    LearningQuestionOut,
    LearningQuestionPatch,
    NotesIn,
    OptionalIdIn,
    Problem,
    ProgrammeIn,
    ProgrammeOut,
    ProgrammePatch,
    ProgressReviewIn,
    ProgressReviewOut,
    ProgressReviewPatch,
    ResubmitIn,
    SessionIn,
    SessionOut,
    SessionPatch,
    TeamTrainingIn,
    VersionIn,
    WeeklyUpdateIn,
    WeeklyUpdateOut,
    WeeklyUpdatePatch,
    text,
)

# The same router as the lists: a create (POST) shares the list's path and URL name.
router = resources.router

# 400: a NUL character in the query string (refused before the API, as everywhere).
ACTION_ERRORS = {
    400: Problem,
    401: Problem,
    403: Problem,
    404: Problem,
    409: Problem,
    422: Problem,
}

WORK_PROCESS_NOT_OURS = gettext_lazy(
    "Dit werkproces hoort niet bij de kwalificatie van de student."
)
NOT_ENROLLED = gettext_lazy(
    "Deze persoon is niet ingeschreven voor het programma van deze bijeenkomst."
)
# The programme page's message when enrolling someone who is not (or no longer) invited.
NOT_INVITED = gettext_lazy("Deze persoon staat niet als uitgenodigd op de lijst.")
TEAM_TRAINING_INVITES = gettext_lazy(
    "Een teamtraining is voor het eigen team; de uitgenodigde organisaties wijzig je niet."
)
BAD_MOMENT = gettext_lazy("Vul een geldige datum en tijd in, bijvoorbeeld 2026-05-14T13:30.")
TOO_LATE = gettext_lazy(
    "De bijeenkomsten zouden te ver in de toekomst vallen. Kies een eerdere datum."
)


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
    return Status(201, question)


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
    return Status(201, item)


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


def _service_errors(call, field: str | None = None):
    """Run a service call: a stale version is a 409, its Dutch ``ValidationError`` a
    422 (``field`` names the field of a message that has none, as the page shows it)."""
    try:
        return call()
    except Conflict as exc:
        raise StateConflict(exc.message) from None
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise Invalid(field_errors(exc.message_dict)) from None
        raise Invalid(field_errors({field or "__all__": exc.messages})) from None


def _ids(values) -> list[str]:
    return [str(value) for value in values]


def _given(sent: dict, name: str, current):
    """A PATCH's value for ``name``; not sent (or null): the current value."""
    value = sent.get(name)
    return current if value is None else value


# --- Learning questions: change, resubmit, complete --------------------------------


@router.patch(
    "/learning-questions/{pk}/",
    response={200: LearningQuestionOut, **ACTION_ERRORS},
    url_name="learning_questions_update",
    operation_id="learning_questions_update",
    tags=["leervragen"],
    summary="Je leervraag wijzigen (student): een concept, of na een verduidelijkingsvraag",
)
def update_learning_question(request, payload: LearningQuestionPatch, pk: int = ObjectId):
    question = _question(request, pk, "learning.change_question")
    sent = payload.dict(exclude_unset=True)
    current_ids = [wp.pk for wp in question.work_processes.all()]
    content = learning_services.Content(
        question=sent.get("question", question.question),
        work_process_ids=list(sent.get("work_processes", current_ids)),
        steps=sent.get("steps", question.steps),
        support_requested=sent.get("support_requested", question.support_requested),
        target_date=sent.get("target_date", question.target_date),
    )
    return _learning_errors(
        lambda: learning_services.update(question, request.user, content, payload.version)
    )


@router.post(
    "/learning-questions/{pk}/resubmit/",
    response={200: LearningQuestionOut, **ACTION_ERRORS},
    url_name="learning_questions_resubmit",
    operation_id="learning_questions_resubmit",
    tags=["leervragen"],
    summary="Opnieuw indienen na een verduidelijkingsvraag, met je antwoord (student)",
)
def resubmit_learning_question(request, payload: ResubmitIn, pk: int = ObjectId):
    question = _question(request, pk, "learning.change_question")
    return _learning_errors(
        lambda: learning_services.resubmit(question, request.user, payload.answer, payload.version)
    )


@router.post(
    "/learning-questions/{pk}/complete/",
    response={200: LearningQuestionOut, **ACTION_ERRORS},
    url_name="learning_questions_complete",
    operation_id="learning_questions_complete",
    tags=["leervragen"],
    summary="Een goedgekeurde leervraag afronden met je reflectie (student)",
)
def complete_learning_question(request, payload: CompleteIn, pk: int = ObjectId):
    question = _question(request, pk, "learning.change_question")
    return _learning_errors(
        lambda: learning_services.complete(
            question, request.user, payload.reflection, payload.version
        )
    )


# --- Feedback: change ---------------------------------------------------------------


@router.patch(
    "/feedback/{pk}/",
    response={200: FeedbackOut, **ACTION_ERRORS},
    url_name="feedback_update",
    operation_id="feedback_update",
    tags=["feedback"],
    summary="Je feedback wijzigen (wie hem gaf; de vorige versie blijft bewaard)",
)
def update_feedback(request, payload: FeedbackPatch, pk: int = ObjectId):
    item = access.fetch(request, Feedback, pk, perm="feedback.change_feedback")
    data = {
        "observe": item.observe,
        "effect": item.effect,
        "pause": item.pause,
        "suggestions": item.suggestions,
        "client_wellbeing": item.client_wellbeing,
        "work_process": str(item.work_process_id or ""),
        "learning_question": str(item.learning_question_id or ""),
        "version": str(payload.version or item.version),
    }
    for name, value in payload.dict(exclude_unset=True).items():
        if name != "version":
            data[name] = value if isinstance(value, bool) else ("" if value is None else str(value))
    form = _valid(FeedbackForm(data, user=request.user, feedback=item))
    return _feedback_errors(
        lambda: feedback_services.edit_feedback(
            item,
            editor=request.user,
            expected_version=form.cleaned_data["version"],
            **form.oeps(),
        )
    )


# --- Progress reviews ---------------------------------------------------------------


def _review_form(student, processes, *, review, date, summary, levels, cited, publish, version):
    """The page's ``ReviewForm``, filled from the API's input: a work process that is
    not sent keeps its level (a new review: ‘nog niet gezien’, as the page offers)."""
    processes = list(processes)
    known = {wp.pk for wp in processes}
    unknown = [
        {"field": f"levels.{i}.work_process", "message": str(WORK_PROCESS_NOT_OURS)}
        for i, entry in enumerate(levels)
        if entry.work_process not in known
    ]
    if unknown:
        raise Invalid(unknown)
    current = {e.work_process_id: (e.level, e.note) for e in review.entries.all()} if review else {}
    data = {
        "review_date": date.isoformat() if date else "",
        "summary": summary,
        "cited_feedback": _ids(cited),
        "version": "" if version is None else str(version),
    }
    for wp in processes:
        level, note = current.get(wp.pk, (ProgressLevel.NOT_YET_SEEN, ""))
        data[f"level_{wp.pk}"], data[f"note_{wp.pk}"] = str(level), note
    position = {}
    for i, entry in enumerate(levels):
        data[f"level_{entry.work_process}"] = str(entry.level.value)
        data[f"note_{entry.work_process}"] = entry.note
        position[entry.work_process] = i
    form = ReviewForm(
        data, student=student, work_processes=processes, review=review, publishing=publish
    )
    if not form.is_valid():
        errors = []
        for pair in field_errors(form.errors):
            name = pair["field"] or ""
            kind, _sep, wp_id = name.partition("_")
            if kind in ("level", "note") and wp_id.isdigit():
                at = position.get(int(wp_id))
                pair["field"] = "levels" if at is None else f"levels.{at}.{kind}"
            errors.append(pair)
        raise Invalid(errors)
    return form


def _save_review(request, form, student, review=None) -> ProgressReview:
    """As the page saves it: ``feedback.services.save_review`` with the form's values."""
    saved = _service_errors(lambda: form.save(author=request.user, student=student, review=review))
    return _reviews(request, saved.pk)


def _reviews(request, pk: int, perm: str | None = None) -> ProgressReview:
    return access.fetch(
        request,
        ProgressReview,
        pk,
        perm=perm,
        prepare=lambda qs: qs.select_related("student", "qualification").prefetch_related(
            "entries", "cited_feedback"
        ),
    )


@router.post(
    "/progress-reviews/",
    response={201: ProgressReviewOut, **ACTION_ERRORS},
    url_name="progress_reviews_create",
    operation_id="progress_reviews_create",
    tags=["voortgangsbeoordelingen"],
    summary="Een voortgangsbeoordeling schrijven (wie de student mag beoordelen)",
)
def create_progress_review(request, payload: ProgressReviewIn):
    student = access.fetch(request, User, payload.student, perm="feedback.review_student")
    form = _review_form(
        student,
        feedback_queries.work_processes_of(feedback_queries.current_qualification(student)),
        review=None,
        date=payload.review_date,
        summary=payload.summary,
        levels=payload.levels,
        cited=payload.cited_feedback,
        publish=payload.publish,
        version=None,
    )
    return Status(201, _save_review(request, form, student))


@router.patch(
    "/progress-reviews/{pk}/",
    response={200: ProgressReviewOut, **ACTION_ERRORS},
    url_name="progress_reviews_update",
    operation_id="progress_reviews_update",
    tags=["voortgangsbeoordelingen"],
    summary="Een voortgangsbeoordeling wijzigen (de vorige versie blijft bewaard)",
)
def update_progress_review(request, payload: ProgressReviewPatch, pk: int = ObjectId):
    review = _reviews(request, pk, "feedback.change_review")
    sent = payload.dict(exclude_unset=True)
    form = _review_form(
        review.student,
        feedback_queries.work_processes_of(review.qualification),
        review=review,
        date=sent.get("review_date", review.review_date),
        summary=sent.get("summary", review.summary),
        levels=payload.levels or [],
        cited=sent.get("cited_feedback", [item.pk for item in review.cited_feedback.all()]),
        publish=payload.publish,
        version=payload.version or review.version,
    )
    return _save_review(request, form, review.student, review)


@router.post(
    "/progress-reviews/{pk}/publish/",
    response={200: ProgressReviewOut, **ACTION_ERRORS},
    url_name="progress_reviews_publish",
    operation_id="progress_reviews_publish",
    tags=["voortgangsbeoordelingen"],
    summary="Een concept-voortgangsbeoordeling publiceren voor de student",
)
def publish_progress_review(request, payload: VersionOnly, pk: int = ObjectId):
    review = _reviews(request, pk, "feedback.publish_review")
    _service_errors(
        lambda: feedback_services.publish_review(
            review, by=request.user, expected_version=payload.version or review.version
        ),
        field="cited_feedback",
    )
    return _reviews(request, pk)


# --- Weekly updates (school) --------------------------------------------------------


def _school_errors(call):
    try:
        return call()
    except school_services.UpdateError as exc:
        raise Invalid(field_errors(exc.errors)) from None
    except Conflict as exc:
        raise StateConflict(exc.message) from None


def _weekly_update(request, pk: int, perm: str | None = None) -> WeeklyUpdate:
    update = access.fetch(
        request,
        WeeklyUpdate,
        pk,
        perm=perm,
        prepare=lambda qs: qs.select_related("cohort").prefetch_related("work_processes"),
    )
    if perm and update.the_week.has_ended():
        # As the pages: a week that has ended is not written any more.
        raise StateConflict(school_services.week_error(update.the_week))
    return update


@router.post(
    "/weekly-updates/",
    response={201: WeeklyUpdateOut, **ACTION_ERRORS},
    url_name="weekly_updates_create",
    operation_id="weekly_updates_create",
    tags=["weekupdates"],
    summary="Een weekupdate schrijven voor je klas (docent van de klas)",
)
def create_weekly_update(request, payload: WeeklyUpdateIn):
    cohort = access.fetch(request, Cohort, payload.cohort, perm="school.write_update")
    form = _valid(
        WeeklyUpdateForm(
            {
                "week": payload.week,
                "topics": payload.topics,
                "practice": payload.practice,
                "work_processes": _ids(payload.work_processes),
            }
        )
    )
    update = _school_errors(
        lambda: form.save(by=request.user, cohort=cohort, publish=payload.publish)
    )
    return Status(201, _weekly_update(request, update.pk))


@router.patch(
    "/weekly-updates/{pk}/",
    response={200: WeeklyUpdateOut, **ACTION_ERRORS},
    url_name="weekly_updates_update",
    operation_id="weekly_updates_update",
    tags=["weekupdates"],
    summary="Een weekupdate wijzigen (tot en met de zondag van die week)",
)
def update_weekly_update(request, payload: WeeklyUpdatePatch, pk: int = ObjectId):
    update = _weekly_update(request, pk, "school.change_update")
    sent = payload.dict(exclude_unset=True)
    current_ids = [wp.pk for wp in update.work_processes.all()]
    form = _valid(
        WeeklyUpdateForm(
            {
                "topics": sent.get("topics", update.topics),
                "practice": sent.get("practice", update.practice),
                "work_processes": _ids(sent.get("work_processes", current_ids)),
                "version": str(payload.version or update.version),
            },
            editing=True,
        )
    )
    _school_errors(
        lambda: form.save(
            by=request.user, cohort=update.cohort, publish=payload.publish, update=update
        )
    )
    return _weekly_update(request, pk)


@router.post(
    "/weekly-updates/{pk}/publish/",
    response={200: WeeklyUpdateOut, **ACTION_ERRORS},
    url_name="weekly_updates_publish",
    operation_id="weekly_updates_publish",
    tags=["weekupdates"],
    summary="Een concept-weekupdate publiceren (docent van de klas)",
)
def publish_weekly_update(request, payload: VersionOnly, pk: int = ObjectId):
    update = _weekly_update(request, pk, "school.change_update")
    _school_errors(
        lambda: school_services.publish(
            update, by=request.user, expected_version=payload.version or update.version
        )
    )
    return _weekly_update(request, pk)


# --- Conversations ------------------------------------------------------------------


def _conversation(request, pk: int, perm: str | None = None) -> Conversation:
    return access.fetch(
        request,
        Conversation,
        pk,
        perm=perm,
        prepare=lambda qs: qs.with_people().prefetch_related("agreements"),
    )


def _conversation_form(request, student, *, date, start, end, place, participants, agenda):
    """The page's ``ConversationForm``. The student and the planner always take part
    (the page offers no box for them), so their ids in ``participants`` are left out."""
    always = {student.pk, request.user.pk}
    return _valid(
        ConversationForm(
            {
                "date": date.isoformat() if date else "",
                "start": start.isoformat() if start else "",
                "end": end.isoformat() if end else "",
                "place": place,
                "participants": _ids(pk for pk in participants if pk not in always),
                "agenda": "\n".join(agenda),
            },
            route=conversation_queries.route_people(student),
            student=student,
            by=request.user,
        )
    )


@router.post(
    "/conversations/",
    response={201: ConversationOut, **ACTION_ERRORS},
    url_name="conversations_create",
    operation_id="conversations_create",
    tags=["gesprekken"],
    summary="Een gesprek plannen met een student (wie dat op de pagina's mag)",
)
def plan_conversation(request, payload: ConversationIn):
    student = access.fetch(request, User, payload.student, perm="conversations.plan_for")
    participants = payload.participants
    if participants is None:  # as the page proposes: the route, without the assessor
        participants = [
            person.user.pk
            for person in conversation_queries.route_people(student)
            if person.role not in (Role.STUDENT, Role.ASSESSOR)
        ]
    agenda = payload.agenda
    if agenda is None:
        agenda = conversation_queries.proposed_agenda(student, request.user)
    form = _conversation_form(
        request,
        student,
        date=payload.date,
        start=payload.start,
        end=payload.end,
        place=payload.place,
        participants=participants,
        agenda=agenda,
    )
    conversation = _service_errors(lambda: form.plan(by=request.user, student=student))
    return Status(201, _conversation(request, conversation.pk))


def _current_participants(conversation) -> list[int]:
    """Who takes part now, as the edit page offers them again: people who left the
    student's route have no box there, so a change without ``participants`` drops
    them, as saving the page does."""
    route = {person.user.pk for person in conversation_queries.route_people(conversation.student)}
    return [p.user_id for p in conversation.participants.all() if p.user_id in route]


@router.patch(
    "/conversations/{pk}/",
    response={200: ConversationOut, **ACTION_ERRORS},
    url_name="conversations_update",
    operation_id="conversations_update",
    tags=["gesprekken"],
    summary="Een gesprek wijzigen: wanneer, waar, wie en de agenda",
)
def change_conversation(request, payload: ConversationPatch, pk: int = ObjectId):
    conversation = _conversation(request, pk, "conversations.change_conversation")
    sent = payload.dict(exclude_unset=True)
    form = _conversation_form(
        request,
        conversation.student,
        date=sent.get("date") or conversation.date,
        start=sent.get("start") or timezone.localtime(conversation.starts_at).time(),
        end=sent.get("end") or timezone.localtime(conversation.ends_at).time(),
        place=sent.get("place") or conversation.place,
        participants=_given(sent, "participants", _current_participants(conversation)),
        agenda=_given(sent, "agenda", conversation.agenda),
    )
    _service_errors(
        lambda: form.change(
            conversation,
            by=request.user,
            expected_version=payload.version or conversation.version,
        )
    )
    return _conversation(request, pk)


@router.post(
    "/conversations/{pk}/cancel/",
    response={200: ConversationOut, **ACTION_ERRORS},
    url_name="conversations_cancel",
    operation_id="conversations_cancel",
    tags=["gesprekken"],
    summary="Een gesprek annuleren (het blijft bewaard)",
)
def cancel_conversation(request, payload: VersionOnly, pk: int = ObjectId):
    conversation = _conversation(request, pk, "conversations.change_conversation")
    _service_errors(
        lambda: conversation_services.cancel(
            conversation,
            by=request.user,
            expected_version=payload.version or conversation.version,
        )
    )
    return _conversation(request, pk)


@router.post(
    "/conversations/{pk}/notes/",
    response={200: ConversationOut, **ACTION_ERRORS},
    url_name="conversations_notes",
    operation_id="conversations_notes",
    tags=["gesprekken"],
    summary="Het verslag van een gesprek vastleggen (een deelnemer van de organisaties)",
)
def record_notes(request, payload: NotesIn, pk: int = ObjectId):
    conversation = _conversation(request, pk, "conversations.record_notes")
    form = _valid(
        NotesForm({"notes": payload.notes, "version": str(payload.version or conversation.version)})
    )
    _service_errors(
        lambda: conversation_services.record_notes(
            conversation,
            by=request.user,
            expected_version=form.cleaned_data["version"],
            notes=form.cleaned_data["notes"],
        ),
        field="notes",
    )
    return _conversation(request, pk)


@router.post(
    "/conversations/{pk}/agreements/",
    response={201: AgreementOut, **ACTION_ERRORS},
    url_name="conversations_agreements_create",
    operation_id="conversations_agreements_create",
    tags=["gesprekken"],
    summary="Een afspraak vastleggen bij een gesprek (wie het verslag mag vastleggen)",
)
def add_agreement(request, payload: AgreementIn, pk: int = ObjectId):
    conversation = _conversation(request, pk, "conversations.record_notes")
    form = _valid(
        AgreementForm(
            {
                "text": payload.text,
                "owner": str(payload.owner),
                "due_date": payload.due_date.isoformat(),
            },
            participants=list(conversation.participants.all()),
        )
    )
    data = form.cleaned_data
    agreement = _service_errors(
        lambda: conversation_services.add_agreement(
            conversation,
            by=request.user,
            text=data["text"],
            owner=data["owner"],
            due_date=data["due_date"],
        )
    )
    return Status(201, agreement)


def _agreement(request, pk: int, perm: str) -> Agreement:
    return access.fetch(
        request, Agreement, pk, perm=perm, prepare=lambda qs: qs.select_related("conversation")
    )


@router.post(
    "/conversations/agreements/{pk}/done/",
    response={200: AgreementOut, **ACTION_ERRORS},
    url_name="conversations_agreements_done",
    operation_id="conversations_agreements_done",
    tags=["gesprekken"],
    summary="Een afspraak afvinken of weer openzetten (de eigenaar of wie hem vastlegde)",
)
def tick_agreement(request, payload: AgreementDoneIn, pk: int = ObjectId):
    agreement = _agreement(request, pk, "conversations.tick_agreement")
    return conversation_services.set_agreement_done(agreement, by=request.user, done=payload.done)


@router.delete(
    "/conversations/agreements/{pk}/",
    response={204: None, **ACTION_ERRORS},
    url_name="conversations_agreements_delete",
    operation_id="conversations_agreements_delete",
    tags=["gesprekken"],
    summary="Een afspraak verwijderen (wie hem vastlegde)",
)
def remove_agreement(request, pk: int = ObjectId):
    agreement = _agreement(request, pk, "conversations.remove_agreement")
    conversation_services.remove_agreement(agreement, by=request.user)
    return Status(204, None)


# --- Training: attendance -----------------------------------------------------------


@router.post(
    "/training-sessions/{pk}/attendance/",
    response={200: list[AttendanceOut], **ACTION_ERRORS},
    url_name="training_sessions_attendance",
    operation_id="training_sessions_attendance",
    tags=["trainingen"],
    summary="Aanwezigheid registreren bij een bijeenkomst (wie het programma beheert)",
)
def register_attendance(request, payload: AttendanceIn, pk: int = ObjectId):
    session = access.fetch(request, Session, pk, prepare=lambda qs: qs.select_related("programme"))
    access.require(request, "training.manage_programme", session.programme)
    if not session.has_started:
        raise StateConflict(str(training_services.NOT_STARTED))
    participants = [
        enrolment.user
        for enrolment in session.programme.enrolments.filter(status=Enrolment.Status.ENROLLED)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    ]
    enrolled = {person.pk for person in participants}
    strangers = [
        {"field": f"attendances.{i}.user", "message": str(NOT_ENROLLED)}
        for i, mark in enumerate(payload.attendances)
        if mark.user not in enrolled
    ]
    if strangers:
        raise Invalid(strangers)
    current = dict(session.attendances.values_list("user_id", "status"))
    sent = {mark.user: str(mark.status.value) for mark in payload.attendances}
    # The page's form: a choice for every participant (the ones not sent keep theirs).
    data = {f"p{pk}": current.get(pk, Attendance.Status.PRESENT) for pk in enrolled}
    data.update({f"p{pk}": status for pk, status in sent.items()})
    data["version"] = str(payload.version or session.version)
    form = _valid(
        AttendanceForm(data, participants=participants, current=current, version=session.version)
    )
    statuses = {pk: status for pk, status in form.statuses().items() if pk in sent}
    _service_errors(
        lambda: training_services.register_attendance(
            session, request.user, statuses, form.cleaned_data["version"]
        )
    )
    return list(session.attendances.order_by("user__last_name", "user__first_name", "pk"))


# --- Feedback: read ------------------------------------------------------------------


class EmptyIn(Input):
    """No fields (``{}``): an action that needs nothing but the object."""


@router.post(
    "/feedback/{pk}/read/",
    response={200: FeedbackOut, **ACTION_ERRORS},
    url_name="feedback_mark_read",
    operation_id="feedback_mark_read",
    tags=["feedback"],
    summary="Feedback die je kreeg als gelezen markeren (student; de eerste keer telt)",
)
def mark_feedback_read(request, payload: EmptyIn, pk: int = ObjectId):
    item = access.fetch(request, Feedback, pk, perm="feedback.respond_to_feedback")
    feedback_services.mark_feedback_read(item, by=request.user)
    return Feedback.objects.get(pk=item.pk)


# --- Training: programmes, sessions, invitations, enrolments, team trainings ---------


def _moment(value: datetime.datetime | None, field: str) -> datetime.datetime | None:
    """A timestamp as the forms get it: aware (without an offset: Leerroute's own
    time zone), in UTC; one that does not fit a timestamp in UTC is a 422."""
    if value is None:
        return None
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    try:
        return value.astimezone(datetime.UTC)
    except OverflowError:
        raise Invalid([{"field": field, "message": str(BAD_MOMENT)}]) from None


def _programme_out(pk: int) -> Programme:
    """The programme as it is now (the person changed it, so they may read it back,
    even when they took themselves off its trainers)."""
    return Programme.objects.prefetch_related("trainers", "invited_organisations").get(pk=pk)


def _managed_programme(request, pk: int) -> Programme:
    return access.fetch(request, Programme, pk, perm="training.manage_programme")


@router.post(
    "/training-programmes/",
    response={201: ProgrammeOut, **ACTION_ERRORS},
    url_name="training_programmes_create",
    operation_id="training_programmes_create",
    tags=["trainingen"],
    summary="Een trainingsprogramma aanmaken (trainer, praktijkopleider)",
)
def create_programme(request, payload: ProgrammeIn):
    access.require(request, "training.add_programme")
    form = _valid(
        ProgrammeForm(
            {
                "title": payload.title,
                "goal": payload.goal,
                "audience": payload.audience,
                "organisation": str(payload.organisation),
                "trainers": _ids(payload.trainers),
                "invited_organisations": _ids(payload.invited_organisations),
            },
            user=request.user,
        )
    )
    programme = training_services.create_programme(request.user, form.cleaned_data)
    return Status(201, _programme_out(programme.pk))


@router.patch(
    "/training-programmes/{pk}/",
    response={200: ProgrammeOut, **ACTION_ERRORS},
    url_name="training_programmes_update",
    operation_id="training_programmes_update",
    tags=["trainingen"],
    summary="Een programma wijzigen (wie het beheert): titel, doel, doelgroep, trainers, "
    "uitgenodigde organisaties",
)
def update_programme(request, payload: ProgrammePatch, pk: int = ObjectId):
    programme = _managed_programme(request, pk)
    sent = payload.dict(exclude_unset=True)
    if programme.is_team_training and sent.get("invited_organisations") is not None:
        raise Invalid([{"field": "invited_organisations", "message": str(TEAM_TRAINING_INVITES)}])
    # Not sent: what the edit page offers again (people or organisations the person
    # may no longer choose have no box there, and saving the page drops them).
    trainers = _given(
        sent,
        "trainers",
        training_queries.trainer_candidates(request.user)
        .filter(pk__in=programme.trainers.values("pk"))
        .values_list("pk", flat=True),
    )
    invited = _given(
        sent,
        "invited_organisations",
        ProgrammeForm._invitable(request.user)
        .filter(pk__in=programme.invited_organisations.values("pk"))
        .values_list("pk", flat=True),
    )
    form = _valid(
        ProgrammeForm(
            {
                "title": _given(sent, "title", programme.title),
                "goal": _given(sent, "goal", programme.goal),
                "audience": _given(sent, "audience", programme.audience),
                "trainers": _ids(trainers),
                "invited_organisations": _ids(invited),
                "version": str(payload.version or programme.version),
            },
            instance=programme,
            user=request.user,
        )
    )
    _service_errors(
        lambda: training_services.update_programme(
            programme, form.cleaned_data, form.cleaned_data["version"], by=request.user
        )
    )
    return _programme_out(programme.pk)


def _session_form(request, data: dict, session: Session | None = None) -> SessionForm:
    return _valid(
        SessionForm(
            {
                **data,
                "starts_at": _moment(data["starts_at"], "starts_at"),
                "ends_at": _moment(data["ends_at"], "ends_at"),
                "materials": _ids(data["materials"]),
            },
            instance=session,
            user=request.user,
        )
    )


def _session_out(pk: int) -> Session:
    return Session.objects.select_related("programme").get(pk=pk)


@router.post(
    "/training-programmes/{pk}/sessions/",
    response={201: SessionOut, **ACTION_ERRORS},
    url_name="training_programmes_sessions_create",
    operation_id="training_programmes_sessions_create",
    tags=["trainingen"],
    summary="Een bijeenkomst toevoegen aan een programma (wie het beheert)",
)
def create_session(request, payload: SessionIn, pk: int = ObjectId):
    programme = _managed_programme(request, pk)
    form = _session_form(request, payload.dict())
    session = training_services.save_session(programme, form.cleaned_data, by=request.user)
    return Status(201, _session_out(session.pk))


@router.patch(
    "/training-sessions/{pk}/",
    response={200: SessionOut, **ACTION_ERRORS},
    url_name="training_sessions_update",
    operation_id="training_sessions_update",
    tags=["trainingen"],
    summary="Een bijeenkomst wijzigen (wie het programma beheert)",
)
def update_session(request, payload: SessionPatch, pk: int = ObjectId):
    session = access.fetch(request, Session, pk, prepare=lambda qs: qs.select_related("programme"))
    access.require(request, "training.manage_programme", session.programme)
    sent = payload.dict(exclude_unset=True)
    form = _session_form(
        request,
        {
            "topic": _given(sent, "topic", session.topic),
            "starts_at": _given(sent, "starts_at", session.starts_at),
            "ends_at": _given(sent, "ends_at", session.ends_at),
            "place": _given(sent, "place", session.place),
            "online_url": _given(sent, "online_url", session.online_url),
            "materials": _given(sent, "materials", session.materials.values_list("pk", flat=True)),
            "version": str(payload.version or session.version),
        },
        session,
    )
    _service_errors(
        lambda: training_services.save_session(
            session.programme,
            form.cleaned_data,
            session,
            form.cleaned_data["version"],
            by=request.user,
        )
    )
    return _session_out(session.pk)


@router.post(
    "/training-programmes/{pk}/invitations/",
    response={200: InvitationResultOut, **ACTION_ERRORS},
    url_name="training_programmes_invite",
    operation_id="training_programmes_invite",
    tags=["trainingen"],
    summary="Iedereen met een rol in een uitgenodigde organisatie uitnodigen of meteen "
    "inschrijven (wie het programma beheert)",
)
def invite(request, payload: InvitationIn, pk: int = ObjectId):
    programme = _managed_programme(request, pk)
    form = _valid(
        InviteForm(
            {
                "role": payload.role,
                "organisation": str(payload.organisation),
                "enrol": payload.enrol,
            },
            user=request.user,
            programme=programme,
        )
    )
    invited, enrolled = form.invite(by=request.user)
    return {"invited": invited, "enrolled": enrolled}


@router.post(
    "/training-programmes/{pk}/sign-up/",
    response={200: EnrolmentOut, **ACTION_ERRORS},
    url_name="training_programmes_sign_up",
    operation_id="training_programmes_sign_up",
    tags=["trainingen"],
    summary="Je aanmelden voor een programma waarvoor je bent uitgenodigd",
)
def sign_up(request, payload: EmptyIn, pk: int = ObjectId):
    programme = access.fetch(request, Programme, pk, perm="training.sign_up")
    training_services.sign_up(programme, request.user)
    return Enrolment.objects.get(programme=programme, user=request.user)


@router.post(
    "/training-programmes/{pk}/enrolments/",
    response={200: EnrolmentOut, **ACTION_ERRORS},
    url_name="training_programmes_enrol",
    operation_id="training_programmes_enrol",
    tags=["trainingen"],
    summary="Een uitgenodigde persoon inschrijven (wie het programma beheert)",
)
def enrol(request, payload: EnrolIn, pk: int = ObjectId):
    programme = _managed_programme(request, pk)
    if not training_services.enrol(programme, payload.user, by=request.user):
        raise Invalid([{"field": "user", "message": str(NOT_INVITED)}])
    return Enrolment.objects.get(programme=programme, user_id=payload.user)


@router.post(
    "/team-trainings/",
    response={201: ProgrammeOut, **ACTION_ERRORS},
    url_name="team_trainings_create",
    operation_id="team_trainings_create",
    tags=["trainingen"],
    summary="Een teamtraining van de cascade plannen voor een team (praktijkopleider)",
)
def plan_team_training(request, payload: TeamTrainingIn):
    access.require(request, "training.plan_team_training")
    form = _valid(
        TeamTrainingForm(
            {
                "team": str(payload.team),
                "base": str(payload.base),
                "first_start": _moment(payload.first_start, "first_start"),
                "interval_weeks": str(payload.interval_weeks),
                "place": payload.place,
            },
            user=request.user,
        )
    )
    try:
        training = training_services.plan_team_training(request.user, **form.cleaned_data)
    except OverflowError:  # the later sessions would fall after the year 9999
        raise Invalid([{"field": "first_start", "message": str(TOO_LATE)}]) from None
    return Status(201, _programme_out(training.pk))


__all__ = ["Invalid", "PermissionDenied", "StateConflict", "router"]
