"""``{% student_learning_questions student %}``: a student's learning questions,
as far as the signed-in user may see them (used on the student page)."""

from django import template
from django.db.models import Prefetch

from ..models import Transition
from ..queries import learning_questions_visible_to

register = template.Library()


@register.inclusion_tag("learning/partials/student_section.html", takes_context=True)
def student_learning_questions(context, student):
    user = context["request"].user
    questions = (
        learning_questions_visible_to(user)
        .filter(student=student)
        .prefetch_related(
            "work_processes",
            Prefetch("transitions", queryset=Transition.objects.select_related("by")),
        )
        .order_by("-updated_at", "-pk")
    )
    return {"questions": questions, "student": student}
