from leerroute.core.access import can
from leerroute.core.panels import Panel


def sections(request) -> list[Panel]:
    if not can(request.user, "privacy.see_own_data"):
        return []
    return [Panel("privacy/profile_section.html", {}, order=90)]
