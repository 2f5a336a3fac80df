"""Erasure of a student: other people's notifications that name the student go too."""

from django.db.models import Q

from .models import Notification


def forget(student) -> int:
    """Remove every notification about this student (they name the student in the text)."""
    names = {n for n in [student.get_full_name(), student.username] if n}
    about = Q(recipient=student)
    for name in names:
        about |= Q(text__contains=name)
    deleted, _by_model = Notification.objects.filter(about).delete()
    return deleted
