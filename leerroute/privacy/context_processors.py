from . import notices


def privacy(request):
    """Whether to show the privacy notice banner: read from the session, no query."""
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    due = bool(user and user.is_authenticated and session and session.get(notices.SESSION_KEY))
    return {"privacy_notice_due": due}
