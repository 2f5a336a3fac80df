"""What the API sends and accepts: typed schemas (pydantic, through django-ninja).

Related rows are given by id (``student``, ``team``, ...); lists of related ids
come from prefetched rows (``Resource.prepare``), never from a query per row.
Text that comes in may not contain a NUL character (PostgreSQL refuses it).
"""

import datetime
from typing import Annotated, Literal

from django.utils.translation import gettext_lazy
from ninja import Field, Schema
from pydantic import AfterValidator, ConfigDict

from leerroute.conversations.models import (
    AGENDA_ITEM_MAX,
    AGENDA_MAX_ITEMS,
    AGREEMENT_MAX,
    NOTES_MAX,
    PLACE_MAX,
)
from leerroute.core.inputs import BIGINT_MAX
from leerroute.feedback.models import OEPS_MAX_LENGTH, ProgressLevel
from leerroute.learning.models import (
    MESSAGE_MAX,
    QUESTION_MAX,
    REFLECTION_MAX,
    STEPS_MAX,
    SUPPORT_MAX,
)
from leerroute.school.models import PRACTICE_MAX, TOPICS_MAX
from leerroute.training.models import Attendance, Programme, Session

NUL_MESSAGE = gettext_lazy("De tekst bevat een onzichtbaar nul-teken. Haal het weg.")


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError(str(NUL_MESSAGE))
    return value


def text(max_length: int, default=""):
    """A text field of at most ``max_length`` characters, without NUL."""
    return Annotated[str, AfterValidator(_no_nul), Field(default, max_length=max_length)]


IdIn = Annotated[int, Field(ge=1, le=BIGINT_MAX)]
OptionalIdIn = Annotated[int | None, Field(None, ge=1, le=BIGINT_MAX)]
VersionIn = Annotated[
    int | None,
    Field(None, ge=1, le=2_147_483_647, description="De versie die je las (optimistic locking)."),
]


class FieldError(Schema):
    field: str | None = Field(None, description="Het veld dat niet klopt (null: het geheel).")
    message: str


class Problem(Schema):
    """A problem-details document (RFC 9457) with a Dutch message."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    errors: list[FieldError] = []


# --- Organisations and people ---------------------------------------------------


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str = Field(..., description="school of care (zorgorganisatie).")
    updated_at: datetime.datetime


class DepartmentOut(Schema):
    id: int
    organisation: int = Field(..., alias="organisation_id")
    name: str
    is_pilot: bool
    updated_at: datetime.datetime


class TeamOut(Schema):
    id: int
    department: int = Field(..., alias="department_id")
    organisation: int
    name: str
    updated_at: datetime.datetime

    @staticmethod
    def resolve_organisation(obj) -> int:
        return obj.department.organisation_id


class CohortOut(Schema):
    id: int
    organisation: int = Field(..., alias="organisation_id")
    name: str
    school_year: str
    teachers: list[int]
    updated_at: datetime.datetime

    @staticmethod
    def resolve_teachers(obj) -> list[int]:
        return [teacher.pk for teacher in obj.teachers.all()]


class RoleOut(Schema):
    id: int
    role: str
    organisation: int = Field(..., alias="organisation_id")
    department: int | None = Field(None, alias="department_id")
    team: int | None = Field(None, alias="team_id")
    start_date: datetime.date
    end_date: datetime.date | None = None


class PersonOut(Schema):
    id: int
    username: str
    first_name: str
    last_name: str
    roles: list[RoleOut] = Field(..., description="Alle rollen, ook beëindigde (zie de data).")
    updated_at: datetime.datetime

    @staticmethod
    def resolve_roles(obj) -> list:
        return list(obj.role_assignments.all())


class PlacementOut(Schema):
    id: int
    student: int = Field(..., alias="student_id")
    team: int = Field(..., alias="team_id")
    start_date: datetime.date
    end_date: datetime.date | None = None
    mentors: list[int]
    assessor: int | None = Field(None, alias="assessor_id")
    updated_at: datetime.datetime

    @staticmethod
    def resolve_mentors(obj) -> list[int]:
        return [mentor.pk for mentor in obj.mentors.all()]


# --- Qualifications -------------------------------------------------------------


class WorkProcessOut(Schema):
    id: int
    code: str
    title: str
    core_task: str = Field(..., description="Code van de kerntaak, bijv. B1-K1.")
    updated_at: datetime.datetime

    @staticmethod
    def resolve_core_task(obj) -> str:
        return obj.core_task.code


class QualificationOut(Schema):
    id: int
    title: str
    crebo: str
    level: int = Field(..., alias="level_id")
    profile_code: str
    file: int = Field(..., alias="file_id")
    work_processes: list[WorkProcessOut]
    updated_at: datetime.datetime

    @staticmethod
    def resolve_work_processes(obj) -> list:
        return sorted(obj.work_processes.all(), key=lambda wp: wp.code)


# --- Learning questions, feedback, progress reviews -----------------------------


class LearningQuestionOut(Schema):
    id: int
    student: int = Field(..., alias="student_id")
    placement: int = Field(..., alias="placement_id")
    qualification: int = Field(..., alias="qualification_id")
    status: str
    question: str
    work_processes: list[int]
    steps: str
    support_requested: str
    mentor_support: str
    target_date: datetime.date | None = None
    reflection: str
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_work_processes(obj) -> list[int]:
        return sorted(wp.pk for wp in obj.work_processes.all())


class FeedbackOut(Schema):
    id: int
    student: int = Field(..., alias="student_id")
    author: int | None = Field(None, alias="author_id")
    placement: int | None = Field(None, alias="placement_id")
    work_process: int | None = Field(None, alias="work_process_id")
    learning_question: int | None = Field(None, alias="learning_question_id")
    observe: str
    effect: str
    pause: str
    suggestions: str
    client_wellbeing: bool
    student_response: str
    responded_at: datetime.datetime | None = None
    read_at: datetime.datetime | None = None
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime


class ReviewEntryOut(Schema):
    work_process: int = Field(..., alias="work_process_id")
    level: str
    note: str


class ProgressReviewOut(Schema):
    id: int
    student: int = Field(..., alias="student_id")
    qualification: int = Field(..., alias="qualification_id")
    placement: int | None = Field(None, alias="placement_id")
    author: int | None = Field(None, alias="author_id")
    review_date: datetime.date
    summary: str
    status: str
    published_at: datetime.datetime | None = None
    entries: list[ReviewEntryOut]
    cited_feedback: list[int]
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_entries(obj) -> list:
        return list(obj.entries.all())

    @staticmethod
    def resolve_cited_feedback(obj) -> list[int]:
        return sorted(item.pk for item in obj.cited_feedback.all())


# --- Training -------------------------------------------------------------------


class ProgrammeOut(Schema):
    id: int
    kind: str = Field(..., description="programme (trainingsprogramma) of team (teamtraining).")
    title: str
    goal: str
    audience: str
    organisation: int = Field(..., alias="organisation_id")
    team: int | None = Field(None, alias="team_id")
    based_on: int | None = Field(None, alias="based_on_id")
    trainers: list[int]
    invited_organisations: list[int]
    created_at: datetime.datetime
    version: int
    updated_at: datetime.datetime

    @staticmethod
    def resolve_trainers(obj) -> list[int]:
        return sorted(person.pk for person in obj.trainers.all())

    @staticmethod
    def resolve_invited_organisations(obj) -> list[int]:
        return sorted(organisation.pk for organisation in obj.invited_organisations.all())


class EnrolmentOut(Schema):
    id: int
    programme: int = Field(..., alias="programme_id")
    user: int = Field(..., alias="user_id")
    status: str = Field(..., description="invited (uitgenodigd) of enrolled (ingeschreven).")
    invited_as: str
    invited_at: datetime.datetime
    enrolled_at: datetime.datetime | None = None
    updated_at: datetime.datetime


class InvitationResultOut(Schema):
    invited: int = Field(..., description="Nieuw op de lijst gezet.")
    enrolled: int = Field(..., description="Nieuw ingeschreven.")


class SessionOut(Schema):
    id: int
    programme: int = Field(..., alias="programme_id")
    programme_title: str
    topic: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    online_url: str
    version: int
    updated_at: datetime.datetime

    @staticmethod
    def resolve_programme_title(obj) -> str:
        return obj.programme.title


class AttendanceOut(Schema):
    id: int
    session: int = Field(..., alias="session_id")
    user: int = Field(..., alias="user_id")
    status: str
    updated_at: datetime.datetime


class WeeklyUpdateOut(Schema):
    id: int
    cohort: int = Field(..., alias="cohort_id")
    year: int
    week: int
    topics: str
    practice: str
    work_processes: list[int]
    status: str
    author: int | None = Field(None, alias="author_id")
    version: int
    created_at: datetime.datetime
    updated_at: datetime.datetime

    @staticmethod
    def resolve_work_processes(obj) -> list[int]:
        return sorted(wp.pk for wp in obj.work_processes.all())


class ParticipantOut(Schema):
    user: int = Field(..., alias="user_id")
    role: str


class AgreementOut(Schema):
    id: int
    text: str
    owner: int | None = Field(None, alias="owner_id")
    due_date: datetime.date
    done_at: datetime.datetime | None = None


class ConversationOut(Schema):
    id: int
    student: int = Field(..., alias="student_id")
    date: datetime.date
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    place: str
    status: str
    agenda: list[str]
    notes: str
    participants: list[ParticipantOut]
    agreements: list[AgreementOut]
    version: int
    updated_at: datetime.datetime

    @staticmethod
    def resolve_participants(obj) -> list:
        return list(obj.participants.all())

    @staticmethod
    def resolve_agreements(obj) -> list:
        return list(obj.agreements.all())


# --- What comes in: changes through the API (actions.py) --------------------------
#
# A PATCH sends only the fields that change; the others keep their value. Every
# change may carry the ``version`` that was read: a stale one is a 409, none means
# "the current version".

REVIEW_SUMMARY_MAX = 4000  # feedback.forms.ReviewForm
REVIEW_NOTE_MAX = 1000
ID_LIST_MAX = 500  # more ids than any qualification, route or programme has

IdList = Annotated[list[IdIn], Field(max_length=ID_LIST_MAX)]


class Input(Schema):
    """What a change sends: a field we do not know is refused (422), never ignored,
    so a misspelt field or an id the pages never take (``student`` of a question)
    does not pass silently."""

    model_config = ConfigDict(extra="forbid")


class LearningQuestionPatch(Input):
    """A draft, or a question the mentor asked to clarify (as on the edit page)."""

    question: text(QUESTION_MAX, None)  # type: ignore[valid-type]
    work_processes: IdList = None  # type: ignore[assignment]
    steps: text(STEPS_MAX, None)  # type: ignore[valid-type]
    support_requested: text(SUPPORT_MAX, None)  # type: ignore[valid-type]
    target_date: datetime.date | None = None
    version: VersionIn = None


class ResubmitIn(Input):
    answer: text(MESSAGE_MAX)  # type: ignore[valid-type]
    version: VersionIn = None


class CompleteIn(Input):
    reflection: text(REFLECTION_MAX, ...)  # type: ignore[valid-type]
    version: VersionIn = None


class FeedbackPatch(Input):
    observe: text(OEPS_MAX_LENGTH, None)  # type: ignore[valid-type]
    effect: text(OEPS_MAX_LENGTH, None)  # type: ignore[valid-type]
    pause: text(OEPS_MAX_LENGTH, None)  # type: ignore[valid-type]
    suggestions: text(OEPS_MAX_LENGTH, None)  # type: ignore[valid-type]
    client_wellbeing: bool | None = None
    work_process: OptionalIdIn = None
    learning_question: OptionalIdIn = None
    version: VersionIn = None


class ReviewLevelIn(Input):
    work_process: IdIn
    level: ProgressLevel
    note: text(REVIEW_NOTE_MAX)  # type: ignore[valid-type]


class ProgressReviewIn(Input):
    student: IdIn
    review_date: datetime.date
    summary: text(REVIEW_SUMMARY_MAX, ...)  # type: ignore[valid-type]
    levels: Annotated[list[ReviewLevelIn], Field(max_length=ID_LIST_MAX)] = Field(
        [],
        description="Een niveau per werkproces; een werkproces dat ontbreekt staat op "
        "‘nog niet gezien’.",
    )
    cited_feedback: IdList = []
    publish: bool = Field(False, description="Meteen publiceren voor de student.")


class ProgressReviewPatch(Input):
    review_date: datetime.date | None = None
    summary: text(REVIEW_SUMMARY_MAX, None)  # type: ignore[valid-type]
    levels: Annotated[list[ReviewLevelIn], Field(max_length=ID_LIST_MAX)] | None = Field(
        None, description="Alleen de werkprocessen die veranderen; de andere blijven staan."
    )
    cited_feedback: IdList = None  # type: ignore[assignment]
    publish: bool = Field(False, description="Meteen publiceren voor de student.")
    version: VersionIn = None


class WeeklyUpdateIn(Input):
    cohort: IdIn
    week: str = Field(
        ..., max_length=10, description="ISO-week, bijv. 2026-W49 (deze week of later)."
    )
    topics: text(TOPICS_MAX, ...)  # type: ignore[valid-type]
    practice: text(PRACTICE_MAX)  # type: ignore[valid-type]
    work_processes: IdList = []
    publish: bool = Field(False, description="Meteen publiceren.")


class WeeklyUpdatePatch(Input):
    topics: text(TOPICS_MAX, None)  # type: ignore[valid-type]
    practice: text(PRACTICE_MAX, None)  # type: ignore[valid-type]
    work_processes: IdList = None  # type: ignore[assignment]
    publish: bool = Field(False, description="Meteen publiceren.")
    version: VersionIn = None


AgendaIn = Annotated[
    list[text(AGENDA_ITEM_MAX, ...)],  # type: ignore[misc]
    Field(max_length=AGENDA_MAX_ITEMS),
]


class ConversationIn(Input):
    student: IdIn
    date: datetime.date
    start: datetime.time
    end: datetime.time
    place: text(PLACE_MAX, ...)  # type: ignore[valid-type]
    participants: IdList | None = Field(
        None,
        description="Uit de route van de student. Zonder: iedereen in de route behalve de "
        "beoordelaar, zoals de pagina voorstelt.",
    )
    agenda: AgendaIn | None = Field(
        None, description="Eén punt per item. Zonder: de agenda die Leerroute voorstelt."
    )


class ConversationPatch(Input):
    date: datetime.date | None = None
    start: datetime.time | None = None
    end: datetime.time | None = None
    place: text(PLACE_MAX, None)  # type: ignore[valid-type]
    participants: IdList | None = None
    agenda: AgendaIn | None = None
    version: VersionIn = None


class NotesIn(Input):
    notes: text(NOTES_MAX)  # type: ignore[valid-type]
    version: VersionIn = None


class AgreementIn(Input):
    text: text(AGREEMENT_MAX, ...)  # type: ignore[valid-type]
    owner: IdIn
    due_date: datetime.date


class AgreementDoneIn(Input):
    done: bool = Field(..., description="true: afgevinkt; false: staat weer open.")


class AttendanceMarkIn(Input):
    user: IdIn
    status: Attendance.Status


class AttendanceIn(Input):
    attendances: Annotated[list[AttendanceMarkIn], Field(max_length=ID_LIST_MAX)] = Field(
        ...,
        description="Per ingeschreven deelnemer: aanwezig, afwezig of afgemeld. Wie ontbreekt "
        "houdt wat al geregistreerd was.",
    )
    version: VersionIn = None


PROGRAMME_TITLE_MAX = Programme._meta.get_field("title").max_length
PROGRAMME_AUDIENCE_MAX = Programme._meta.get_field("audience").max_length
PROGRAMME_GOAL_MAX = 10_000
SESSION_TOPIC_MAX = Session._meta.get_field("topic").max_length
SESSION_PLACE_MAX = Session._meta.get_field("place").max_length
SESSION_URL_MAX = Session._meta.get_field("online_url").max_length


class ProgrammeIn(Input):
    title: text(PROGRAMME_TITLE_MAX, ...)  # type: ignore[valid-type]
    goal: text(PROGRAMME_GOAL_MAX, ...)  # type: ignore[valid-type]
    audience: text(PROGRAMME_AUDIENCE_MAX, ...)  # type: ignore[valid-type]
    organisation: IdIn = Field(..., description="De organiserende organisatie (een van de jouwe).")
    trainers: IdList = Field(
        [], description="Trainers en praktijkopleiders; jij wordt zelf altijd trainer."
    )
    invited_organisations: IdList = []


class ProgrammePatch(Input):
    title: text(PROGRAMME_TITLE_MAX, None)  # type: ignore[valid-type]
    goal: text(PROGRAMME_GOAL_MAX, None)  # type: ignore[valid-type]
    audience: text(PROGRAMME_AUDIENCE_MAX, None)  # type: ignore[valid-type]
    trainers: IdList | None = Field(None, description="De hele lijst trainers.")
    invited_organisations: IdList | None = Field(
        None, description="De hele lijst; niet bij een teamtraining."
    )
    version: VersionIn = None


Moment = Annotated[
    datetime.datetime,
    Field(description="ISO 8601; zonder offset: de tijd van Leerroute (Europe/Amsterdam)."),
]


class SessionIn(Input):
    topic: text(SESSION_TOPIC_MAX, ...)  # type: ignore[valid-type]
    starts_at: Moment
    ends_at: Moment
    place: text(SESSION_PLACE_MAX)  # type: ignore[valid-type]
    online_url: text(SESSION_URL_MAX)  # type: ignore[valid-type]
    materials: IdList = []


class SessionPatch(Input):
    topic: text(SESSION_TOPIC_MAX, None)  # type: ignore[valid-type]
    starts_at: Moment | None = None
    ends_at: Moment | None = None
    place: text(SESSION_PLACE_MAX, None)  # type: ignore[valid-type]
    online_url: text(SESSION_URL_MAX, None)  # type: ignore[valid-type]
    materials: IdList | None = None
    version: VersionIn = None


class InvitationIn(Input):
    role: str = Field(
        ...,
        max_length=20,
        description="PRACTICE_EDUCATOR, TEACHER, MENTOR, ASSESSOR of TRAINER (zoals op de pagina).",
    )
    organisation: IdIn = Field(..., description="Een van de uitgenodigde organisaties.")
    enrol: bool = Field(False, description="Meteen inschrijven (anders: uitgenodigd).")


class EnrolIn(Input):
    user: IdIn = Field(..., description="Een uitgenodigde persoon.")


class TeamTrainingIn(Input):
    team: IdIn
    base: IdIn = Field(..., description="Het programma waarvan de bijeenkomsten komen.")
    first_start: Moment
    interval_weeks: int = Field(..., ge=1, le=12)
    place: text(200, ...)  # type: ignore[valid-type]


# --- Students, employees and placements: one row of the people import ----------------
#
# The fields are the import's columns (docs/import-formats.md) under English names;
# ``people_actions.py`` holds the mapping. Names (organisation, cohort, department,
# team) are given as in an import file, not as ids.

IMPORT_CELL_MAX = 254  # the longest a cell needs to be (an e-mail address)
IMPORT_LIST_MAX = 50
EARLIEST_DATE = datetime.date(1900, 1, 1)
LATEST_DATE = datetime.date(2999, 12, 31)


def cell(description: str, *, required: bool = False):
    """A cell of the import: text without NUL; optional ones may be left out or null
    (an empty cell)."""
    if required:
        return Annotated[
            str,
            AfterValidator(_no_nul),
            Field(..., max_length=IMPORT_CELL_MAX, description=description),
        ]
    text_cell = Annotated[str, AfterValidator(_no_nul), Field(max_length=IMPORT_CELL_MAX)]
    return Annotated[text_cell | None, Field(None, description=description)]


def date_cell(description: str, *, required: bool = False):
    return Annotated[
        datetime.date if required else datetime.date | None,
        Field(
            ... if required else None,
            ge=EARLIEST_DATE,
            le=LATEST_DATE,
            description=description,
        ),
    ]


def list_cell(description: str):
    item = Annotated[str, AfterValidator(_no_nul), Field(max_length=IMPORT_CELL_MAX)]
    return Annotated[list[item], Field([], max_length=IMPORT_LIST_MAX, description=description)]


DryRun = Annotated[
    bool,
    Field(
        False,
        description="true: alleen zeggen wat er zou gebeuren (het verslag van de import); "
        "er verandert niets.",
    ),
]


# Cells shared by the kinds (aliases keep the classes below readable; the cells are
# Annotated types made by ``cell``, so a type checker needs them ignored, as ``text``).
Username = cell("Kolom ‘gebruikersnaam’: de gebruikersnaam in Leerroute.", required=True)
FirstName = cell("Kolom ‘voornaam’.", required=True)
LastName = cell("Kolom ‘achternaam’.", required=True)
Email = cell("Kolom ‘email’; leeg: het bekende adres blijft.")
CareOrganisation = cell("Kolom ‘organisatie’: de naam van de zorgorganisatie.", required=True)


class StudentIn(Input):
    """One row of the school's import (kind ``studenten``)."""

    student_number: cell("Kolom ‘studentnummer’: het nummer bij de school.", required=True)
    username: Username
    first_name: FirstName
    last_name: LastName
    email: Email
    organisation: cell("Kolom ‘organisatie’: de naam van de school.", required=True)
    cohort: cell("Kolom ‘klas’: de naam van de klas, bijv. VIG-3A.", required=True)
    school_year: cell("Kolom ‘schooljaar’, bijv. 2026-2027; leeg: het huidige.")
    crebo: cell("Kolom ‘crebo’ van de kwalificatie (of `qualification`).")
    qualification: cell("Kolom ‘kwalificatie’: de titel, zonder crebo.")
    start_date: date_cell("Kolom ‘startdatum’ van de inschrijving; leeg: vandaag.")
    dry_run: DryRun


class EmployeeIn(Input):
    """One row of an HR file (kind ``medewerkers``)."""

    personnel_number: cell("Kolom ‘personeelsnummer’ bij de organisatie.", required=True)
    username: Username
    first_name: FirstName
    last_name: LastName
    email: Email
    organisation: CareOrganisation
    department: cell("Kolom ‘afdeling’; nodig voor alle rollen behalve praktijkopleider.")
    team: cell("Kolom ‘team’ in de afdeling; nodig voor medewerker, werkbegeleider.")
    roles: list_cell(
        "Kolom ‘rollen’: medewerker, werkbegeleider, studentbegeleider, praktijkopleider; "
        "leeg: medewerker. Rollen die hier niet meer staan, eindigen."
    )
    start_date: date_cell("Kolom ‘startdatum’ van nieuwe rollen; leeg: vandaag.")
    dry_run: DryRun


class PlacementIn(Input):
    """One row of a placements file (kind ``bpv``)."""

    student_number: cell("Kolom ‘studentnummer’ (of gebruikersnaam).", required=True)
    organisation: CareOrganisation
    department: cell("Kolom ‘afdeling’.", required=True)
    team: cell("Kolom ‘team’ in de afdeling.", required=True)
    start_date: date_cell("Kolom ‘startdatum’; met de student de sleutel.", required=True)
    end_date: date_cell("Kolom ‘einddatum’; leeg: open.")
    mentors: list_cell(
        "Kolom ‘werkbegeleiders’: personeelsnummers (of gebruikersnamen); de hele lijst."
    )
    assessor: cell("Kolom ‘studentbegeleider’: personeelsnummer (of gebruikersnaam).")
    dry_run: DryRun


class ImportRowOut(Schema):
    """What the import would do with the row (``dry_run``): nothing is written."""

    dry_run: bool = True
    outcome: Literal["created", "changed", "unchanged", "refused"] = Field(
        ..., description="created, changed, unchanged of refused."
    )
    label: str = Field(..., description="Zoals de importpagina het noemt (nieuw, gewijzigd …).")
    changes: list[str] = Field(..., description="Wat er zou veranderen.")
    errors: list[FieldError] = Field(..., description="Waarom de regel geweigerd wordt.")
