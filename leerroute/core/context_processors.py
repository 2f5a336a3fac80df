from django.conf import settings

from leerroute.people import queries


def leerroute(request):
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "csp_nonce": getattr(request, "csp_nonce", ""),
        "session_idle_seconds": settings.SESSION_COOKIE_AGE,
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
        "user_roles": queries.roles(user) if signed_in else set(),
        "user_is_admin": queries.is_admin(user) if signed_in else False,
    }
