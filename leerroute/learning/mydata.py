"""The student's learning questions in "Mijn gegevens": content, history, messages, checks."""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from leerroute.privacy.export import (
    BOOL,
    DATETIME,
    OPT_DATE,
    OPT_STRING,
    STRING,
    STRINGS,
    TEXT,
    Section,
    name,
    obj,
    rows_of,
)

from .models import LearningQuestion, Message, Review, Transition

SCHEMAS = {
    "leervragen": obj(
        {
            "leervraag": TEXT,
            "werkprocessen": STRINGS,
            "stappen": TEXT,
            "gevraagde_ondersteuning": TEXT,
            "ondersteuning_werkbegeleider": TEXT,
            "streefdatum": OPT_DATE,
            "reflectie": TEXT,
            "status": STRING,
            "aangemaakt": DATETIME,
            "bijgewerkt": DATETIME,
            "geschiedenis": rows_of(
                obj({"van": STRING, "naar": STRING, "door": OPT_STRING, "op": DATETIME})
            ),
            "berichten": rows_of(obj({"van": OPT_STRING, "tekst": TEXT, "op": DATETIME})),
            "controles": rows_of(
                obj(
                    {
                        "besluit": STRING,
                        "door": OPT_STRING,
                        "op": DATETIME,
                        "past_bij_niveau": BOOL,
                        "gekoppeld_aan_werkproces": BOOL,
                        "duidelijk_en_concreet": BOOL,
                        "stappen_leiden_naar_competentie": BOOL,
                        "ondersteuning_beschreven": BOOL,
                    }
                )
            ),
        }
    )
}


def sections(student) -> list[Section]:
    questions = (
        LearningQuestion.objects.filter(student=student)
        .order_by("created_at", "pk")
        .prefetch_related(
            "work_processes",
            Prefetch(
                "transitions", queryset=Transition.objects.select_related("by").order_by("at", "pk")
            ),
            Prefetch(
                "messages", queryset=Message.objects.select_related("author").order_by("at", "pk")
            ),
            Prefetch(
                "reviews", queryset=Review.objects.select_related("reviewer").order_by("at", "pk")
            ),
        )
    )
    rows = [
        {
            "leervraag": q.question,
            "werkprocessen": [f"{wp.code} {wp.title}" for wp in q.work_processes.all()],
            "stappen": q.steps,
            "gevraagde_ondersteuning": q.support_requested,
            "ondersteuning_werkbegeleider": q.mentor_support,
            "streefdatum": q.target_date,
            "reflectie": q.reflection,
            "status": str(q.get_status_display()),
            "aangemaakt": q.created_at,
            "bijgewerkt": q.updated_at,
            "geschiedenis": [
                {
                    "van": str(t.get_from_status_display()) if t.from_status else "",
                    "naar": str(t.get_to_status_display()),
                    "door": name(t.by),
                    "op": t.at,
                }
                for t in q.transitions.all()
            ],
            "berichten": [
                {"van": name(m.author), "tekst": m.text, "op": m.at} for m in q.messages.all()
            ],
            "controles": [
                {
                    "besluit": str(r.get_decision_display()),
                    "door": name(r.reviewer),
                    "op": r.at,
                    "past_bij_niveau": r.right_level,
                    "gekoppeld_aan_werkproces": r.linked_work_process,
                    "duidelijk_en_concreet": r.concrete,
                    "stappen_leiden_naar_competentie": r.steps_lead_to_competence,
                    "ondersteuning_beschreven": r.support_written,
                }
                for r in q.reviews.all()
            ],
        }
        for q in questions
    ]
    labels = {
        "leervraag": _("Leervraag"),
        "werkprocessen": _("Werkprocessen"),
        "stappen": _("Stappen"),
        "gevraagde_ondersteuning": _("Gevraagde ondersteuning"),
        "ondersteuning_werkbegeleider": _("Ondersteuning van de werkbegeleider"),
        "streefdatum": _("Streefdatum"),
        "reflectie": _("Reflectie"),
        "status": _("Status"),
        "aangemaakt": _("Aangemaakt"),
        "bijgewerkt": _("Bijgewerkt"),
        "geschiedenis": _("Geschiedenis"),
        "berichten": _("Berichten"),
        "controles": _("Controles door de werkbegeleider"),
    }
    return [Section("leervragen", _("Leervragen"), labels, rows, order=20)]
