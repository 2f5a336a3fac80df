"""Making, using and revoking personal API tokens.

- ``create_token``: a new token for a person; returns the row and the token
  itself, which is shown once and never stored (only its SHA-256 hash).
- ``authenticate``: the person a presented token belongs to (not revoked, an
  active account), or None; records when the token was last used.
- ``revoke_token``: the token stops working at once; the row stays (with its
  name, prefix and dates) so the person can see what it was.

``by`` is the person acting; the profile page passes the signed-in person (who
may only manage their own tokens). ``create_api_token`` (a command for
operators with shell access) passes ``by=None``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from leerroute.core import access, inputs
from leerroute.core.tokens import hash_secret, new_secret

from .models import NAME_MAX, ApiToken

TOKEN_PREFIX = "lr_"
SHOWN_PREFIX_LENGTH = len(TOKEN_PREFIX) + 6
TOKEN_MAX_LENGTH = 200


def clean_name(name) -> str:
    """The token's name: required, at most ``NAME_MAX`` characters (Dutch errors)."""
    name = inputs.clean_text(str(name or ""), NAME_MAX + 1).strip()
    if not name:
        raise ValidationError(
            {"name": _("Geef de token een naam, bijvoorbeeld het script dat hem gebruikt.")}
        )
    if len(name) > NAME_MAX:
        raise ValidationError(
            {"name": _("De naam is te lang: maximaal %(limit)d tekens.") % {"limit": NAME_MAX}}
        )
    return name


@transaction.atomic
def create_token(user, name, *, by) -> tuple[ApiToken, str]:
    """A new token for ``user``: (the stored row, the token to show once)."""
    if by is not None:
        access.require(by, "api.create_token", user)
    name = clean_name(name)
    token = TOKEN_PREFIX + new_secret()
    row = ApiToken.objects.create(
        user=user,
        name=name,
        hashed_token=hash_secret(token),
        prefix=token[:SHOWN_PREFIX_LENGTH],
    )
    return row, token


def authenticate(token: str):
    """The person ``token`` belongs to, or None (unknown, revoked, inactive account)."""
    if not token or len(token) > TOKEN_MAX_LENGTH or not token.startswith(TOKEN_PREFIX):
        return None
    row = ApiToken.objects.usable().select_related("user").filter(hashed_token=hash_secret(token))
    found = row.first()
    if found is None:
        return None
    ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
    return found.user


@transaction.atomic
def revoke_token(token: ApiToken, *, by) -> ApiToken:
    """Revoke ``token`` (idempotent: revoking twice keeps the first time)."""
    access.require(by, "api.revoke_token", token)
    ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
    token.refresh_from_db()
    return token
