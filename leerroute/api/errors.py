"""Every error of the API is a problem-details document (RFC 9457), in Dutch.

``{"type": "about:blank", "title": ..., "status": ..., "detail": ...,
"errors": [{"field": ..., "message": ...}]}`` with the media type
``application/problem+json``, the same shape as the outage answer of
``leerroute.core.views.service_unavailable``. ``errors`` names each field that
failed (``null`` for the request as a whole). Validation errors are 4xx, never
5xx; no error carries a stack trace, SQL or the input that was sent.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PROBLEM_MEDIA_TYPE = "application/problem+json"

TITLES = {
    400: gettext_lazy("Ongeldig verzoek"),
    401: gettext_lazy("Niet aangemeld"),
    403: gettext_lazy("Geen toestemming"),
    404: gettext_lazy("Niet gevonden"),
    405: gettext_lazy("Methode niet toegestaan"),
    409: gettext_lazy("Conflict"),
    422: gettext_lazy("Ongeldige invoer"),
    429: gettext_lazy("Te veel verzoeken"),
}

DETAILS = {
    401: gettext_lazy(
        "Meld je aan: stuur je persoonlijke API-token mee als "
        "‘Authorization: Bearer <token>’. Een token maak je op ‘Mijn profiel’."
    ),
    403: gettext_lazy("Je hebt geen toestemming voor deze actie."),
    404: gettext_lazy("Dit bestaat niet, of je hebt er geen toegang toe."),
    405: gettext_lazy("Deze methode wordt hier niet ondersteund."),
    422: gettext_lazy("Niet alle invoer is goed. Kijk bij ‘errors’ welk veld niet klopt."),
    429: gettext_lazy(
        "Je hebt in korte tijd te veel verzoeken gedaan. Wacht de seconden uit ‘Retry-After’."
    ),
}


def problem(
    status: int,
    detail=None,
    errors: list[dict] | None = None,
    *,
    headers: dict | None = None,
) -> JsonResponse:
    """A problem-details response with a Dutch title and message."""
    body = {
        "type": "about:blank",
        "title": str(TITLES.get(status, _("Fout"))),
        "status": status,
        "detail": str(detail if detail is not None else DETAILS.get(status, "")),
        "errors": [
            {"field": e.get("field"), "message": str(e.get("message", ""))} for e in errors or []
        ],
    }
    response = JsonResponse(
        body,
        status=status,
        content_type=PROBLEM_MEDIA_TYPE,
        json_dumps_params={"ensure_ascii": False},
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="leerroute"'
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def unauthorized() -> JsonResponse:
    return problem(401)


# Pydantic error types → Dutch messages (``ctx`` fills the placeholders).
_MESSAGES = {
    "missing": gettext_lazy("Dit veld is verplicht."),
    "int_parsing": gettext_lazy("Vul een geheel getal in."),
    "int_type": gettext_lazy("Vul een geheel getal in."),
    "int_from_float": gettext_lazy("Vul een geheel getal in."),
    "greater_than_equal": gettext_lazy("De waarde moet minstens %(ge)s zijn."),
    "greater_than": gettext_lazy("De waarde moet groter zijn dan %(gt)s."),
    "less_than_equal": gettext_lazy("De waarde mag hoogstens %(le)s zijn."),
    "less_than": gettext_lazy("De waarde moet kleiner zijn dan %(lt)s."),
    "bool_parsing": gettext_lazy("Vul true of false in."),
    "bool_type": gettext_lazy("Vul true of false in."),
    "string_type": gettext_lazy("Vul tekst in."),
    "string_too_long": gettext_lazy("De tekst is te lang: maximaal %(max_length)s tekens."),
    "string_too_short": gettext_lazy("De tekst is te kort: minstens %(min_length)s tekens."),
    "date_parsing": gettext_lazy("Vul een geldige datum in, bijvoorbeeld 2026-09-01."),
    "date_from_datetime_parsing": gettext_lazy(
        "Vul een geldige datum in, bijvoorbeeld 2026-09-01."
    ),
    "date_type": gettext_lazy("Vul een geldige datum in, bijvoorbeeld 2026-09-01."),
    "datetime_parsing": gettext_lazy(
        "Vul een geldig tijdstip in (ISO 8601), bijvoorbeeld 2026-09-01T08:00:00+02:00."
    ),
    "datetime_from_date_parsing": gettext_lazy(
        "Vul een geldig tijdstip in (ISO 8601), bijvoorbeeld 2026-09-01T08:00:00+02:00."
    ),
    "datetime_type": gettext_lazy(
        "Vul een geldig tijdstip in (ISO 8601), bijvoorbeeld 2026-09-01T08:00:00+02:00."
    ),
    "enum": gettext_lazy("Kies een van deze waarden: %(expected)s."),
    "literal_error": gettext_lazy("Kies een van deze waarden: %(expected)s."),
    "list_type": gettext_lazy("Geef een lijst."),
    "json_invalid": gettext_lazy("De inhoud is geen geldige JSON."),
    "model_attributes_type": gettext_lazy("De inhoud moet een JSON-object zijn."),
    "dict_type": gettext_lazy("De inhoud moet een JSON-object zijn."),
    "extra_forbidden": gettext_lazy("Dit veld kennen we niet."),
}
GENERIC = gettext_lazy("Deze waarde is ongeldig.")


def _field(loc) -> str | None:
    """The field a pydantic location points at: ``("body", "payload", "question")``
    → ``question``; list positions are kept (``work_processes.0``)."""
    parts = [str(p) for p in loc[1:] if p not in ("payload", "filters", "body")]
    return ".".join(parts) or None


def _message(error: dict) -> str:
    if error.get("type") == "value_error":
        # Our own validators (e.g. NUL in text) raise ValueError with a Dutch message.
        ctx_error = (error.get("ctx") or {}).get("error")
        if ctx_error:
            return str(ctx_error)
    template = _MESSAGES.get(error.get("type", ""))
    if template is None:
        return str(GENERIC)
    try:
        return str(template) % dict(error.get("ctx") or {})
    except (KeyError, TypeError, ValueError):
        return str(GENERIC)


def validation_errors(errors: list[dict]) -> list[dict]:
    """Pydantic's errors as ``{"field", "message"}`` pairs in Dutch."""
    return [{"field": _field(e.get("loc", ())), "message": _message(e)} for e in errors]


def field_errors(errors) -> list[dict]:
    """A ``{field: message}`` mapping (services, forms) as a list of pairs."""
    found = []
    for field, messages in errors.items():
        if not isinstance(messages, (list, tuple)):
            messages = [messages]
        for message in messages:
            found.append({"field": None if field == "__all__" else field, "message": str(message)})
    return found
