"""Personal API tokens on "Mijn profiel": make one (shown once), revoke one.

The new token is shown on the answer to the POST itself and never stored or
put in a URL or the session: reloading that page cannot show it again.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from leerroute.core import access

from . import services
from .forms import TokenForm
from .models import ApiToken


@never_cache
@require_POST
@login_required
def create(request):
    access.require(request, "api.create_token", request.user)
    form = TokenForm(request.POST)
    if form.is_valid():
        try:
            row, token = services.create_token(
                request.user, form.cleaned_data["name"], by=request.user
            )
        except ValidationError as exc:
            form.add_error("name", exc.message_dict.get("name", exc.messages))
        else:
            return render(request, "api/token_created.html", {"row": row, "token": token})
    messages.error(request, " ".join(form.errors.get("name", [])))
    return redirect("core:profile")


@require_POST
@login_required
def revoke(request, pk):
    row = access.fetch(request, ApiToken, pk, perm="api.revoke_token", within=own_tokens)
    services.revoke_token(row, by=request.user)
    messages.success(request, _("De token ‘%(name)s’ is ingetrokken.") % {"name": row.name})
    return redirect("core:profile")


def own_tokens(user):
    return ApiToken.objects.filter(user=user) if user.is_authenticated else ApiToken.objects.none()
