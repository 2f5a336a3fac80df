"""Forms of intervision: explicit fields, Dutch messages.

Edit forms carry the version of the record they were loaded with
(``core.versioning``); the services refuse a stale save.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from leerroute.core import inputs
from leerroute.core.forms import watch_privacy
from leerroute.core.versioning import VersionedModelForm, VersionField
from leerroute.training.forms import local_datetime_field
from leerroute.training.models import WorkForm

from . import queries
from .models import IntervisionGroup, Meeting, MeetingAttendance

MIN_MEMBERS = 2


class GroupForm(VersionedModelForm):
    organisation = inputs.IdChoiceField(
        label=_("Organisatie"),
        queryset=None,
        error_messages={
            "required": _("Kies de organisatie van de groep."),
            "invalid_choice": _("Kies een organisatie waarvan jij praktijkopleider bent."),
        },
    )
    facilitator = inputs.IdChoiceField(
        label=_("Begeleider"),
        queryset=None,
        help_text=_(
            "Een werkbegeleider, studentbegeleider of praktijkopleider van de organisatie."
        ),
        error_messages={
            "required": _("Kies de begeleider van de groep."),
            "invalid_choice": _("Kies een begeleider uit de lijst."),
        },
    )
    members = inputs.IdMultipleChoiceField(
        label=_("Deelnemers (werkbegeleiders)"),
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Werkbegeleiders van de organisatie, uit één team of uit meerdere teams."),
        error_messages={
            "required": _("Kies minstens twee werkbegeleiders."),
            "invalid_choice": _("Kies werkbegeleiders uit de lijst."),
            "invalid_pk_value": _("Kies werkbegeleiders uit de lijst."),
        },
    )

    class Meta:
        model = IntervisionGroup
        fields = ["name"]
        labels = {"name": _("Naam van de groep")}
        help_texts = {"name": _("Bijvoorbeeld: Intervisie Rijnhof (dinsdag).")}
        error_messages = {"name": {"required": _("Geef de groep een naam.")}}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            org_ids = [self.instance.organisation_id]
            del self.fields["organisation"]
            self.initial.setdefault("facilitator", self.instance.facilitator_id)
            self.initial.setdefault(
                "members", list(self.instance.members.values_list("pk", flat=True))
            )
        else:
            organisations = queries.managed_organisations(user).order_by("name")
            self.fields["organisation"].queryset = organisations
            org_ids = list(organisations.values_list("pk", flat=True))
            if len(org_ids) == 1:
                self.fields["organisation"].initial = org_ids[0]
        self.fields["facilitator"].queryset = queries.facilitator_candidates(org_ids)
        self.fields["members"].queryset = queries.mentors_of(org_ids)

    def clean(self):
        data = super().clean()
        organisation = data.get("organisation") or getattr(self.instance, "organisation", None)
        if organisation is None:
            return data
        org_ids = [organisation.pk]
        facilitator, members = data.get("facilitator"), data.get("members")
        if (
            facilitator
            and not queries.facilitator_candidates(org_ids).filter(pk=facilitator.pk).exists()
        ):
            self.add_error("facilitator", _("De begeleider hoort niet bij deze organisatie."))
        if members is not None:
            allowed = set(queries.mentors_of(org_ids).values_list("pk", flat=True))
            if any(m.pk not in allowed for m in members):
                self.add_error("members", _("Kies alleen werkbegeleiders van deze organisatie."))
            elif len([m for m in members if m != facilitator]) < MIN_MEMBERS:
                self.add_error(
                    "members", _("Kies minstens twee werkbegeleiders (naast de begeleider).")
                )
        return data


class MeetingForm(VersionedModelForm):
    starts_at = local_datetime_field(_("Begint om"))
    ends_at = local_datetime_field(_("Eindigt om"))
    method = inputs.IdChoiceField(
        label=_("Methode"),
        queryset=WorkForm.objects.filter(kind=WorkForm.Kind.INTERVISION).order_by("title"),
        help_text=_("Een intervisiemethode uit de werkvormen; de groep ziet de stappen."),
        error_messages={
            "required": _("Kies een intervisiemethode."),
            "invalid_choice": _("Kies een intervisiemethode uit de lijst."),
        },
    )

    class Meta:
        model = Meeting
        fields = ["starts_at", "ends_at", "place", "method"]
        help_texts = {"place": _("Bijvoorbeeld: De Rijnhof, vergaderruimte 1.")}
        error_messages = {"place": {"required": _("Vul de plaats van de bijeenkomst in.")}}

    def clean(self):
        data = super().clean()
        start, end = data.get("starts_at"), data.get("ends_at")
        if start and end and end <= start:
            self.add_error("ends_at", _("De bijeenkomst moet eindigen na het begin."))
        return data


class ConfirmForm(forms.Form):
    """A confirmation (end a group, cancel a meeting) with the version it was shown with."""

    version = VersionField()


class AttendanceForm(forms.Form):
    """One radio group per member."""

    def __init__(self, *args, members, current: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.members = members
        for person in members:
            self.fields[f"p{person.pk}"] = forms.ChoiceField(
                label=str(person),
                choices=MeetingAttendance.Status.choices,
                widget=forms.RadioSelect,
                initial=current.get(person.pk, MeetingAttendance.Status.PRESENT),
                error_messages={
                    "required": _("Kies aanwezig, afwezig of afgemeld."),
                    "invalid_choice": _("Kies aanwezig, afwezig of afgemeld."),
                },
            )

    def rows(self):
        return [(person, self[f"p{person.pk}"]) for person in self.members]

    def statuses(self) -> dict[int, str]:
        return {p.pk: self.cleaned_data[f"p{p.pk}"] for p in self.members}


class NotesForm(forms.Form):
    text = forms.CharField(
        label=_("Notities van de groep"),
        required=False,
        max_length=20_000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Alleen de deelnemers en de begeleider van deze groep lezen dit. Schrijf geen "
            "namen van cliënten of studenten op."
        ),
        error_messages={"max_length": _("De notities zijn te lang (hoogstens 20.000 tekens).")},
    )
    version = VersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        watch_privacy(self, "text")

    def clean_text(self):
        return inputs.clean_text(self.cleaned_data.get("text", ""))
