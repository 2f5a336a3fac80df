"""The student's feedback (with reactions and earlier versions) and published reviews
in "Mijn gegevens"."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from leerroute.privacy.export import (
    BOOL,
    DATE,
    DATETIME,
    OPT_DATETIME,
    OPT_STRING,
    STRING,
    TEXT,
    Section,
    name,
    obj,
    rows_of,
)

from .models import Feedback, FeedbackVersion, ProgressReview, ReviewEntry


def _wp(work_process) -> str | None:
    return f"{work_process.code} {work_process.title}" if work_process else None


SCHEMAS = {
    "feedback": obj(
        {
            "gegeven_door": OPT_STRING,
            "gegeven_op": DATETIME,
            "werkproces": OPT_STRING,
            "observeren": TEXT,
            "effect": TEXT,
            "pauzeren": TEXT,
            "suggesties": TEXT,
            "welzijn_client_in_het_geding": BOOL,
            "jouw_reactie": TEXT,
            "gereageerd_op": OPT_DATETIME,
            "gelezen_op": OPT_DATETIME,
            "eerdere_versies": rows_of(
                obj(
                    {
                        "geldig_vanaf": DATETIME,
                        "vervangen_op": DATETIME,
                        "vervangen_door": OPT_STRING,
                        "observeren": TEXT,
                        "effect": TEXT,
                        "pauzeren": TEXT,
                        "suggesties": TEXT,
                        "jouw_reactie": TEXT,
                    }
                )
            ),
        }
    ),
    "voortgangsbeoordelingen": obj(
        {
            "studentbegeleider": OPT_STRING,
            "datum": DATE,
            "gepubliceerd_op": OPT_DATETIME,
            "onderbouwing": TEXT,
            "per_werkproces": rows_of(
                obj({"werkproces": STRING, "niveau": STRING, "toelichting": TEXT})
            ),
        }
    ),
}


def sections(student) -> list[Section]:
    feedback = (
        Feedback.objects.filter(student=student)
        .select_related("author", "work_process")
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=FeedbackVersion.objects.select_related("replaced_by").order_by(
                    "valid_from", "pk"
                ),
            )
        )
        .order_by("created_at", "pk")
    )
    reviews = (
        ProgressReview.objects.published()
        .filter(student=student)
        .select_related("author")
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=ReviewEntry.objects.select_related("work_process").order_by(
                    "work_process__code"
                ),
            )
        )
        .order_by("review_date", "pk")
    )
    return [
        Section(
            "feedback",
            _("Feedback"),
            {
                "gegeven_door": _("Gegeven door"),
                "gegeven_op": _("Gegeven op"),
                "werkproces": _("Werkproces"),
                "observeren": _("Observeren"),
                "effect": _("Effect"),
                "pauzeren": _("Pauzeren"),
                "suggesties": _("Suggesties"),
                "welzijn_client_in_het_geding": _("Welzijn cliënt in het geding"),
                "jouw_reactie": _("Jouw reactie"),
                "gereageerd_op": _("Gereageerd op"),
                "gelezen_op": _("Gelezen op"),
                "eerdere_versies": _("Eerdere versies"),
            },
            [
                {
                    "gegeven_door": name(f.author),
                    "gegeven_op": f.created_at,
                    "werkproces": _wp(f.work_process),
                    "observeren": f.observe,
                    "effect": f.effect,
                    "pauzeren": f.pause,
                    "suggesties": f.suggestions,
                    "welzijn_client_in_het_geding": f.client_wellbeing,
                    "jouw_reactie": f.student_response,
                    "gereageerd_op": f.responded_at,
                    "gelezen_op": f.read_at,
                    "eerdere_versies": [
                        {
                            "geldig_vanaf": v.valid_from,
                            "vervangen_op": v.replaced_at,
                            "vervangen_door": name(v.replaced_by),
                            "observeren": v.observe,
                            "effect": v.effect,
                            "pauzeren": v.pause,
                            "suggesties": v.suggestions,
                            "jouw_reactie": v.student_response,
                        }
                        for v in f.versions.all()
                    ],
                }
                for f in feedback
            ],
            order=30,
        ),
        Section(
            "voortgangsbeoordelingen",
            _("Voortgangsbeoordelingen"),
            {
                "studentbegeleider": _("Studentbegeleider"),
                "datum": _("Datum"),
                "gepubliceerd_op": _("Gepubliceerd op"),
                "onderbouwing": _("Onderbouwing"),
                "per_werkproces": _("Per werkproces"),
            },
            [
                {
                    "studentbegeleider": name(r.author),
                    "datum": r.review_date,
                    "gepubliceerd_op": r.published_at,
                    "onderbouwing": r.summary,
                    "per_werkproces": [
                        {
                            "werkproces": _wp(e.work_process),
                            "niveau": str(e.get_level_display()),
                            "toelichting": e.note,
                        }
                        for e in r.entries.all()
                    ],
                }
                for r in reviews
            ],
            order=40,
        ),
    ]
