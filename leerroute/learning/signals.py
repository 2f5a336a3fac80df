"""Keep the checker's in-memory indexes in step with the qualification files.

An import (or an edit in the admin) of a work process, core task or
qualification drops the cached indexes of this process; other processes
rebuild theirs after ``checker.INDEX_TTL_SECONDS`` at the latest.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from leerroute.qualifications.models import CoreTask, Qualification, WorkProcess

from . import checker


@receiver(post_save, sender=WorkProcess)
@receiver(post_save, sender=CoreTask)
@receiver(post_save, sender=Qualification)
@receiver(post_delete, sender=WorkProcess)
@receiver(post_delete, sender=CoreTask)
@receiver(post_delete, sender=Qualification)
def _qualification_changed(sender, **kwargs):
    checker.invalidate()


@receiver(m2m_changed, sender=Qualification.work_processes.through)
def _work_processes_changed(sender, **kwargs):
    checker.invalidate()
