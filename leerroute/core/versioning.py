"""Optimistic locking for records people edit in a form (TRUST.md REL-06).

A versioned record (``Versioned``) carries a ``version`` number. An edit form
carries the version it was loaded with (``VersionField``, a hidden input;
``VersionedModelForm`` adds it to a model form that edits a record); the
service saves with ``update`` — one conditional ``UPDATE ... WHERE version =
expected`` inside ``atomic()`` that also adds one to the version. When someone
else saved in between, nothing is written and ``Conflict`` is raised; the view
shows the form again with the user's input and ``Conflict.message``.

Services that must read the current row first (to keep history, or to check
its state) lock it with ``lock``, which checks the version as well.
"""

from __future__ import annotations

from django import forms
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from leerroute.core import inputs
from leerroute.core.changes import stamp

CONFLICT_MESSAGE = _(
    "Iemand anders heeft dit intussen gewijzigd. Je wijziging is niet opgeslagen; wat je "
    "invulde staat hieronder nog. Open de nieuwste versie in een ander tabblad, vergelijk "
    "en sla daarna opnieuw op."
)


class Versioned(models.Model):
    """Abstract base: the ``version`` of a record people edit."""

    version = models.PositiveIntegerField(_("versie"), default=1)

    class Meta:
        abstract = True


class Conflict(Exception):
    """Someone else saved the record after the user opened it."""

    def __init__(self, message=None):
        self.message = str(message or CONFLICT_MESSAGE)
        super().__init__(self.message)


class VersionField(inputs.NumberField):
    """The version the form was loaded with, as a hidden input (ASCII digits
    only, through ``leerroute.core.inputs``)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "error_messages",
            {
                "required": _("De versie ontbreekt. Open de pagina opnieuw."),
                "invalid": _("De versie is ongeldig. Open de pagina opnieuw."),
            },
        )
        super().__init__(min_value=1, **kwargs)


class VersionedModelForm(forms.ModelForm):
    """A model form that, when it edits a saved ``Versioned`` record, carries
    the version it was loaded with (``cleaned_data["version"]``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["version"] = VersionField()
            self.initial.setdefault("version", self.instance.version)


class VersionedAdminForm(forms.ModelForm):
    """The beheer's form for a ``Versioned`` record: a change carries the version
    it was loaded with; a stale save is refused (the row is locked inside the
    admin's transaction) and a save adds one to the version."""

    loaded_version = VersionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].required = True
            self.initial.setdefault("loaded_version", self.instance.version)

    def clean(self):
        data = super().clean()
        loaded = data.get("loaded_version")
        if self.instance.pk and loaded is not None:
            current = (
                type(self.instance)
                ._default_manager.select_for_update()
                .filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if current != loaded:
                raise forms.ValidationError(CONFLICT_MESSAGE, code="conflict")
        return data

    def save(self, commit=True):
        if self.instance.pk:
            self.instance.version = self.cleaned_data["loaded_version"] + 1
        return super().save(commit=commit)


def check(current: int, expected: int | None, conflict: type[Conflict] = Conflict) -> None:
    """Raise ``conflict`` unless ``expected`` is the current version.

    ``None`` means the caller has no version to compare (an action button
    without one); the conditional write still guards that case.
    """
    if expected is not None and int(expected) != current:
        raise conflict()


def lock(instance, expected: int | None, conflict: type[Conflict] = Conflict):
    """The current row of ``instance``, locked for this transaction, at version ``expected``."""
    locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
    check(locked.version, expected, conflict)
    return locked


def update(
    instance,
    expected: int,
    *,
    conditions: dict | None = None,
    conflict: type[Conflict] = Conflict,
    **changes,
):
    """Write ``changes`` to ``instance``'s row only if it is still at version ``expected``.

    One conditional UPDATE (also matching ``conditions``, e.g. the status that
    was read) that adds one to the version. Raises ``conflict`` and writes
    nothing when no row matched. On success ``instance`` holds the changes and
    its new version.
    """
    if expected is None:
        raise conflict()
    changes = stamp(type(instance), changes)  # an UPDATE skips auto_now: set it here
    with transaction.atomic():
        written = (
            type(instance)
            ._default_manager.filter(pk=instance.pk, version=int(expected), **(conditions or {}))
            .update(version=F("version") + 1, **changes)
        )
        if written != 1:
            raise conflict()
    for name, value in changes.items():
        setattr(instance, name, value)
    instance.version = int(expected) + 1
    return instance
