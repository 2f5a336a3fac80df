"""The calendar feed (no session: calendar apps cannot sign in) and its management
on "Mijn profiel".

A wrong, renewed or revoked token answers 404 and nothing is logged that
contains it (the 404 is not a security event of ``core.access``, whose log
line names the route and id only, never the path).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import feed as feed_events
from . import ical, services


@never_cache
@require_GET
def feed(request, token):
    owner = services.owner_of(token)
    if owner is None:
        raise Http404
    body = ical.build(
        feed_events.events_for(owner),
        name=str(_("Leerroute")),
        base_url=request.build_absolute_uri("/"),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="leerroute.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_POST
def renew(request):
    """Make (or renew) the feed link and show it once, like an API token."""
    had_one = hasattr(request.user, "calendar_feed")
    token = services.renew(by=request.user)
    url = request.build_absolute_uri(reverse("agenda:feed", args=[token]))
    return render(
        request,
        "agenda/created.html",
        {"feed_url": url, "renewed": had_one},
    )


@login_required
@require_POST
def revoke(request):
    if services.revoke(by=request.user):
        messages.success(
            request, _("Je agenda-koppeling is ingetrokken. De oude link werkt niet meer.")
        )
    else:
        messages.success(request, _("Je had geen agenda-koppeling."))
    return redirect("core:profile")
