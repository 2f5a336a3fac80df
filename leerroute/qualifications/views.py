from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch
from django.shortcuts import render

from leerroute.core import access

from .models import CoreTask, Qualification, QualificationFile, WorkProcess


@login_required
def qualification_list(request):
    files = QualificationFile.objects.prefetch_related(
        Prefetch(
            "qualifications",
            queryset=Qualification.objects.select_related("level").annotate(
                process_count=Count("work_processes")
            ),
        )
    )
    return render(
        request,
        "qualifications/list.html",
        {"files": files, "can_upload": access.can(request.user, "imports.import_qualifications")},
    )


@login_required
def qualification_detail(request, pk):
    qualification = access.fetch(
        request, Qualification, pk, prepare=lambda qs: qs.select_related("file", "level")
    )
    processes = qualification.work_processes.select_related("core_task").order_by(
        "core_task__code", "code"
    )
    core_tasks: dict[CoreTask, list[WorkProcess]] = {}
    for process in processes:
        core_tasks.setdefault(process.core_task, []).append(process)
    return render(
        request,
        "qualifications/detail.html",
        {"qualification": qualification, "core_tasks": core_tasks.items()},
    )
