"""The "API-tokens" section of "Mijn profiel"."""

from leerroute.core.panels import Panel

from .forms import TokenForm
from .models import ApiToken


def sections(request) -> list[Panel]:
    tokens = ApiToken.objects.filter(user=request.user).order_by("revoked_at", "-created_at")
    return [
        Panel(
            "api/profile_section.html",
            {"tokens": list(tokens), "form": TokenForm()},
            order=80,
        )
    ]
