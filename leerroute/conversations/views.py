"""Views of the conversation app: thin; objects through ``leerroute.core.access``
(404 outside the scope, 403 for a refused action), writes through ``services.py``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Subquery
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leerroute.agenda import ical
from leerroute.core import access, inputs
from leerroute.core.access import can
from leerroute.core.pages import paginate
from leerroute.people.models import Role, User

from . import calendar, queries, services
from .forms import AgreementForm, ConversationForm, NotesForm, VersionForm
from .models import Agreement, Conversation, school_half

PAGE_SIZE = 25


def _conversation(request, pk, perm=None) -> Conversation:
    return access.fetch(request, Conversation, pk, perm=perm, prepare=lambda qs: qs.with_people())


def _posted(request):
    return request.POST if request.method == "POST" else None


def _errors(form, exc: ValidationError, field=None) -> None:
    for message in exc.messages:
        form.add_error(field, message)


def _half_overview(students):
    """Students with whether they have a conversation this half, and the next one."""
    first, last = school_half(timezone.localdate())
    in_half = Conversation.objects.not_cancelled().in_period(first, last)
    upcoming = (
        Conversation.objects.filter(
            student=OuterRef("pk"),
            status=Conversation.Status.PLANNED,
            starts_at__gte=timezone.now(),
        )
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    return students.annotate(
        has_this_half=Exists(in_half.filter(student=OuterRef("pk"))),
        next_at=Subquery(upcoming),
    )


@login_required
def index(request):
    """The user's conversations; for planners also their students for this half."""
    user = request.user
    conversations = (
        queries.conversations_visible_to(user)
        .select_related("student")
        .order_by("-starts_at", "-pk")
    )
    page = paginate(request, conversations, PAGE_SIZE)
    students_page = None
    if can(user, "conversations.plan"):
        students = _half_overview(queries.students_to_plan_for(user)).order_by(
            "first_name", "last_name", "pk"
        )
        students_page = paginate(request, students, PAGE_SIZE)
        access.log_reads(request, [s.pk for s in students_page])
    access.log_reads(request, [c.student_id for c in page])
    first, last = school_half(timezone.localdate())
    return render(
        request,
        "conversations/index.html",
        {
            "page": page,
            "students_page": students_page,
            "half_first": first,
            "half_last": last,
            "now": timezone.now(),
        },
    )


def _route_form(request, student, conversation=None):
    route = queries.route_people(student)
    initial = {}
    if conversation is None:
        initial = {
            "agenda": "\n".join(queries.proposed_agenda(student, request.user)),
            # Everyone in the route; the assessor is optional (unticked at first).
            "participants": [
                p.user.pk for p in route if p.role not in (Role.STUDENT, Role.ASSESSOR)
            ],
        }
    else:
        initial = {
            "date": conversation.date,
            "start": timezone.localtime(conversation.starts_at).time(),
            "end": timezone.localtime(conversation.ends_at).time(),
            "place": conversation.place,
            "agenda": "\n".join(conversation.agenda),
            "participants": [p.user_id for p in conversation.participants.all()],
        }
    form = ConversationForm(
        _posted(request), route=route, student=student, by=request.user, initial=initial
    )
    return form


@login_required
def plan(request, pk):
    """Plan a conversation for a student, starting from the proposed agenda."""
    student = access.fetch(request, User, pk, perm="conversations.plan_for")
    form = _route_form(request, student)
    if request.method == "POST" and form.is_valid():
        try:
            conversation = form.plan(by=request.user, student=student)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Het gesprek is gepland."))
            return redirect("conversations:detail", pk=conversation.pk)
    return render(
        request,
        "conversations/form.html",
        {"form": form, "student": student, "conversation": None},
    )


@login_required
def detail(request, pk):
    conversation = _conversation(request, pk)
    user = request.user
    agreements = list(conversation.agreements.select_related("owner", "done_by"))
    for agreement in agreements:
        agreement.can_tick = can(user, "conversations.tick_agreement", agreement)
    return render(
        request,
        "conversations/detail.html",
        {
            "conversation": conversation,
            "participants": list(conversation.participants.all()),
            "agreements": agreements,
            "can_change": can(user, "conversations.change_conversation", conversation),
            "can_record": can(user, "conversations.record_notes", conversation),
            "cancel_form": VersionForm(initial={"version": conversation.version}),
            "is_student": conversation.student_id == user.pk,
        },
    )


@login_required
def edit(request, pk):
    conversation = _conversation(request, pk, perm="conversations.change_conversation")
    form = _route_form(request, conversation.student, conversation)
    version = VersionForm(_posted(request), initial={"version": conversation.version})
    if request.method == "POST" and form.is_valid() and version.is_valid():
        try:
            form.change(
                conversation, by=request.user, expected_version=version.cleaned_data["version"]
            )
        except services.Conflict as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("Het gesprek is gewijzigd."))
            return redirect("conversations:detail", pk=conversation.pk)
    elif request.method == "POST" and not version.is_valid():
        form.add_error(None, _("De versie ontbreekt of is ongeldig. Open de pagina opnieuw."))
    return render(
        request,
        "conversations/form.html",
        {
            "form": form,
            "student": conversation.student,
            "conversation": conversation,
            "version_form": version,
        },
    )


@login_required
@require_POST
def cancel(request, pk):
    conversation = _conversation(request, pk, perm="conversations.change_conversation")
    form = VersionForm(request.POST)
    if not form.is_valid():
        raise inputs.BadInput(_("De versie ontbreekt of is ongeldig. Open de pagina opnieuw."))
    try:
        services.cancel(
            conversation, by=request.user, expected_version=form.cleaned_data["version"]
        )
    except services.Conflict as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Het gesprek is geannuleerd. Het blijft bewaard."))
    return redirect("conversations:detail", pk=conversation.pk)


def _notes_page(request, conversation, notes_form, agreement_form):
    agreements = list(conversation.agreements.select_related("owner"))
    for agreement in agreements:
        agreement.can_remove = can(request.user, "conversations.remove_agreement", agreement)
    return render(
        request,
        "conversations/notes.html",
        {
            "conversation": conversation,
            "notes_form": notes_form,
            "agreement_form": agreement_form,
            "agreements": agreements,
        },
    )


@login_required
def notes(request, pk):
    """Record the notes (optimistic locking) and the agreements."""
    conversation = _conversation(request, pk, perm="conversations.record_notes")
    participants = list(conversation.participants.all())
    form = NotesForm(
        _posted(request), initial={"notes": conversation.notes, "version": conversation.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_notes(
                conversation,
                by=request.user,
                expected_version=form.cleaned_data["version"],
                notes=form.cleaned_data["notes"],
            )
        except services.Conflict as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            _errors(form, exc, "notes")
        else:
            messages.success(request, _("Het verslag is opgeslagen."))
            return redirect("conversations:notes", pk=conversation.pk)
    agreement_form = AgreementForm(participants=participants)
    return _notes_page(request, conversation, form, agreement_form)


@login_required
@require_POST
def agreement_add(request, pk):
    conversation = _conversation(request, pk, perm="conversations.record_notes")
    participants = list(conversation.participants.all())
    form = AgreementForm(request.POST, participants=participants)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.add_agreement(
                conversation,
                by=request.user,
                text=data["text"],
                owner=data["owner"],
                due_date=data["due_date"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("De afspraak is vastgelegd."))
            return redirect("conversations:notes", pk=conversation.pk)
    notes_form = NotesForm(initial={"notes": conversation.notes, "version": conversation.version})
    return _notes_page(request, conversation, notes_form, form)


def _back(request, default: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


@login_required
@require_POST
def agreement_done(request, pk):
    """Tick an agreement off (``done=1``) or open it again (``done=0``)."""
    agreement = access.fetch(
        request,
        Agreement,
        pk,
        perm="conversations.tick_agreement",
        prepare=lambda qs: qs.select_related("conversation"),
    )
    done = inputs.get_int(request.POST, "done", maximum=1)
    if done is None:
        raise inputs.BadInput(_("Geef aan of de afspraak klaar is."))
    services.set_agreement_done(agreement, by=request.user, done=bool(done))
    if done:
        messages.success(request, _("De afspraak is afgevinkt."))
    else:
        messages.success(request, _("De afspraak staat weer open."))
    return redirect(
        _back(request, reverse("conversations:detail", args=[agreement.conversation_id]))
    )


@login_required
@require_POST
def agreement_remove(request, pk):
    agreement = access.fetch(request, Agreement, pk, perm="conversations.remove_agreement")
    services.remove_agreement(agreement, by=request.user)
    messages.success(request, _("De afspraak is verwijderd."))
    return redirect("conversations:notes", pk=agreement.conversation_id)


@login_required
def ics(request, pk):
    """'Zet in je agenda': this one conversation as an .ics file."""
    conversation = _conversation(request, pk)
    event = calendar.event_for(conversation, request.user)
    body = ical.build([event], name=str(_("Leerroute")), base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gesprek-{conversation.pk}.ics"'
    return response
