"""Session lifetime and caching rules for signed-in pages; NUL bytes refused."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .inputs import NUL_MESSAGE, BadInput, has_nul
from .signals import SESSION_REFRESHED_KEY, SESSION_STARTED_KEY


class RequestBodyLimitMiddleware:
    """Refuses a request whose announced body is larger than Leerroute ever
    accepts (REQUEST_BODY_MAX_BYTES), with 413, before anything reads it.

    Django applies the upload limit only to what it has already read (and
    spooled to disk); this stops an oversized upload at the headers. The
    reverse proxy should refuse it even earlier (nginx: client_max_body_size).
    A body without a Content-Length is not read by Django at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0  # Django reads no body for an invalid length either.
        limit = settings.REQUEST_BODY_MAX_BYTES
        if length > limit:
            # Before the locale middleware: choose the language from the
            # cookie or Accept-Language here (Dutch unless English is asked).
            language = translation.get_language_from_request(request)
            with translation.override(language):
                html = render_to_string("413.html", {"max_mb": max(1, limit // (1024 * 1024))})
            response = HttpResponse(html, status=413)
            # The CSP and frame middlewares come later: the page's own, stricter
            # headers (no scripts; only the style sheet and the icon).
            response["Content-Security-Policy"] = (
                "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
            )
            response["X-Frame-Options"] = "DENY"
            return response
        return self.get_response(request)


class SessionLifetimeMiddleware:
    """Ends a sign-in after SESSION_ABSOLUTE_SECONDS, however active, and keeps
    the idle time (SESSION_COOKIE_AGE) moving with use.

    The session row is not written on every request: a page load (GET or HEAD,
    not htmx) refreshes it only when its last write is SESSION_REFRESH_SECONDS
    old or more; any other request (a form, an htmx request, "Ingelogd
    blijven") always does, and so does any change to the session's data. The
    page's sign-out dialog is told the time really left
    (``idle_seconds_left``), so it warns on time however recent the last write.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            session = request.session
            now = int(timezone.now().timestamp())
            started = session.get(SESSION_STARTED_KEY)
            if started is None:
                session[SESSION_STARTED_KEY] = now
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Je sessie is verlopen. Log opnieuw in."))
                return redirect_to_login(request.get_full_path())
            refreshed = session.get(SESSION_REFRESHED_KEY)
            if (
                refreshed is None
                or now - refreshed >= settings.SESSION_REFRESH_SECONDS
                or not _is_page_load(request)
            ):
                session[SESSION_REFRESHED_KEY] = now  # a change: the row is written
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if (
            session is not None
            and session.modified
            and request.user.is_authenticated
            and not session.is_empty()
        ):
            # Written anyway (a sign-in, a message, a change): the expiry moves too.
            session[SESSION_REFRESHED_KEY] = int(timezone.now().timestamp())
        return response


def _is_page_load(request) -> bool:
    return request.method in ("GET", "HEAD") and "HTTP_HX_REQUEST" not in request.META


def idle_seconds_left(request) -> int:
    """Seconds until an idle session ends: the idle time from its last write."""
    refreshed = request.session.get(SESSION_REFRESHED_KEY)
    if refreshed is None:
        return settings.SESSION_COOKIE_AGE
    elapsed = int(timezone.now().timestamp()) - refreshed
    return max(0, min(settings.SESSION_COOKIE_AGE, settings.SESSION_COOKIE_AGE - elapsed))


class NoStoreForSignedInMiddleware:
    """Signed-in pages are never stored by browsers or proxies."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


FORM_CONTENT_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _nul_in(querydict) -> bool:
    return any(
        has_nul(key) or any(has_nul(value) for value in values) for key, values in querydict.lists()
    )


class RejectNulMiddleware:
    """A NUL byte anywhere in the request (path, query string, headers, form data) is a 400.

    PostgreSQL refuses NUL in text; without this check such a request reaches
    the database and its error answers 503 ("even niet beschikbaar"), a false
    outage. HTTP forbids NUL in headers, and no browser form sends one.
    Comes before every middleware that touches the database, the session
    middleware included; the message follows the visitor's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._has_nul(request):
            from .views import bad_request

            # Answered here, before the session middleware could look up a NUL session key.
            with translation.override(translation.get_language_from_request(request)):
                return bad_request(request, BadInput(NUL_MESSAGE))
        return self.get_response(request)

    @staticmethod
    def _has_nul(request) -> bool:
        if has_nul(request.path_info) or _nul_in(request.GET):
            return True
        if any(has_nul(v) for k, v in request.META.items() if k.startswith("HTTP_")):
            return True
        # A quoted cookie value may hold an escaped NUL (backslash 000); parsed, it is one.
        if any(has_nul(k) or has_nul(v) for k, v in request.COOKIES.items()):
            return True
        return (
            request.method == "POST"
            and request.content_type in FORM_CONTENT_TYPES
            and _nul_in(request.POST)
        )
