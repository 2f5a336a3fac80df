"""Forms of the training app: explicit fields, Dutch messages.

Edit forms carry the version of the record they were loaded with
(``core.versioning``); the services refuse a stale save.
"""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from leerroute.core import inputs
from leerroute.core.versioning import VersionedModelForm, VersionField
from leerroute.people.models import Role

from . import queries
from .models import HTTP_URL, Attendance, Material, Programme, Session, Topic, WorkForm
from .uploads import check_captions, check_upload

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class DateTimeLocalInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format=DATETIME_FORMAT)


def local_datetime_field(label) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=label,
        widget=DateTimeLocalInput(),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M"],
        error_messages={
            "required": _("Vul een datum en tijd in."),
            "invalid": _("Vul een geldige datum en tijd in, bijvoorbeeld 14-05-2026 13:30."),
        },
    )


class ProgrammeForm(VersionedModelForm):
    class Meta:
        model = Programme
        fields = ["title", "goal", "audience", "organisation", "trainers", "invited_organisations"]
        field_classes = {
            "organisation": inputs.IdChoiceField,
            "trainers": inputs.IdMultipleChoiceField,
            "invited_organisations": inputs.IdMultipleChoiceField,
        }
        widgets = {
            "trainers": forms.CheckboxSelectMultiple,
            "invited_organisations": forms.CheckboxSelectMultiple,
            "goal": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "trainers": _("Jij wordt zelf altijd trainer van een nieuw programma."),
            "invited_organisations": _("Van deze organisaties kun je mensen uitnodigen."),
            "audience": _("Bijvoorbeeld: praktijkopleiders van de zorgorganisaties."),
        }
        error_messages = {
            "title": {"required": _("Geef het programma een titel.")},
            "goal": {"required": _("Beschrijf het doel van het programma.")},
            "audience": {"required": _("Vul de doelgroep in.")},
            "organisation": {"required": _("Kies de organiserende organisatie.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = queries.programme_organisations_for(user)
        self.fields["trainers"].queryset = queries.trainer_candidates(user)
        self.fields["invited_organisations"].queryset = self._invitable(user)
        if self.instance.pk:
            del self.fields["organisation"]
            if self.instance.is_team_training:
                del self.fields["invited_organisations"]

    @staticmethod
    def _invitable(user):
        from leerroute.people import queries as people
        from leerroute.people.models import Organisation

        if people.is_admin(user) or people.has_role(user, Role.TRAINER):
            return Organisation.objects.all()
        return Organisation.objects.filter(pk__in=queries.educator_organisation_ids(user))


class SessionForm(VersionedModelForm):
    starts_at = local_datetime_field(_("Begint om"))
    ends_at = local_datetime_field(_("Eindigt om"))
    online_url = forms.URLField(
        label=_("Online link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[HTTP_URL],
        help_text=_("Een link die begint met https:// of http://."),
        error_messages={"invalid": _("Vul een geldige link in die begint met https://.")},
    )

    class Meta:
        model = Session
        fields = ["topic", "starts_at", "ends_at", "place", "online_url", "materials"]
        field_classes = {"materials": inputs.IdMultipleChoiceField}
        widgets = {"materials": forms.CheckboxSelectMultiple}
        help_texts = {
            "place": _("Vul een plaats in, een online link, of allebei."),
        }
        error_messages = {
            "topic": {"required": _("Vul het onderwerp van de bijeenkomst in.")},
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["materials"].queryset = queries.materials_visible_to(user).order_by("title")

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("De bijeenkomst moet eindigen na het begin."))
        if not data.get("place") and not data.get("online_url") and "online_url" not in self.errors:
            self.add_error("place", _("Vul een plaats of een online link in."))
        return data


class InviteForm(forms.Form):
    ROLE_CHOICES = [
        (Role.PRACTICE_EDUCATOR, _("praktijkopleiders")),
        (Role.TEACHER, _("docenten")),
        (Role.MENTOR, _("werkbegeleiders")),
        (Role.ASSESSOR, _("studentbegeleiders")),
        (Role.TRAINER, _("trainers")),
    ]
    role = forms.ChoiceField(
        label=_("Rol"),
        choices=ROLE_CHOICES,
        error_messages={"required": _("Kies een rol."), "invalid_choice": _("Kies een rol.")},
    )
    organisation = inputs.IdChoiceField(
        label=_("Organisatie"),
        queryset=None,
        error_messages={
            "required": _("Kies een organisatie."),
            "invalid_choice": _("Kies een van de uitgenodigde organisaties."),
        },
    )
    enrol = forms.BooleanField(
        label=_("Direct inschrijven (anders krijgen ze een uitnodiging om zich aan te melden)"),
        required=False,
    )

    def __init__(self, *args, user, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["organisation"].queryset = queries.invitable_organisations(user, programme)

    def invite(self, *, by) -> tuple[int, int]:
        """Invite (or enrol) as the valid form says (``services.invite``; page and API):
        how many people were new and how many were enrolled."""
        from . import services

        return services.invite(
            self.programme,
            self.cleaned_data["role"],
            self.cleaned_data["organisation"],
            by=by,
            enrol=self.cleaned_data["enrol"],
        )


class AttendanceForm(forms.Form):
    """One radio group per enrolled participant, and the session's version."""

    version = VersionField()

    def __init__(self, *args, participants, current: dict[int, str], version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["version"] = version
        self.participants = participants
        for person in participants:
            self.fields[f"p{person.pk}"] = forms.ChoiceField(
                label=str(person),
                choices=Attendance.Status.choices,
                widget=forms.RadioSelect,
                initial=current.get(person.pk, Attendance.Status.PRESENT),
                error_messages={
                    "required": _("Kies aanwezig, afwezig of afgemeld."),
                    "invalid_choice": _("Kies aanwezig, afwezig of afgemeld."),
                },
            )

    def rows(self):
        return [(person, self[f"p{person.pk}"]) for person in self.participants]

    def statuses(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data[f"p{p.pk}"] for p in self.participants}


class MaterialForm(forms.Form):
    title = forms.CharField(
        label=_("Titel"), max_length=200, error_messages={"required": _("Geef een titel.")}
    )
    kind = forms.ChoiceField(
        label=_("Soort"),
        choices=Material.Kind.choices,
        error_messages={"required": _("Kies de soort materiaal.")},
    )
    file = forms.FileField(
        label=_("Bestand"),
        required=False,
        allow_empty_file=True,  # checked ourselves, with a clear message
        help_text=_(
            "Presentatie: .pdf, .pptx of .odp. Document: .pdf, .docx, .odt of .txt. "
            "Video: .mp4 of .webm."
        ),
    )
    url = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        validators=[HTTP_URL],
        help_text=_("Alleen bij soort 'link': een adres dat begint met https:// of http://."),
        error_messages={"invalid": _("Vul een geldige link in die begint met https://.")},
    )
    captions = forms.FileField(
        label=_("Ondertiteling (niet verplicht)"),
        required=False,
        allow_empty_file=True,
        help_text=_(
            "Alleen bij een video: een WebVTT-bestand (.vtt). De ondertiteling verschijnt "
            "in de speler op de pagina."
        ),
    )
    description = forms.CharField(label=_("Beschrijving"), required=False, widget=forms.Textarea)
    topics = forms.CharField(
        label=_("Onderwerpen"),
        required=False,
        max_length=300,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: feedback, hybride leren"),
    )

    def clean_url(self):
        url = self.cleaned_data.get("url", "")
        if url and not url.lower().startswith(("https://", "http://")):
            raise forms.ValidationError(_("Een link moet beginnen met https:// of http://."))
        return url

    def clean_topics(self):
        names = [n.strip()[:80] for n in self.cleaned_data.get("topics", "").split(",")]
        return list(dict.fromkeys(n for n in names if n))

    def clean(self):
        data = super().clean()
        kind, upload, url = data.get("kind"), data.get("file"), data.get("url")
        self.file_type = None
        if kind == Material.Kind.LINK:
            if upload:
                self.add_error("file", _("Bij een link hoort geen bestand."))
            if not url and "url" not in self.errors:
                self.add_error("url", _("Vul de link in."))
        elif kind:
            if url:
                self.add_error("url", _("Een link hoort bij soort 'link'; laat dit veld leeg."))
            if upload is None or upload is False:
                self.add_error("file", _("Kies een bestand om te uploaden."))
            else:
                try:
                    self.file_type = check_upload(upload, kind)
                except forms.ValidationError as error:
                    self.add_error("file", error)
        captions = data.get("captions")
        if captions:
            if kind != Material.Kind.VIDEO:
                self.add_error("captions", _("Ondertiteling hoort alleen bij een video."))
            else:
                try:
                    check_captions(captions)
                except forms.ValidationError as error:
                    self.add_error("captions", error)
        return data


class MaterialFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("alle soorten")), *Material.Kind.choices]
    )
    topic = inputs.IdChoiceField(
        label=_("Onderwerp"),
        required=False,
        queryset=Topic.objects.order_by("name"),
        empty_label=_("alle onderwerpen"),
    )


class WorkFormForm(VersionedModelForm):
    steps = forms.CharField(
        label=_("Stappen"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Eén stap per regel, in volgorde. Begin met de naam van de stap, dan een "
            "dubbele punt en de uitleg, bijvoorbeeld: Observeren: beschrijf wat je zag."
        ),
        error_messages={"required": _("Beschrijf minstens één stap.")},
    )

    class Meta:
        model = WorkForm
        fields = ["title", "kind", "purpose", "duration_minutes", "materials"]
        field_classes = {"materials": inputs.IdMultipleChoiceField}
        widgets = {"materials": forms.CheckboxSelectMultiple}
        error_messages = {
            "title": {"required": _("Geef de werkvorm een naam.")},
            "purpose": {"required": _("Beschrijf het doel.")},
            "duration_minutes": {
                "required": _("Vul de duur in minuten in."),
                "invalid": _("Vul een heel aantal minuten in."),
                "min_value": _("De duur is minstens 1 minuut."),
                "max_value": _("De duur is hoogstens 600 minuten."),
            },
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["materials"].queryset = queries.materials_visible_to(user).order_by("title")
        if self.instance.pk and not self.is_bound:
            self.initial["steps"] = "\n".join(
                f"{s.title}: {s.description}" if s.description else s.title
                for s in self.instance.steps.all()
            )

    def clean_steps(self) -> list[tuple[str, str]]:
        steps = []
        for line in self.cleaned_data["steps"].splitlines():
            line = line.strip()
            if not line:
                continue
            title, _sep, text = line.partition(":")
            title = title.strip()[:200]
            if not title:
                raise forms.ValidationError(
                    _("Elke stap begint met een naam vóór de dubbele punt.")
                )
            steps.append((title, text.strip()))
        if not steps:
            raise forms.ValidationError(_("Beschrijf minstens één stap."))
        return steps


class TeamTrainingForm(forms.Form):
    team = inputs.IdChoiceField(
        label=_("Team"),
        queryset=None,
        error_messages={
            "required": _("Kies een team."),
            "invalid_choice": _("Kies een team van je eigen organisatie."),
        },
    )
    base = inputs.IdChoiceField(
        label=_("Programma"),
        queryset=None,
        help_text=_("De bijeenkomsten, onderwerpen en materialen worden hiervan overgenomen."),
        error_messages={
            "required": _("Kies het programma waarop de teamtraining is gebaseerd."),
            "invalid_choice": _("Kies een van de programma's uit de lijst."),
        },
    )
    first_start = local_datetime_field(_("Eerste bijeenkomst begint om"))
    interval_weeks = forms.IntegerField(
        label=_("Weken tussen de bijeenkomsten"),
        min_value=1,
        max_value=12,
        initial=2,
        error_messages={
            "required": _("Vul het aantal weken in."),
            "invalid": _("Vul een heel aantal weken in."),
            "min_value": _("Minstens 1 week."),
            "max_value": _("Hoogstens 12 weken."),
        },
    )
    place = forms.CharField(
        label=_("Plaats"), max_length=200, error_messages={"required": _("Vul de plaats in.")}
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        teams = queries.plannable_teams_for(user).order_by(
            "department__organisation__name", "-department__is_pilot", "department__name", "name"
        )
        self.fields["team"].queryset = teams
        self.fields["team"].label_from_instance = lambda t: (
            f"{t.name} – {t.department.name}"
            + (f" ({_('pilotafdeling')})" if t.department.is_pilot else "")
        )
        self.fields["base"].queryset = queries.base_programmes_for(user).order_by("title")

    def clean_first_start(self):
        value = self.cleaned_data["first_start"]
        if value < timezone.now() - datetime.timedelta(days=365):
            raise forms.ValidationError(_("Kies een datum in het afgelopen jaar of later."))
        return value

    def clean_base(self):
        base = self.cleaned_data["base"]
        if not base.sessions.exists():
            raise forms.ValidationError(_("Dit programma heeft nog geen bijeenkomsten."))
        return base


__all__ = [
    "AttendanceForm",
    "InviteForm",
    "MaterialFilterForm",
    "MaterialForm",
    "ProgrammeForm",
    "SessionForm",
    "TeamTrainingForm",
    "WorkFormForm",
]
