"""Modification times (``updated_at``) of the records the API offers with
``?changed_since=``.

``Tracked`` gives a model ``updated_at`` (``auto_now``). Django's ``auto_now``
is only written by ``save()``; three ways around it are handled here:

- ``save(update_fields=[...])`` writes ``updated_at`` too, unless every named
  field is in the model's ``untracked_fields`` (e.g. a sign-in's ``last_login``);
- ``QuerySet.update`` and ``bulk_update`` do not touch it: callers add
  ``stamp(Model, changes)`` or call ``touch(queryset)`` (``versioning.update``
  and the imports do);
- related rows that are part of what the API shows (a person's roles, a
  placement's mentors, a cohort's teachers, a qualification's work processes)
  touch their owner through the signals in ``leerroute.people.signals`` and
  ``leerroute.qualifications.signals``.

Deletions are not visible through ``changed_since``.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Tracked(models.Model):
    """Abstract base: ``updated_at``, the last time the record was changed."""

    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True, db_index=True)

    # Fields whose change alone does not count as a change of the record.
    untracked_fields: frozenset[str] = frozenset()

    class Meta:
        abstract = True

    def save(self, *args, update_fields=None, **kwargs):
        if update_fields is not None:
            update_fields = set(update_fields)
            if update_fields - self.untracked_fields:
                update_fields.add("updated_at")
        super().save(*args, update_fields=update_fields, **kwargs)


def _auto_updated(model) -> bool:
    try:
        field = model._meta.get_field("updated_at")
    except Exception:  # noqa: BLE001 - FieldDoesNotExist: the model has no modification time
        return False
    return bool(getattr(field, "auto_now", False))


def stamp(model, changes: dict, now=None) -> dict:
    """``changes`` for a ``QuerySet.update`` of ``model``, with ``updated_at`` set
    when the model keeps it automatically (and the caller did not set it)."""
    if _auto_updated(model) and "updated_at" not in changes:
        return {**changes, "updated_at": now or timezone.now()}
    return changes


def touch(queryset, now=None) -> int:
    """Mark the rows of ``queryset`` as changed now (one UPDATE)."""
    return queryset.update(updated_at=now or timezone.now())
