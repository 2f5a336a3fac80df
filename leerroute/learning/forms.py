"""Forms for learning questions: explicit fields, Dutch messages.

The student and the placement never come from the request: the view takes
them from the signed-in student (SEC-07).
"""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerroute.core import inputs
from leerroute.core.forms import watch_privacy
from leerroute.core.versioning import VersionField

from .models import (
    MENTOR_SUPPORT_MAX,
    MESSAGE_MAX,
    QUESTION_MAX,
    REFLECTION_MAX,
    STEPS_MAX,
    SUPPORT_MAX,
)
from .services import Checklist, Content


class WorkProcessChoiceField(inputs.IdMultipleChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.title}"


def _textarea(rows: int, limit: int, describedby: str = "") -> forms.Textarea:
    attrs = {"rows": rows, "maxlength": limit}
    return forms.Textarea(attrs=attrs)


class QuestionForm(forms.Form):
    question = forms.CharField(
        label=_("Je leervraag"),
        max_length=QUESTION_MAX,
        widget=_textarea(3, QUESTION_MAX),
        help_text=_(
            "Schrijf in de ik-vorm wat je wilt leren, hoe je laat zien dat het gelukt is "
            "en wanneer. Bijvoorbeeld: ‘Ik wil leren …’."
        ),
        error_messages={"required": _("Schrijf je leervraag op.")},
    )
    work_processes = WorkProcessChoiceField(
        label=_("Werkprocessen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Kies de werkprocessen van je kwalificatie waar deze leervraag bij hoort."),
        error_messages={
            "invalid_choice": _(
                "Je kunt alleen werkprocessen van je eigen kwalificatie kiezen "
                "(%(value)s hoort er niet bij)."
            ),
            "invalid_pk_value": _("‘%(pk)s’ is geen geldig werkproces."),
        },
    )
    steps = forms.CharField(
        label=_("Stappen die je zet"),
        max_length=STEPS_MAX,
        required=False,
        widget=_textarea(4, STEPS_MAX),
        help_text=_("Bijvoorbeeld: 1. meekijken, 2. onder begeleiding oefenen, 3. zelfstandig."),
    )
    support_requested = forms.CharField(
        label=_("Wat vraag je van je werkbegeleider?"),
        max_length=SUPPORT_MAX,
        required=False,
        widget=_textarea(3, SUPPORT_MAX),
    )
    target_date = forms.DateField(
        label=_("Streefdatum"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Wanneer wil je dit kunnen? Nodig om in te dienen."),
        error_messages={"invalid": _("Vul een geldige datum in, bijvoorbeeld 2027-03-15.")},
    )
    answer = forms.CharField(
        label=_("Je antwoord aan je werkbegeleider"),
        max_length=MESSAGE_MAX,
        required=False,
        widget=_textarea(3, MESSAGE_MAX),
        help_text=_("Wordt bij de vragen van je werkbegeleider gezet als je opnieuw indient."),
    )
    version = VersionField(required=False)

    def __init__(self, *args, qualification, with_answer=False, needs_version=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.qualification = qualification
        self.fields["work_processes"].queryset = qualification.work_processes.select_related(
            "core_task"
        ).order_by("code")
        if with_answer:
            watch_privacy(self, "answer")
        else:
            del self.fields["answer"]
        if needs_version:
            self.fields["version"].required = True

    def clean_target_date(self):
        value = self.cleaned_data.get("target_date")
        if value and value < timezone.localdate():
            raise forms.ValidationError(
                _("De streefdatum ligt in het verleden. Kies vandaag of een latere datum.")
            )
        return value

    def content(self) -> Content:
        data = self.cleaned_data
        return Content(
            question=data["question"],
            work_process_ids=[wp.pk for wp in data["work_processes"]],
            steps=data["steps"],
            support_requested=data["support_requested"],
            target_date=data["target_date"],
        )


class ReviewForm(forms.Form):
    APPROVE, CLARIFY = "approve", "clarify"

    right_level = forms.BooleanField(
        label=_("De leervraag past bij het niveau van de kwalificatie"), required=False
    )
    linked_work_process = forms.BooleanField(
        label=_("De leervraag is gekoppeld aan het juiste werkproces"), required=False
    )
    concrete = forms.BooleanField(label=_("De leervraag is duidelijk en concreet"), required=False)
    steps_lead_to_competence = forms.BooleanField(
        label=_("De stappen leiden naar de competentie"), required=False
    )
    support_written = forms.BooleanField(
        label=_("Mijn eigen ondersteuning staat hieronder beschreven"), required=False
    )
    mentor_support = forms.CharField(
        label=_("Zo ondersteun ik de student"),
        max_length=MENTOR_SUPPORT_MAX,
        required=False,
        widget=_textarea(3, MENTOR_SUPPORT_MAX),
        help_text=_("Nodig om goed te keuren. Bijvoorbeeld: ik doe het voor en kijk mee."),
    )
    message = forms.CharField(
        label=_("Je vraag aan de student"),
        max_length=MESSAGE_MAX,
        required=False,
        widget=_textarea(3, MESSAGE_MAX),
        help_text=_("Nodig als je om verduidelijking vraagt."),
    )
    decision = forms.ChoiceField(
        choices=[(APPROVE, _("Goedkeuren")), (CLARIFY, _("Vraag stellen"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("Kies: goedkeuren of een vraag stellen.")},
    )
    version = VersionField()

    CHECKLIST_FIELDS = (
        "right_level",
        "linked_work_process",
        "concrete",
        "steps_lead_to_competence",
        "support_written",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        watch_privacy(self, "mentor_support", "message")

    def clean(self):
        data = super().clean()
        decision = data.get("decision")
        if decision == self.APPROVE:
            if not all(data.get(name) for name in self.CHECKLIST_FIELDS):
                raise forms.ValidationError(
                    _(
                        "Je kunt alleen goedkeuren als alle punten van de checklist kloppen. "
                        "Stel anders een vraag aan de student."
                    )
                )
            if not data.get("mentor_support"):
                self.add_error(
                    "mentor_support", _("Schrijf op hoe jij de student hierbij ondersteunt.")
                )
        elif decision == self.CLARIFY and not data.get("message"):
            self.add_error("message", _("Schrijf je vraag aan de student op."))
        return data

    def checklist(self) -> Checklist:
        return Checklist(
            **{name: bool(self.cleaned_data.get(name)) for name in self.CHECKLIST_FIELDS}
        )


class CompleteForm(forms.Form):
    reflection = forms.CharField(
        label=_("Je reflectie"),
        max_length=REFLECTION_MAX,
        widget=_textarea(6, REFLECTION_MAX),
        help_text=_(
            "Wat heb je gedaan, wat ging goed, wat heb je geleerd en wat is je volgende stap? "
            "Noem geen namen van cliënten."
        ),
        error_messages={"required": _("Schrijf je reflectie op.")},
    )
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        watch_privacy(self, "reflection")


class SubmitForm(forms.Form):
    version = VersionField(required=False)
