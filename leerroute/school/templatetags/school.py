"""``{% student_school_week student %}``: on the student page, the student's
cohort's published updates of the weeks that matter and, for the people who
guide the student, the one practice suggestion of this week."""

from django import template

from ..home import week_rows
from ..queries import cohort_ids_of, updates_visible_to
from ..weeks import recent

register = template.Library()


@register.inclusion_tag("school/partials/student_section.html", takes_context=True)
def student_school_week(context, student):
    user = context["request"].user
    # The recent weeks' updates hold this week's: read once, for both.
    updates = list(
        updates_visible_to(user)
        .published()
        .in_weeks(recent())
        .filter(cohort_id__in=cohort_ids_of([student]))
        .select_related("cohort")
        .prefetch_related("work_processes")
        .order_by("-year", "-week")
    )
    (row,) = week_rows(user, [student], read=updates)
    return {
        "student": student,
        "row": row,
        "updates": updates,
        "show_suggestion": user.pk != student.pk,
    }
