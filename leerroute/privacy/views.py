import json

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Max
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from leerroute.core import access
from leerroute.core.pages import paginate
from leerroute.people.models import AccessLog, Organisation, Role

from . import notices
from .export import as_json, display, schema, sections_for
from .models import ErasureLog, NoticeAcknowledgement

PAGE_SIZE = 25

# The kind of page, by the app (URL namespace) that showed it.
PAGE_KINDS = {
    "people": _("Studentgegevens"),
    "learning": _("Leervragen"),
    "feedback": _("Feedback en voortgang"),
    "training": _("Training"),
    "school": _("Weekupdate van school"),
    "conversations": _("Gesprekken"),
    "api": _("Koppeling (API)"),
    "imports": _("Export of rapport"),
    "exports": _("Export of rapport"),
    "search": _("Zoeken"),
}


def page_kind(view_name: str) -> str:
    namespace = view_name.split(":", 1)[0] if ":" in view_name else ""
    return str(PAGE_KINDS.get(namespace, _("Overige pagina")))


@require_POST
@login_required
def acknowledge(request):
    """The person has read the privacy notice: stop showing it."""
    NoticeAcknowledgement.objects.get_or_create(user=request.user, version=notices.VERSION)
    request.session.pop(notices.SESSION_KEY, None)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "core:home"
    return redirect(target)


@login_required
def my_data(request):
    """Everything Leerroute holds about the signed-in student, on one page."""
    access.require(request, "privacy.see_own_data")
    return render(request, "privacy/my_data.html", {"sections": _shown(request.user)})


def _shown(student) -> list[dict]:
    return [{"section": s, "rows": display(s)} for s in sections_for(student)]


@login_required
def my_data_html(request):
    """The same as a readable, self-contained HTML file."""
    access.require(request, "privacy.see_own_data")
    # The file has no scripts, but the policy of every HTML response names a nonce.
    str(getattr(request, "csp_nonce", ""))
    html = render_to_string(
        "privacy/my_data_file.html",
        {"sections": _shown(request.user), "student": request.user, "at": timezone.now()},
        request=request,
    )
    return _download(html, "text/html; charset=utf-8", "mijn-gegevens.html")


@login_required
def my_data_json(request):
    """The same as JSON, valid against docs/schemas/mijn-gegevens.schema.json."""
    access.require(request, "privacy.see_own_data")
    data = as_json(request.user, sections_for(request.user))
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return _download(body, "application/json; charset=utf-8", "mijn-gegevens.json")


def schema_json(request):
    """The published JSON schema of the data export (also in the repo, docs/schemas/)."""
    response = HttpResponse(
        json.dumps(schema(), ensure_ascii=False, indent=2), content_type="application/schema+json"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _download(body: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def who_viewed(request):
    """'Wie heeft mijn gegevens bekeken': the access log of the student's own record."""
    access.require(request, "privacy.see_own_data")
    reads = AccessLog.objects.filter(student=request.user, outcome=AccessLog.Outcome.READ).exclude(
        user=request.user
    )
    summary = list(
        reads.values(
            "user__first_name", "user__last_name", "user__username", "roles", "organisations"
        )
        .annotate(times=Count("pk"), last=Max("at"))
        .order_by("-last")[:50]
    )
    page = paginate(request, reads.select_related("user").order_by("-at", "-pk"), PAGE_SIZE)
    org_ids = {int(pk) for row in summary for pk in row["organisations"].split(",") if pk}
    org_ids |= {pk for row in page for pk in row.organisation_ids()}
    names = dict(Organisation.objects.filter(pk__in=org_ids).values_list("pk", "name"))
    labels = dict(Role.choices)

    def orgs(value: str) -> str:
        return ", ".join(names.get(int(pk), "–") for pk in value.split(",") if pk) or "–"

    def roles(value: str) -> str:
        return ", ".join(str(labels.get(code, code)) for code in value.split(",") if code) or "–"

    people = [
        {
            "name": " ".join(filter(None, [r["user__first_name"], r["user__last_name"]]))
            or r["user__username"]
            or _("verwijderd account"),
            "roles": roles(r["roles"]),
            "organisations": orgs(r["organisations"]),
            "times": r["times"],
            "last": r["last"],
        }
        for r in summary
    ]
    rows = [
        {
            "at": row.at,
            "name": str(row.user) if row.user else _("verwijderd account"),
            "roles": roles(row.roles),
            "organisations": orgs(row.organisations),
            "kind": page_kind(row.view_name),
        }
        for row in page
    ]
    return render(
        request, "privacy/who_viewed.html", {"people": people, "page": page, "rows": rows}
    )


@login_required
def erase(request):
    """Erasure of one student on request: the beheerder checks, then confirms."""
    from django.contrib import messages
    from django.utils.translation import gettext as _gettext

    from leerroute.core.inputs import clean_text
    from leerroute.people.models import User

    from . import retention

    access.require(request, "privacy.erase_student")
    username = clean_text(request.POST.get("username") or request.GET.get("username"), 150).strip()
    student = User.objects.filter(username=username).first() if username else None
    error = ""
    if username and student is None:
        error = _gettext("Er is geen account met deze gebruikersnaam.")
    reasons = retention.erasure_check(student) if student else []
    if request.method == "POST" and student and request.POST.get("confirm") == "ja":
        try:
            retention.erase(student, by=request.user)
        except retention.ErasureRefused as refused:
            reasons = [str(refused)]
        else:
            messages.success(request, _gettext("De student is overal uit Leerroute verwijderd."))
            return redirect("privacy:erase")
    elif request.method == "POST" and student and not reasons:
        error = _gettext("Vink aan dat je de student definitief wilt verwijderen.")
    counts = retention.erasure_summary(student) if student and not reasons else {}
    return render(
        request,
        "privacy/erase.html",
        {
            "username": username,
            "student": student,
            "reasons": reasons,
            "error": error,
            "counts": counts,
            "log": ErasureLog.objects.select_related("by")[:10],
        },
    )


@login_required
def redact(request, kind, pk):
    """Remove a passage that identifies a client from a text and all its history."""
    from django.contrib import messages
    from django.http import Http404
    from django.urls import reverse
    from django.utils.translation import gettext as _gettext

    from leerroute.core.inputs import clean_text

    from . import redaction

    target = redaction.TARGETS.get(kind)
    if target is None:
        raise Http404
    obj = access.fetch(request, target.model, pk, perm="privacy.redact")
    back = reverse(target.page, kwargs={"pk": obj.pk})
    error = ""
    passage = ""
    if request.method == "POST":
        passage = clean_text(request.POST.get("passage"), redaction.MAX_PASSAGE + 1)
        try:
            n = redaction.redact(kind, obj, passage, by=request.user)
        except redaction.RedactionRefused as refused:
            error = str(refused)
        else:
            messages.success(
                request,
                _gettext("De tekst is op %(n)s plaats(en) vervangen door %(mark)s.")
                % {"n": n, "mark": redaction.MARK},
            )
            return redirect(back)
    texts = [(obj._meta.get_field(name).verbose_name, getattr(obj, name)) for name in target.fields]
    return render(
        request,
        "privacy/redact.html",
        {
            "target": target,
            "obj": obj,
            "texts": [(label, text) for label, text in texts if text],
            "error": error,
            "passage": passage,
            "back": back,
            "mark": redaction.MARK,
        },
        status=400 if error else 200,
    )


@login_required
def ask_correction(request, kind, pk):
    """A student asks for the correction of a factual error."""
    from django.contrib import messages
    from django.http import Http404
    from django.urls import reverse
    from django.utils.translation import gettext as _gettext

    from leerroute.core.inputs import clean_text

    from . import corrections

    if kind not in corrections.MODELS:
        raise Http404
    obj = access.fetch(request, corrections.MODELS[kind], pk, perm="privacy.request_correction")
    back = reverse(corrections.PAGES[kind][0], kwargs={"pk": obj.pk})
    error, description = "", ""
    if request.method == "POST":
        description = clean_text(request.POST.get("description"), corrections.MAX_TEXT + 1)
        try:
            corrections.ask(kind, obj, description, by=request.user)
        except corrections.CorrectionRefused as refused:
            error = str(refused)
        else:
            messages.success(
                request,
                _gettext(
                    "Je verzoek is verstuurd. %(name)s of je studentbegeleider handelt het af."
                )
                % {"name": str(obj.author)},
            )
            return redirect(back)
    return render(
        request,
        "privacy/ask_correction.html",
        {"obj": obj, "kind": kind, "back": back, "error": error, "description": description},
        status=400 if error else 200,
    )


@login_required
def correction(request, pk):
    """One correction request: the student reads it, the author or assessor closes it."""
    from django.contrib import messages
    from django.urls import reverse
    from django.utils.translation import gettext as _gettext

    from leerroute.core.inputs import clean_text

    from . import corrections
    from .models import CorrectionRequest

    item = access.fetch(request, CorrectionRequest, pk)
    obj = corrections.target(item)
    can_handle = item.status == CorrectionRequest.Status.OPEN and access.can(
        request.user, "privacy.handle_correction", obj
    )
    error, reason = "", ""
    if request.method == "POST":
        access.require(request, "privacy.handle_correction", obj)
        reason = clean_text(request.POST.get("reason"), corrections.MAX_TEXT + 1)
        try:
            corrections.close(
                item,
                by=request.user,
                corrected=request.POST.get("outcome") == "corrected",
                reason=reason,
            )
        except corrections.CorrectionRefused as refused:
            error = str(refused)
        else:
            messages.success(request, _gettext("Het verzoek is afgehandeld."))
            return redirect("privacy:correction", pk=item.pk)
    page, edit = corrections.PAGES[item.kind]
    return render(
        request,
        "privacy/correction.html",
        {
            "item": item,
            "obj": obj,
            "object_url": reverse(page, kwargs={"pk": obj.pk}),
            "edit_url": reverse(edit, kwargs={"pk": obj.pk}) if can_handle else "",
            "can_handle": can_handle,
            "error": error,
            "reason": reason,
        },
        status=400 if error else 200,
    )
