"""Forms for OEPS feedback, the student's reaction and progress reviews."""

from __future__ import annotations

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerroute.core import inputs
from leerroute.core.forms import watch_privacy
from leerroute.core.versioning import CONFLICT_MESSAGE as CONFLICT_MESSAGE  # for the views
from leerroute.core.versioning import VersionField
from leerroute.learning.models import LearningQuestion
from leerroute.people.models import User
from leerroute.qualifications.models import WorkProcess

from . import queries
from .models import OEPS_MAX_LENGTH, RESPONSE_MAX_LENGTH, Feedback, ProgressLevel, ProgressReview

# The four OEPS steps: label, the one-line hint, and the message when empty.
OEPS_STEPS = {
    "observe": (
        _("Observeren"),
        _("Vraag naar de situatie en beschrijf wat de student feitelijk deed."),
        _("Beschrijf bij Observeren de situatie en wat de student deed."),
    ),
    "effect": (
        _("Effect"),
        _("Vraag de student naar het effect van dat gedrag, op de cliënt en op zichzelf."),
        _("Beschrijf bij Effect wat het gedrag teweegbracht."),
    ),
    "pause": (
        _("Pauzeren"),
        _("Vat samen wat de student zei."),
        _("Vat bij Pauzeren samen wat de student zei."),
    ),
    "suggestions": (
        _("Suggesties"),
        _("Spreek samen af hoe het de volgende keer (nog) beter kan."),
        _("Schrijf bij Suggesties op wat jullie samen hebben afgesproken."),
    ),
}
# Fields that depend on the chosen student (reloaded when the student changes).
LINK_FIELDS = ("work_process", "learning_question")


def _text_field(label, help_text, required_message, max_length, rows=3):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required_message,
            "max_length": _("Maak de tekst korter: hooguit %(limit_value)d tekens."),
        },
    )


class StudentChoiceField(inputs.IdChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class FeedbackForm(forms.Form):
    """OEPS feedback in one short screen; ``student`` only when creating."""

    student = StudentChoiceField(
        label=_("Student"),
        queryset=User.objects.none(),
        empty_label=_("Kies een student"),
        error_messages={
            "required": _("Kies de student aan wie je feedback geeft."),
            "invalid_choice": _(
                "Aan deze student kun je geen feedback geven. Kies een student uit de lijst."
            ),
        },
    )
    observe = _text_field(*OEPS_STEPS["observe"], OEPS_MAX_LENGTH)
    effect = _text_field(*OEPS_STEPS["effect"], OEPS_MAX_LENGTH)
    pause = _text_field(*OEPS_STEPS["pause"], OEPS_MAX_LENGTH)
    suggestions = _text_field(*OEPS_STEPS["suggestions"], OEPS_MAX_LENGTH)
    client_wellbeing = forms.BooleanField(
        label=_("Het welzijn van de cliënt was in het geding"),
        help_text=_(
            "Vink dit aan als de situatie de veiligheid of het welzijn van een cliënt raakte, "
            "bijvoorbeeld een valrisico, een fout met medicatie of een pijnsignaal dat gemist "
            "werd. Ook als de student goed handelde. Het markeert een leermoment over "
            "cliëntveiligheid, geen beschuldiging; je studentbegeleider ziet het terug."
        ),
        required=False,
    )
    work_process = inputs.IdChoiceField(
        label=_("Werkproces (niet verplicht)"),
        queryset=WorkProcess.objects.none(),
        required=False,
        empty_label=_("Geen werkproces"),
        error_messages={
            "invalid_choice": _(
                "Dit werkproces hoort niet bij de kwalificatie van deze student. "
                "Kies een werkproces uit de lijst."
            )
        },
    )
    learning_question = inputs.IdChoiceField(
        label=_("Leervraag (niet verplicht)"),
        queryset=LearningQuestion.objects.none(),
        required=False,
        empty_label=_("Geen leervraag"),
        error_messages={
            "invalid_choice": _(
                "Deze leervraag hoort niet bij deze student. Kies een leervraag uit de lijst."
            )
        },
    )
    version = VersionField(required=False)

    def __init__(self, *args, user: User, student: User | None = None, feedback=None, **kwargs):
        if feedback is not None:
            kwargs.setdefault(
                "initial",
                {
                    "observe": feedback.observe,
                    "effect": feedback.effect,
                    "pause": feedback.pause,
                    "suggestions": feedback.suggestions,
                    "work_process": feedback.work_process_id,
                    "learning_question": feedback.learning_question_id,
                    "client_wellbeing": feedback.client_wellbeing,
                    "version": feedback.version,
                },
            )
        super().__init__(*args, **kwargs)
        watch_privacy(self, *OEPS_STEPS)
        self.feedback = feedback
        if feedback is not None:
            self.fields["version"].required = True
            del self.fields["student"]
            student = feedback.student
        else:
            allowed = queries.students_for_feedback(user).order_by("first_name", "last_name")
            self.fields["student"].queryset = allowed
            # Choosing another student reloads the work processes and learning
            # questions of that student (htmx); without script the server checks.
            self.fields["student"].widget.attrs.update(
                {
                    "hx-get": reverse("feedback:create"),
                    "hx-trigger": "change",
                    "hx-target": "#id_work_process",
                    "hx-select": "#id_work_process",
                    "hx-swap": "outerHTML",
                }
            )
            if self.is_bound:
                chosen = inputs.parse_id(self.data.get("student"))
                student = allowed.filter(pk=chosen).first() if chosen is not None else None
            if student is not None:
                self.initial.setdefault("student", student.pk)
        self.student = student
        qualification = queries.current_qualification(student) if student else None
        self.fields["work_process"].queryset = queries.work_processes_of(qualification)
        self.fields["learning_question"].queryset = (
            queries.learning_questions_for_feedback(student)
            if student
            else LearningQuestion.objects.none()
        )

    def main_fields(self):
        return [f for f in self.visible_fields() if f.name not in LINK_FIELDS]

    def link_fields(self):
        return [self[name] for name in LINK_FIELDS]

    def oeps(self) -> dict:
        data = self.cleaned_data
        return {
            "observe": data["observe"],
            "effect": data["effect"],
            "pause": data["pause"],
            "suggestions": data["suggestions"],
            "work_process": data.get("work_process"),
            "learning_question": data.get("learning_question"),
            "client_wellbeing": data.get("client_wellbeing", False),
        }


class ResponseForm(forms.Form):
    response = forms.CharField(
        label=_("Jouw reactie"),
        help_text=_("Kort: wat neem je mee uit deze feedback?"),
        max_length=RESPONSE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": _("Schrijf een korte reactie voordat je die verstuurt."),
            "max_length": _("Maak je reactie korter: hooguit %(limit_value)d tekens."),
        },
    )
    version = VersionField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        watch_privacy(self, "response")


class FeedbackChoiceField(inputs.IdMultipleChoiceField):
    def label_from_instance(self, obj: Feedback) -> str:
        when = timezone.localtime(obj.created_at).strftime("%d-%m-%Y")
        author = obj.author.get_full_name() if obj.author else "?"
        process = obj.work_process.code if obj.work_process else _("geen werkproces")
        excerpt = obj.observe if len(obj.observe) <= 90 else obj.observe[:87] + "…"
        return f"{when} · {author} · {process}: {excerpt}"


class ReviewForm(forms.Form):
    """A progress review: a level per work process, a justification, cited feedback."""

    review_date = forms.DateField(
        label=_("Datum van de beoordeling"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "required": _("Vul de datum van de beoordeling in."),
            "invalid": _("Vul een geldige datum in, bijvoorbeeld 15-03-2027."),
        },
    )
    summary = _text_field(
        _("Onderbouwing"),
        _("Waarop baseer je deze beoordeling? Verwijs naar de feedback die je hieronder aanvinkt."),
        _("Schrijf een onderbouwing van je beoordeling."),
        4000,
        rows=5,
    )
    cited_feedback = FeedbackChoiceField(
        label=_("Feedback waarop je je baseert"),
        queryset=Feedback.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Je kunt alleen feedback van deze student aanhalen. Kies uit de lijst."
            ),
            "invalid_pk_value": _("Kies feedback uit de lijst."),
        },
    )
    version = VersionField(required=False)

    def __init__(
        self,
        *args,
        student: User,
        work_processes,
        review: ProgressReview | None = None,
        publishing: bool = False,
        **kwargs,
    ):
        self.work_processes = list(work_processes)
        self.student = student
        self.review = review
        self.publishing = publishing
        if review is not None and "initial" not in kwargs:
            entries = {e.work_process_id: e for e in review.entries.all()}
            initial = {
                "review_date": review.review_date,
                "summary": review.summary,
                "cited_feedback": [f.pk for f in review.cited_feedback.all()],
                "version": review.version,
            }
            for wp in self.work_processes:
                entry = entries.get(wp.pk)
                initial[f"level_{wp.pk}"] = entry.level if entry else ProgressLevel.NOT_YET_SEEN
                initial[f"note_{wp.pk}"] = entry.note if entry else ""
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        if review is None:
            self.initial.setdefault("review_date", timezone.localdate())
        else:
            self.fields["version"].required = True
        self.fields["cited_feedback"].queryset = (
            Feedback.objects.filter(student=student)
            .select_related("author", "work_process")
            .order_by("-created_at", "-pk")
        )
        for wp in self.work_processes:
            self.fields[f"level_{wp.pk}"] = forms.ChoiceField(
                label=f"{wp.code} {wp.title}",
                choices=ProgressLevel.choices,
                initial=ProgressLevel.NOT_YET_SEEN,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("Kies een niveau voor dit werkproces."),
                    "invalid_choice": _("Kies een niveau van de schaal."),
                },
            )
            self.fields[f"note_{wp.pk}"] = forms.CharField(
                label=_("Toelichting bij %(code)s (niet verplicht)") % {"code": wp.code},
                required=False,
                max_length=1000,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={
                    "max_length": _("Maak de toelichting korter: hooguit %(limit_value)d tekens.")
                },
            )
        watch_privacy(self, "summary", *(f"note_{wp.pk}" for wp in self.work_processes))

    def rows(self):
        """(work process, level field, note field) for the template."""
        return [(wp, self[f"level_{wp.pk}"], self[f"note_{wp.pk}"]) for wp in self.work_processes]

    def header_fields(self):
        return [self["review_date"], self["summary"]]

    def clean_review_date(self):
        date = self.cleaned_data["review_date"]
        if date > timezone.localdate():
            raise forms.ValidationError(
                _("De datum van de beoordeling kan niet in de toekomst liggen.")
            )
        taken = ProgressReview.objects.filter(student=self.student, review_date=date)
        if self.review is not None:
            taken = taken.exclude(pk=self.review.pk)
        if taken.exists():
            raise forms.ValidationError(
                _(
                    "Voor deze student is er op deze datum al een voortgangsbeoordeling. "
                    "Kies een andere datum of pas die beoordeling aan."
                )
            )
        return date

    def clean(self):
        data = super().clean()
        already_published = self.review is not None and self.review.is_published
        must_cite = self.publishing or already_published
        if must_cite and not data.get("cited_feedback") and "cited_feedback" not in self.errors:
            self.add_error(
                "cited_feedback",
                _(
                    "Vink minstens één feedbackmoment aan waarop je de beoordeling "
                    "baseert, voordat je publiceert."
                ),
            )
        return data

    def levels(self) -> dict:
        return {
            wp: (self.cleaned_data[f"level_{wp.pk}"], self.cleaned_data.get(f"note_{wp.pk}", ""))
            for wp in self.work_processes
        }

    def save(self, *, author, student, review=None) -> ProgressReview:
        """Save the valid form through ``services.save_review`` (page and API alike)."""
        from . import services

        return services.save_review(
            author=author,
            student=student,
            review_date=self.cleaned_data["review_date"],
            summary=self.cleaned_data["summary"],
            levels=self.levels(),
            cited=list(self.cleaned_data["cited_feedback"]),
            publish=self.publishing,
            review=review,
            expected_version=self.cleaned_data.get("version"),
        )
