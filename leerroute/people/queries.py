"""Who sees which rows. The one place list visibility is decided.

DESIGN.md, "Who sees what":

- a student sees their own data only;
- mentors and assessors see the students placed (now) in their team or
  department, in their own care organisation, and the students they are
  named on a placement for;
- practice educators see the students placed (now) in their organisation;
- teachers see the students (now) enrolled in their cohorts, wherever those
  are placed;
- the functional administrator sees everyone.

Every view, predicate (``rules.py``), export and API endpoint asks these
functions; nothing else filters by role.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import (
    BooleanField,
    Count,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from leerroute.core import access

from .models import (
    Cohort,
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

STAFF_ROLES = frozenset(Role) - {Role.STUDENT}


@dataclass(frozen=True)
class Scope:
    """A role held now, and where: organisation, department or team."""

    role: str
    organisation_id: int
    department_id: int | None
    team_id: int | None

    def placement_q(self, prefix: str = "") -> Q:
        """Placements (or rows reached through ``prefix``) inside this scope."""
        if self.team_id:
            return Q(**{f"{prefix}team_id": self.team_id})
        if self.department_id:
            return Q(**{f"{prefix}team__department_id": self.department_id})
        return Q(**{f"{prefix}team__department__organisation_id": self.organisation_id})

    def team_q(self) -> Q:
        """Teams inside this scope."""
        if self.team_id:
            return Q(pk=self.team_id)
        if self.department_id:
            return Q(department_id=self.department_id)
        return Q(department__organisation_id=self.organisation_id)


def scopes(user) -> list[Scope]:
    """The user's roles in force today; cached on the user for one request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return []
    cached = getattr(user, "_leerroute_scopes", None)
    if cached is None:
        # Its SQL compiled once per person and day (access.compiled_rows_by_key):
        # every page asks it.
        assignments = access.compiled_rows_by_key(
            "people.scopes",
            (user.pk, timezone.localdate()),
            lambda: RoleAssignment.objects.active().filter(user=user),
        )
        cached = [Scope(a.role, a.organisation_id, a.department_id, a.team_id) for a in assignments]
        user._leerroute_scopes = cached
    return cached


def roles(user) -> set[str]:
    return {s.role for s in scopes(user)}


def has_role(user, *wanted: str) -> bool:
    return bool(roles(user) & set(wanted))


def is_admin(user) -> bool:
    return bool(getattr(user, "is_superuser", False) and user.is_active) or has_role(
        user, Role.ADMIN
    )


def students() -> QuerySet[User]:
    """Everyone who is a student now."""
    return User.objects.filter(
        pk__in=RoleAssignment.objects.active().filter(role=Role.STUDENT).values("user_id"),
        is_active=True,
    )


def role_placements_q(user, *wanted: str) -> Q | None:
    """Placements inside the scopes of the roles ``wanted`` held now (None: none).

    A practice educator's scope is always the whole organisation."""
    return any_of(
        *(
            Scope(s.role, s.organisation_id, None, None).placement_q()
            if s.role == Role.PRACTICE_EDUCATOR
            else s.placement_q()
            for s in scopes(user)
            if s.role in wanted
        )
    )


def assessor_placements_q(user) -> Q | None:
    """Placements a studentbegeleider (assessor) covers: inside their team or
    department, and any placement that names them as its assessor."""
    q = role_placements_q(user, Role.ASSESSOR)
    return None if q is None else q | Q(assessor=user)


def assessor_teams_q(user) -> Q | None:
    """Teams an assessor covers: the same rule as ``assessor_placements_q``."""
    q = any_of(*(s.team_q() for s in scopes(user) if s.role == Role.ASSESSOR))
    if q is None:
        return None
    return q | Q(pk__in=Placement.objects.active().filter(assessor=user).values("team_id"))


def any_of(*parts: Q | None) -> Q | None:
    """The OR of the conditions that exist (None: none exists)."""
    found = [part for part in parts if part is not None]
    if not found:
        return None
    q = found[0]
    for part in found[1:]:
        q |= part
    return q


class _AmongSubquery(Func):
    """``lhs = ANY(ARRAY(subquery))`` on PostgreSQL, ``lhs IN (subquery)`` elsewhere.

    PostgreSQL runs the subquery once (an InitPlan) and estimates the array as
    a handful of values, so the condition can use an index, also inside an OR;
    ``lhs IN (subquery)`` there becomes a hashed subplan it estimates at half
    of all rows."""

    arg_joiner = " = ANY(ARRAY"
    template = "(%(expressions)s))"
    output_field = BooleanField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(
            compiler, connection, arg_joiner=" IN ", template="(%(expressions)s)", **extra_context
        )


def mentored_placements_q(user, field: str = "pk") -> Q:
    """Placements (or rows whose ``field`` is a placement id) that name ``user``
    as a mentor.

    The same rows as ``Q(mentors=user)``. Inside an OR, a condition on the
    mentors join makes PostgreSQL join every placement to its mentors, and
    ``pk IN (SELECT ...)`` it estimates at half of all placements, so it read
    every student, role and enrolment to find a mentor's eight. Written as
    ``pk = ANY(ARRAY(the mentor's placements))`` it combines the placement
    indexes (team, ids, assessor) and reads only those rows."""
    links = Placement.mentors.through.objects.filter(user_id=user.pk).values("placement_id")
    return Q(_AmongSubquery(F(field), Subquery(links)))


def visible_placements_q(user) -> Q | None:
    """Active placements this user may see through their roles (None: none)."""
    q = role_placements_q(user, Role.PRACTICE_EDUCATOR, Role.MENTOR, Role.ASSESSOR)
    if has_role(user, Role.MENTOR, Role.ASSESSOR):
        q = any_of(q, mentored_placements_q(user), Q(assessor=user))
    return q


@access.scope(User)
def students_visible_to(user) -> QuerySet[User]:
    """Students whose record the user may open."""
    if not scopes(user) and not is_admin(user):
        return User.objects.none()
    if is_admin(user):
        return students()
    q = Q()
    if has_role(user, Role.STUDENT):
        q |= Q(pk=user.pk)
    placement_q = visible_placements_q(user)
    if placement_q is not None:
        q |= Q(
            pk__in=Placement.objects.active()
            .filter(placement_q)
            .filter(team__department__organisation__kind=Organisation.Kind.CARE)
            .values("student_id")
        )
    if has_role(user, Role.TEACHER):
        q |= Q(
            pk__in=Enrollment.objects.active().filter(cohort__teachers=user).values("student_id")
        )
    if not q:
        return User.objects.none()
    return students().filter(q)


@access.scope(Placement)
def placements_visible_to(user) -> QuerySet[Placement]:
    """Placements (current and past) of the students the user may see."""
    return Placement.objects.filter(student__in=students_visible_to(user))


@access.scope(Organisation)
def organisations_visible_to(user) -> QuerySet[Organisation]:
    """Organisation pages: staff of that organisation, and the administrator."""
    if is_admin(user):
        return Organisation.objects.all()
    org_ids = {s.organisation_id for s in scopes(user) if s.role in STAFF_ROLES}
    return Organisation.objects.filter(pk__in=org_ids)


@access.scope(Department)
def departments_visible_to(user) -> QuerySet[Department]:
    return Department.objects.filter(organisation__in=organisations_visible_to(user))


@access.scope(Team)
def teams_visible_to(user) -> QuerySet[Team]:
    return Team.objects.filter(department__organisation__in=organisations_visible_to(user))


@access.scope(Cohort)
def cohorts_visible_to(user) -> QuerySet[Cohort]:
    """Cohorts: their teachers, staff of the school, and the administrator."""
    if is_admin(user):
        return Cohort.objects.all()
    school_ids = {s.organisation_id for s in scopes(user) if s.role in STAFF_ROLES}
    return Cohort.objects.filter(Q(teachers=user) | Q(organisation_id__in=school_ids)).distinct()


def current_placement(student: User) -> Placement | None:
    return (
        Placement.objects.active()
        .filter(student=student)
        .select_related("team__department__organisation", "assessor")
        .prefetch_related("mentors")
        .first()
    )


def placements_with_people() -> QuerySet[Placement]:
    """Placements with the student, assessor, team chain and mentors loaded."""
    return Placement.objects.select_related(
        "student", "assessor", "team__department__organisation"
    ).prefetch_related("mentors")


def teams_with_counts(queryset: QuerySet[Team]) -> QuerySet[Team]:
    """Teams annotated with current students and mentors (two subquery counts).

    Each count is a correlated subquery on its own index (placements by team,
    role assignments by team): counting both through joins multiplied every
    team's placements by its mentors before counting them apart again."""

    def per_team(rows: QuerySet) -> Coalesce:
        counted = rows.filter(team_id=OuterRef("pk")).order_by().values("team_id")
        return Coalesce(
            Subquery(counted.annotate(n=Count("pk")).values("n"), output_field=IntegerField()),
            Value(0),
        )

    return queryset.annotate(
        student_count=per_team(Placement.objects.active()),
        mentor_count=per_team(RoleAssignment.objects.active().filter(role=Role.MENTOR)),
    )


__all__ = [
    "active_q",
    "cohorts_visible_to",
    "current_placement",
    "departments_visible_to",
    "has_role",
    "is_admin",
    "organisations_visible_to",
    "placements_with_people",
    "teams_with_counts",
    "placements_visible_to",
    "roles",
    "scopes",
    "students",
    "students_visible_to",
    "teams_visible_to",
]
