"""Views of intervision: thin. Fetch through a scope (404 outside it), check
the action through a rules permission (403), call a service."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from leerroute.agenda import ical
from leerroute.core import access
from leerroute.core.access import can
from leerroute.people.models import Role, RoleAssignment

from . import calendar, queries, services
from .forms import AttendanceForm, ConfirmForm, GroupForm, MeetingForm, NotesForm
from .models import IntervisionGroup, Meeting, MeetingAttendance, MeetingNotes

# --- overview ---------------------------------------------------------------------


@login_required
def index(request):
    user = request.user
    access.require(request, "intervision.use")
    mine = list(
        queries.own_groups(user)
        .active()
        .select_related("facilitator", "organisation")
        .order_by("name", "pk")
    )
    upcoming = queries.next_meetings([g.pk for g in mine])
    for group in mine:
        group.next_meeting = upcoming.get(group.pk)
    organisations = list(queries.managed_organisations(user).order_by("name"))
    managed = []
    if organisations:
        org_ids = [o.pk for o in organisations]
        groups = list(
            queries.with_meeting_counts(
                IntervisionGroup.objects.active().filter(organisation_id__in=org_ids)
            )
            .select_related("facilitator")
            .order_by("name", "pk")
        )
        next_of = queries.next_meetings([g.pk for g in groups])
        lonely = list(
            queries.mentors_without_group(org_ids).prefetch_related(
                Prefetch(
                    "role_assignments",
                    queryset=RoleAssignment.objects.active()
                    .filter(role=Role.MENTOR, organisation_id__in=org_ids)
                    .select_related("team"),
                    to_attr="mentor_roles",
                )
            )
        )
        for group in groups:
            group.next_meeting = next_of.get(group.pk)
        for organisation in organisations:
            managed.append(
                {
                    "organisation": organisation,
                    "groups": [g for g in groups if g.organisation_id == organisation.pk],
                    "without_group": [
                        m
                        for m in lonely
                        if any(r.organisation_id == organisation.pk for r in m.mentor_roles)
                    ],
                }
            )
    return render(
        request,
        "intervision/index.html",
        {
            "mine": mine,
            "managed": managed,
            "can_add": can(user, "intervision.add_group"),
            "history_days": queries.HISTORY_DAYS,
        },
    )


# --- groups -------------------------------------------------------------------------


@login_required
def group_create(request):
    access.require(request, "intervision.add_group")
    form = GroupForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        group = services.create_group(request.user, form.cleaned_data)
        messages.success(request, _("De intervisiegroep is gevormd. Plan nu een bijeenkomst."))
        return redirect("intervision:group_detail", pk=group.pk)
    return render(request, "intervision/group_form.html", {"form": form, "group": None})


def _group(request, pk, perm=None) -> IntervisionGroup:
    return access.fetch(
        request,
        IntervisionGroup,
        pk,
        perm=perm,
        prepare=lambda qs: qs.select_related("organisation", "facilitator"),
    )


@login_required
def group_detail(request, pk):
    group = _group(request, pk)
    user = request.user
    now = timezone.now()
    since = now - datetime.timedelta(days=queries.HISTORY_DAYS)
    meetings = list(
        group.meetings.select_related("method").annotate(
            present_count=Count(
                "attendances", filter=Q(attendances__status=MeetingAttendance.Status.PRESENT)
            )
        )
    )
    upcoming = [m for m in meetings if not m.is_cancelled and m.ends_at >= now]
    next_meeting = queries.next_meetings([group.pk]).get(group.pk)
    members_in = queries.in_group(user, group)
    return render(
        request,
        "intervision/group_detail.html",
        {
            "group": group,
            "members": group.members.order_by("last_name", "first_name"),
            "next_meeting": next_meeting,
            "upcoming": upcoming,
            "past": [m for m in reversed(meetings) if m not in upcoming],
            "held_count": sum(
                1 for m in meetings if not m.is_cancelled and since <= m.starts_at <= now
            ),
            "in_group": members_in,
            "can_change": can(user, "intervision.change_group", group),
            "can_plan": can(user, "intervision.plan_meeting", group),
            "history_days": queries.HISTORY_DAYS,
        },
    )


@login_required
def group_edit(request, pk):
    group = _group(request, pk, perm="intervision.change_group")
    form = GroupForm(request.POST or None, instance=group, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_group(
                group, form.cleaned_data, form.cleaned_data["version"], by=request.user
            )
        except services.Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De intervisiegroep is opgeslagen."))
            return redirect("intervision:group_detail", pk=group.pk)
    return render(request, "intervision/group_form.html", {"form": form, "group": group})


@login_required
def group_end(request, pk):
    group = _group(request, pk, perm="intervision.change_group")
    form = ConfirmForm(request.POST or None, initial={"version": group.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.end_group(group, form.cleaned_data["version"], by=request.user)
        except services.Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De intervisiegroep is beëindigd."))
            return redirect("intervision:group_detail", pk=group.pk)
    return render(request, "intervision/group_end.html", {"form": form, "group": group})


# --- meetings -----------------------------------------------------------------------


@login_required
def meeting_create(request, pk):
    group = _group(request, pk, perm="intervision.plan_meeting")
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = services.plan_meeting(group, form.cleaned_data, by=request.user)
        messages.success(request, _("De bijeenkomst is gepland."))
        return redirect("intervision:meeting_detail", pk=meeting.pk)
    return render(
        request, "intervision/meeting_form.html", {"form": form, "group": group, "meeting": None}
    )


def _meeting(request, pk, perm=None) -> Meeting:
    return access.fetch(
        request,
        Meeting,
        pk,
        perm=perm,
        prepare=lambda qs: qs.select_related("group__facilitator", "group__organisation"),
    )


@login_required
def meeting_detail(request, pk):
    meeting = _meeting(request, pk)
    user = request.user
    group = meeting.group
    members_in = queries.in_group(user, group)
    notes = MeetingNotes.objects.filter(meeting=meeting).first() if members_in else None
    return render(
        request,
        "intervision/meeting_detail.html",
        {
            "meeting": meeting,
            "group": group,
            "method": meeting.method,
            "steps": meeting.method.steps.all(),
            "attendances": meeting.attendances.select_related("user").order_by(
                "user__last_name", "user__first_name"
            ),
            "in_group": members_in,
            "notes": notes,
            "can_change": can(user, "intervision.change_meeting", meeting),
            "can_register": can(user, "intervision.register_attendance", meeting),
            "can_write_notes": can(user, "intervision.write_notes", meeting),
        },
    )


@login_required
def meeting_edit(request, pk):
    meeting = _meeting(request, pk, perm="intervision.change_meeting")
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_meeting(
                meeting, form.cleaned_data, form.cleaned_data["version"], by=request.user
            )
        except services.Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De bijeenkomst is opgeslagen."))
            return redirect("intervision:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "intervision/meeting_form.html",
        {"form": form, "group": meeting.group, "meeting": meeting},
    )


@login_required
def meeting_cancel(request, pk):
    meeting = _meeting(request, pk, perm="intervision.change_meeting")
    form = ConfirmForm(request.POST or None, initial={"version": meeting.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_meeting(meeting, form.cleaned_data["version"], by=request.user)
        except services.Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De bijeenkomst is geannuleerd."))
            return redirect("intervision:group_detail", pk=meeting.group_id)
    return render(request, "intervision/meeting_cancel.html", {"form": form, "meeting": meeting})


@login_required
def meeting_attendance(request, pk):
    meeting = _meeting(request, pk, perm="intervision.register_attendance")
    members = list(meeting.group.members.order_by("last_name", "first_name"))
    current = dict(meeting.attendances.values_list("user_id", "status"))
    form = AttendanceForm(request.POST or None, members=members, current=current)
    if request.method == "POST":
        if not meeting.has_started:
            form.add_error(
                None, _("Aanwezigheid kun je registreren vanaf het begin van de bijeenkomst.")
            )
        elif form.is_valid():
            services.register_attendance(meeting, form.statuses(), by=request.user)
            messages.success(request, _("De aanwezigheid is opgeslagen."))
            return redirect("intervision:meeting_detail", pk=meeting.pk)
    return render(
        request, "intervision/meeting_attendance.html", {"form": form, "meeting": meeting}
    )


@login_required
def meeting_notes(request, pk):
    """The group's notes: members and facilitator only; 404 for everyone else."""
    meeting = access.fetch(
        request,
        Meeting,
        pk,
        within=queries.meetings_of_own_groups,
        prepare=lambda qs: qs.select_related("group"),
    )
    notes = MeetingNotes.objects.filter(meeting=meeting).first()
    can_write = can(request.user, "intervision.write_notes", meeting)
    if request.method == "POST":
        access.require(request, "intervision.write_notes", meeting)
    initial = {"text": notes.text, "version": notes.version} if notes else {}
    form = NotesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_notes(
                meeting, form.cleaned_data["text"], form.cleaned_data["version"], by=request.user
            )
        except services.Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De notities zijn opgeslagen."))
            return redirect("intervision:meeting_detail", pk=meeting.pk)
    return render(
        request,
        "intervision/meeting_notes.html",
        {"form": form, "meeting": meeting, "notes": notes, "can_write": can_write},
    )


@login_required
def meeting_ics(request, pk):
    """One meeting for the person's own calendar: members and facilitator only."""
    meeting = access.fetch(
        request,
        Meeting,
        pk,
        within=queries.meetings_of_own_groups,
        prepare=lambda qs: qs.select_related("group", "method"),
    )
    wanted = calendar.uid(meeting.pk)
    found = [event for event in calendar.events(request.user) if event.uid == wanted]
    if not found:  # a meeting more than a year ago is in nobody's calendar any more
        raise Http404
    body = ical.build(found, name=str(_("Leerroute")), base_url=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="intervisie-{meeting.pk}.ics"'
    return response
