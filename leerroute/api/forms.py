from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NAME_MAX


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de token"),
        max_length=NAME_MAX,
        help_text=_("Waarvoor gebruik je hem? Bijvoorbeeld ‘rooster-koppeling’."),
        error_messages={
            "required": _("Geef de token een naam, bijvoorbeeld het script dat hem gebruikt."),
            "max_length": _("De naam is te lang: maximaal %(limit_value)d tekens."),
        },
    )
