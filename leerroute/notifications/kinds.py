"""The kinds of notification (melding): what each one is about and whether it
also sends an e-mail when the person has not chosen otherwise.

Other apps pass one of these codes to ``services.notify``. A person's choice
per kind lives in ``NotificationPreference``; without a row the kind's
``email_default`` holds. ``WEEKLY_DIGEST`` is not an in-app notification: it
is the choice for the weekly e-mail with the school updates (see
``leerroute.school``).

PRIV-27: ``email_subject`` is the whole subject of the e-mail; it names the
kind of event, never a person or the content of a question, feedback or
review.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LEARNING_SUBMITTED = "learning_submitted"
CLARIFICATION_ANSWERED = "clarification_answered"
LEARNING_REVIEWED = "learning_reviewed"
LEARNING_COMPLETED = "learning_completed"
FEEDBACK_NEW = "feedback_new"
REVIEW_PUBLISHED = "review_published"
SESSION_TOMORROW = "session_tomorrow"
WEEKLY_UPDATE = "weekly_update"
CONVERSATION_INVITED = "conversation_invited"
AGREEMENT_DUE = "agreement_due"
WEEKLY_DIGEST = "weekly_digest"


@dataclass(frozen=True)
class Kind:
    code: str
    label: Promise
    email_default: bool
    email_subject: Promise
    in_app: bool = True


KINDS: dict[str, Kind] = {
    kind.code: kind
    for kind in (
        Kind(
            LEARNING_SUBMITTED,
            _("Leervraag ingediend of opnieuw ingediend"),
            True,
            _("Er staat een leervraag voor je klaar"),
        ),
        Kind(
            CLARIFICATION_ANSWERED,
            _("Antwoord op je verduidelijkingsvraag"),
            True,
            _("Je verduidelijkingsvraag is beantwoord"),
        ),
        Kind(
            LEARNING_REVIEWED,
            _("Reactie van je werkbegeleider op je leervraag"),
            True,
            _("Er is een reactie op je leervraag"),
        ),
        Kind(
            LEARNING_COMPLETED,
            _("Leervraag afgerond"),
            True,
            _("Een leervraag is afgerond"),
        ),
        Kind(FEEDBACK_NEW, _("Nieuwe feedback"), True, _("Er staat nieuwe feedback voor je klaar")),
        Kind(
            REVIEW_PUBLISHED,
            _("Voortgangsbeoordeling gepubliceerd"),
            True,
            _("Er staat een voortgangsbeoordeling voor je klaar"),
        ),
        Kind(
            SESSION_TOMORROW,
            _("Trainingsbijeenkomst morgen"),
            True,
            _("Herinnering: morgen een bijeenkomst"),
        ),
        Kind(
            WEEKLY_UPDATE,
            _("Nieuwe weekupdate van school"),
            False,
            _("Er staat een nieuwe weekupdate van school klaar"),
        ),
        Kind(
            CONVERSATION_INVITED,
            _("Uitnodiging voor een driegesprek"),
            True,
            _("Je bent uitgenodigd voor een gesprek"),
        ),
        Kind(
            AGREEMENT_DUE,
            _("Afspraak bijna of over de datum"),
            True,
            _("Een afspraak vraagt je aandacht"),
        ),
        Kind(
            WEEKLY_DIGEST,
            _("Wekelijkse e-mail met de weekupdates van school"),
            True,
            _("De weekupdates van school"),
            in_app=False,
        ),
    )
}

CHOICES = [(kind.code, kind.label) for kind in KINDS.values()]


def get(code: str) -> Kind:
    """The kind ``code``; a ``KeyError`` for an unknown code (a programming error)."""
    return KINDS[code]


__all__ = [
    "AGREEMENT_DUE",
    "CHOICES",
    "CLARIFICATION_ANSWERED",
    "CONVERSATION_INVITED",
    "FEEDBACK_NEW",
    "KINDS",
    "LEARNING_COMPLETED",
    "LEARNING_REVIEWED",
    "LEARNING_SUBMITTED",
    "REVIEW_PUBLISHED",
    "SESSION_TOMORROW",
    "WEEKLY_DIGEST",
    "WEEKLY_UPDATE",
    "Kind",
    "get",
]
