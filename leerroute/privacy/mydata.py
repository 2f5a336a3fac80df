"""The student's correction requests in "Mijn gegevens"."""

from django.utils.translation import gettext_lazy as _

from .export import DATETIME, OPT_DATETIME, OPT_STRING, STRING, TEXT, Section, name, obj
from .models import CorrectionRequest

SCHEMAS = {
    "correctieverzoeken": obj(
        {
            "over": STRING,
            "wat_klopt_er_niet": TEXT,
            "gevraagd_op": DATETIME,
            "status": STRING,
            "afgehandeld_door": OPT_STRING,
            "afgehandeld_op": OPT_DATETIME,
            "reden": TEXT,
        }
    )
}


def sections(student) -> list[Section]:
    requests = (
        CorrectionRequest.objects.filter(student=student)
        .select_related("handled_by")
        .order_by("created_at", "pk")
    )
    return [
        Section(
            "correctieverzoeken",
            _("Correctieverzoeken"),
            {
                "over": _("Over"),
                "wat_klopt_er_niet": _("Wat klopt er niet"),
                "gevraagd_op": _("Gevraagd op"),
                "status": _("Status"),
                "afgehandeld_door": _("Afgehandeld door"),
                "afgehandeld_op": _("Afgehandeld op"),
                "reden": _("Reden"),
            },
            [
                {
                    "over": str(r.get_kind_display()),
                    "wat_klopt_er_niet": r.description,
                    "gevraagd_op": r.created_at,
                    "status": str(r.get_status_display()),
                    "afgehandeld_door": name(r.handled_by),
                    "afgehandeld_op": r.handled_at,
                    "reden": r.reason,
                }
                for r in requests
            ],
            order=45,
        )
    ]
