"""Views of "Bij wie kan ik terecht?": the page, and saving one's contact card."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leerroute.core import views as core_views

from .contacts import contacts_for, sections
from .forms import ContactCardForm
from .models import ContactCard


@login_required
def index(request):
    contacts = contacts_for(request.user)
    own = ContactCard.objects.filter(user=request.user).first()
    return render(
        request,
        "support/index.html",
        {"sections": sections(contacts), "shares": bool(own and not own.is_empty)},
    )


@require_POST
@login_required
def card(request):
    """Save what the person shares; a refused input shows the profile with the messages."""
    instance = ContactCard.objects.filter(user=request.user).first() or ContactCard(
        user=request.user
    )
    form = ContactCardForm(request.POST, instance=instance)
    if not form.is_valid():
        request.support_card_form = form
        return core_views.profile(request)
    saved = form.save(commit=False)
    saved.updated_at = timezone.now()
    saved.save()
    messages.success(request, _("Je contactgegevens zijn opgeslagen."))
    return redirect("core:profile")
