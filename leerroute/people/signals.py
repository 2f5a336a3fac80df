"""What the API shows of a person, a placement or a cohort includes related
rows; changing those counts as a change of the record (``updated_at``, see
``leerroute.core.changes``)."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from leerroute.core.changes import touch

from .models import Cohort, Placement, RoleAssignment, User


@receiver(post_save, sender=RoleAssignment)
@receiver(post_delete, sender=RoleAssignment)
def _roles_changed(sender, instance, raw=False, **kwargs):
    """A person changes with their roles (added, edited, ended or removed)."""
    if not raw:
        touch(User.objects.filter(pk=instance.user_id))


def _touch_m2m(owner_model, instance, reverse, pk_set, action):
    if not action.startswith("post_"):
        return
    if not reverse:
        touch(owner_model.objects.filter(pk=instance.pk))
    elif pk_set:  # from the other side: pk_set are the owners
        touch(owner_model.objects.filter(pk__in=pk_set))


def _touch_before_clear(owner_model, relation, instance, reverse, action):
    """A clear from the other side names no owners: they are found before it."""
    if action == "pre_clear" and reverse:
        touch(owner_model.objects.filter(**{relation: instance}))


@receiver(m2m_changed, sender=Placement.mentors.through)
def _mentors_changed(sender, instance, action, reverse, pk_set, **kwargs):
    _touch_before_clear(Placement, "mentors", instance, reverse, action)
    _touch_m2m(Placement, instance, reverse, pk_set, action)


@receiver(m2m_changed, sender=Cohort.teachers.through)
def _teachers_changed(sender, instance, action, reverse, pk_set, **kwargs):
    _touch_before_clear(Cohort, "teachers", instance, reverse, action)
    _touch_m2m(Cohort, instance, reverse, pk_set, action)
