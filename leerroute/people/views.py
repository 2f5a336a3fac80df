from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.shortcuts import render

from leerroute.core import access, inputs
from leerroute.core.kept_pages import kept_page
from leerroute.core.pages import COUNT_UP_TO, filters_query, paginate

from . import queries
from .forms import AccessLogFilterForm
from .models import (
    AccessLog,
    Department,
    Enrollment,
    Organisation,
    Placement,
    Role,
    RoleAssignment,
    Team,
    User,
    active_q,
)

PAGE_SIZE = 25
# Counted this many students at most, as the feedback list.
STUDENTS_COUNT_UP_TO = COUNT_UP_TO


@login_required
@kept_page
def student_list(request):
    """Students the user may see, searchable by name, paginated."""
    students = queries.students_visible_to(request.user)
    term = inputs.clean_text(request.GET.get("q"), 100).strip()
    if term:
        students = students.filter(Q(first_name__icontains=term) | Q(last_name__icontains=term))
    page = paginate(
        request,
        students.order_by("last_name", "first_name", "pk"),
        PAGE_SIZE,
        count_up_to=STUDENTS_COUNT_UP_TO,
    )
    current = {
        p.student_id: p
        for p in Placement.objects.active()
        .filter(student__in=[s.pk for s in page])
        .select_related("team__department__organisation")
    }
    rows = [(student, current.get(student.pk)) for student in page]
    return render(request, "people/student_list.html", {"page": page, "rows": rows, "term": term})


@login_required
@kept_page
def student_detail(request, pk):
    student = access.fetch(request, User, pk)
    placements = list(queries.placements_with_people().filter(student=student))
    current = next((p for p in placements if p.is_active()), None)
    enrollments = (
        Enrollment.objects.filter(student=student)
        .select_related("cohort", "qualification__level")
        .prefetch_related("cohort__teachers")
    )
    return render(
        request,
        "people/student_detail.html",
        {
            "student": student,
            "current": current,
            "placements": placements,
            "enrollments": enrollments,
            "can_give_feedback": access.can(request.user, "feedback.give_feedback_to", student),
        },
    )


@login_required
def organisation_detail(request, pk):
    organisation = access.fetch(request, Organisation, pk)
    departments = organisation.departments.prefetch_related(
        Prefetch("teams", queryset=queries.teams_with_counts(Team.objects.all()))
    )
    cohorts = (
        organisation.cohorts.prefetch_related("teachers").annotate(
            student_count=Count(
                "enrollments",
                filter=active_q(prefix="enrollments__"),
                distinct=True,
            )
        )
        if organisation.is_school
        else []
    )
    return render(
        request,
        "people/organisation_detail.html",
        {"organisation": organisation, "departments": departments, "cohorts": cohorts},
    )


@login_required
def department_detail(request, pk):
    department = access.fetch(
        request, Department, pk, prepare=lambda qs: qs.select_related("organisation")
    )
    teams = queries.teams_with_counts(department.teams.all())
    return render(
        request, "people/department_detail.html", {"department": department, "teams": teams}
    )


@login_required
def team_detail(request, pk):
    team = access.fetch(
        request, Team, pk, prepare=lambda qs: qs.select_related("department__organisation")
    )
    mentors = (
        RoleAssignment.objects.active()
        .filter(team=team, role__in=[Role.MENTOR, Role.ASSESSOR])
        .select_related("user")
        .order_by("role", "user__last_name")
    )
    placements = list(
        queries.placements_with_people()
        .active()
        .filter(team=team, student__in=queries.students_visible_to(request.user))
        .order_by("student__last_name", "student__first_name")
    )
    access.log_reads(request, [p.student_id for p in placements])
    return render(
        request,
        "people/team_detail.html",
        {"team": team, "staff": mentors, "placements": placements},
    )


@login_required
def access_log(request):
    """For the functional administrator (and the FG through that role): everything
    one account viewed, or tried to view, in a period (TRUST.md PRIV-24)."""
    access.require(request, "people.see_access_log")
    form = AccessLogFilterForm(request.GET or None)
    page = query = None
    if form.is_valid():
        start, end = form.period()
        rows = AccessLog.objects.filter(at__gte=start, at__lt=end)
        if form.cleaned_data["account"]:
            rows = rows.filter(user=form.cleaned_data["account"])
        if form.cleaned_data["student"]:
            rows = rows.filter(student=form.cleaned_data["student"])
        rows = rows.select_related("user", "student").order_by("-at", "-pk")
        page, query = paginate(request, rows, PAGE_SIZE), filters_query(request)
    return render(request, "people/access_log.html", {"form": form, "page": page, "query": query})
