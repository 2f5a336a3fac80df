"""Named permissions for feedback and progress reviews.

Each predicate delegates to a queryset in ``queries.py``, so the rule for a
single object and the rule for a list are the same rule. Views answer 404
when the object is not visible at all and 403 when one of these says no.
"""

import rules

from leerroute.core import access

from . import queries


@rules.predicate
def has_students_for_feedback(user):
    return access.has_any(user, queries.students_for_feedback)


@rules.predicate
def can_give_feedback_to(user, student):
    return access.includes(user, queries.students_for_feedback, student.pk)


@rules.predicate
def is_feedback_author(user, feedback):
    return feedback.author_id == user.pk


@rules.predicate
def is_feedback_student(user, feedback):
    return feedback.student_id == user.pk


@rules.predicate
def can_still_give_feedback(user, feedback):
    return can_give_feedback_to(user, feedback.student)


@rules.predicate
def can_review_student(user, student):
    return access.includes(user, queries.students_for_review, student.pk)


@rules.predicate
def can_review_student_of(user, obj):
    """For a feedback item or review: may the user review its student?"""
    return can_review_student(user, obj.student)


@rules.predicate
def review_is_draft(user, review):
    return not review.is_published


@rules.predicate
def can_see_team_overview(user, team):
    return access.includes(user, queries.teams_for_review, team.pk)


authenticated = rules.is_authenticated


rules.add_perm("feedback.give_feedback", authenticated & has_students_for_feedback)
rules.add_perm("feedback.give_feedback_to", authenticated & can_give_feedback_to)
rules.add_perm(
    "feedback.change_feedback", authenticated & is_feedback_author & can_still_give_feedback
)
rules.add_perm("feedback.respond_to_feedback", authenticated & is_feedback_student)
rules.add_perm("feedback.see_feedback_history", authenticated & can_review_student_of)
rules.add_perm("feedback.review_student", authenticated & can_review_student)
rules.add_perm("feedback.change_review", authenticated & can_review_student_of)
rules.add_perm("feedback.publish_review", authenticated & can_review_student_of & review_is_draft)
rules.add_perm("feedback.see_review_history", authenticated & can_review_student_of)
rules.add_perm("feedback.see_team_overview", authenticated & can_see_team_overview)
