"""Retries with exponential backoff and jitter for tasks that send e-mail (REL-16).

django-tasks has no retry of its own: a task that fails calls ``again``,
which enqueues the same task with ``attempt + 1`` to run after a delay
(when the backend can defer; the immediate backend of the tests runs it at
once), and the failing run still ends as failed, visible in the beheer. After
``MAX_ATTEMPTS`` nothing is enqueued any more.
"""

from __future__ import annotations

import datetime
import logging
import random

from django.utils import timezone

MAX_ATTEMPTS = 5
BASE_SECONDS = 60
MAX_SECONDS = 60 * 60

log = logging.getLogger("leerroute.tasks")


def delay(attempt: int) -> datetime.timedelta:
    """The wait before attempt ``attempt + 1``: 1, 2, 4, 8 … minutes (max 1 h), ±20 %."""
    seconds = min(BASE_SECONDS * 2 ** (attempt - 1), MAX_SECONDS)
    return datetime.timedelta(seconds=seconds * random.uniform(0.8, 1.2))  # noqa: S311


def again(task, *args, attempt: int) -> bool:
    """Enqueue ``task(*args, attempt=attempt + 1)`` later; False after the last attempt."""
    if attempt >= MAX_ATTEMPTS:
        log.error("task %s failed after %d attempts", task.name, attempt)
        return False
    log.warning("task %s failed (attempt %d), retrying", task.name, attempt)
    if task.get_backend().supports_defer:
        task = task.using(run_after=timezone.now() + delay(attempt))
    task.enqueue(*args, attempt=attempt + 1)
    return True
