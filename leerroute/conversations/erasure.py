"""Erasure of a student: their conversations go, with participants and agreements."""

from .models import Conversation


def forget(student) -> int:
    deleted, _by_model = Conversation.objects.filter(student=student).delete()
    return deleted
