from django.contrib import admin

from .models import CoreTask, Qualification, QualificationFile, QualificationLevel, WorkProcess


class WorkProcessInline(admin.TabularInline):
    model = WorkProcess
    extra = 0


@admin.register(QualificationLevel)
class QualificationLevelAdmin(admin.ModelAdmin):
    list_display = ["number", "name"]


@admin.register(QualificationFile)
class QualificationFileAdmin(admin.ModelAdmin):
    list_display = ["title", "crebo", "version_label", "valid_from"]
    search_fields = ["title", "crebo"]


@admin.register(Qualification)
class QualificationAdmin(admin.ModelAdmin):
    list_display = ["title", "level", "crebo", "file"]
    list_filter = ["level", "file"]
    search_fields = ["title", "crebo"]
    filter_horizontal = ["work_processes"]


@admin.register(CoreTask)
class CoreTaskAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "part", "file"]
    list_filter = ["file", "part"]
    inlines = [WorkProcessInline]


@admin.register(WorkProcess)
class WorkProcessAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "core_task"]
    list_filter = ["core_task__file"]
    search_fields = ["code", "title"]
