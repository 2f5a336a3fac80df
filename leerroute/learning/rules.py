"""Named permissions for learning questions.

Each predicate delegates to ``queries.py``, so lists and single objects are
decided by the same rule. Status is not part of these rules: an action in
the wrong state is refused by ``services.py`` with a clear message.
"""

import rules

from leerroute.core import access
from leerroute.people.rules import is_admin, is_mentor, is_staff_member, is_student

from . import queries


@rules.predicate
def is_owner(user, question):
    return question is not None and question.student_id == user.pk


@rules.predicate
def is_reviewing_mentor(user, question):
    return access.includes(user, queries.reviewable_by, question.pk)


rules.add_perm("learning.write_question", rules.is_authenticated & is_student)
rules.add_perm("learning.change_question", rules.is_authenticated & is_student & is_owner)
rules.add_perm("learning.review_question", rules.is_authenticated & is_mentor & is_reviewing_mentor)
rules.add_perm("learning.see_overview", rules.is_authenticated & (is_staff_member | is_admin))
rules.add_perm("learning.see_waiting", rules.is_authenticated & is_mentor)
