from django.contrib import admin
from django.db import models

from leerroute.core.admin_site import RegionList
from leerroute.core.versioning import VersionedAdminForm

from .models import (
    Attendance,
    Enrolment,
    Material,
    Programme,
    ReminderSent,
    Session,
    Topic,
    WorkForm,
    WorkFormStep,
)

# Links in forms default to https:// when typed without a scheme.
URL_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}
# The version is the app's optimistic lock (core.versioning): shown, never typed.
VERSION = "version"


class SessionInline(admin.TabularInline):
    model = Session
    form = VersionedAdminForm
    formfield_overrides = URL_OVERRIDES
    extra = 0
    fields = ["topic", "starts_at", "ends_at", "place", "online_url", "loaded_version"]


class EnrolmentInline(admin.TabularInline):
    model = Enrolment
    extra = 0
    raw_id_fields = ["user"]


@admin.register(Programme)
class ProgrammeAdmin(RegionList, admin.ModelAdmin):
    form = VersionedAdminForm
    list_display = ["title", "kind", "organisation", "team"]
    list_select_related = ["organisation", "team"]
    list_filter = ["kind", "organisation"]
    search_fields = ["title"]
    filter_horizontal = ["invited_organisations"]
    autocomplete_fields = ["trainers"]
    raw_id_fields = ["team", "based_on", "created_by"]
    readonly_fields = [VERSION]
    inlines = [SessionInline, EnrolmentInline]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    form = VersionedAdminForm
    formfield_overrides = URL_OVERRIDES
    list_display = ["topic", "programme", "starts_at", "place"]
    list_select_related = ["programme"]
    search_fields = ["topic", "programme__title"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["materials"]
    raw_id_fields = ["programme", "attendance_registered_by"]
    readonly_fields = [VERSION]


@admin.register(Attendance)
class AttendanceAdmin(admin.ModelAdmin):
    list_display = ["session", "user", "status"]
    list_select_related = ["session__programme", "user"]
    list_filter = ["status"]
    raw_id_fields = ["session", "user"]


@admin.register(Material)
class MaterialAdmin(admin.ModelAdmin):
    form = VersionedAdminForm
    formfield_overrides = URL_OVERRIDES
    list_display = ["title", "kind", "original_name", "size"]
    list_filter = ["kind", "topics"]
    search_fields = ["title", "description"]
    filter_horizontal = ["topics"]
    readonly_fields = ["file", "captions", "original_name", "content_type", "size", VERSION]
    raw_id_fields = ["created_by"]


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class WorkFormStepInline(admin.TabularInline):
    model = WorkFormStep
    extra = 0


@admin.register(WorkForm)
class WorkFormAdmin(admin.ModelAdmin):
    form = VersionedAdminForm
    list_display = ["title", "kind", "duration_minutes"]
    list_filter = ["kind"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["materials"]
    raw_id_fields = ["created_by"]
    readonly_fields = [VERSION]
    inlines = [WorkFormStepInline]


@admin.register(ReminderSent)
class ReminderSentAdmin(admin.ModelAdmin):
    list_display = ["session", "user", "sent_at"]
    list_select_related = ["session__programme", "user"]
    raw_id_fields = ["session", "user"]
