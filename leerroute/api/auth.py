"""How an API request says who it is.

- ``BearerToken``: a personal API token in ``Authorization: Bearer <token>``.
  A header that is present but wrong is a 401 at once (it never falls back to
  the session). The header's value is never logged.
- ``BrowserSession``: the signed-in browser session, for the pages' own use;
  unsafe methods need the CSRF token (``X-CSRFToken``), as forms do.

Both set ``request.user``, so the access door (``leerroute.core.access``) and
the services see the same person as in the pages. A token of a person whose
roles have ended still authenticates, and sees what that person sees: nothing.
"""

from __future__ import annotations

from django.conf import settings
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from . import services


class BearerToken(HttpBearer):
    def __call__(self, request):
        value = request.headers.get(self.header)
        if not value:
            return None
        scheme, _, token = value.partition(" ")
        if scheme.lower() != "bearer":
            raise AuthenticationError()
        return self.authenticate(request, token.strip())

    def authenticate(self, request, token):
        user = services.authenticate(token)
        if user is None:
            raise AuthenticationError()
        request.user = user
        request.leerroute_token_auth = True
        return user


class BrowserSession(APIKeyCookie):
    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self):
        super().__init__(csrf=True)

    def _get_key(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if check_csrf(request):
            raise HttpError(403, "csrf")
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request, key):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            return user
        return None


AUTH = [BearerToken(), BrowserSession()]
