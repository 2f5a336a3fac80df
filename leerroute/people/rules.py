"""Named permissions for people and organisations.

Each predicate delegates to ``queries.py``, so a rule is written once. Whether
a person may see one object at all is not a permission here: that is the
object's scope (``queries.py``, registered with ``leerroute.core.access``),
which answers 404 outside it.
"""

import rules

from leerroute.core import access

from . import queries
from .models import Role


@rules.predicate
def is_admin(user):
    return queries.is_admin(user)


def role_predicate(*wanted: str):
    @rules.predicate(name="has_role_" + "_".join(r.lower() for r in wanted))
    def has(user):
        return queries.has_role(user, *wanted)

    return has


is_student = role_predicate(Role.STUDENT)
is_mentor = role_predicate(Role.MENTOR)
is_assessor = role_predicate(Role.ASSESSOR)
is_practice_educator = role_predicate(Role.PRACTICE_EDUCATOR)
is_teacher = role_predicate(Role.TEACHER)
is_trainer = role_predicate(Role.TRAINER)
is_staff_member = role_predicate(*queries.STAFF_ROLES)
# Roles whose work is following students (a trainer or a plain employee has none).
follows_students = role_predicate(Role.MENTOR, Role.ASSESSOR, Role.PRACTICE_EDUCATOR, Role.TEACHER)


@rules.predicate
def can_see_student(user, student):
    return access.includes(user, queries.students_visible_to, student.pk)


rules.add_perm("people.see_student", rules.is_authenticated & can_see_student)
rules.add_perm("people.see_student_list", rules.is_authenticated & (is_staff_member | is_admin))
# Menu items (leerroute.core.context_processors): only pages the person can use.
rules.add_perm("people.use_student_menu", rules.is_authenticated & (follows_students | is_admin))
rules.add_perm(
    "people.use_route_menu", rules.is_authenticated & (is_student | follows_students | is_admin)
)
rules.add_perm("people.use_admin", rules.is_authenticated & is_admin)
rules.add_perm("people.see_access_log", rules.is_authenticated & is_admin)
