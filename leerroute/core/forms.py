"""Shared form helpers: the client-confidentiality hint on free-text fields.

``watch_privacy(form, "observe", "effect")`` marks fields whose text should
not identify a client (TRUST.md, PRIV-19). Each marked field gets

- a live hint while typing: the textarea posts (htmx, with the form's CSRF
  token) to ``core:privacy_check``, which answers only the hint, rendered into
  a polite live region next to the field (``<auto_id>_privacy``, also named in
  the field's ``aria-describedby``);
- the same hint from the server when the form is shown again with posted
  text (``core/partials/field.html`` renders ``field.client_identifiers``).

It is advice, never a gate: nothing here makes a form invalid.
"""

from __future__ import annotations

from django.contrib import messages
from django.forms import BoundField
from django.urls import reverse
from django.utils.translation import gettext as _

from .privacy import client_identifiers

PRIVACY_FIELD = "privacy_field"  # the POST key naming the field to check
HINT_SUFFIX = "_privacy"


class PrivacyBoundField(BoundField):
    """A bound field with a client-identifier hint region next to it."""

    @property
    def privacy_hint_id(self) -> str:
        return f"{self.auto_id}{HINT_SUFFIX}" if self.auto_id else ""

    @property
    def aria_describedby(self):
        ids = super().aria_describedby
        if ids is None:  # the widget sets its own
            return None
        return " ".join(filter(None, [ids, self.privacy_hint_id]))

    @property
    def client_identifiers(self):
        """What the posted text seems to reveal (nothing before a post)."""
        if not self.form.is_bound:
            return []
        return client_identifiers(str(self.value() or ""))


def watch_privacy(form, *names: str) -> None:
    """Give the named text fields of ``form`` the client-identifier hint.

    Call it in the form's ``__init__``, before any bound field is used.
    """
    url = reverse("core:privacy_check")
    for name in names:
        field = form.fields[name]
        field.bound_field_class = PrivacyBoundField
        hint_id = f"{form[name].auto_id}{HINT_SUFFIX}"
        field.widget.attrs.update(
            {
                "hx-post": url,
                "hx-trigger": "input changed delay:700ms",
                "hx-target": f"#{hint_id}",
                "hx-swap": "innerHTML",
                # Its own queue: never cancels or waits for a form-wide live check.
                "hx-sync": "this:replace",
                "hx-vals": f'{{"{PRIVACY_FIELD}": "{form.add_prefix(name)}"}}',
            }
        )


def warn_about_clients(request, *texts: str) -> bool:
    """After a save: a Django messages warning when the saved texts seem to
    identify a client (shown on the next page). True when it warned."""
    hits = [hit for text in texts for hit in client_identifiers(text or "")]
    if not hits:
        return False
    found = "’, ‘".join(dict.fromkeys(hit.text for hit in hits))
    messages.warning(
        request,
        _(
            "Let op: je tekst is opgeslagen, maar noemt mogelijk een cliënt (‘%(found)s’). "
            "Pas de tekst aan als een cliënt erin herkenbaar is: schrijf bijvoorbeeld "
            "‘een bewoner’ en laat namen, kamernummers, geboortedata en BSN weg."
        )
        % {"found": found},
    )
    return True
