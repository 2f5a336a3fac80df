"""Downloads of the lists a person sees, as CSV or XLSX, and the progress report.

Each export asks the same scope functions (``queries.py`` of the app, through
the access door) and applies the same filters as its page, so a download holds
exactly the rows the page would show over all its pages. Reads of student
data are logged like the pages (``access.log_reads``).
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch, Q
from django.http import HttpResponse

from leerroute.core import access, inputs
from leerroute.feedback import queries as feedback_queries
from leerroute.feedback.models import ReviewEntry
from leerroute.learning import queries as learning_queries
from leerroute.learning.models import Status
from leerroute.people import queries as people
from leerroute.people.models import Enrollment, Placement, Role, User
from leerroute.training import queries as training_queries
from leerroute.training.cascade import coverage
from leerroute.training.models import Enrolment, Programme

from . import report
from .tabular import Column, respond

CHUNK = 2000


def _rows(queryset):
    return queryset.iterator(chunk_size=CHUNK)


def _full_name(user) -> str:
    return user.get_full_name() if user else ""


def _student_filter(request, queryset):
    """``?student=ID``: one student's rows (404 outside the person's scope)."""
    pk = inputs.get_id(request.GET, "student")
    if pk is None:
        return queryset, None
    student = access.fetch(request, User, pk)
    return queryset.filter(student=student), student


def _log_students(request, queryset, field="student_id") -> None:
    access.log_reads(request, queryset.order_by().values_list(field, flat=True).distinct())


# --- students -------------------------------------------------------------------------


@login_required
def students(request, fmt):
    queryset = people.students_visible_to(request.user)
    term = inputs.clean_text(request.GET.get("q"), 100).strip()
    if term:
        queryset = queryset.filter(Q(first_name__icontains=term) | Q(last_name__icontains=term))
    _log_students(request, queryset, "pk")
    queryset = queryset.order_by("last_name", "first_name", "pk").prefetch_related(
        Prefetch(
            "placements",
            queryset=Placement.objects.active().select_related("team__department__organisation"),
            to_attr="current_placements",
        ),
        Prefetch(
            "enrollments",
            queryset=Enrollment.objects.active().select_related("cohort", "qualification"),
            to_attr="current_enrollments",
        ),
    )

    def placement(s):
        return s.current_placements[0] if s.current_placements else None

    def enrollment(s):
        return s.current_enrollments[0] if s.current_enrollments else None

    columns = [
        Column("Achternaam", lambda s: s.last_name),
        Column("Voornaam", lambda s: s.first_name),
        Column("Gebruikersnaam", lambda s: s.username),
        Column("Klas", lambda s: enrollment(s) and enrollment(s).cohort.name),
        Column("Kwalificatie", lambda s: enrollment(s) and enrollment(s).qualification.title),
        Column(
            "Organisatie BPV",
            lambda s: placement(s) and placement(s).team.department.organisation.name,
        ),
        Column("Afdeling", lambda s: placement(s) and placement(s).team.department.name),
        Column("Team", lambda s: placement(s) and placement(s).team.name),
        Column("BPV begindatum", lambda s: placement(s) and placement(s).start_date),
        Column("BPV einddatum", lambda s: placement(s) and placement(s).end_date),
    ]
    return respond(fmt, "studenten", "Studenten", columns, _rows(queryset))


# --- learning questions ---------------------------------------------------------------


@login_required
def learning_questions(request, fmt):
    user = request.user
    if people.has_role(user, Role.STUDENT):
        queryset = learning_queries.own_learning_questions(user)
    else:
        access.require(request, "learning.see_overview")
        queryset = learning_queries.learning_questions_visible_to(user)
        status = request.GET.get("status", "")
        if status in Status.values:
            queryset = queryset.filter(status=status)
    _log_students(request, queryset)
    queryset = (
        queryset.with_people()
        .prefetch_related("work_processes")
        .order_by("student__last_name", "student__first_name", "-updated_at", "pk")
    )
    columns = [
        Column("Student", lambda q: _full_name(q.student)),
        Column("Status", lambda q: q.get_status_display()),
        Column("Leervraag", lambda q: q.question),
        Column("Werkprocessen", lambda q: ", ".join(wp.code for wp in q.work_processes.all())),
        Column("Stappen", lambda q: q.steps),
        Column("Gevraagde ondersteuning", lambda q: q.support_requested),
        Column("Streefdatum", lambda q: q.target_date),
        Column("Team", lambda q: q.placement.team.name if q.placement else ""),
        Column("Aangemaakt", lambda q: q.created_at),
        Column("Bijgewerkt", lambda q: q.updated_at),
    ]
    return respond(fmt, "leervragen", "Leervragen", columns, _rows(queryset))


# --- feedback and reviews -------------------------------------------------------------


@login_required
def feedback(request, fmt):
    queryset, _student = _student_filter(
        request, feedback_queries.feedback_visible_to(request.user)
    )
    _log_students(request, queryset)
    queryset = queryset.with_links().order_by(
        "student__last_name", "student__first_name", "-created_at", "pk"
    )
    columns = [
        Column("Student", lambda f: _full_name(f.student)),
        Column("Gegeven op", lambda f: f.created_at),
        Column("Gegeven door", lambda f: _full_name(f.author)),
        Column("Werkproces", lambda f: f.work_process.code if f.work_process else ""),
        Column("Leervraag", lambda f: f.learning_question.question if f.learning_question else ""),
        Column("Observeren", lambda f: f.observe),
        Column("Effect", lambda f: f.effect),
        Column("Pauzeren", lambda f: f.pause),
        Column("Suggesties", lambda f: f.suggestions),
        Column("Welzijn cliënt in het geding", lambda f: f.client_wellbeing),
        Column("Reactie student", lambda f: f.student_response),
        Column("Gelezen op", lambda f: f.read_at),
    ]
    return respond(fmt, "feedback", "Feedback", columns, _rows(queryset))


@login_required
def reviews(request, fmt):
    visible, _student = _student_filter(request, feedback_queries.reviews_visible_to(request.user))
    _log_students(request, visible)
    entries = (
        ReviewEntry.objects.filter(review__in=visible)
        .select_related("review__student", "review__author", "work_process")
        .order_by(
            "review__student__last_name",
            "review__student__first_name",
            "-review__review_date",
            "work_process__code",
            "pk",
        )
    )
    columns = [
        Column("Student", lambda e: _full_name(e.review.student)),
        Column("Datum beoordeling", lambda e: e.review.review_date),
        Column("Studentbegeleider", lambda e: _full_name(e.review.author)),
        Column("Status", lambda e: e.review.get_status_display()),
        Column("Werkproces", lambda e: e.work_process.code),
        Column("Titel werkproces", lambda e: e.work_process.title),
        Column("Niveau", lambda e: e.get_level_display()),
        Column("Toelichting", lambda e: e.note),
        Column("Onderbouwing", lambda e: e.review.summary),
    ]
    return respond(fmt, "voortgangsbeoordelingen", "Beoordelingen", columns, _rows(entries))


# --- training -------------------------------------------------------------------------


@login_required
def attendance(request, pk, fmt):
    """Attendance of a programme's sessions: who may register it (the attendance page)."""
    programme = access.fetch(request, Programme, pk, perm="training.manage_programme")
    sessions = list(programme.sessions.order_by("starts_at", "pk"))
    participants = list(
        programme.enrolments.filter(status=Enrolment.Status.ENROLLED)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "pk")
    )
    from leerroute.training.models import Attendance

    statuses = {
        (a.session_id, a.user_id): a.get_status_display()
        for a in Attendance.objects.filter(session__in=sessions)
    }
    rows = [(s, e.user) for s in sessions for e in participants]
    columns = [
        Column("Bijeenkomst", lambda r: r[0].topic),
        Column("Begint om", lambda r: r[0].starts_at),
        Column("Deelnemer", lambda r: _full_name(r[1])),
        Column("Aanwezigheid", lambda r: statuses.get((r[0].pk, r[1].pk), "niet geregistreerd")),
    ]
    return respond(fmt, "aanwezigheid", "Aanwezigheid", columns, rows)


@login_required
def cascade_coverage(request, fmt):
    """The coverage dashboard as a table: one row per team, with department and pilot."""
    access.require(request, "training.view_coverage")
    result = coverage(training_queries.coverage_organisations_for(request.user), with_history=False)
    rows = [
        (org.organisation, dept.department, team)
        for org in result
        for dept in org.departments
        for team in dept.teams
    ]
    columns = [
        Column("Organisatie", lambda r: r[0].name),
        Column("Afdeling", lambda r: r[1].name),
        Column("Pilotafdeling", lambda r: r[1].is_pilot),
        Column("Team", lambda r: r[2].team.name),
        Column("Getraind", lambda r: r[2].counts.trained),
        Column("In training", lambda r: r[2].counts.in_training),
        Column("Nog niet gestart", lambda r: r[2].counts.not_started),
        Column("Medewerkers", lambda r: r[2].counts.total),
        Column("Percentage getraind", lambda r: r[2].counts.percent_trained),
    ]
    return respond(fmt, "dekking-cascade", "Dekking", columns, rows)


# --- the progress report (PDF) --------------------------------------------------------


@login_required
def progress_report(request, pk):
    """The student's progress report: whoever may open the student's progress page."""
    student = access.fetch(request, User, pk)
    pdf = report.build(student, request.user)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="voortgangsverslag-{student.pk}.pdf"'
    return response


__all__ = [
    "attendance",
    "cascade_coverage",
    "feedback",
    "learning_questions",
    "progress_report",
    "reviews",
    "students",
]
