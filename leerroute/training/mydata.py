"""Training enrolments and attendance of the student, if any, in "Mijn gegevens"."""

from django.utils.translation import gettext_lazy as _

from leerroute.privacy.export import DATETIME, OPT_DATETIME, STRING, Section, obj

from .models import Attendance, Enrolment

SCHEMAS = {
    "trainingen": obj({"programma": STRING, "status": STRING, "ingeschreven_op": OPT_DATETIME}),
    "aanwezigheid": obj(
        {"programma": STRING, "bijeenkomst": STRING, "op": DATETIME, "aanwezigheid": STRING}
    ),
}


def sections(student) -> list[Section]:
    enrolments = Enrolment.objects.filter(user=student).select_related("programme").order_by("pk")
    attendance = (
        Attendance.objects.filter(user=student)
        .select_related("session__programme")
        .order_by("session__starts_at", "pk")
    )
    return [
        Section(
            "trainingen",
            _("Trainingen"),
            {
                "programma": _("Programma"),
                "status": _("Status"),
                "ingeschreven_op": _("Ingeschreven op"),
            },
            [
                {
                    "programma": e.programme.title,
                    "status": str(e.get_status_display()),
                    "ingeschreven_op": e.enrolled_at,
                }
                for e in enrolments
            ],
            order=60,
        ),
        Section(
            "aanwezigheid",
            _("Aanwezigheid bij trainingen"),
            {
                "programma": _("Programma"),
                "bijeenkomst": _("Bijeenkomst"),
                "op": _("Op"),
                "aanwezigheid": _("Aanwezigheid"),
            },
            [
                {
                    "programma": a.session.programme.title,
                    "bijeenkomst": a.session.topic,
                    "op": a.session.starts_at,
                    "aanwezigheid": str(a.get_status_display()),
                }
                for a in attendance
            ],
            order=61,
        ),
    ]
