"""Views of the weekly updates. Thin: objects through ``leerroute.core.access``
(404 outside the scope, 403 for a refused action), writes through ``services.py``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leerroute.core import access, versioning
from leerroute.core.pages import paginate
from leerroute.notifications import kinds
from leerroute.notifications.queries import wants_email
from leerroute.notifications.services import set_email_choice
from leerroute.people.models import Cohort, User

from . import digest, queries, services
from .forms import WeeklyUpdateForm
from .models import WeeklyUpdate
from .weeks import Week

PAGE_SIZE = 20


def _with_details(queryset):
    return queryset.select_related("cohort", "author").prefetch_related("work_processes")


@login_required
def index(request):
    user = request.user
    updates = _with_details(queries.updates_visible_to(user)).order_by(
        "-year", "-week", "cohort__name"
    )
    page = paginate(request, updates, PAGE_SIZE)
    now = Week.current()
    cohorts = list(queries.writable_cohorts(user).order_by("name"))
    this_week = {
        u.cohort_id: u for u in WeeklyUpdate.objects.filter(cohort__in=cohorts).in_week(now)
    }
    return render(
        request,
        "school/index.html",
        {
            "page": page,
            "updates": page.object_list,
            "cohorts": [(c, this_week.get(c.pk)) for c in cohorts],
            "now": now,
        },
    )


def _work_process_rows(cohort, checked: set[int], suggested: set[int]):
    return [
        {"wp": wp, "checked": wp.pk in checked, "suggested": wp.pk in suggested}
        for wp in queries.cohort_work_processes(cohort)
    ]


def _render_form(request, cohort, form, *, update=None, checked=(), suggested=(), status=200):
    return render(
        request,
        "school/form.html",
        {
            "cohort": cohort,
            "form": form,
            "update": update,
            "work_processes": _work_process_rows(cohort, set(checked), set(suggested)),
            "qualification": queries.cohort_qualification(cohort),
        },
        status=status,
    )


def _add_errors(form, error: services.UpdateError) -> None:
    for name, message in error.errors.items():
        form.add_error(name if name in form.fields else None, message)


def _suggest(request, cohort, form, update=None):
    text = f"{form.cleaned_data.get('topics', '')}\n{form.cleaned_data.get('practice', '')}"
    suggested = services.suggest_work_processes(cohort, text)
    checked = set(form.cleaned_data.get("work_processes") or []) | set(suggested)
    if suggested:
        messages.info(
            request,
            _("Leerroute stelt de aangevinkte werkprocessen voor. Controleer ze en sla op."),
        )
    else:
        messages.info(request, _("Uit deze tekst volgen geen werkprocessen. Kies ze zelf."))
    return _render_form(request, cohort, form, update=update, checked=checked, suggested=suggested)


@login_required
def create(request, pk):
    cohort = access.fetch(request, Cohort, pk, perm="school.write_update")
    if request.method != "POST":
        week = Week.parse(*request.GET.get("week", "").upper().partition("-W")[::2])
        week = week or Week.current()
        initial = {"week": week.iso}
        checked: list[int] = []
        if request.GET.get("vorige"):
            before = services.previous_week(cohort, week)
            if before is None:
                messages.info(request, _("Er is geen weekupdate van de week ervoor."))
            else:
                initial.update(topics=before.topics, practice=before.practice)
                checked = [wp.pk for wp in before.work_processes.all()]
                messages.info(
                    request,
                    _("De tekst van %(week)s staat klaar. Pas hem aan voor deze week.")
                    % {"week": before.the_week.short},
                )
        return _render_form(request, cohort, WeeklyUpdateForm(initial=initial), checked=checked)
    form = WeeklyUpdateForm(request.POST)
    if not form.is_valid():
        return _render_form(request, cohort, form, status=400)
    if "voorstellen" in request.POST:
        return _suggest(request, cohort, form)
    try:
        update = form.save(by=request.user, cohort=cohort, publish="publiceren" in request.POST)
    except services.UpdateError as error:
        _add_errors(form, error)
        return _render_form(
            request, cohort, form, checked=form.cleaned_data["work_processes"], status=400
        )
    messages.success(request, _saved_message(update))
    return redirect("school:detail", pk=update.pk)


def _saved_message(update) -> str:
    if update.is_published:
        return _("De weekupdate is gepubliceerd.")
    return _("De weekupdate is opgeslagen als concept.")


@login_required
def detail(request, pk):
    update = access.fetch(request, WeeklyUpdate, pk, prepare=_with_details)
    can_change = access.can(request.user, "school.change_update", update)
    open_week = not update.the_week.has_ended()
    return render(
        request,
        "school/detail.html",
        {
            "update": update,
            "work_processes": sorted(update.work_processes.all(), key=lambda wp: wp.code),
            "can_edit": can_change and open_week,
            "can_publish": can_change and open_week and not update.is_published,
            "versions": update.versions.select_related("replaced_by") if can_change else [],
            "week_closed": can_change and not open_week,
        },
    )


def _refuse_closed(request, update):
    problem = services.week_error(update.the_week)
    if update.the_week.has_ended():
        messages.error(request, problem)
        return redirect("school:detail", pk=update.pk)
    return None


@login_required
def edit(request, pk):
    update = access.fetch(
        request, WeeklyUpdate, pk, perm="school.change_update", prepare=_with_details
    )
    refused = _refuse_closed(request, update)
    if refused:
        return refused
    cohort = update.cohort
    if request.method != "POST":
        form = WeeklyUpdateForm(
            editing=True,
            initial={
                "topics": update.topics,
                "practice": update.practice,
                "version": update.version,
            },
        )
        checked = [wp.pk for wp in update.work_processes.all()]
        return _render_form(request, cohort, form, update=update, checked=checked)
    form = WeeklyUpdateForm(request.POST, editing=True)
    if not form.is_valid():
        return _render_form(request, cohort, form, update=update, status=400)
    if "voorstellen" in request.POST:
        return _suggest(request, cohort, form, update)
    try:
        update = form.save(
            by=request.user, cohort=cohort, publish="publiceren" in request.POST, update=update
        )
    except (services.UpdateError, versioning.Conflict) as error:
        if isinstance(error, services.UpdateError):
            _add_errors(form, error)
        else:
            form.add_error(None, error.message)
        return _render_form(
            request,
            cohort,
            form,
            update=update,
            checked=form.cleaned_data["work_processes"],
            status=409 if isinstance(error, versioning.Conflict) else 400,
        )
    messages.success(request, _saved_message(update))
    return redirect("school:detail", pk=update.pk)


@login_required
@require_POST
def publish(request, pk):
    update = access.fetch(request, WeeklyUpdate, pk, perm="school.change_update")
    refused = _refuse_closed(request, update)
    if refused:
        return refused
    try:
        services.publish(update, by=request.user, expected_version=update.version)
    except services.UpdateError as error:
        messages.error(request, " ".join(error.errors.values()))
    else:
        messages.success(request, _("De weekupdate is gepubliceerd."))
    return redirect("school:detail", pk=update.pk)


def digest_preferences(request, token):
    """The weekly e-mail on or off, without signing in (the link in the e-mail)."""
    user_id = digest.read_token(token)
    user = User.objects.filter(pk=user_id, is_active=True).first() if user_id else None
    if user is None:
        return render(request, "school/digest_preferences.html", {"invalid": True}, status=404)
    if request.method == "POST":
        on = request.POST.get("weekmail") == "aan"
        set_email_choice(user, kinds.WEEKLY_DIGEST, on)
        messages.success(
            request,
            _("Je krijgt de wekelijkse e-mail weer.")
            if on
            else _("Je krijgt de wekelijkse e-mail met de weekupdates niet meer."),
        )
        return redirect("school:digest_preferences", token=token)
    return render(
        request,
        "school/digest_preferences.html",
        {"on": user.pk in wants_email([user.pk], kinds.WEEKLY_DIGEST)},
    )
