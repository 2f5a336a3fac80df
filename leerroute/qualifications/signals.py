"""A qualification's API record includes its work processes (code, title,
core task code): changing one counts as a change of the qualification
(``updated_at``, see ``leerroute.core.changes``)."""

from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.dispatch import receiver

from leerroute.core.changes import touch

from .models import CoreTask, Qualification, WorkProcess


@receiver(post_save, sender=WorkProcess)
@receiver(pre_delete, sender=WorkProcess)
def _work_process_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        touch(Qualification.objects.filter(work_processes=instance))


@receiver(post_save, sender=CoreTask)
def _core_task_changed(sender, instance, raw=False, created=False, **kwargs):
    if not (raw or created):
        touch(
            Qualification.objects.filter(
                pk__in=WorkProcess.qualifications.through.objects.filter(
                    workprocess__core_task=instance
                ).values("qualification_id")
            )
        )


@receiver(m2m_changed, sender=Qualification.work_processes.through)
def _work_processes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action == "pre_clear" and reverse:
        touch(Qualification.objects.filter(work_processes=instance))
    if not action.startswith("post_"):
        return
    if not reverse:
        touch(Qualification.objects.filter(pk=instance.pk))
    elif pk_set:
        touch(Qualification.objects.filter(pk__in=pk_set))
