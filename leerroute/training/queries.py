"""Who sees and manages which training rows: the one place this is decided.

- Programmes: the administrator sees all; a person sees the programmes they
  manage and those they are invited to or enrolled in. Managing: a trainer
  or practice educator listed as trainer of the programme, and every
  practice educator of the organisation that runs it (so a practice
  educator manages the cascade of their own organisation only).
- Sessions: those of the visible programmes.
- Materials: trainers, practice educators and the administrator see the
  whole library; others see the materials of sessions they can see and of
  work forms (the work-form catalogue is open to every signed-in user).
- Coverage of the cascade: practice educators for their own organisation,
  trainers and the administrator for every care organisation. Names of
  employees per team: practice educators of that organisation and the
  administrator.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from leerroute.core import access
from leerroute.people import queries as people
from leerroute.people.models import Department, Organisation, Role, Team, User

from .models import Attendance, Enrolment, Material, Programme, Session, WorkForm

LIBRARY_ROLES = (Role.TRAINER, Role.PRACTICE_EDUCATOR)


def _signed_in(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def educator_organisation_ids(user) -> set[int]:
    """Organisations where the user is practice educator now."""
    return {s.organisation_id for s in people.scopes(user) if s.role == Role.PRACTICE_EDUCATOR}


def programmes_managed_by(user) -> QuerySet[Programme]:
    if not _signed_in(user):
        return Programme.objects.none()
    if people.is_admin(user):
        return Programme.objects.all()
    q = Q(pk__in=[])
    if people.has_role(user, *LIBRARY_ROLES):
        q |= Q(pk__in=Programme.trainers.through.objects.filter(user=user).values("programme_id"))
    org_ids = educator_organisation_ids(user)
    if org_ids:
        q |= Q(organisation_id__in=org_ids)
    return Programme.objects.filter(q)


@access.scope(Programme)
def programmes_visible_to(user) -> QuerySet[Programme]:
    if not _signed_in(user):
        return Programme.objects.none()
    if people.is_admin(user):
        return Programme.objects.all()
    invited = Enrolment.objects.filter(user=user).values("programme_id")
    managed = programmes_managed_by(user).values("pk")
    return Programme.objects.filter(Q(pk__in=invited) | Q(pk__in=managed))


@access.scope(Session)
def sessions_visible_to(user) -> QuerySet[Session]:
    return Session.objects.filter(programme__in=programmes_visible_to(user))


@access.scope(Attendance)
def attendances_visible_to(user) -> QuerySet[Attendance]:
    """Attendance: the whole list for those who manage the programme, one's own for
    everyone else (as the session page shows it)."""
    if not _signed_in(user):
        return Attendance.objects.none()
    return Attendance.objects.filter(
        Q(session__programme__in=programmes_managed_by(user))
        | Q(user=user, session__in=sessions_visible_to(user))
    )


@access.scope(Enrolment)
def enrolments_visible_to(user) -> QuerySet[Enrolment]:
    """Who is invited or enrolled: the whole list for those who manage the programme,
    one's own for everyone else (as the programme page shows it)."""
    if not _signed_in(user):
        return Enrolment.objects.none()
    return Enrolment.objects.filter(Q(programme__in=programmes_managed_by(user)) | Q(user=user))


@access.scope(WorkForm)
def work_forms_visible_to(user) -> QuerySet[WorkForm]:
    """The work-form catalogue: every signed-in person (DESIGN.md)."""
    return WorkForm.objects.all() if _signed_in(user) else WorkForm.objects.none()


def can_use_library(user) -> bool:
    return people.is_admin(user) or people.has_role(user, *LIBRARY_ROLES)


@access.scope(Material)
def materials_visible_to(user) -> QuerySet[Material]:
    if not _signed_in(user):
        return Material.objects.none()
    if can_use_library(user):
        return Material.objects.all()
    via_sessions = Session.materials.through.objects.filter(
        session__in=sessions_visible_to(user)
    ).values("material_id")
    via_work_forms = Material.work_forms.through.objects.values("material_id")
    return Material.objects.filter(Q(pk__in=via_sessions) | Q(pk__in=via_work_forms))


def coverage_organisations_for(user) -> QuerySet[Organisation]:
    """Care organisations whose cascade coverage the user may see."""
    care = Organisation.objects.filter(kind=Organisation.Kind.CARE)
    if not _signed_in(user):
        return care.none()
    if people.is_admin(user) or people.has_role(user, Role.TRAINER):
        return care
    return care.filter(pk__in=educator_organisation_ids(user))


def coverage_teams_for(user) -> QuerySet[Team]:
    return Team.objects.filter(department__organisation__in=coverage_organisations_for(user))


def coverage_departments_for(user) -> QuerySet[Department]:
    return Department.objects.filter(organisation__in=coverage_organisations_for(user))


def can_see_team_members(user, team: Team) -> bool:
    """Names and readiness of a team's employees: its practice educators, the administrator."""
    return can_see_department_members(user, team.department)


def can_see_department_members(user, department: Department) -> bool:
    """Names of the employees of a department's teams: as ``can_see_team_members``."""
    return people.is_admin(user) or department.organisation_id in educator_organisation_ids(user)


def plannable_teams_for(user) -> QuerySet[Team]:
    """Teams a practice educator may plan a team training for: their own organisation's."""
    return Team.objects.filter(
        department__organisation_id__in=educator_organisation_ids(user),
        department__organisation__kind=Organisation.Kind.CARE,
    ).select_related("department__organisation")


def base_programmes_for(user) -> QuerySet[Programme]:
    """Programmes whose sessions a team training can be built from."""
    return programmes_visible_to(user).filter(kind=Programme.Kind.PROGRAMME)


def invitable_organisations(user, programme: Programme) -> QuerySet[Organisation]:
    """Organisations whose people the user may invite to ``programme``.

    Limited to the programme's invited organisations; a practice educator
    (who is not also trainer or administrator) only to their own.
    """
    orgs = programme.invited_organisations.all()
    if people.is_admin(user) or people.has_role(user, Role.TRAINER):
        return orgs
    return orgs.filter(pk__in=educator_organisation_ids(user))


def people_with_role(role: str, organisation: Organisation) -> QuerySet[User]:
    """Active people holding ``role`` in ``organisation`` today."""
    from leerroute.people.models import RoleAssignment

    return User.objects.filter(
        is_active=True,
        pk__in=RoleAssignment.objects.active()
        .filter(role=role, organisation=organisation)
        .values("user_id"),
    )


def trainer_candidates(user) -> QuerySet[User]:
    """People who can be named trainer of a programme by this user."""
    from leerroute.people.models import RoleAssignment

    q = Q(role=Role.TRAINER)
    if people.is_admin(user):
        q |= Q(role=Role.PRACTICE_EDUCATOR)
    else:
        q |= Q(role=Role.PRACTICE_EDUCATOR, organisation_id__in=educator_organisation_ids(user))
    return User.objects.filter(
        is_active=True,
        pk__in=RoleAssignment.objects.active().filter(q).values("user_id"),
    ).order_by("last_name", "first_name")


def programme_organisations_for(user) -> QuerySet[Organisation]:
    """Organisations under whose name the user may run a programme."""
    if people.is_admin(user):
        return Organisation.objects.all()
    ids = {s.organisation_id for s in people.scopes(user) if s.role in LIBRARY_ROLES}
    return Organisation.objects.filter(pk__in=ids)
