from django import forms
from django.utils.translation import gettext_lazy as _

from . import files, services


class PeopleImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Soort bestand"),
        choices=[("", _("Bepaal uit de kolommen"))] + list(services.KINDS.items()),
        required=False,
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=None,
        required=False,
        empty_label=_("Uit de kolom 'organisatie'"),
        help_text=_("Voor regels zonder kolom 'organisatie'; nodig om te beëindigen."),
    )
    file = forms.FileField(
        label=_("Bestand (CSV of XLSX)"),
        help_text=_("Zie de importformaten voor de kolommen."),
    )
    end_missing = forms.BooleanField(
        label=_("Volledig medewerkersbestand: beëindig de rollen van wie er niet in staat"),
        required=False,
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["file"].widget.attrs["accept"] = ".csv,.xlsx"

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > files.max_bytes():
            raise forms.ValidationError(
                _("Het bestand is te groot (meer dan %(mb)s MB).")
                % {"mb": files.max_bytes() // 2**20}
            )
        data = upload.read()
        try:
            self.table = files.read_table(upload.name, data)
        except files.BadFile as exc:
            raise forms.ValidationError(exc.message) from None
        self.data_bytes = data
        return upload


class QualificationUploadForm(forms.Form):
    file = forms.FileField(label=_("Kwalificatiedossier (JSON)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".json,application/json"

    def clean_file(self):
        import json

        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".json"):
            raise forms.ValidationError(_("Kies een JSON-bestand (.json)."))
        if upload.size > files.max_bytes():
            raise forms.ValidationError(
                _("Het bestand is te groot (meer dan %(mb)s MB).")
                % {"mb": files.max_bytes() // 2**20}
            )
        data = upload.read()
        try:
            self.document = json.loads(data.decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError(_("Het bestand is geen UTF-8-tekst.")) from None
        except json.JSONDecodeError as exc:
            raise forms.ValidationError(
                _("Geen geldige JSON (regel %(line)s, kolom %(col)s).")
                % {"line": exc.lineno, "col": exc.colno}
            ) from None
        self.data_bytes = data
        return upload
