"""Views of the training app: thin. Fetch through a visible_to queryset (404
outside scope), check the action through a rules permission (403)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leerroute.core import access, inputs
from leerroute.core.access import can
from leerroute.core.kept_pages import kept_page
from leerroute.core.pages import filters_query, paginate
from leerroute.people.models import Department, Team

from . import queries, services
from .cascade import Status, coverage, department_coverage, readiness_of
from .charts import line_chart
from .forms import (
    AttendanceForm,
    InviteForm,
    MaterialFilterForm,
    MaterialForm,
    ProgrammeForm,
    SessionForm,
    TeamTrainingForm,
    WorkFormForm,
)
from .models import Attendance, Enrolment, Material, Programme, Session, WorkForm
from .overview import my_overview
from .uploads import max_bytes

PAGE_SIZE = 20


# --- overview ---------------------------------------------------------------------


@login_required
@kept_page
def index(request):
    user = request.user
    programmes = (
        queries.programmes_visible_to(user)
        .select_related("organisation", "team")
        .annotate(session_count=Count("sessions", distinct=True))
        .order_by("kind", "title", "pk")
    )
    page = paginate(request, programmes, PAGE_SIZE)
    context = {
        "page": page,
        **my_overview(user),
        "can_add_programme": can(user, "training.add_programme"),
        "can_plan": can(user, "training.plan_team_training"),
        "can_see_coverage": can(user, "training.view_coverage"),
    }
    return render(request, "training/index.html", context)


# --- programmes -------------------------------------------------------------------


@login_required
def programme_create(request):
    access.require(request, "training.add_programme")
    form = ProgrammeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        programme = services.create_programme(request.user, form.cleaned_data)
        messages.success(request, _("Het programma is aangemaakt. Voeg nu bijeenkomsten toe."))
        return redirect("training:programme_detail", pk=programme.pk)
    return render(request, "training/programme_form.html", {"form": form, "programme": None})


@login_required
@kept_page
def programme_detail(request, pk):
    programme = access.fetch(
        request,
        Programme,
        pk,
        prepare=lambda qs: qs.select_related("organisation", "team__department", "based_on"),
    )
    user = request.user
    manages = can(user, "training.manage_programme", programme)
    sessions = list(
        programme.sessions.prefetch_related(
            Prefetch("materials", queryset=Material.objects.order_by("title"))
        )
    )
    enrolments = programme.enrolments.select_related("user").order_by(
        "status", "user__last_name", "user__first_name"
    )
    if not manages:
        enrolments = enrolments.filter(user=user)
    present = dict(
        Attendance.objects.filter(session__programme=programme, status=Attendance.Status.PRESENT)
        .values_list("user_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rows = [(e, present.get(e.user_id, 0)) for e in enrolments]
    mine = next((e for e, _n in rows if e.user_id == user.pk), None)
    return render(
        request,
        "training/programme_detail.html",
        {
            "programme": programme,
            "manages": manages,
            "sessions": sessions,
            "rows": rows,
            "mine": mine,
            "trainers": programme.trainers.order_by("last_name"),
            "invited_organisations": programme.invited_organisations.all(),
            "now": timezone.now(),
        },
    )


def _managed_programme(request, pk) -> Programme:
    return access.fetch(request, Programme, pk, perm="training.manage_programme")


@login_required
def programme_edit(request, pk):
    programme = _managed_programme(request, pk)
    form = ProgrammeForm(request.POST or None, instance=programme, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_programme(
                programme, form.cleaned_data, form.cleaned_data["version"], by=request.user
            )
        except services.Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Het programma is opgeslagen."))
            return redirect("training:programme_detail", pk=programme.pk)
    return render(request, "training/programme_form.html", {"form": form, "programme": programme})


@login_required
def programme_invite(request, pk):
    programme = _managed_programme(request, pk)
    form = InviteForm(request.POST or None, user=request.user, programme=programme)
    if request.method == "POST" and form.is_valid():
        invited, enrolled = form.invite(by=request.user)
        messages.success(
            request,
            _("%(invited)d nieuwe persoon/personen toegevoegd, %(enrolled)d ingeschreven.")
            % {"invited": invited, "enrolled": enrolled},
        )
        return redirect("training:programme_detail", pk=programme.pk)
    return render(request, "training/invite.html", {"form": form, "programme": programme})


@require_POST
@login_required
def programme_signup(request, pk):
    programme = access.fetch(request, Programme, pk, perm="training.sign_up")
    services.sign_up(programme, request.user)
    messages.success(request, _("Je bent aangemeld voor dit programma."))
    return redirect("training:programme_detail", pk=programme.pk)


@require_POST
@login_required
def programme_enrol(request, pk):
    programme = _managed_programme(request, pk)
    user_id = inputs.get_id(request.POST, "user")
    if user_id is not None and services.enrol(programme, user_id, by=request.user):
        messages.success(request, _("De deelnemer is ingeschreven."))
    else:
        messages.error(request, _("Deze persoon staat niet als uitgenodigd op de lijst."))
    return redirect("training:programme_detail", pk=programme.pk)


# --- sessions -----------------------------------------------------------------------


@login_required
def session_create(request, pk):
    programme = _managed_programme(request, pk)
    form = SessionForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        session = services.save_session(programme, form.cleaned_data, by=request.user)
        messages.success(request, _("De bijeenkomst is toegevoegd."))
        return redirect("training:session_detail", pk=session.pk)
    return render(
        request,
        "training/session_form.html",
        {"form": form, "programme": programme, "session": None},
    )


def _visible_session(request, pk) -> Session:
    return access.fetch(request, Session, pk, prepare=lambda qs: qs.select_related("programme"))


@login_required
def session_detail(request, pk):
    session = _visible_session(request, pk)
    manages = can(request.user, "training.manage_programme", session.programme)
    attendances = session.attendances.select_related("user").order_by(
        "user__last_name", "user__first_name"
    )
    if not manages:
        attendances = attendances.filter(user=request.user)
    return render(
        request,
        "training/session_detail.html",
        {
            "session": session,
            "programme": session.programme,
            "manages": manages,
            "materials": session.materials.order_by("title"),
            "attendances": attendances,
        },
    )


@login_required
def session_edit(request, pk):
    session = _visible_session(request, pk)
    access.require(request, "training.manage_programme", session.programme)
    form = SessionForm(request.POST or None, instance=session, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_session(
                session.programme,
                form.cleaned_data,
                session,
                form.cleaned_data["version"],
                by=request.user,
            )
        except services.Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De bijeenkomst is opgeslagen."))
            return redirect("training:session_detail", pk=session.pk)
    return render(
        request,
        "training/session_form.html",
        {"form": form, "programme": session.programme, "session": session},
    )


@login_required
def session_attendance(request, pk):
    session = _visible_session(request, pk)
    access.require(request, "training.manage_programme", session.programme)
    participants = list(
        session.programme.enrolments.filter(status=Enrolment.Status.ENROLLED)
        .select_related("user")
        .order_by("user__last_name", "user__first_name")
    )
    people = [e.user for e in participants]
    current = dict(session.attendances.values_list("user_id", "status"))
    form = AttendanceForm(
        request.POST or None, participants=people, current=current, version=session.version
    )
    if request.method == "POST":
        if not session.has_started:
            form.add_error(None, services.NOT_STARTED)
        elif form.is_valid():
            try:
                services.register_attendance(
                    session, request.user, form.statuses(), form.cleaned_data["version"]
                )
            except services.Conflict as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("De aanwezigheid is opgeslagen."))
                return redirect("training:session_detail", pk=session.pk)
    return render(
        request,
        "training/session_attendance.html",
        {"form": form, "session": session, "programme": session.programme},
    )


# --- materials ------------------------------------------------------------------------


@login_required
def material_list(request):
    materials = queries.materials_visible_to(request.user)
    form = MaterialFilterForm(request.GET or None)
    if form.is_valid():
        term = form.cleaned_data["q"].strip()
        if term:
            materials = materials.filter(
                Q(title__icontains=term)
                | Q(description__icontains=term)
                | Q(topics__name__icontains=term)
            )
        if form.cleaned_data["kind"]:
            materials = materials.filter(kind=form.cleaned_data["kind"])
        if form.cleaned_data["topic"]:
            materials = materials.filter(topics=form.cleaned_data["topic"])
    materials = materials.distinct().prefetch_related("topics").order_by("title", "pk")
    page = paginate(request, materials, PAGE_SIZE)
    return render(
        request,
        "training/material_list.html",
        {
            "form": form,
            "page": page,
            "query": filters_query(request),
            "can_add": can(request.user, "training.add_material"),
        },
    )


@login_required
def material_create(request):
    access.require(request, "training.add_material")
    form = MaterialForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        material = services.add_material(request.user, form.cleaned_data, form.file_type)
        messages.success(request, _("Het materiaal is toegevoegd aan de bibliotheek."))
        return redirect("training:material_detail", pk=material.pk)
    return render(
        request,
        "training/material_form.html",
        {"form": form, "max_mb": f"{max_bytes() / 1024 / 1024:g}"},
    )


@login_required
def material_detail(request, pk):
    material = access.fetch(request, Material, pk, prepare=lambda qs: qs.prefetch_related("topics"))
    sessions = (
        queries.sessions_visible_to(request.user)
        .filter(materials=material)
        .select_related("programme")
        .order_by("starts_at")
    )
    return render(
        request,
        "training/material_detail.html",
        {
            "material": material,
            "sessions": sessions,
            "work_forms": material.work_forms.order_by("title"),
        },
    )


@login_required
def material_download(request, pk):
    """The file, only for people who may see the material, always as an attachment."""
    material = access.fetch(request, Material, pk)
    if material.is_link or not material.file:
        raise Http404
    try:
        handle = material.file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    return FileResponse(
        handle,
        as_attachment=True,
        filename=material.original_name or "bestand",
        content_type=material.content_type or "application/octet-stream",
    )


def _inline_file(field, content_type: str, name: str) -> FileResponse:
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(handle, as_attachment=False, filename=name, content_type=content_type)
    # Only ever played by the page's own player: never sniffed, never framed elsewhere,
    # no scripts even if someone managed to open it as a document.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@login_required
def material_play(request, pk):
    """An uploaded video for the page's <video> player (same scope as the download)."""
    material = access.fetch(request, Material, pk)
    if not material.plays_in_page:
        raise Http404
    return _inline_file(material.file, material.content_type, material.original_name or "video")


@login_required
def material_captions(request, pk):
    """The video's WebVTT captions, for <track kind="captions">."""
    material = access.fetch(request, Material, pk)
    if not material.plays_in_page or not material.captions:
        raise Http404
    return _inline_file(material.captions, "text/vtt; charset=utf-8", "ondertiteling.vtt")


# --- work forms -------------------------------------------------------------------------


@login_required
def workform_list(request):
    kind = request.GET.get("soort", "")
    work_forms = WorkForm.objects.annotate(step_count=Count("steps")).order_by("kind", "title")
    if kind in WorkForm.Kind.values:
        work_forms = work_forms.filter(kind=kind)
    return render(
        request,
        "training/workform_list.html",
        {
            "work_forms": work_forms,
            "kinds": WorkForm.Kind.choices,
            "kind": kind,
            "can_add": can(request.user, "training.add_work_form"),
        },
    )


@login_required
def workform_detail(request, slug):
    work_form = access.fetch(request, WorkForm, slug, field="slug")
    visible = queries.materials_visible_to(request.user)
    return render(
        request,
        "training/workform_detail.html",
        {
            "work_form": work_form,
            "steps": work_form.steps.all(),
            "materials": work_form.materials.filter(pk__in=visible.values("pk")).order_by("title"),
            "can_edit": can(request.user, "training.change_work_form", work_form),
        },
    )


@login_required
def workform_create(request):
    access.require(request, "training.add_work_form")
    return _workform_form(request, None)


@login_required
def workform_edit(request, slug):
    work_form = access.fetch(
        request, WorkForm, slug, field="slug", perm="training.change_work_form"
    )
    return _workform_form(request, work_form)


def _workform_form(request, work_form):
    form = WorkFormForm(request.POST or None, instance=work_form, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_work_form(
                request.user,
                form.cleaned_data,
                form.cleaned_data["steps"],
                work_form,
                form.cleaned_data.get("version"),
            )
        except services.Conflict as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("De werkvorm is opgeslagen."))
            return redirect("training:workform_detail", slug=saved.slug)
    return render(request, "training/workform_form.html", {"form": form, "work_form": work_form})


# --- cascade and coverage -------------------------------------------------------------------


ORGANISATIONS_PER_PAGE = 5


def _coverage_page(request, *, with_history: bool):
    """One page of the organisations whose coverage the user may see, with their figures."""
    access.require(request, "training.view_coverage")
    page = paginate(
        request,
        queries.coverage_organisations_for(request.user).order_by("name", "pk"),
        ORGANISATIONS_PER_PAGE,
    )
    organisations = queries.coverage_organisations_for(request.user).filter(
        pk__in=[org.pk for org in page.object_list]
    )
    return page, coverage(organisations, with_history=with_history)


@login_required
@kept_page
def cascade(request):
    """Team trainings of the cascade: in training now (pilot first) and the next teams."""
    page, result = _coverage_page(request, with_history=False)
    return render(
        request,
        "training/cascade.html",
        {
            "coverage": result,
            "page": page,
            "query": filters_query(request),
            "visible": _visible_team_trainings(request.user),
            "can_plan": can(request.user, "training.plan_team_training"),
        },
    )


def _visible_team_trainings(user) -> set[int]:
    return set(
        queries.programmes_visible_to(user)
        .filter(kind=Programme.Kind.TEAM)
        .values_list("pk", flat=True)
    )


@login_required
def teamtraining_create(request):
    access.require(request, "training.plan_team_training")
    form = TeamTrainingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        training = services.plan_team_training(request.user, **form.cleaned_data)
        messages.success(
            request,
            _("De teamtraining voor %(team)s is gepland.") % {"team": training.team.name},
        )
        return redirect("training:programme_detail", pk=training.pk)
    return render(request, "training/teamtraining_form.html", {"form": form})


@login_required
@kept_page
def coverage_dashboard(request):
    """Coverage per organisation and department; the teams are on each department's page."""
    page, result = _coverage_page(request, with_history=True)
    for org in result:
        org.chart = line_chart(org.history, org.organisation.name)
    return render(
        request,
        "training/coverage.html",
        {"coverage": result, "page": page, "query": filters_query(request)},
    )


@login_required
def coverage_department(request, pk):
    """The figures of one department's teams (names per team on the team's page)."""
    access.require(request, "training.view_coverage")
    department = access.fetch(
        request,
        Department,
        pk,
        within=queries.coverage_departments_for,
        prepare=lambda qs: qs.select_related("organisation"),
    )
    row = department_coverage(department)
    return render(
        request,
        "training/coverage_department.html",
        {
            "department": department,
            "row": row,
            "names_visible": queries.can_see_department_members(request.user, department),
        },
    )


@login_required
def coverage_team(request, pk):
    team = access.fetch(
        request,
        Team,
        pk,
        within=queries.coverage_teams_for,
        prepare=lambda qs: qs.select_related("department__organisation"),
        perm="training.view_team_readiness",
    )
    members = list(services.team_members(team))
    states = readiness_of([m.pk for m in members])
    trainings = (
        Programme.objects.team_trainings()
        .filter(team=team)
        .with_session_counts()
        .order_by("-created_at")
    )
    rows = [(m, states[m.pk]) for m in members]
    return render(
        request,
        "training/coverage_team.html",
        {
            "team": team,
            "rows": rows,
            "trainings": trainings,
            "Status": Status,
        },
    )
