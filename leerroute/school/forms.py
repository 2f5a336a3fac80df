"""The form of a weekly update. The week and the work processes are read
leniently here and judged by ``services.save_update``, so a week in the past or
a work process of another qualification gets the service's clear Dutch message."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from leerroute.core import inputs
from leerroute.core.versioning import VersionField

from .models import PRACTICE_MAX, TOPICS_MAX
from .weeks import AHEAD_WEEKS, Week


class IdsField(forms.Field):
    """A list of ids from checkboxes: well-formed ids only; membership is the service's."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value):
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        ids = inputs.parse_ids(values)
        if ids is None:
            raise forms.ValidationError(
                _("Er zat een ongeldig werkproces in je keuze. Laad de pagina opnieuw."),
                code="invalid",
            )
        return ids


def week_choices() -> list[tuple[str, str]]:
    now = Week.current()
    return [(w.iso, w.label) for w in (now.plus(n) for n in range(AHEAD_WEEKS + 1))]


class WeeklyUpdateForm(forms.Form):
    week = forms.CharField(label=_("Week"), required=False)
    topics = forms.CharField(
        label=_("Wat we deze week op school behandelden"),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=TOPICS_MAX,
        required=False,
        help_text=_(
            "Onderwerpen, lessen, vaardigheden. Uit deze tekst stelt Leerroute de werkprocessen "
            "voor."
        ),
    )
    practice = forms.CharField(
        label=_("Wat kunnen studenten deze week in de praktijk oefenen?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=PRACTICE_MAX,
        required=False,
    )
    work_processes = IdsField(required=False)

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["week"]
            self.fields["version"] = VersionField()
        else:
            self.fields["week"].widget = forms.Select(choices=week_choices())

    def the_week(self) -> Week | None:
        value = (self.cleaned_data.get("week") or "").upper()
        year, _sep, number = value.partition("-W")
        return Week.parse(year, number)

    def save(self, *, by, cohort, publish: bool, update=None):
        """Save the valid form through ``services.save_update`` (page and API alike): a
        new update for the chosen week, or ``update`` changed (its own week)."""
        from . import services

        changes = {}
        if update is not None:
            changes = {"update": update, "expected_version": self.cleaned_data["version"]}
        return services.save_update(
            by=by,
            cohort=cohort,
            week=update.the_week if update is not None else self.the_week(),
            topics=self.cleaned_data["topics"],
            practice=self.cleaned_data["practice"],
            work_process_ids=self.cleaned_data["work_processes"],
            publish=publish,
            **changes,
        )
