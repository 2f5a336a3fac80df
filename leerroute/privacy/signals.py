from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from . import notices
from .models import NoticeAcknowledgement


@receiver(user_logged_in)
def notice_at_first_sign_in(sender, request, user, **kwargs):
    """Until the person has read this version of the notice, every page shows it."""
    if request is None or not hasattr(request, "session"):
        return
    seen = NoticeAcknowledgement.objects.filter(user=user, version=notices.VERSION).exists()
    if seen:
        request.session.pop(notices.SESSION_KEY, None)
    else:
        request.session[notices.SESSION_KEY] = True
