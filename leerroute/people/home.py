"""Panels of the home page for each role (see leerroute.core.panels)."""

from django.db.models import Count, Prefetch, Window

from leerroute.core import access
from leerroute.core.panels import PEOPLE, REST, Panel

from . import queries
from .models import Cohort, Enrollment, Placement, Role, Team


def panels(user) -> list[Panel]:
    held = queries.roles(user)
    found = []
    if Role.STUDENT in held:
        found.append(Panel("people/panels/student.html", _student(user), order=PEOPLE))
    if Role.MENTOR in held:
        mine = access.compiled_rows(
            user,
            "people.home.mentor",
            lambda: (
                queries.placements_with_people()
                .active()
                .filter(mentors=user)
                .order_by("student__last_name")
            ),
        )
        found.append(Panel("people/panels/mentor.html", {"placements": mine}, order=PEOPLE))
    if Role.ASSESSOR in held:
        found.append(Panel("people/panels/assessor.html", _assessor(user), order=PEOPLE + 10))
    if Role.PRACTICE_EDUCATOR in held:
        found.append(
            Panel(
                "people/panels/practice_educator.html", _practice_educator(user), order=PEOPLE + 20
            )
        )
    if Role.TEACHER in held:
        found.append(Panel("people/panels/teacher.html", _teacher(user), order=PEOPLE + 25))
    if queries.is_admin(user):
        found.append(Panel("people/panels/admin.html", {}, order=REST + 40))
    return found


LIST_LIMIT = 25


def _student(user) -> dict:
    return {
        "placement": queries.current_placement(user),
        "enrollments": Enrollment.objects.active()
        .filter(student=user)
        .select_related("cohort", "qualification__level")
        .prefetch_related("cohort__teachers"),
    }


def _assessor(user) -> dict:
    # A department can have hundreds of students: the first ones, and how many more
    # (a window over the same conditions, in the same query).
    placements = access.compiled_rows(
        user,
        "people.home.assessor",
        lambda: (
            queries.placements_with_people()
            .active()
            .filter(queries.assessor_placements_q(user))
            .annotate(total=Window(Count("pk")))
            .order_by("team__name", "student__last_name", "pk")[:LIST_LIMIT]
        ),
    )
    total = placements[0].total if placements else 0
    return {"placements": placements, "more": max(0, total - LIST_LIMIT)}


def _practice_educator(user) -> dict:
    org_ids = [s.organisation_id for s in queries.scopes(user) if s.role == Role.PRACTICE_EDUCATOR]
    organisations = access.compiled_rows(
        user,
        "people.home.practice_educator",
        lambda: (
            queries.organisations_visible_to(user)
            .filter(pk__in=org_ids)
            .prefetch_related(
                Prefetch(
                    "departments__teams",
                    queryset=queries.teams_with_counts(Team.objects.all()),
                )
            )
        ),
    )
    return {"organisations": organisations}


def _teacher(user) -> dict:
    cohorts = access.compiled_rows(
        user,
        "people.home.teacher",
        lambda: Cohort.objects.filter(teachers=user).prefetch_related(
            Prefetch(
                "enrollments",
                queryset=Enrollment.objects.active()
                .select_related("student", "qualification")
                .order_by("student__last_name", "student__first_name"),
                to_attr="current_enrollments",
            )
        ),
    )
    student_ids = [e.student_id for c in cohorts for e in c.current_enrollments]
    placed = {
        p.student_id: p
        for p in Placement.objects.active()
        .filter(student_id__in=student_ids)
        .select_related("team__department__organisation")
    }
    for cohort in cohorts:
        for enrollment in cohort.current_enrollments:
            enrollment.current_placement = placed.get(enrollment.student_id)
    return {"cohorts": cohorts}


__all__ = ["panels"]
