"""Every change to conversations and agreements.

Each function is one transaction, checks the person's permission itself
(``by=``, through ``leerroute.core.access.require``) and the integrity rules:
participants only from the student's route, an agreement's owner among the
participants. Bad input raises ``ValidationError`` with a Dutch message and
changes nothing; a stale save raises ``versioning.Conflict``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from leerroute.core import access, versioning
from leerroute.core.versioning import Conflict as Conflict  # raised here, caught by the views
from leerroute.notifications import kinds
from leerroute.notifications.services import notify
from leerroute.people.models import User
from leerroute.people.queries import current_placement

from . import queries
from .models import (
    AGENDA_ITEM_MAX,
    AGENDA_MAX_ITEMS,
    AGREEMENT_MAX,
    NOTES_MAX,
    PLACE_MAX,
    Agreement,
    Conversation,
    Participant,
)

PAST_DAYS_ALLOWED = 30  # a conversation held recently may still be recorded
FUTURE_DAYS_ALLOWED = 366


def clean_agenda(items: Iterable[str]) -> list[str]:
    """Agenda items: trimmed, empty ones dropped; too many or too long is refused."""
    cleaned = [" ".join(str(item).split()) for item in items]
    cleaned = [item for item in cleaned if item]
    if len(cleaned) > AGENDA_MAX_ITEMS:
        raise ValidationError(
            _("Een agenda heeft hoogstens %(max)s punten. Voeg punten samen of haal er een weg.")
            % {"max": AGENDA_MAX_ITEMS}
        )
    for item in cleaned:
        if len(item) > AGENDA_ITEM_MAX:
            raise ValidationError(
                _("Een agendapunt is hoogstens %(max)s tekens. Maak dit punt korter: %(item)s")
                % {"max": AGENDA_ITEM_MAX, "item": item[:40] + "…"}
            )
    return cleaned


def _moment(date: datetime.date, time: datetime.time) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(date, time))


def _check_when(date, start, end) -> tuple[datetime.datetime, datetime.datetime]:
    if date is None or start is None or end is None:
        raise ValidationError(_("Vul de datum, de begintijd en de eindtijd in."))
    today = timezone.localdate()
    if date < today - datetime.timedelta(days=PAST_DAYS_ALLOWED):
        raise ValidationError(
            _("De datum ligt meer dan %(days)s dagen in het verleden. Kies een latere datum.")
            % {"days": PAST_DAYS_ALLOWED}
        )
    if date > today + datetime.timedelta(days=FUTURE_DAYS_ALLOWED):
        raise ValidationError(_("De datum ligt meer dan een jaar vooruit. Kies een eerdere datum."))
    starts_at, ends_at = _moment(date, start), _moment(date, end)
    if ends_at <= starts_at:
        raise ValidationError(_("De eindtijd moet na de begintijd liggen."))
    return starts_at, ends_at


def _check_place(place: str) -> str:
    place = " ".join((place or "").split())
    if not place:
        raise ValidationError(_("Vul de plaats in (een ruimte, een adres of 'online')."))
    if len(place) > PLACE_MAX:
        raise ValidationError(_("De plaats is hoogstens %(max)s tekens.") % {"max": PLACE_MAX})
    return place


def _when(conversation: Conversation) -> dict:
    start = timezone.localtime(conversation.starts_at)
    return {"date": start.strftime("%d-%m-%Y"), "time": start.strftime("%H:%M")}


def _url(conversation: Conversation) -> str:
    return reverse("conversations:detail", args=[conversation.pk])


def _tell(conversation: Conversation, user_ids, by: User, text: str, key: str) -> None:
    recipients = [pk for pk in user_ids if pk != by.pk]
    if recipients:
        notify(recipients, kinds.CONVERSATION_INVITED, text=text, url=_url(conversation), key=key)


def _invite(conversation: Conversation, user_ids, by: User) -> None:
    _tell(
        conversation,
        user_ids,
        by,
        _("%(name)s nodigt je uit voor een gesprek op %(date)s om %(time)s")
        % {"name": by, **_when(conversation)},
        f"conversation:{conversation.pk}:invited",
    )


def _participants(student: User, by: User, chosen: Iterable[User]) -> dict[int, str]:
    """user id -> role for the participants: the chosen people, the student and the
    planner; every one of them from the student's route."""
    route = {person.user.pk: person for person in queries.route_people(student)}
    outside = [user for user in chosen if user.pk not in route]
    if outside:
        raise ValidationError(
            _(
                "%(names)s hoort niet bij de route van deze student. Kies deelnemers uit de "
                "docenten van de klas, de werkbegeleiders en studentbegeleider van de BPV-plaats "
                "en de praktijkopleiders van de organisatie."
            )
            % {"names": ", ".join(str(user) for user in outside)}
        )
    ids = {student.pk, *(user.pk for user in chosen)}
    if by.pk in route:
        ids.add(by.pk)
    if len(ids) < 2:
        raise ValidationError(_("Kies minstens één deelnemer naast de student."))
    return {pk: route[pk].role for pk in route if pk in ids}


def _set_participants(conversation: Conversation, wanted: dict[int, str]) -> None:
    current = set(conversation.participants.values_list("user_id", flat=True))
    removed = current - set(wanted)
    owners = set(
        conversation.agreements.filter(owner_id__in=removed).values_list("owner_id", flat=True)
    )
    if owners:
        names = ", ".join(str(u) for u in User.objects.filter(pk__in=owners))
        raise ValidationError(
            _(
                "%(names)s heeft een afspraak uit dit gesprek en blijft daarom deelnemer. "
                "Geef de afspraak eerst aan iemand anders."
            )
            % {"names": names}
        )
    conversation.participants.filter(user_id__in=removed).delete()
    Participant.objects.bulk_create(
        [
            Participant(conversation=conversation, user_id=pk, role=role)
            for pk, role in wanted.items()
            if pk not in current
        ]
    )


@transaction.atomic
def plan(
    *,
    by: User,
    student: User,
    date: datetime.date,
    start: datetime.time,
    end: datetime.time,
    place: str,
    participants: Iterable[User],
    agenda: Iterable[str],
) -> Conversation:
    """Plan a conversation for ``student``; the student and the planner take part."""
    access.require(by, "conversations.plan_for", student)
    starts_at, ends_at = _check_when(date, start, end)
    place = _check_place(place)
    agenda = clean_agenda(agenda)
    wanted = _participants(student, by, list(participants))
    conversation = Conversation.objects.create(
        student=student,
        placement=current_placement(student),
        planned_by=by,
        date=date,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        agenda=agenda,
    )
    _set_participants(conversation, wanted)
    _invite(conversation, wanted, by)
    return conversation


@transaction.atomic
def change(
    conversation: Conversation,
    *,
    by: User,
    expected_version: int,
    date: datetime.date,
    start: datetime.time,
    end: datetime.time,
    place: str,
    participants: Iterable[User],
    agenda: Iterable[str],
) -> Conversation:
    """Change the time, place, participants or agenda (not of a cancelled one)."""
    access.require(by, "conversations.change_conversation", conversation)
    locked = versioning.lock(conversation, expected_version)
    starts_at, ends_at = _check_when(date, start, end)
    place = _check_place(place)
    agenda = clean_agenda(agenda)
    wanted = _participants(locked.student, by, list(participants))
    before = set(locked.participants.values_list("user_id", flat=True))
    _set_participants(locked, wanted)
    moved = (starts_at, ends_at, place) != (locked.starts_at, locked.ends_at, locked.place)
    changed = versioning.update(
        locked,
        expected_version,
        date=date,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        agenda=agenda,
        sequence=locked.sequence + (1 if moved else 0),
        updated_at=timezone.now(),
    )
    _invite(changed, set(wanted) - before, by)
    if moved:
        _tell(
            changed,
            set(wanted) & before,
            by,
            _("%(name)s heeft het gesprek verplaatst naar %(date)s om %(time)s")
            % {"name": by, **_when(changed)},
            f"conversation:{changed.pk}:moved:{changed.sequence}",
        )
    return changed


@transaction.atomic
def cancel(conversation: Conversation, *, by: User, expected_version: int) -> Conversation:
    """Cancel: the conversation is kept, marked cancelled (also in calendars)."""
    access.require(by, "conversations.change_conversation", conversation)
    locked = versioning.lock(conversation, expected_version)
    now = timezone.now()
    cancelled = versioning.update(
        locked,
        expected_version,
        status=Conversation.Status.CANCELLED,
        cancelled_at=now,
        cancelled_by=by,
        sequence=locked.sequence + 1,
        updated_at=now,
    )
    _tell(
        cancelled,
        cancelled.participants.values_list("user_id", flat=True),
        by,
        _("%(name)s heeft het gesprek van %(date)s geannuleerd") % {"name": by, **_when(cancelled)},
        f"conversation:{cancelled.pk}:cancelled",
    )
    return cancelled


@transaction.atomic
def record_notes(
    conversation: Conversation, *, by: User, expected_version: int, notes: str
) -> Conversation:
    """The notes of the conversation; recording them marks it as held."""
    access.require(by, "conversations.record_notes", conversation)
    notes = (notes or "").strip()
    if len(notes) > NOTES_MAX:
        raise ValidationError(_("Het verslag is hoogstens %(max)s tekens.") % {"max": NOTES_MAX})
    now = timezone.now()
    return versioning.update(
        conversation,
        expected_version,
        conditions={"status__in": [Conversation.Status.PLANNED, Conversation.Status.HELD]},
        notes=notes,
        notes_by=by,
        notes_at=now,
        status=Conversation.Status.HELD,
        updated_at=now,
    )


@transaction.atomic
def add_agreement(
    conversation: Conversation,
    *,
    by: User,
    text: str,
    owner: User | None,
    due_date: datetime.date | None,
) -> Agreement:
    """An agreement with an owner (a participant) and a due date."""
    access.require(by, "conversations.record_notes", conversation)
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError(_("Schrijf op wat er is afgesproken."))
    if len(text) > AGREEMENT_MAX:
        raise ValidationError(
            _("Een afspraak is hoogstens %(max)s tekens.") % {"max": AGREEMENT_MAX}
        )
    if owner is None:
        raise ValidationError(
            _("Kies wie de afspraak uitvoert: iedere afspraak heeft een eigenaar.")
        )
    if not conversation.participants.filter(user=owner).exists():
        raise ValidationError(
            _("%(name)s neemt niet deel aan dit gesprek. Kies een van de deelnemers.")
            % {"name": owner}
        )
    if due_date is None:
        raise ValidationError(_("Kies de datum waarop de afspraak uiterlijk klaar is."))
    if due_date < conversation.date:
        raise ValidationError(_("De datum van een afspraak ligt niet vóór het gesprek."))
    if due_date > conversation.date + datetime.timedelta(days=2 * 365):
        raise ValidationError(_("Kies een datum binnen twee jaar na het gesprek."))
    return Agreement.objects.create(
        conversation=conversation, text=text, owner=owner, due_date=due_date, created_by=by
    )


@transaction.atomic
def set_agreement_done(agreement: Agreement, *, by: User, done: bool) -> Agreement:
    """Tick an agreement off (or open it again): its owner or who recorded it."""
    access.require(by, "conversations.tick_agreement", agreement)
    now = timezone.now() if done else None
    Agreement.objects.filter(pk=agreement.pk).update(done_at=now, done_by=by if done else None)
    agreement.done_at, agreement.done_by = now, (by if done else None)
    return agreement


@transaction.atomic
def remove_agreement(agreement: Agreement, *, by: User) -> None:
    access.require(by, "conversations.remove_agreement", agreement)
    agreement.delete()


def remind_agreements(today: datetime.date) -> int:
    """Tell owners of open agreements due tomorrow, or past their date (once per
    agreement and due date: the key de-duplicates). Returns the number sent."""
    tomorrow = today + datetime.timedelta(days=1)
    agreements = (
        Agreement.objects.open()
        .filter(due_date__lte=tomorrow, owner__is_active=True)
        .exclude(conversation__status=Conversation.Status.CANCELLED)
        .select_related("conversation")
        .order_by("pk")
    )
    sent = 0
    for agreement in agreements.iterator():
        conversation = agreement.conversation
        if (
            not queries.conversations_visible_to(agreement.owner)
            .filter(pk=conversation.pk)
            .exists()
        ):
            continue  # the owner's role or placement ended: they no longer see it
        held = timezone.localtime(conversation.starts_at).strftime("%d-%m-%Y")
        if agreement.due_date == tomorrow:
            text = _("Een afspraak uit je gesprek van %(date)s moet morgen klaar zijn") % {
                "date": held
            }
            key = f"agreement:{agreement.pk}:due:{agreement.due_date.isoformat()}"
        else:
            text = _("Een afspraak uit je gesprek van %(date)s is over de datum (%(due)s)") % {
                "date": held,
                "due": agreement.due_date.strftime("%d-%m-%Y"),
            }
            key = f"agreement:{agreement.pk}:overdue:{agreement.due_date.isoformat()}"
        with transaction.atomic():
            sent += len(
                notify(
                    [agreement.owner_id],
                    kinds.AGREEMENT_DUE,
                    text=text,
                    url=_url(conversation),
                    key=key,
                )
            )
    return sent
