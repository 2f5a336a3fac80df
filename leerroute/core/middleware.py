"""Session lifetime and caching rules for signed-in pages."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

from .signals import SESSION_STARTED_KEY


class SessionLifetimeMiddleware:
    """Ends a sign-in after SESSION_ABSOLUTE_SECONDS, however active.

    Inactivity is handled by the session itself: SESSION_COOKIE_AGE with
    SESSION_SAVE_EVERY_REQUEST, so the server-side expiry moves with use.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(SESSION_STARTED_KEY)
            now = int(timezone.now().timestamp())
            if started is None:
                request.session[SESSION_STARTED_KEY] = now
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                messages.info(request, _("Je sessie is verlopen. Log opnieuw in."))
                return redirect_to_login(request.get_full_path())
        return self.get_response(request)


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
