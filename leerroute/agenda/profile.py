"""The "Agenda-koppeling" section of "Mijn profiel"."""

from leerroute.core.panels import Panel

from .models import CalendarFeed


def sections(request) -> list:
    feed = CalendarFeed.objects.filter(user=request.user).only("created_at", "last_used_at").first()
    return [Panel("agenda/profile_section.html", {"feed": feed}, order=50)]
