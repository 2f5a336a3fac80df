from django.contrib import admin

from leerroute.core.versioning import VersionedAdminForm

from .models import DigestSent, WeeklyUpdate, WeeklyUpdateVersion


class VersionInline(admin.TabularInline):
    model = WeeklyUpdateVersion
    extra = 0
    can_delete = False
    fields = ["version", "topics", "practice", "work_process_codes", "replaced_at", "replaced_by"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WeeklyUpdate)
class WeeklyUpdateAdmin(admin.ModelAdmin):
    form = VersionedAdminForm
    list_display = ["cohort", "year", "week", "status", "author", "published_at"]
    list_filter = ["status", "cohort"]
    raw_id_fields = ["author"]
    filter_horizontal = ["work_processes"]
    readonly_fields = ["created_at", "updated_at", "published_at"]
    inlines = [VersionInline]


@admin.register(DigestSent)
class DigestSentAdmin(admin.ModelAdmin):
    """The weekly e-mails that went out: a record, never made or changed by hand."""

    list_display = ["year", "week", "user", "sent_at", "update_count"]
    list_filter = ["year", "week"]
    search_fields = ["user__username"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
