"""Views for OEPS feedback and progress reviews.

Thin: objects come through ``leerroute.core.access`` (404 outside the
user's scope, 403 for a refused action, reads logged); writes go through
``services.py``.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Q
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leerroute.core import access, inputs
from leerroute.core.access import can
from leerroute.core.forms import warn_about_clients
from leerroute.core.kept_pages import kept_page
from leerroute.core.pages import COUNT_UP_TO, paginate
from leerroute.learning.models import LearningQuestion
from leerroute.people import queries as people
from leerroute.people.models import Placement, Role, Team, User

from . import queries, services
from .forms import CONFLICT_MESSAGE, OEPS_STEPS, FeedbackForm, ResponseForm, ReviewForm
from .models import RECENT_FEEDBACK_DAYS, Feedback, ProgressLevel, ProgressReview, recent_since

PAGE_SIZE = 25
# The student list counts this many students at most: a practice educator or
# administrator sees thousands.
STUDENTS_COUNT_UP_TO = COUNT_UP_TO


def _saved(request, url: str) -> HttpResponse:
    """After a save: a redirect, or for draft.js (which sent the form with fetch) a
    204 naming the page to go to, so it knows the draft may be forgotten."""
    if request.headers.get("X-Leerroute-Draft"):
        return HttpResponse(status=204, headers={"X-Saved-Location": url})
    return redirect(url)


def _posted(request):
    return request.POST if request.method == "POST" else None


def _feedback(request, pk: int, perm: str | None = None) -> Feedback:
    return access.fetch(request, Feedback, pk, perm=perm, prepare=lambda qs: qs.with_links())


def _review(request, pk: int, perm: str | None = None) -> ProgressReview:
    return access.fetch(
        request,
        ProgressReview,
        pk,
        perm=perm,
        prepare=lambda qs: qs.select_related("student", "author", "qualification"),
    )


def _with_feedback_counts(students):
    since = recent_since()
    return students.annotate(
        last_feedback=Max("feedback_received__created_at"),
        recent_feedback=Count(
            "feedback_received", filter=Q(feedback_received__created_at__gte=since)
        ),
    )


@login_required
@kept_page
def index(request):
    """'Feedback en voortgang': the students the user may see, with their recent feedback."""
    user = request.user
    if people.roles(user) == {Role.STUDENT}:
        return redirect("feedback:student", pk=user.pk)
    # One page of students first; the feedback is counted for that page only.
    students = people.students_visible_to(user).order_by("last_name", "first_name", "pk")
    page = paginate(request, students, PAGE_SIZE, count_up_to=STUDENTS_COUNT_UP_TO)
    ids = [s.pk for s in page]
    counted = {s.pk: s for s in _with_feedback_counts(User.objects.filter(pk__in=ids))}
    for student in page:
        student.last_feedback = counted[student.pk].last_feedback
        student.recent_feedback = counted[student.pk].recent_feedback
    teams = {
        p.student_id: p.team
        for p in Placement.objects.active().filter(student__in=ids).select_related("team")
    }
    giveable = set(
        queries.students_for_feedback(user).filter(pk__in=ids).values_list("pk", flat=True)
    )
    rows = [(s, teams.get(s.pk), s.pk in giveable) for s in page]
    return render(
        request,
        "feedback/index.html",
        {
            "page": page,
            "rows": rows,
            "review_teams": queries.teams_for_review(user).select_related("department"),
            "recent_days": RECENT_FEEDBACK_DAYS,
        },
    )


@login_required
@kept_page
def student_feedback(request, pk):
    """All feedback of one student, newest first, with the reactions."""
    student = access.fetch(request, User, pk)
    items = queries.feedback_visible_to(request.user).filter(student=student).with_links()
    reviews = queries.reviews_visible_to(request.user).filter(student=student)
    return render(
        request,
        "feedback/student.html",
        {
            "student": student,
            "items": items,
            "reviews": reviews.select_related("author"),
            "is_own": student.pk == request.user.pk,
            "can_give": can(request.user, "feedback.give_feedback_to", student),
            "can_review": can(request.user, "feedback.review_student", student),
        },
    )


@login_required
@kept_page
def progress(request, pk):
    """Work processes x review moments, with the level as colour AND text."""
    student = access.fetch(request, User, pk)
    qualification = queries.current_qualification(student)
    processes = list(queries.work_processes_of(qualification))
    reviews = list(
        queries.reviews_visible_to(request.user)
        .filter(student=student)
        .select_related("author")
        .prefetch_related("entries")
        .order_by("review_date", "pk")
    )
    counts = dict(
        queries.feedback_visible_to(request.user)
        .filter(student=student, work_process__isnull=False)
        .values_list("work_process")
        .annotate(n=Count("pk"))
        .values_list("work_process", "n")
    )
    unlinked = (
        queries.feedback_visible_to(request.user)
        .filter(student=student, work_process__isnull=True)
        .count()
    )
    cells = {(r.pk, e.work_process_id): e for r in reviews for e in r.entries.all()}
    rows = [
        (wp, counts.get(wp.pk, 0), [cells.get((r.pk, wp.pk)) for r in reviews]) for wp in processes
    ]
    return render(
        request,
        "feedback/progress.html",
        {
            "student": student,
            "qualification": qualification,
            "reviews": reviews,
            "rows": rows,
            "unlinked": unlinked,
            "scale": ProgressLevel.scale(),
            "can_review": can(request.user, "feedback.review_student", student),
        },
    )


def _warn_about_clients(request, form) -> None:
    """Saved, but the OEPS texts seem to name a client: say so on the next page (advice)."""
    warn_about_clients(request, *(form.cleaned_data[name] for name in OEPS_STEPS))


@login_required
def create(request):
    """OEPS feedback in one screen; ``?student=<id>`` preselects the student."""
    access.require(request, "feedback.give_feedback")
    preselected = None
    wanted = inputs.get_id(request.GET, "student")
    if wanted is not None:
        preselected = queries.students_for_feedback(request.user).filter(pk=wanted).first()
    form = FeedbackForm(_posted(request), user=request.user, student=preselected)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.give_feedback(
                author=request.user, student=form.cleaned_data["student"], **form.oeps()
            )
        except ValidationError as exc:
            form.add_error("work_process", exc)
        else:
            messages.success(request, _("Je feedback is opgeslagen."))
            _warn_about_clients(request, form)
            return _saved(request, reverse("feedback:detail", args=[item.pk]))
    draft_key = f"feedback-nieuw-{form.student.pk if form.student else 'x'}"
    return render(
        request,
        "feedback/form.html",
        {"form": form, "student": form.student, "draft_key": draft_key, "feedback": None},
    )


def _linked_question(user, item):
    """The feedback's learning question, when this person may see it (its own scope)."""
    if not item.learning_question_id:
        return None
    return access.visible(user, LearningQuestion).filter(pk=item.learning_question_id).first()


def _edited(item) -> bool:
    """Edited by its writer (a student's reaction is not an edit of the feedback)."""
    return item.versions.exclude(replaced_by_id=item.student_id).exists()


@login_required
def detail(request, pk):
    item = _feedback(request, pk)
    return render(
        request,
        "feedback/detail.html",
        {
            "item": item,
            "question": _linked_question(request.user, item),
            "edited": _edited(item),
            "response_form": ResponseForm(
                initial={"version": item.version, "response": item.student_response}
            )
            if can(request.user, "feedback.respond_to_feedback", item)
            else None,
            "can_edit": can(request.user, "feedback.change_feedback", item),
            "can_see_history": can(request.user, "feedback.see_feedback_history", item),
            "can_redact": can(request.user, "privacy.redact", item),
            "can_ask_correction": can(request.user, "privacy.request_correction", item),
        },
    )


@login_required
def edit(request, pk):
    item = _feedback(request, pk, "feedback.change_feedback")
    form = FeedbackForm(_posted(request), user=request.user, feedback=item)
    if request.method == "POST" and form.is_valid():
        try:
            services.edit_feedback(
                item,
                editor=request.user,
                expected_version=form.cleaned_data["version"],
                **form.oeps(),
            )
        except services.Conflict:
            form.add_error(None, CONFLICT_MESSAGE)
        except ValidationError as exc:
            form.add_error("work_process", exc)
        else:
            messages.success(request, _("Je wijziging is opgeslagen; de vorige versie is bewaard."))
            _warn_about_clients(request, form)
            return _saved(request, reverse("feedback:detail", args=[item.pk]))
    return render(
        request,
        "feedback/form.html",
        {
            "form": form,
            "student": item.student,
            "draft_key": f"feedback-{item.pk}",
            "feedback": item,
        },
    )


@require_POST
@login_required
def respond(request, pk):
    item = _feedback(request, pk, "feedback.respond_to_feedback")
    form = ResponseForm(request.POST)
    if form.is_valid():
        try:
            services.respond_to_feedback(
                item,
                student=request.user,
                expected_version=form.cleaned_data["version"],
                response=form.cleaned_data["response"],
            )
        except services.Conflict:
            form.add_error(None, CONFLICT_MESSAGE)
        else:
            messages.success(request, _("Je reactie is opgeslagen."))
            warn_about_clients(request, form.cleaned_data["response"])
            return redirect("feedback:detail", pk=item.pk)
    return render(
        request,
        "feedback/detail.html",
        {
            "item": item,
            "question": _linked_question(request.user, item),
            "edited": _edited(item),
            "response_form": form,
            "can_edit": False,
            "can_see_history": False,
        },
    )


@require_POST
@login_required
def mark_read(request, pk):
    item = _feedback(request, pk, "feedback.respond_to_feedback")
    services.mark_feedback_read(item, by=request.user)
    messages.success(request, _("Gemarkeerd als gelezen."))
    return redirect("feedback:detail", pk=item.pk)


@login_required
def history(request, pk):
    item = _feedback(request, pk, "feedback.see_feedback_history")
    versions = item.versions.select_related("work_process", "replaced_by")
    return render(request, "feedback/history.html", {"item": item, "versions": versions})


def _review_form(request, student, review=None):
    publishing = request.method == "POST" and "publiceren" in request.POST
    processes = queries.work_processes_of(
        review.qualification if review else queries.current_qualification(student)
    )
    return ReviewForm(
        _posted(request),
        student=student,
        work_processes=processes,
        review=review,
        publishing=publishing,
    )


def _save_review(request, form, student, review=None):
    try:
        saved = form.save(author=request.user, student=student, review=review)
    except services.Conflict:
        form.add_error(None, CONFLICT_MESSAGE)
        return None
    except ValidationError as exc:
        form.add_error(None, exc)
        return None
    warn_about_clients(
        request, form.cleaned_data["summary"], *(note for _level, note in form.levels().values())
    )
    if saved.is_published and form.publishing:
        messages.success(request, _("De voortgangsbeoordeling is gepubliceerd voor de student."))
    else:
        messages.success(request, _("De voortgangsbeoordeling is opgeslagen."))
    return saved


@login_required
@kept_page
def review_create(request, pk):
    student = access.fetch(request, User, pk, perm="feedback.review_student")
    if queries.current_qualification(student) is None:
        messages.error(request, _("Deze student heeft geen inschrijving voor een kwalificatie."))
        return redirect("feedback:progress", pk=student.pk)
    form = _review_form(request, student)
    if request.method == "POST" and form.is_valid():
        saved = _save_review(request, form, student)
        if saved:
            return _saved(request, reverse("feedback:review", args=[saved.pk]))
    return render(
        request,
        "feedback/review_form.html",
        {"form": form, "student": student, "review": None, "scale": ProgressLevel.scale()},
    )


@login_required
@kept_page
def review_detail(request, pk):
    review = _review(request, pk)
    entries = list(review.entries.select_related("work_process"))
    cited = list(review.cited_feedback.with_links())
    by_process: dict[int | None, list] = {}
    for item in cited:
        by_process.setdefault(item.work_process_id, []).append(item)
    rows = [(e, by_process.pop(e.work_process_id, [])) for e in entries]
    other = [item for items in by_process.values() for item in items]
    return render(
        request,
        "feedback/review_detail.html",
        {
            "review": review,
            "rows": rows,
            "other_cited": other,
            "scale": ProgressLevel.scale(),
            "can_change": can(request.user, "feedback.change_review", review),
            "can_publish": can(request.user, "feedback.publish_review", review),
            "can_see_history": can(request.user, "feedback.see_review_history", review),
            "can_redact": can(request.user, "privacy.redact", review),
            "can_ask_correction": can(request.user, "privacy.request_correction", review),
        },
    )


@login_required
def review_edit(request, pk):
    review = _review(request, pk, "feedback.change_review")
    form = _review_form(request, review.student, review)
    if request.method == "POST" and form.is_valid():
        saved = _save_review(request, form, review.student, review)
        if saved:
            return _saved(request, reverse("feedback:review", args=[saved.pk]))
    return render(
        request,
        "feedback/review_form.html",
        {
            "form": form,
            "student": review.student,
            "review": review,
            "scale": ProgressLevel.scale(),
        },
    )


@require_POST
@login_required
def review_publish(request, pk):
    review = _review(request, pk, "feedback.publish_review")
    version = inputs.get_int(request.POST, "version")
    try:
        services.publish_review(
            review, by=request.user, expected_version=-1 if version is None else version
        )
    except services.Conflict:
        messages.error(request, CONFLICT_MESSAGE)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De voortgangsbeoordeling is gepubliceerd voor de student."))
    return redirect("feedback:review", pk=review.pk)


@login_required
def review_history(request, pk):
    review = _review(request, pk, "feedback.see_review_history")
    versions = list(review.versions.select_related("replaced_by"))
    labels = dict(ProgressLevel.choices)
    for version in versions:
        for entry in version.snapshot.get("entries", []):
            entry["level_label"] = labels.get(entry["level"], entry["level"])
    return render(request, "feedback/review_history.html", {"review": review, "versions": versions})


@login_required
@kept_page
def team(request, pk):
    """Per team: which students have recent feedback, which have had none for a while."""
    team = access.fetch(
        request,
        Team,
        pk,
        perm="feedback.see_team_overview",
        prepare=lambda qs: qs.select_related("department__organisation"),
    )
    since = recent_since()
    placements = (
        Placement.objects.active()
        .filter(team=team, student__in=people.students_visible_to(request.user))
        .select_related("student")
        .prefetch_related("mentors")
        .annotate(
            last_feedback=Max("student__feedback_received__created_at"),
            recent_feedback=Count(
                "student__feedback_received",
                filter=Q(student__feedback_received__created_at__gte=since),
            ),
        )
        .order_by("student__last_name", "student__first_name")
    )
    access.log_reads(request, [p.student_id for p in placements])
    recent = [p for p in placements if p.recent_feedback]
    quiet = [p for p in placements if not p.recent_feedback]
    return render(
        request,
        "feedback/team.html",
        {
            "team": team,
            "recent": recent,
            "quiet": quiet,
            "recent_days": RECENT_FEEDBACK_DAYS,
            "give_url": reverse("feedback:create"),
        },
    )
