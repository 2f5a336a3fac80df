from django import forms
from django.utils.translation import gettext_lazy as _

from leerroute.glossary.forms import QueryField


class SearchForm(forms.Form):
    q = QueryField(label=_("Zoek in Leerroute"))
