"""Views of the notifications: the list, opening, marking read, the e-mail choices.

Thin: a notification comes through ``leerroute.core.access`` (another
person's notification is a 404), writes go through ``services.py``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leerroute.core import access, inputs
from leerroute.core.pages import paginate

from . import queries, services
from .forms import EmailChoicesForm
from .models import Notification

PAGE_SIZE = 25


@login_required
def notification_list(request):
    page = paginate(
        request, queries.notifications_visible_to(request.user).newest_first(), PAGE_SIZE
    )
    return render(
        request,
        "notifications/list.html",
        {"page": page, "notifications": page.object_list, "has_unread": bell_count(request) > 0},
    )


def bell_count(request) -> int:
    from .context_processors import bell

    return bell(request)["bell"].unread


def _back_to_list(request):
    number = inputs.page_number(request.POST)
    url = reverse("notifications:list")
    return redirect(f"{url}?pagina={number}" if number > 1 else url)


@login_required
@require_POST
def open_notification(request, pk):
    """Opening an item marks it read and goes to its object."""
    notification = access.fetch(request, Notification, pk, perm="notifications.mark_read")
    services.mark_read(request.user, notification)
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect("notifications:list")
    return redirect(notification.url)


@login_required
@require_POST
def mark_read(request, pk):
    notification = access.fetch(request, Notification, pk, perm="notifications.mark_read")
    services.mark_read(request.user, notification)
    messages.success(request, _("Melding gemarkeerd als gelezen."))
    return _back_to_list(request)


@login_required
@require_POST
def mark_all_read(request):
    count = services.mark_all_read(request.user)
    if count:
        messages.success(request, _("Alle meldingen zijn gemarkeerd als gelezen."))
    else:
        messages.info(request, _("Je had geen ongelezen meldingen."))
    return redirect("notifications:list")


@login_required
@require_POST
def preferences(request):
    form = EmailChoicesForm(request.POST)
    form.is_valid()  # checkboxes: every value is valid (absent is "no")
    services.set_email_choices(request.user, form.choices())
    messages.success(request, _("Je keuzes voor meldingen per e-mail zijn opgeslagen."))
    return redirect(reverse("core:profile") + "#meldingen-kop")
