"""The Leerroute REST API (django-ninja): ``/api/v1/``.

- ``openapi.json`` (OpenAPI 3) and ``docs`` (Swagger UI, served from
  Leerroute's own static files under the app's CSP: no CDN) need a signed-in
  person or a valid token (TRUST.md SEC-40).
- Every operation authenticates with a personal token (``Authorization:
  Bearer``) or the browser session (CSRF for unsafe methods): ``auth.py``.
- Every error is a Dutch problem document: ``errors.py``.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.openapi.docs import Swagger

from . import actions, errors, people_actions, resources  # noqa: F401 - registers endpoints
from .auth import AUTH, BearerToken
from .schemas import PersonOut, Problem


def _signed_in_or_token(view):
    """The schema and its documentation page: a signed-in person or a valid token."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            try:
                found = BearerToken()(request)
            except AuthenticationError:
                return errors.unauthorized()
            if found is None:
                if request.path.endswith("/docs"):
                    return redirect_to_login(request.get_full_path())
                return errors.unauthorized()
        return view(request, *args, **kwargs)

    return wrapper


class LeerrouteAPI(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        """Error answers are documented as problem documents (RFC 9457)."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                responses = operation.get("responses", {})
                for code, response in responses.items():
                    content = response.get("content", {})
                    if int(code) >= 400 and "application/json" in content:
                        response["content"] = {
                            errors.PROBLEM_MEDIA_TYPE: content["application/json"]
                        }
        return schema

    def create_response(self, request, data, *args, **kwargs):
        response = super().create_response(request, data, *args, **kwargs)
        patch_cache_control(response, no_store=True, private=True)
        return response


api = LeerrouteAPI(
    title="Leerroute API",
    version="1",
    description=(
        "De gegevens van de leerroute, met dezelfde rechten als de pagina's. "
        "Meld je aan met een persoonlijk API-token (‘Mijn profiel’): "
        "`Authorization: Bearer <token>`."
    ),
    urls_namespace="api",
    auth=AUTH,
    docs=Swagger(settings={"persistAuthorization": False}),
    docs_url="/docs",
    openapi_url="/openapi.json",
    docs_decorator=_signed_in_or_token,
)


@api.exception_handler(NinjaValidationError)
def _invalid_request(request, exc):
    return errors.problem(422, errors=errors.validation_errors(exc.errors))


@api.exception_handler(actions.Invalid)
def _invalid_input(request, exc):
    return errors.problem(422, exc.detail, exc.errors)


@api.exception_handler(actions.StateConflict)
def _conflict(request, exc):
    return errors.problem(409, exc.message)


@api.exception_handler(AuthenticationError)
def _unauthenticated(request, exc):
    return errors.unauthorized()


@api.exception_handler(Http404)
def _not_found(request, exc):
    return errors.problem(404)


@api.exception_handler(PermissionDenied)
def _forbidden(request, exc):
    return errors.problem(403)


@api.exception_handler(HttpError)
def _http_error(request, exc):
    if exc.status_code == 403:
        return errors.problem(
            403,
            gettext_lazy(
                "De CSRF-controle is mislukt. Stuur de CSRF-token mee in de kop X-CSRFToken."
            ),
        )
    return errors.problem(exc.status_code)


@api.get(
    "/me/",
    response={200: PersonOut, 401: Problem},
    url_name="me",
    operation_id="me",
    tags=["personen"],
    summary="Jij: je account en je rollen",
)
def me(request):
    return request.user


# actions.py adds its endpoints to the resources' router (one URL per path).
api.add_router("", resources.router)
