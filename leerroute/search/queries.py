"""Which staff members a person can find in the search.

Students are found only through ``people.queries.students_visible_to`` (the
registered ``User`` scope). Staff members (anyone with a role other than
student in force today) are found by this rule:

- the beheerder and the trainer (who trains practice educators and teachers
  of every organisation): every staff member;
- everyone else: the staff of the organisations where they hold a staff role
  themselves (colleagues), and the people in the routes of the students they
  may see: those students' current mentors and assessor, the practice
  educators of the organisation where the student is placed now, and the
  teachers of the student's current classes.

So a student finds their own mentor(s), assessor, teachers and practice
educator, and no other staff; a mentor finds the colleagues of their own
organisation and the teachers of their students.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from leerroute.people import queries as people
from leerroute.people.models import Cohort, Enrollment, Placement, Role, RoleAssignment, User


def staff() -> QuerySet[User]:
    """Everyone active with a staff role in force today."""
    return User.objects.filter(
        is_active=True,
        pk__in=RoleAssignment.objects.active()
        .filter(role__in=people.STAFF_ROLES)
        .values("user_id"),
    )


def staff_visible_to(user) -> QuerySet[User]:
    """The staff members ``user`` may find (see the module docstring)."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return User.objects.none()
    if people.is_admin(user) or people.has_role(user, Role.TRAINER):
        return staff()
    organisations = {s.organisation_id for s in people.scopes(user) if s.role in people.STAFF_ROLES}
    students = people.students_visible_to(user).values("pk")
    placements = Placement.objects.active().filter(student__in=students)
    mentors = Placement.mentors.through.objects.filter(placement__in=placements)
    q = Q(pk__in=mentors.values("user_id"))
    q |= Q(pk__in=placements.filter(assessor__isnull=False).values("assessor_id"))
    q |= Q(
        pk__in=RoleAssignment.objects.active()
        .filter(
            role=Role.PRACTICE_EDUCATOR,
            organisation_id__in=placements.values("team__department__organisation_id"),
        )
        .values("user_id")
    )
    q |= Q(
        pk__in=Cohort.teachers.through.objects.filter(
            cohort_id__in=Enrollment.objects.active()
            .filter(student__in=students)
            .values("cohort_id")
        ).values("user_id")
    )
    if organisations:
        q |= Q(
            pk__in=RoleAssignment.objects.active()
            .filter(organisation_id__in=organisations, role__in=people.STAFF_ROLES)
            .values("user_id")
        )
    return staff().filter(q)
