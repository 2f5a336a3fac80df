import sys

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from .forms import PRIVACY_FIELD
from .inputs import BadInput, clean_text
from .kept_pages import kept_page
from .panels import panels_for, profile_sections_for
from .privacy import client_identifiers

RETRY_AFTER_SECONDS = 30
PRIVACY_CHECK_MAX_CHARS = 10_000


@login_required
@kept_page
def home(request):
    return render(request, "core/home.html", {"panels": panels_for(request)})


@login_required
def profile(request):
    """ "Mijn profiel": the person's own account, roles, and each app's own settings."""
    roles = (
        request.user.role_assignments.active()
        .select_related("organisation", "department", "team")
        .order_by("role", "pk")
    )
    return render(
        request,
        "core/profile.html",
        {"roles": roles, "sections": profile_sections_for(request)},
    )


@never_cache
def health(request):
    """Readiness: 200 when the app and its database answer, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        response = JsonResponse({"status": "unavailable"}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return JsonResponse({"status": "ok"})


@never_cache
def live(request):
    """Liveness: the process answers; never touches the database."""
    return JsonResponse({"status": "ok"})


@require_POST
@login_required
def extend_session(request):
    """'Ingelogd blijven': the session is saved, and so its idle time starts again
    (a POST always refreshes it: ``SessionLifetimeMiddleware``)."""
    request.session.modified = True
    return HttpResponse(status=204)


@require_POST
@login_required
def privacy_check(request):
    """The live client-confidentiality hint (htmx) for one free-text field.

    ``privacy_field`` names the posted field to look at. Answers only the hint
    (an empty body when the text looks clean); the text is never stored or
    logged.
    """
    name = request.POST.get(PRIVACY_FIELD, "")
    text = clean_text(request.POST.get(name, ""), PRIVACY_CHECK_MAX_CHARS) if name else ""
    return render(
        request, "core/partials/privacy_hint.html", {"identifiers": client_identifiers(text)}
    )


def privacy(request):
    """The privacy notice: the reader's own roles first, the other roles below."""
    from django.conf import settings

    from leerroute.people.queries import roles
    from leerroute.privacy.notices import notices_for

    mine, others = notices_for(roles(request.user))
    years = round(settings.ACCESS_LOG_RETENTION_DAYS / 365)
    return render(
        request,
        "core/privacy.html",
        {"mine": mine, "others": others, "access_log_years": years},
    )


def accessibility(request):
    return render(request, "core/toegankelijkheid.html")


def favicon(request):
    """Browsers ask for /favicon.ico on every page (also the admin's): point them at ours."""
    return HttpResponsePermanentRedirect(static("core/favicon.svg"))


def lockout(request, original_response=None, credentials=None):
    """django-axes: too many failed sign-ins for this username from this address."""
    from django.conf import settings

    seconds = int(settings.AXES_COOLOFF_TIME.total_seconds())
    response = render(
        request,
        "registration/lockout.html",
        {"minutes": seconds // 60},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response


def _plain_error(request, template: str, status: int, message="") -> HttpResponse:
    """Error pages render without database access or request context."""
    context = {"request_path": "", "message": message}
    return HttpResponse(render_to_string(template, context), status=status)


def _api_problem(status: int, detail=None):
    """Errors under /api/ are problem documents, as the API's own (leerroute.api.errors)."""
    from leerroute.api.errors import problem

    return problem(status, detail or None)


def bad_request(request, exception=None):
    # Only our own (Dutch) message is shown, never the text of another exception.
    message = exception.message if isinstance(exception, BadInput) else ""
    if _wants_json(request):
        return _api_problem(400, message)
    return _plain_error(request, "400.html", 400, message)


def permission_denied(request, exception=None):
    if _wants_json(request):
        return _api_problem(403)
    return render(request, "403.html", status=403)


def page_not_found(request, exception=None):
    if _wants_json(request):
        return _api_problem(404)
    return render(request, "404.html", status=404)


# Errors that mean "the database cannot be reached or used right now" (PEP 249:
# errors in the database's operation, such as a refused connection, a dropped
# connection or a server shutting down), as opposed to errors in what was asked
# of it (DataError, IntegrityError, ProgrammingError: a bug or bad input, 500).
UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)
JSON_TYPES = {"application/json", "application/problem+json"}


def _wants_json(request) -> bool:
    """API paths, and clients that accept JSON only, get JSON errors."""
    if request.path_info.startswith("/api/"):
        return True
    accepted = [
        part.split(";", 1)[0].strip().lower()
        for part in request.headers.get("Accept", "").split(",")
        if part.strip()
    ]
    return bool(accepted) and all(media_type in JSON_TYPES for media_type in accepted)


def service_unavailable(request) -> HttpResponse:
    """503 with Retry-After, as HTML or as problem details (RFC 9457) for JSON clients."""
    if _wants_json(request):
        response = JsonResponse(
            {
                "type": "about:blank",
                "title": _("Leerroute is even niet beschikbaar"),
                "status": 503,
                "detail": _(
                    "We kunnen de gegevens nu niet bereiken. "
                    "Probeer het over een halve minuut opnieuw."
                ),
            },
            status=503,
            content_type="application/problem+json",
        )
    else:
        response = _plain_error(request, "503.html", 503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request):
    """500, or 503 with Retry-After when the database cannot be reached."""
    if isinstance(sys.exc_info()[1], UNAVAILABLE_ERRORS):
        return service_unavailable(request)
    return _plain_error(request, "500.html", 500)
