"""The agreements of the student's conversations in the PDF progress report."""

from django.utils.translation import gettext as _

from leerroute.exports.report import register_section

from .models import Conversation
from .queries import agreements_visible_to


@register_section
def agreements(student, viewer):
    """The agreements of the student's conversations that the viewer may see."""
    rows = (
        agreements_visible_to(viewer)
        .filter(conversation__student=student, conversation__status=Conversation.Status.HELD)
        .select_related("owner", "conversation")
        .order_by("due_date", "pk")
    )
    lines = []
    for agreement in rows:
        owner = str(agreement.owner) if agreement.owner else "–"
        state = (
            _("afgerond op %(date)s") % {"date": agreement.done_at.strftime("%d-%m-%Y")}
            if agreement.done_at
            else _("open")
        )
        lines.append(
            f"{agreement.text} – {owner}, "
            + _("uiterlijk %(date)s") % {"date": agreement.due_date.strftime("%d-%m-%Y")}
            + f" ({state})"
        )
    if not lines:
        return None
    return _("Afspraken uit gesprekken"), lines
