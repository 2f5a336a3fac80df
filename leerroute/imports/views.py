"""The import pages: people (CSV/XLSX) and qualification files (JSON).

Step 1 uploads the file and shows the dry run (nothing written); the file is
kept for an hour as a ``PendingUpload`` of its uploader. Step 2 confirms it:
the import is planned again against the database of that moment and written
all or nothing.
"""

from __future__ import annotations

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from leerroute.core import access, inputs
from leerroute.qualifications import importer

from . import files, queries, services
from .forms import PeopleImportForm, QualificationUploadForm
from .models import PendingUpload

PEOPLE, QUALIFICATIONS = "people", "qualifications"


def _pending(request, purpose: str) -> PendingUpload:
    pk = inputs.get_id(request.POST, "upload")
    pending = (
        PendingUpload.live().filter(pk=pk, user=request.user, purpose=purpose).first()
        if pk
        else None
    )
    if pending is None:
        raise inputs.BadInput(_("Deze upload bestaat niet (meer); upload het bestand opnieuw."))
    return pending


def _people_options(request, pending: PendingUpload):
    options = pending.options
    organisation = None
    if options.get("organisation"):
        organisation = (
            queries.importable_organisations(request.user)
            .filter(pk=options["organisation"])
            .first()
        )
    return options.get("kind") or None, organisation, bool(options.get("end_missing"))


@login_required
def people(request):
    access.require(request, "imports.import_people")
    organisations = queries.importable_organisations(request.user).order_by("name")
    form = PeopleImportForm(
        request.POST or None, request.FILES or None, organisations=organisations
    )
    report = pending = error = None
    if request.method == "POST" and form.is_valid():
        organisation = form.cleaned_data["organisation"]
        options = {
            "kind": form.cleaned_data["kind"],
            "organisation": organisation.pk if organisation else None,
            "end_missing": form.cleaned_data["end_missing"],
        }
        try:
            report = services.run(
                options["kind"] or None,
                form.table,
                by=request.user,
                organisation=organisation,
                dry_run=True,
                end_missing=options["end_missing"],
            )
        except services.ImportRefused as exc:
            error = exc.message
        else:
            if report.ok:
                pending = PendingUpload.objects.create(
                    user=request.user,
                    purpose=PEOPLE,
                    name=form.cleaned_data["file"].name[:200],
                    content=form.data_bytes,
                    options=options,
                )
    status = 400 if request.method == "POST" and (not form.is_valid() or error) else 200
    return render(
        request,
        "imports/people.html",
        {
            "form": form,
            "report": report,
            "pending": pending,
            "error": error,
            "max_mb": files.max_bytes() // 2**20,
            "kinds": services.KINDS,
        },
        status=status,
    )


@require_POST
@login_required
def people_confirm(request):
    access.require(request, "imports.import_people")
    pending = _pending(request, PEOPLE)
    kind, organisation, end_missing = _people_options(request, pending)
    error = None
    report = None
    try:
        table = files.read_table(pending.name, bytes(pending.content))
        report = services.run(
            kind,
            table,
            by=request.user,
            organisation=organisation,
            dry_run=False,
            end_missing=end_missing,
        )
    except (files.BadFile, services.ImportRefused) as exc:
        error = exc.message
        report = getattr(exc, "report", None)
    else:
        pending.delete()
        messages.success(request, _("De import is opgeslagen."))
    return render(
        request,
        "imports/people_done.html",
        {"report": report, "error": error},
        status=400 if error else 200,
    )


@login_required
def qualifications(request):
    access.require(request, "imports.import_qualifications")
    form = QualificationUploadForm(request.POST or None, request.FILES or None)
    result = problems = pending = None
    if request.method == "POST" and form.is_valid():
        try:
            result = importer.import_document(form.document, dry_run=True)
        except importer.ImportFailed as exc:
            problems = exc.problems
        else:
            pending = PendingUpload.objects.create(
                user=request.user,
                purpose=QUALIFICATIONS,
                name=form.cleaned_data["file"].name[:200],
                content=form.data_bytes,
            )
    status = 400 if request.method == "POST" and (not form.is_valid() or problems) else 200
    return render(
        request,
        "imports/qualifications.html",
        {
            "form": form,
            "result": result,
            "problems": problems,
            "pending": pending,
            "max_mb": files.max_bytes() // 2**20,
        },
        status=status,
    )


@require_POST
@login_required
def qualifications_confirm(request):
    access.require(request, "imports.import_qualifications")
    pending = _pending(request, QUALIFICATIONS)
    try:
        result = importer.import_document(json.loads(bytes(pending.content).decode("utf-8-sig")))
    except importer.ImportFailed as exc:
        return render(
            request,
            "imports/qualifications.html",
            {"form": QualificationUploadForm(), "problems": exc.problems},
            status=400,
        )
    pending.delete()
    messages.success(
        request,
        _("Het kwalificatiedossier is geïmporteerd: %(new)s nieuw, %(changed)s gewijzigd.")
        % {"new": result.created, "changed": result.updated},
    )
    return redirect("qualifications:list")
