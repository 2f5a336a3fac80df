"""The resources of the API (see ``registry.py`` and README.md, "Adding a resource")."""

import datetime

from django.db.models import Prefetch
from ninja import Router

from leerroute.conversations.models import Conversation
from leerroute.feedback.models import Feedback, ProgressReview, ReviewStatus
from leerroute.learning.models import LearningQuestion, Status
from leerroute.people.models import (
    Cohort,
    Department,
    Enrollment,
    Organisation,
    Placement,
    RoleAssignment,
    Team,
    User,
    active_q,
)
from leerroute.qualifications.models import Qualification, WorkProcess
from leerroute.school.models import Status as UpdateStatus
from leerroute.school.models import WeeklyUpdate
from leerroute.training.models import Attendance, Enrolment, Programme, Session

from . import schemas
from .registry import Filter, Resource, choice, id_filter, register

router = Router()


def _active_placements(queryset, value: bool):
    return queryset.filter(active_q()) if value else queryset.exclude(active_q())


def _in_cohort(queryset, cohort_id: int):
    return queryset.filter(
        pk__in=Enrollment.objects.active().filter(cohort_id=cohort_id).values("student_id")
    )


def _placed_in_team(queryset, team_id: int):
    return queryset.filter(
        pk__in=Placement.objects.active().filter(team_id=team_id).values("student_id")
    )


RESOURCES = [
    Resource(
        path="organisations",
        name="organisations",
        model=Organisation,
        schema=schemas.OrganisationOut,
        tag="organisaties",
        filters={
            "kind": Filter(choice(Organisation.Kind), "kind", "school of care."),
        },
        changed_field="updated_at",
        order=("name",),
    ),
    Resource(
        path="departments",
        name="departments",
        model=Department,
        schema=schemas.DepartmentOut,
        tag="afdelingen",
        filters={
            "organisation": id_filter("organisation_id", "Van deze organisatie."),
            "is_pilot": Filter(bool, "is_pilot", "Alleen pilotafdelingen (true) of de rest."),
        },
        changed_field="updated_at",
        order=("organisation__name", "name"),
    ),
    Resource(
        path="teams",
        name="teams",
        model=Team,
        schema=schemas.TeamOut,
        tag="teams",
        filters={
            "department": id_filter("department_id", "Van deze afdeling."),
            "organisation": id_filter("department__organisation_id", "Van deze organisatie."),
        },
        changed_field="updated_at",
        order=("department__organisation__name", "department__name", "name"),
        prepare=lambda qs: qs.select_related("department"),
    ),
    Resource(
        path="cohorts",
        name="cohorts",
        model=Cohort,
        schema=schemas.CohortOut,
        tag="klassen",
        filters={
            "organisation": id_filter("organisation_id", "Van deze school."),
            "school_year": Filter(str, "school_year", "Schooljaar, bijv. 2026-2027."),
            "teacher": id_filter("teachers", "Met deze docent."),
        },
        changed_field="updated_at",
        order=("-school_year", "name"),
        prepare=lambda qs: qs.prefetch_related("teachers"),
    ),
    Resource(
        path="people",
        name="people",
        model=User,
        schema=schemas.PersonOut,
        tag="personen",
        filters={
            "cohort": Filter(int, description="Nu ingeschreven in deze klas.", apply=_in_cohort),
            "team": Filter(int, description="Nu geplaatst in dit team.", apply=_placed_in_team),
        },
        changed_field="updated_at",
        order=("last_name", "first_name", "username"),
        prepare=lambda qs: qs.prefetch_related(
            Prefetch(
                "role_assignments",
                queryset=RoleAssignment.objects.order_by("start_date", "pk"),
            )
        ),
        student_field="pk",
        summary_list="Personen (studenten) die je mag zien, met hun rollen",
    ),
    Resource(
        path="placements",
        name="placements",
        model=Placement,
        schema=schemas.PlacementOut,
        tag="BPV-plaatsen",
        filters={
            "student": id_filter("student_id", "Van deze student."),
            "team": id_filter("team_id", "In dit team."),
            "active": Filter(
                bool, description="Nu lopend (true) of niet.", apply=_active_placements
            ),
        },
        changed_field="updated_at",
        order=("-start_date",),
        prepare=lambda qs: qs.prefetch_related("mentors"),
        student_field="student_id",
    ),
    Resource(
        path="qualifications",
        name="qualifications",
        model=Qualification,
        schema=schemas.QualificationOut,
        tag="kwalificaties",
        filters={
            "crebo": Filter(str, "crebo", "Crebocode."),
            "level": Filter(int, "level_id", "Niveau (1–4)."),
        },
        changed_field="updated_at",
        order=("title",),
        prepare=lambda qs: qs.prefetch_related(
            Prefetch("work_processes", queryset=WorkProcess.objects.select_related("core_task"))
        ),
        summary_list="Kwalificaties met hun werkprocessen",
    ),
    Resource(
        path="learning-questions",
        name="learning_questions",
        model=LearningQuestion,
        schema=schemas.LearningQuestionOut,
        tag="leervragen",
        filters={
            "student": id_filter("student_id", "Van deze student."),
            "placement": id_filter("placement_id", "Bij deze BPV-plaats."),
            "status": Filter(choice(Status), "status", "Met deze status."),
        },
        changed_field="updated_at",
        order=("-updated_at",),
        prepare=lambda qs: qs.prefetch_related("work_processes"),
        student_field="student_id",
    ),
    Resource(
        path="feedback",
        name="feedback",
        model=Feedback,
        schema=schemas.FeedbackOut,
        tag="feedback",
        filters={
            "student": id_filter("student_id", "Aan deze student."),
            "author": id_filter("author_id", "Gegeven door deze persoon."),
            "work_process": id_filter("work_process_id", "Over dit werkproces."),
            "learning_question": id_filter("learning_question_id", "Bij deze leervraag."),
        },
        changed_field="updated_at",
        order=("-created_at",),
        student_field="student_id",
        summary_list="OEPS-feedback",
    ),
    Resource(
        path="progress-reviews",
        name="progress_reviews",
        model=ProgressReview,
        schema=schemas.ProgressReviewOut,
        tag="voortgangsbeoordelingen",
        filters={
            "student": id_filter("student_id", "Van deze student."),
            "status": Filter(choice(ReviewStatus), "status", "concept of gepubliceerd."),
        },
        changed_field="updated_at",
        order=("-review_date",),
        prepare=lambda qs: qs.prefetch_related("entries", "cited_feedback"),
        student_field="student_id",
    ),
    Resource(
        path="training-programmes",
        name="training_programmes",
        model=Programme,
        schema=schemas.ProgrammeOut,
        tag="trainingen",
        filters={
            "kind": Filter(choice(Programme.Kind), "kind", "programme of team (teamtraining)."),
            "organisation": id_filter("organisation_id", "Van deze organiserende organisatie."),
            "team": id_filter("team_id", "Teamtrainingen van dit team."),
        },
        changed_field="updated_at",
        order=("kind", "title"),
        prepare=lambda qs: qs.prefetch_related("trainers", "invited_organisations"),
        summary_list="Trainingsprogramma's en teamtrainingen die je beheert of waarvoor je "
        "bent uitgenodigd",
    ),
    Resource(
        path="training-enrolments",
        name="training_enrolments",
        model=Enrolment,
        schema=schemas.EnrolmentOut,
        tag="trainingen",
        filters={
            "programme": id_filter("programme_id", "Van dit programma."),
            "user": id_filter("user_id", "Van deze persoon."),
            "status": Filter(choice(Enrolment.Status), "status", "Uitgenodigd of ingeschreven."),
        },
        changed_field="updated_at",
        order=("programme__title", "user__last_name", "user__first_name"),
        summary_list="Uitnodigingen en inschrijvingen: van een programma dat je beheert "
        "allemaal, anders je eigen",
    ),
    Resource(
        path="training-sessions",
        name="training_sessions",
        model=Session,
        schema=schemas.SessionOut,
        tag="trainingen",
        filters={
            "programme": id_filter("programme_id", "Van dit programma."),
            "starts_after": Filter(
                datetime.datetime, "starts_at__gte", "Beginnend op of na dit tijdstip."
            ),
            "starts_before": Filter(
                datetime.datetime, "starts_at__lt", "Beginnend vóór dit tijdstip."
            ),
        },
        changed_field="updated_at",
        order=("starts_at",),
        prepare=lambda qs: qs.select_related("programme"),
        summary_list="Bijeenkomsten van trainingen",
    ),
    Resource(
        path="attendances",
        name="attendances",
        model=Attendance,
        schema=schemas.AttendanceOut,
        tag="trainingen",
        filters={
            "session": id_filter("session_id", "Van deze bijeenkomst."),
            "user": id_filter("user_id", "Van deze persoon."),
            "status": Filter(choice(Attendance.Status), "status", "Aanwezigheid."),
        },
        changed_field="updated_at",
        order=("session__starts_at", "user__last_name", "user__first_name"),
        summary_list="Aanwezigheid bij bijeenkomsten",
    ),
    Resource(
        path="weekly-updates",
        name="weekly_updates",
        model=WeeklyUpdate,
        schema=schemas.WeeklyUpdateOut,
        tag="weekupdates",
        filters={
            "cohort": id_filter("cohort_id", "Van deze klas."),
            "year": Filter(int, "year", "ISO-jaar.", maximum=9999),
            "week": Filter(int, "week", "ISO-week.", maximum=53),
            "status": Filter(choice(UpdateStatus), "status", "Concept of gepubliceerd."),
        },
        changed_field="updated_at",
        order=("-year", "-week", "cohort__name"),
        prepare=lambda qs: qs.prefetch_related("work_processes"),
        summary_list="Weekupdates van school",
    ),
    Resource(
        path="conversations",
        name="conversations",
        model=Conversation,
        schema=schemas.ConversationOut,
        tag="gesprekken",
        filters={
            "student": id_filter("student_id", "Met deze student."),
            "status": Filter(
                choice(Conversation.Status), "status", "Gepland, gehouden of geannuleerd."
            ),
        },
        changed_field="updated_at",
        order=("-starts_at",),
        prepare=lambda qs: qs.prefetch_related("participants", "agreements"),
        student_field="student_id",
        summary_list="Gesprekken (driegesprek, viergesprek)",
    ),
]

for _resource in RESOURCES:
    register(router, _resource)
