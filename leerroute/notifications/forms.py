from django import forms
from django.utils.translation import gettext_lazy as _

from . import kinds


class EmailChoicesForm(forms.Form):
    """One checkbox per kind: also by e-mail?"""

    def __init__(self, *args, choices: dict[str, bool] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = choices or {}
        for code, kind in kinds.KINDS.items():
            self.fields[code] = forms.BooleanField(
                label=kind.label,
                required=False,
                initial=choices.get(code, kind.email_default),
            )

    def choices(self) -> dict[str, bool]:
        return {code: bool(self.cleaned_data.get(code)) for code in kinds.KINDS}


EMAIL_CHOICES_HELP = _(
    "Je ziet elke melding in Leerroute (het belletje bovenaan). Kies hier welke je ook "
    "per e-mail krijgt. Een e-mail bevat alleen een link, nooit de inhoud."
)
