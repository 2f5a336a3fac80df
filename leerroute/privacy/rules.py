"""Who may use the student's own privacy pages."""

import rules

from leerroute.people.models import Role


@rules.predicate
def is_or_was_student(user):
    return user.role_assignments.filter(role=Role.STUDENT).exists()


# A student's own data: to see, download, and see who viewed it.
rules.add_perm("privacy.see_own_data", rules.is_authenticated & is_or_was_student)


@rules.predicate
def is_admin(user):
    from leerroute.people.queries import is_admin as admin

    return admin(user)


# Erasure of a student on request: the functional administrator (with the FG).
rules.add_perm("privacy.erase_student", rules.is_authenticated & is_admin)
