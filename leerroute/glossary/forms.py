"""The glossary's forms: explicit fields, Dutch messages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from leerroute.core import inputs
from leerroute.core.forms import watch_privacy
from leerroute.core.versioning import VersionedModelForm

from . import services
from .models import TERM_ROLES, Term

MAX_QUERY = 100


class TermForm(VersionedModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Belangrijk voor"),
        choices=TERM_ROLES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("De rollen voor wie dit begrip vooral belangrijk is."),
    )

    class Meta:
        model = Term
        fields = ["name", "definition", "synonyms", "forms", "example", "related", "roles"]
        field_classes = {"related": inputs.IdMultipleChoiceField}
        widgets = {
            "related": forms.CheckboxSelectMultiple,
            "definition": forms.Textarea(attrs={"rows": 5}),
            "example": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {
                "required": _("Vul de naam van het begrip in."),
                "max_length": _("De naam is te lang: gebruik hooguit 100 tekens."),
            },
            "definition": {"required": _("Beschrijf wat het begrip betekent.")},
            "synonyms": {"max_length": _("Gebruik hooguit 300 tekens voor de synoniemen.")},
            "forms": {"max_length": _("Gebruik hooguit 300 tekens voor de andere vormen.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        related = Term.objects.order_by("name")
        if self.instance.pk:
            related = related.exclude(pk=self.instance.pk)
            self.fields["slug"] = forms.SlugField(
                label=_("Link"),
                max_length=100,
                initial=self.instance.slug,
                help_text=_(
                    "Verander dit alleen als het echt nodig is: de oude link blijft werken en "
                    "stuurt door naar de nieuwe. Alleen kleine letters, cijfers en streepjes."
                ),
                error_messages={
                    "required": _("Vul de link in."),
                    "invalid": _(
                        "Gebruik in de link alleen kleine letters, cijfers en streepjes, "
                        "bijvoorbeeld hybride-leren."
                    ),
                },
            )
        self.fields["related"].queryset = related
        self.fields["related"].required = False
        # An example from the ward must not identify a client (TRUST.md PRIV-19).
        watch_privacy(self, "definition", "example")

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if services.name_taken(name, self.instance):
            raise forms.ValidationError(_("Er is al een begrip met deze naam."))
        return name

    def clean_slug(self):
        slug = self.cleaned_data["slug"].strip().lower()
        if slug != self.instance.slug and services.slug_taken(slug, self.instance):
            raise forms.ValidationError(
                _("Deze link is al in gebruik voor een ander begrip. Kies een andere.")
            )
        return slug


class QueryField(forms.CharField):
    """A search text: required, at most 100 characters, no control characters."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Zoeken"))
        kwargs.setdefault("max_length", MAX_QUERY)
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("Typ eerst een woord of naam om op te zoeken."),
                "max_length": _(
                    "Je zoekterm is te lang: gebruik hooguit %(limit_value)d tekens "
                    "(nu %(show_value)d)."
                ),
            },
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if any(ch < " " or "\x7f" <= ch <= "\x9f" for ch in value):
            raise forms.ValidationError(
                _(
                    "Je zoekterm bevat onzichtbare tekens (bijvoorbeeld een tab of een nieuwe "
                    "regel). Typ de zoekterm opnieuw op één regel."
                ),
                code="control",
            )
        if not any(ch.isalnum() for ch in value):
            raise forms.ValidationError(
                _("Typ minstens één woord of naam met letters of cijfers."), code="no_words"
            )
        return value


class GlossarySearchForm(forms.Form):
    q = QueryField(label=_("Zoek een begrip"))
