"""Who may use the student's own privacy pages."""

import rules

from leerroute.core import access
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


@rules.predicate
def may_redact(user, obj):
    """Practice educators and assessors who see the student of this text."""
    from leerroute.people import queries

    if not queries.has_role(user, Role.PRACTICE_EDUCATOR, Role.ASSESSOR):
        return False
    return access.includes(user, queries.students_visible_to, obj.student_id)


rules.add_perm("privacy.redact", rules.is_authenticated & may_redact)


@rules.predicate
def is_own_correctable(user, obj):
    """Feedback the student received, or a published review of the student."""
    if obj.student_id != user.pk:
        return False
    return getattr(obj, "is_published", True)


@rules.predicate
def may_handle_correction(user, obj):
    if obj.author_id == user.pk:
        return True
    from leerroute.feedback import queries as feedback_queries

    return access.includes(user, feedback_queries.students_for_review, obj.student_id)


rules.add_perm("privacy.request_correction", rules.is_authenticated & is_own_correctable)
rules.add_perm("privacy.handle_correction", rules.is_authenticated & may_handle_correction)
