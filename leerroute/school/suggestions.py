"""One practice suggestion per student: where this week's school update meets
the work floor.

For a student whose cohort has a published update this week:

1. an open learning question (submitted up to approved) linked to one of the
   week's work processes: "Sanne's leervraag over <werkproces> past bij wat
   deze week op school kwam";
2. otherwise one of the week's work processes on which the student had no
   feedback in the last ``QUIET_DAYS`` calendar days (since local midnight,
   so the line is the same all day): "Deze week op school: <werkproces>;
   Sanne kreeg daar de laatste weken geen feedback op".

At most one line per student, nothing when nothing meets. Two queries for
any number of students.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from leerroute.feedback.models import Feedback, recent_since
from leerroute.learning.models import LearningQuestion
from leerroute.learning.models import Status as QuestionStatus

QUIET_DAYS = 28
OPEN = (
    QuestionStatus.SUBMITTED,
    QuestionStatus.CLARIFICATION,
    QuestionStatus.RESUBMITTED,
    QuestionStatus.APPROVED,
)


def practice_lines(students, update_of) -> dict[int, str]:
    """Student id -> the one suggestion line. ``update_of(student)`` gives the
    student's published update of this week (work processes prefetched) or None."""
    wanted: dict[int, list] = {}
    for student in students:
        update = update_of(student)
        if update is not None:
            wanted[student.pk] = sorted(update.work_processes.all(), key=lambda wp: wp.code)
    wanted = {pk: wps for pk, wps in wanted.items() if wps}
    if not wanted:
        return {}
    all_wp = {wp.pk for wps in wanted.values() for wp in wps}
    through = LearningQuestion.work_processes.through
    asked = set(
        through.objects.filter(
            learningquestion__student_id__in=list(wanted),
            learningquestion__status__in=OPEN,
            workprocess_id__in=all_wp,
        ).values_list("learningquestion__student_id", "workprocess_id")
    )
    since = recent_since(QUIET_DAYS)
    seen = set(
        Feedback.objects.filter(
            student_id__in=list(wanted), work_process_id__in=all_wp, created_at__gte=since
        ).values_list("student_id", "work_process_id")
    )
    names = {student.pk: student.first_name or student.username for student in students}
    lines = {}
    for pk, wps in wanted.items():
        name = names[pk]
        match = next((wp for wp in wps if (pk, wp.pk) in asked), None)
        if match is not None:
            lines[pk] = _(
                "%(name)s's leervraag over ‘%(title)s’ (%(code)s) past bij wat deze week op "
                "school kwam."
            ) % {"name": name, "title": match.title, "code": match.code}
            continue
        quiet = next((wp for wp in wps if (pk, wp.pk) not in seen), None)
        if quiet is not None:
            lines[pk] = _(
                "Deze week op school: ‘%(title)s’ (%(code)s). %(name)s kreeg daar de laatste "
                "weken geen feedback op: een kans om mee te kijken."
            ) % {"name": name, "title": quiet.title, "code": quiet.code}
    return lines
