from django.conf import settings

from leerroute.core.access import can

from .middleware import idle_seconds_left


def leerroute(request):
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {
        "csp_nonce": getattr(request, "csp_nonce", ""),
        "session_idle_seconds": idle_seconds_left(request)
        if signed_in and hasattr(request, "session")
        else settings.SESSION_COOKIE_AGE,
        "session_warning_seconds": settings.SESSION_WARNING_SECONDS,
        "menu": _menu(user) if signed_in else {},
    }


def _menu(user) -> dict[str, bool]:
    """Which menu items this person can use (booleans, like every template check).

    A page that is always empty for someone's roles is not in their menu (a trainer
    has no students, feedback or learning questions); the page itself stays reachable.
    """
    route = can(user, "people.use_route_menu")
    return {
        "students": can(user, "people.use_student_menu"),
        "feedback": route,
        "learning": route,
        "admin": can(user, "people.use_admin"),
        "intervision": can(user, "intervision.use"),
        "conversations": can(user, "conversations.see_index"),
    }
