"""Who sees which weekly updates, and who is concerned by a cohort's update.

- Teachers of a cohort (role docent in force) see all its updates, drafts too,
  and are the only ones who write them.
- Everyone else sees the *published* updates of the cohorts of the students
  they may see (``people.queries.students_visible_to``): practice educators
  and mentors of those students wherever placed, assessors, the student
  themself (their own cohort). The beheerder sees every published update.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Q, QuerySet

from leerroute.core import access
from leerroute.people import queries as people
from leerroute.people.models import Cohort, Enrollment, Placement, Role, RoleAssignment
from leerroute.qualifications.models import Qualification, WorkProcess

from .models import Status, WeeklyUpdate
from .weeks import Week


def writable_cohorts(user) -> QuerySet[Cohort]:
    """The cohorts this person teaches now (role docent in force)."""
    if not people.has_role(user, Role.TEACHER):
        return Cohort.objects.none()
    return Cohort.objects.filter(teachers=user)


def cohort_ids_of(students) -> QuerySet:
    """Cohort ids of the active enrollments of ``students`` (a queryset of users)."""
    return Enrollment.objects.active().filter(student__in=students).values("cohort_id")


@access.scope(WeeklyUpdate)
def updates_visible_to(user) -> QuerySet[WeeklyUpdate]:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return WeeklyUpdate.objects.none()
    q = Q(status=Status.PUBLISHED, cohort_id__in=cohort_ids_of(people.students_visible_to(user)))
    if people.is_admin(user):
        q = Q(status=Status.PUBLISHED)
    if people.has_role(user, Role.TEACHER):
        q |= Q(cohort_id__in=writable_cohorts(user).values("pk"))
    return WeeklyUpdate.objects.filter(q)


def cohort_qualification(cohort: Cohort) -> Qualification | None:
    """The qualification of the cohort: the one most of its students enrol for."""
    ids = Counter(
        Enrollment.objects.active().filter(cohort=cohort).values_list("qualification_id", flat=True)
    )
    if not ids:
        ids = Counter(
            Enrollment.objects.filter(cohort=cohort).values_list("qualification_id", flat=True)
        )
    if not ids:
        return None
    best = sorted(ids.items(), key=lambda item: (-item[1], item[0]))[0][0]
    return Qualification.objects.select_related("level").get(pk=best)


def cohort_work_processes(cohort: Cohort) -> QuerySet[WorkProcess]:
    """The work processes a cohort's update may link: those of its qualification."""
    qualification = cohort_qualification(cohort)
    if qualification is None:
        return WorkProcess.objects.none()
    return qualification.work_processes.select_related("core_task").order_by("code")


def guides_of(student_ids) -> set[int]:
    """Practice educators and mentors (in force) of these students where they are
    placed now: named mentors, mentors of their team or department, practice
    educators of their organisation."""
    placements = list(
        Placement.objects.active()
        .filter(student_id__in=student_ids)
        .values_list("pk", "team_id", "team__department_id", "team__department__organisation_id")
    )
    if not placements:
        return set()
    found = set(
        Placement.mentors.through.objects.filter(
            placement_id__in=[p[0] for p in placements]
        ).values_list("user_id", flat=True)
    )
    teams = {p[1] for p in placements}
    departments = {p[2] for p in placements}
    organisations = {p[3] for p in placements}
    mentor_q = Q(role=Role.MENTOR) & (
        Q(team_id__in=teams) | Q(team__isnull=True, department_id__in=departments)
    )
    educator_q = Q(role=Role.PRACTICE_EDUCATOR, organisation_id__in=organisations)
    found |= set(
        RoleAssignment.objects.active()
        .filter(mentor_q | educator_q, user__is_active=True)
        .values_list("user_id", flat=True)
    )
    return found


def students_of_cohort(cohort: Cohort) -> QuerySet:
    return people.students().filter(
        pk__in=Enrollment.objects.active().filter(cohort=cohort).values("student_id")
    )


def published_in(weeks: list[Week], cohort_ids) -> QuerySet[WeeklyUpdate]:
    return (
        WeeklyUpdate.objects.published()
        .in_weeks(weeks)
        .filter(cohort_id__in=cohort_ids)
        .select_related("cohort")
        .prefetch_related("work_processes")
    )
