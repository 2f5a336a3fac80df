"""The "Mijn profiel" section of this app: the contact details a person shares.

The form posts to ``support:card`` and returns to ``core:profile``; when the
input is refused, ``views.card`` shows the profile page again with this
section's bound form (``request.support_card_form``).
"""

from leerroute.core.panels import Panel

from .forms import ContactCardForm
from .models import ContactCard


def sections(request) -> list[Panel]:
    form = getattr(request, "support_card_form", None)
    if form is None:
        card = ContactCard.objects.filter(user=request.user).first()
        form = ContactCardForm(instance=card)
    return [Panel("support/profile_section.html", {"form": form}, order=30)]


__all__ = ["sections"]
