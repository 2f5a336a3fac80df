"""The contact card form on "Mijn profiel": Dutch messages, explicit fields."""

from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from leerroute.core import inputs

from .models import ContactCard

_SEPARATORS = re.compile(r"[\s\-().]")
# A Dutch number (0 and nine digits) or an international one (+ or 00, 8 to 15 digits).
_PHONE = re.compile(r"(0[1-9][0-9]{8})|((\+|00)[1-9][0-9]{7,14})")


class ContactCardForm(forms.ModelForm):
    class Meta:
        model = ContactCard
        fields = ["work_email", "work_phone", "availability"]
        labels = {
            "work_email": _("E-mailadres voor het werk"),
            "work_phone": _("Telefoonnummer voor het werk"),
            "availability": _("Bereikbaarheid"),
        }
        help_texts = {
            "work_email": _("Bijvoorbeeld naam@organisatie.nl. Laat leeg om het niet te delen."),
            "work_phone": _(
                "Bijvoorbeeld 071 512 34 56 of +31 6 12345678. Laat leeg om het niet te delen."
            ),
            "availability": _("Bijvoorbeeld: ma t/m do 8.00–16.30 uur, niet op woensdag."),
        }
        error_messages = {
            "work_email": {
                "invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl."),
                "max_length": _("Dit e-mailadres is te lang."),
            },
            "work_phone": {"max_length": _("Dit telefoonnummer is te lang.")},
            "availability": {"max_length": _("Houd de bereikbaarheid kort: hoogstens 200 tekens.")},
        }
        widgets = {
            "work_email": forms.EmailInput(attrs={"autocomplete": "work email"}),
            "work_phone": forms.TextInput(attrs={"autocomplete": "work tel", "inputmode": "tel"}),
        }

    def clean_work_email(self):
        return self.cleaned_data.get("work_email", "").strip()

    def clean_work_phone(self):
        phone = " ".join(self.cleaned_data.get("work_phone", "").split())
        if phone and not _PHONE.fullmatch(_SEPARATORS.sub("", phone)):
            raise forms.ValidationError(
                _(
                    "Vul een geldig telefoonnummer in: tien cijfers die met 0 beginnen "
                    "(bijvoorbeeld 071 512 34 56) of een internationaal nummer met + "
                    "(bijvoorbeeld +31 6 12345678)."
                ),
                code="invalid",
            )
        return phone

    def clean_availability(self):
        return " ".join(inputs.clean_text(self.cleaned_data.get("availability", "")).split())
