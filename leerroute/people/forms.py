"""Forms of the people app."""

from __future__ import annotations

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import User

LONGEST_PERIOD_DAYS = 366


class AccessLogFilterForm(forms.Form):
    """Everything one account viewed (or tried to view) in a period."""

    account = forms.CharField(
        label=_("Medewerker"),
        max_length=150,
        required=False,
        help_text=_("Wat deze medewerker bekeek: de gebruikersnaam, bijvoorbeeld werkbegeleider1."),
    )
    student = forms.CharField(
        label=_("Student"),
        max_length=150,
        required=False,
        help_text=_(
            "Wie de gegevens van deze student bekeek: de gebruikersnaam, bijvoorbeeld student1."
        ),
    )
    start = forms.DateField(
        label=_("Van"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    end = forms.DateField(
        label=_("Tot en met"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        self.fields["start"].initial = today - datetime.timedelta(days=30)
        self.fields["end"].initial = today

    def clean_account(self):
        return self._user(self.cleaned_data["account"])

    def clean_student(self):
        return self._user(self.cleaned_data["student"])

    def _user(self, username: str):
        username = username.strip()
        if not username:
            return None
        user = User.objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(_("Er is geen account met deze gebruikersnaam."))
        return user

    def clean(self):
        data = super().clean()
        if not data.get("account") and not data.get("student") and not self.errors:
            raise forms.ValidationError(
                _("Vul de gebruikersnaam van een medewerker of van een student in.")
            )
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", _("De einddatum ligt vóór de begindatum."))
            elif (end - start).days > LONGEST_PERIOD_DAYS:
                self.add_error("end", _("Kies een periode van hoogstens een jaar."))
        return data

    def period(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The period as aware datetimes: from the start of ``start`` to the end of ``end``."""
        zone = timezone.get_current_timezone()
        start = datetime.datetime.combine(self.cleaned_data["start"], datetime.time(), zone)
        end = datetime.datetime.combine(
            self.cleaned_data["end"] + datetime.timedelta(days=1), datetime.time(), zone
        )
        return start, end
