"""Forms of the conversation app (Dutch messages, explicit fields)."""

from __future__ import annotations

from django import forms
from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _

from leerroute.core import inputs
from leerroute.core.versioning import VersionField
from leerroute.people.models import User

from .models import AGENDA_ITEM_MAX, AGENDA_MAX_ITEMS, AGREEMENT_MAX, NOTES_MAX, PLACE_MAX
from .queries import RoutePerson

AGENDA_TEXT_MAX = AGENDA_MAX_ITEMS * (AGENDA_ITEM_MAX + 2)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", **kwargs)


class ParticipantChoiceField(inputs.IdMultipleChoiceField):
    def label_from_instance(self, obj):
        role = self.roles.get(obj.pk)
        return f"{obj} ({role})" if role else str(obj)


class ConversationForm(forms.Form):
    """Plan or change a conversation: when, where, who, and the agenda."""

    date = forms.DateField(label=_("Datum"), widget=DateInput())
    start = forms.TimeField(label=_("Begintijd"), widget=TimeInput())
    end = forms.TimeField(label=_("Eindtijd"), widget=TimeInput())
    place = forms.CharField(
        label=_("Plaats"),
        max_length=PLACE_MAX,
        help_text=_("Bijvoorbeeld een ruimte op de afdeling, een adres of 'online'."),
    )
    participants = ParticipantChoiceField(
        queryset=User.objects.none(),
        label=_("Deelnemers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _(
                "Deze persoon hoort niet bij de route van de student. Kies deelnemers uit de lijst."
            ),
            "invalid_pk_value": _("Er zat een ongeldige deelnemer in je verzoek."),
        },
    )
    agenda = forms.CharField(
        label=_("Agenda"),
        required=False,
        max_length=AGENDA_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Eén agendapunt per regel. Leerroute stelde de punten voor; pas ze aan, haal er weg "
            "of voeg eigen punten toe."
        ),
    )

    def __init__(self, *args, route: list[RoutePerson], student: User, by: User, **kwargs):
        super().__init__(*args, **kwargs)
        # The student and the person planning always take part: not a choice.
        others = [person for person in route if person.user.pk not in (student.pk, by.pk)]
        field = self.fields["participants"]
        ids = [p.user.pk for p in others]
        if ids:
            position = Case(*(When(pk=pk, then=i) for i, pk in enumerate(ids)), default=len(ids))
            field.queryset = User.objects.filter(pk__in=ids).order_by(position, "pk")
        field.roles = {p.user.pk: p.role_label for p in others}

    def agenda_items(self) -> list[str]:
        return self.cleaned_data.get("agenda", "").splitlines()

    def _when_and_who(self) -> dict:
        data = self.cleaned_data
        return {
            "date": data["date"],
            "start": data["start"],
            "end": data["end"],
            "place": data["place"],
            "participants": data["participants"],
            "agenda": self.agenda_items(),
        }

    def plan(self, *, by, student):
        """Plan the conversation of the valid form (``services.plan``; page and API)."""
        from . import services

        return services.plan(by=by, student=student, **self._when_and_who())

    def change(self, conversation, *, by, expected_version: int) -> None:
        """Change ``conversation`` to the valid form (``services.change``; page and API)."""
        from . import services

        services.change(
            conversation, by=by, expected_version=expected_version, **self._when_and_who()
        )


class VersionForm(forms.Form):
    """An action on a versioned conversation (cancel) carries the version it saw."""

    version = VersionField()


class NotesForm(forms.Form):
    version = VersionField()
    notes = forms.CharField(
        label=_("Verslag"),
        max_length=NOTES_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Wat is er besproken? Schrijf geen gegevens van cliënten op. Alle deelnemers en de "
            "praktijkopleiders van de organisatie lezen het verslag."
        ),
    )


class AgreementForm(forms.Form):
    text = forms.CharField(label=_("Afspraak"), max_length=AGREEMENT_MAX)
    owner = inputs.IdChoiceField(
        queryset=User.objects.none(),
        label=_("Wie"),
        required=False,
        empty_label=_("— kies een deelnemer —"),
        error_messages={
            "invalid_choice": _("Deze persoon neemt niet deel aan het gesprek. Kies een deelnemer.")
        },
    )
    due_date = forms.DateField(label=_("Uiterlijk op"), widget=DateInput())

    def __init__(self, *args, participants, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            pk__in=[p.user_id for p in participants]
        ).order_by("first_name", "last_name", "pk")

    def clean_owner(self):
        owner = self.cleaned_data.get("owner")
        if owner is None:
            raise forms.ValidationError(
                _("Kies wie de afspraak uitvoert: iedere afspraak heeft een eigenaar.")
            )
        return owner
