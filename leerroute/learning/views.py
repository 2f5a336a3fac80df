"""Views for learning questions: thin; rules in rules.py, writes in services.py.

Objects are fetched through ``leerroute.core.access`` (404 outside the
user's scope, 403 for a refused action, reads logged).
"""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leerroute.core import access, inputs
from leerroute.core.forms import warn_about_clients
from leerroute.core.kept_pages import kept_page
from leerroute.core.pages import COUNT_UP_TO, paginate, paginate_counting_along
from leerroute.feedback.models import Feedback
from leerroute.people.models import Role
from leerroute.people.queries import has_role

from . import checker, queries, services
from .forms import CompleteForm, QuestionForm, ReviewForm, SubmitForm
from .models import QUESTION_MAX, STEPS_MAX, SUPPORT_MAX, LearningQuestion, Status, Transition

PAGE_SIZE = 25
# The overview counts this many questions at most: the functional
# administrator's list holds every question of the region.
OVERVIEW_COUNT_UP_TO = COUNT_UP_TO


def _with_details(queryset):
    return queryset.with_people().prefetch_related(
        "work_processes",
        Prefetch("transitions", queryset=Transition.objects.select_related("by")),
    )


def _get_visible(request, pk: int, perm: str | None = None) -> LearningQuestion:
    return access.fetch(request, LearningQuestion, pk, perm=perm, prepare=_with_details)


def _add_errors(form, exc: services.InvalidContent) -> None:
    for field, message in exc.errors.items():
        form.add_error(field if field in form.fields else None, message)


def _foreign_ids(request, placement) -> str | None:
    """SEC-07: a student or placement id in the POST that is not the user's own."""
    student = request.POST.get("student")
    if student is not None and student != str(request.user.pk):
        return _("Je kunt alleen leervragen voor jezelf schrijven.")
    posted = request.POST.get("placement")
    if posted is not None and (placement is None or posted != str(placement.pk)):
        return _("Een leervraag hoort altijd bij je eigen, huidige BPV-plaats.")
    return None


# --- lists -------------------------------------------------------------------


@login_required
@kept_page
def question_list(request):
    """A student's own questions; for staff, the questions of students in scope."""
    user = request.user
    if has_role(user, Role.STUDENT):
        questions = _with_details(queries.own_learning_questions(user)).order_by(
            "-updated_at", "-pk"
        )
        page = paginate_counting_along(request, questions, PAGE_SIZE)
        return render(request, "learning/student_list.html", {"page": page})
    access.require(request, "learning.see_overview")
    questions = queries.learning_questions_visible_to(user)
    status = request.GET.get("status", "")
    if status in Status.values:
        questions = questions.filter(status=status)
    # Sort and count narrow rows (ids), then load the details of one page only.
    page = paginate(
        request,
        questions.order_by(
            "student__last_name", "student__first_name", "-updated_at", "pk"
        ).values_list("pk", flat=True),
        PAGE_SIZE,
        count_up_to=OVERVIEW_COUNT_UP_TO,
    )
    ids = list(page.object_list)
    loaded = {q.pk: q for q in _with_details(LearningQuestion.objects.filter(pk__in=ids))}
    page.object_list = [loaded[pk] for pk in ids]
    statuses = [(value, label) for value, label in Status.choices if value != Status.DRAFT]
    return render(
        request,
        "learning/overview.html",
        {
            "page": page,
            "status": status,
            # The previous/next links keep the status filter (and nothing else).
            "query": urlencode({"status": status}) if status else "",
            "statuses": statuses,
            "can_see_waiting": access.can(user, "learning.see_waiting"),
        },
    )


@login_required
@kept_page
def waiting(request):
    """Mentor: the questions waiting for their review."""
    access.require(request, "learning.see_waiting")
    questions = _with_details(queries.waiting_for(request.user)).order_by("updated_at", "pk")
    completed = _with_details(
        queries.reviewable_by(request.user).filter(status=Status.COMPLETED)
    ).order_by("-updated_at", "-pk")[:10]
    page = paginate_counting_along(request, questions, PAGE_SIZE)
    return render(request, "learning/waiting.html", {"page": page, "completed": completed})


# --- writing -----------------------------------------------------------------------


def _form_page(request, form, qualification, question=None, status=200):
    if form.is_bound:
        data = form.data
        result = checker.check(
            inputs.clean_text(data.get("question"), QUESTION_MAX * 2),
            qualification,
            inputs.clean_text(data.get("steps"), STEPS_MAX * 2),
            inputs.clean_text(data.get("support_requested"), SUPPORT_MAX * 2),
            _parse_date(data.get("target_date")),
        )
        selected = _selected_ids(data.getlist("work_processes"))
    elif question is not None:
        result = checker.check(
            question.question,
            qualification,
            question.steps,
            question.support_requested,
            question.target_date,
        )
        selected = {wp.pk for wp in question.work_processes.all()}
    else:
        result, selected = None, set()
    thread = list(question.messages.select_related("author")) if question else []
    return render(
        request,
        "learning/form.html",
        {
            "form": form,
            "question": question,
            "qualification": qualification,
            "result": result,
            "selected": selected,
            "choices": _choices(form, selected),
            "thread": thread,
        },
        status=status,
    )


def _choices(form, selected):
    return [(wp, wp.pk in selected) for wp in form.fields["work_processes"].queryset]


def _selected_ids(values) -> set[int]:
    """The posted choices to show again; the form itself reports malformed ones."""
    return inputs.valid_ids(values)


def _parse_date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


@login_required
def create(request):
    access.require(request, "learning.write_question")
    try:
        placement, qualification = services.writing_context(request.user)
    except services.NoPlacement as exc:
        return render(request, "learning/no_placement.html", {"message": exc.message})
    form = QuestionForm(request.POST or None, qualification=qualification)
    if request.method == "POST":
        refused = _foreign_ids(request, placement)
        if refused:
            form.is_valid()
            form.add_error(None, refused)
            return _form_page(request, form, qualification, status=400)
        if form.is_valid():
            try:
                with transaction.atomic():
                    question = services.save_draft(request.user, form.content())
                    if request.POST.get("action") == "submit":
                        question = services.submit(question, request.user)
            except services.InvalidContent as exc:
                _add_errors(form, exc)
            except services.LearningQuestionError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(
                    request,
                    _("Je leervraag is ingediend bij je werkbegeleider.")
                    if question.status == Status.SUBMITTED
                    else _("Je leervraag is opgeslagen als concept."),
                )
                _warn_about_clients(request, form)
                return redirect("learning:detail", pk=question.pk)
    return _form_page(request, form, qualification)


@login_required
def edit(request, pk):
    question = _get_visible(request, pk, "learning.change_question")
    if not question.is_editable:
        messages.info(request, _("Deze leervraag kun je niet meer wijzigen."))
        return redirect("learning:detail", pk=question.pk)
    clarification = question.status == Status.CLARIFICATION
    form = QuestionForm(
        request.POST or None,
        qualification=question.qualification,
        with_answer=clarification,
        needs_version=True,
        initial={
            "question": question.question,
            "work_processes": list(question.work_processes.all()),
            "steps": question.steps,
            "support_requested": question.support_requested,
            "target_date": question.target_date,
            "version": question.version,
        },
    )
    if request.method == "POST":
        refused = _foreign_ids(request, question.placement)
        if refused:
            form.is_valid()
            form.add_error(None, refused)
            return _form_page(request, form, question.qualification, question, status=400)
        if form.is_valid():
            try:
                with transaction.atomic():
                    updated = services.update(
                        question, request.user, form.content(), form.cleaned_data["version"]
                    )
                    if request.POST.get("action") == "submit":
                        if clarification:
                            updated = services.resubmit(
                                updated, request.user, form.cleaned_data.get("answer", "")
                            )
                        else:
                            updated = services.submit(updated, request.user)
            except services.InvalidContent as exc:
                _add_errors(form, exc)
            except services.LearningQuestionError as exc:
                form.add_error(None, exc.message)
                return _form_page(request, form, question.qualification, question, status=409)
            else:
                messages.success(request, _success_message(updated))
                _warn_about_clients(request, form)
                return redirect("learning:detail", pk=question.pk)
    return _form_page(request, form, question.qualification, question)


def _warn_about_clients(request, form) -> None:
    """Saved, but the texts seem to name a client: say so on the next page (advice)."""
    data = form.cleaned_data
    warn_about_clients(
        request,
        data["question"],
        data["steps"],
        data["support_requested"],
        data.get("answer", "") if request.POST.get("action") == "submit" else "",
    )


def _success_message(question) -> str:
    return {
        Status.SUBMITTED: _("Je leervraag is ingediend bij je werkbegeleider."),
        Status.RESUBMITTED: _("Je leervraag is opnieuw ingediend bij je werkbegeleider."),
    }.get(question.status, _("Je wijzigingen zijn opgeslagen."))


@require_POST
@login_required
def check(request):
    """The live check (htmx): the results region, and the work-process list when linking."""
    access.require(request, "learning.write_question")
    try:
        _placement, qualification = services.writing_context(request.user)
    except services.NoPlacement as exc:
        return render(request, "learning/form.html#check", {"no_placement": exc.message})
    form = QuestionForm(qualification=qualification)
    valid_ids = {wp.pk for wp in form.fields["work_processes"].queryset}
    selected = set(inputs.get_ids(request.POST, "work_processes")) & valid_ids
    announce = ""
    for key, add in (("link", True), ("unlink", False)):
        value = inputs.get_id(request.POST, key)
        if value is not None and value in valid_ids:
            (selected.add if add else selected.discard)(value)
            announce = "linked" if add else "unlinked"
            changed = value
    result = checker.check(
        inputs.clean_text(request.POST.get("question"), QUESTION_MAX * 2),
        qualification,
        inputs.clean_text(request.POST.get("steps"), STEPS_MAX * 2),
        inputs.clean_text(request.POST.get("support_requested"), SUPPORT_MAX * 2),
        _parse_date(request.POST.get("target_date")),
    )
    context = {
        "form": form,
        "result": result,
        "selected": selected,
        "qualification": qualification,
        "oob": bool(announce),
    }
    if announce:
        context["choices"] = _choices(form, selected)
        changed_wp = next(wp for wp, _checked in context["choices"] if wp.pk == changed)
        context["announce"] = (
            _("Werkproces %(code)s is gekoppeld.")
            if announce == "linked"
            else _("Werkproces %(code)s is losgekoppeld.")
        ) % {"code": changed_wp.code}
    return render(request, "learning/form.html#check", context)


# --- one question --------------------------------------------------------------------


@login_required
def detail(request, pk):
    question = _get_visible(request, pk)
    user = request.user
    is_owner = question.student_id == user.pk
    can_review = access.can(user, "learning.review_question", question)
    thread = list(question.messages.select_related("author"))
    # The student sees the mentor's open question (what to change), not a checklist.
    open_question = None
    if is_owner and question.status == Status.CLARIFICATION:
        asked = [m for m in thread if m.author_id != question.student_id]
        open_question = asked[-1] if asked else None
    return render(
        request,
        "learning/detail.html",
        {
            "question": question,
            "open_question": open_question,
            # Feedback given on this question, as far as this person may see it.
            "feedback": list(
                access.visible(user, Feedback)
                .filter(learning_question=question)
                .select_related("author")
                .order_by("-created_at")
            ),
            "thread": thread,
            "reviews": list(question.reviews.select_related("reviewer")),
            "is_owner": is_owner,
            "can_review": can_review and question.waits_for_mentor,
            "can_redact": access.can(user, "privacy.redact", question),
            "submit_form": SubmitForm(initial={"version": question.version}),
        },
    )


@require_POST
@login_required
def submit(request, pk):
    question = _get_visible(request, pk, "learning.change_question")
    form = SubmitForm(request.POST)
    if not form.is_valid():  # a malformed version: refuse rather than submit unchecked
        raise inputs.BadInput
    version = form.cleaned_data.get("version")
    try:
        if question.status == Status.CLARIFICATION:
            question = services.resubmit(
                question, request.user, inputs.clean_text(request.POST.get("answer")), version
            )
        else:
            question = services.submit(question, request.user, version)
    except services.LearningQuestionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _success_message(question))
    return redirect("learning:detail", pk=pk)


@login_required
@kept_page
def review(request, pk):
    question = _get_visible(request, pk, "learning.review_question")
    if not question.waits_for_mentor:
        messages.info(
            request,
            _("Deze leervraag wacht niet op jouw beoordeling (status: %(status)s).")
            % {"status": question.get_status_display()},
        )
        return redirect("learning:detail", pk=pk)
    form = ReviewForm(request.POST or None, initial={"version": question.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == ReviewForm.APPROVE:
                services.approve(
                    question,
                    request.user,
                    form.checklist(),
                    data["mentor_support"],
                    data["version"],
                )
                done, written = _("Je hebt de leervraag goedgekeurd."), data["mentor_support"]
            else:
                services.ask_clarification(
                    question, request.user, data["message"], form.checklist(), data["version"]
                )
                done, written = _("Je vraag is naar de student gestuurd."), data["message"]
        except services.InvalidContent as exc:
            _add_errors(form, exc)
        except services.LearningQuestionError as exc:
            form.add_error(None, exc.message)
            status = 409
        else:
            messages.success(request, done)
            warn_about_clients(request, written)
            return redirect("learning:detail", pk=pk)
    elif request.method == "POST":
        status = 200
    result = checker.check(
        question.question,
        question.qualification,
        question.steps,
        question.support_requested,
        question.target_date,
    )
    return render(
        request,
        "learning/review.html",
        {
            "question": question,
            "form": form,
            "result": result,
            "thread": list(question.messages.select_related("author")),
        },
        status=status,
    )


@login_required
def complete(request, pk):
    question = _get_visible(request, pk, "learning.change_question")
    if question.status != Status.APPROVED:
        messages.info(request, _("Je kunt alleen een goedgekeurde leervraag afronden."))
        return redirect("learning:detail", pk=pk)
    form = CompleteForm(request.POST or None, initial={"version": question.version})
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.complete(
                question,
                request.user,
                form.cleaned_data["reflection"],
                form.cleaned_data["version"],
            )
        except services.InvalidContent as exc:
            _add_errors(form, exc)
        except services.LearningQuestionError as exc:
            form.add_error(None, exc.message)
            status = 409
        else:
            messages.success(request, _("Je leervraag is afgerond. Goed gedaan!"))
            warn_about_clients(request, form.cleaned_data["reflection"])
            return redirect("learning:detail", pk=pk)
    return render(
        request,
        "learning/complete.html",
        {"question": question, "form": form, "today": timezone.localdate()},
        status=status,
    )
