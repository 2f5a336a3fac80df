"""Removing a passage that identifies a client, everywhere it was stored (PRIV-19).

The passage is replaced by ``MARK`` in the current text, in every earlier
version and in the linked texts (messages, review entries). A log row keeps
who did it, when and on which object; never the removed text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from leerroute.core.changes import stamp
from leerroute.feedback.models import Feedback, ProgressReview
from leerroute.learning.models import LearningQuestion

from .models import RedactionLog

MARK = "[verwijderd: cliëntgegevens]"
MIN_PASSAGE = 2
MAX_PASSAGE = 500


@dataclass(frozen=True)
class Target:
    model: type
    label: object
    fields: tuple[str, ...]
    related: tuple[tuple[str, tuple[str, ...]], ...] = ()
    json_related: tuple[tuple[str, str], ...] = ()
    page: str = ""
    extra: dict = field(default_factory=dict)


FEEDBACK_TEXT = ("observe", "effect", "pause", "suggestions", "student_response")
TARGETS = {
    "feedback": Target(
        Feedback,
        gettext_lazy("feedback"),
        FEEDBACK_TEXT,
        related=(("versions", FEEDBACK_TEXT),),
        page="feedback:detail",
    ),
    "beoordeling": Target(
        ProgressReview,
        gettext_lazy("voortgangsbeoordeling"),
        ("summary",),
        related=(("entries", ("note",)),),
        json_related=(("versions", "snapshot"),),
        page="feedback:review",
    ),
    "leervraag": Target(
        LearningQuestion,
        gettext_lazy("leervraag"),
        ("question", "steps", "support_requested", "mentor_support", "reflection"),
        related=(("messages", ("text",)),),
        page="learning:detail",
    ),
}


class RedactionRefused(ValueError):
    """The passage cannot be redacted; the message says why, in Dutch."""


def _replace_json(value, passage: str) -> tuple[object, int]:
    if isinstance(value, str):
        return value.replace(passage, MARK), value.count(passage)
    if isinstance(value, list):
        pairs = [_replace_json(v, passage) for v in value]
        return [v for v, _n in pairs], sum(n for _v, n in pairs)
    if isinstance(value, dict):
        pairs = {k: _replace_json(v, passage) for k, v in value.items()}
        return {k: v for k, (v, _n) in pairs.items()}, sum(n for _v, n in pairs.values())
    return value, 0


def clean_passage(passage: str) -> str:
    passage = (passage or "").strip()
    if len(passage) < MIN_PASSAGE:
        raise RedactionRefused(_("Geef de tekst die weg moet, bijvoorbeeld de naam van de cliënt."))
    if len(passage) > MAX_PASSAGE:
        raise RedactionRefused(_("Geef een kortere tekst: hoogstens 500 tekens."))
    if passage in MARK:
        raise RedactionRefused(_("Deze tekst is al verwijderd."))
    return passage


@transaction.atomic
def redact(kind: str, obj, passage: str, *, by) -> int:
    """Replace ``passage`` everywhere in ``obj`` and its history. Returns the count."""
    from leerroute.core import access

    access.require(by, "privacy.redact", obj)
    target = TARGETS[kind]
    passage = clean_passage(passage)
    obj = target.model.objects.select_for_update().get(pk=obj.pk)
    total = 0
    changes = {}
    for name in target.fields:
        value = getattr(obj, name) or ""
        if passage in value:
            total += value.count(passage)
            changes[name] = value.replace(passage, MARK)
    for relation, names in target.related:
        for row in getattr(obj, relation).all():
            row_changes = {}
            for name in names:
                value = getattr(row, name) or ""
                if passage in value:
                    total += value.count(passage)
                    row_changes[name] = value.replace(passage, MARK)
            if row_changes:
                type(row)._base_manager.filter(pk=row.pk).update(**stamp(type(row), row_changes))
    for relation, name in target.json_related:
        for row in getattr(obj, relation).all():
            value, n = _replace_json(getattr(row, name), passage)
            if n:
                total += n
                type(row)._base_manager.filter(pk=row.pk).update(**stamp(type(row), {name: value}))
    if not total:
        raise RedactionRefused(
            _("Deze tekst staat niet in de huidige tekst of in eerdere versies.")
        )
    # A new version: an edit form opened before the redaction cannot write the text back.
    target.model._base_manager.filter(pk=obj.pk).update(
        **stamp(target.model, changes), version=F("version") + 1
    )
    RedactionLog.objects.create(by=by, object_type=kind, object_id=obj.pk, occurrences=total)
    return total
