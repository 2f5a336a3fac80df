from django.contrib import admin

from .models import NoticeAcknowledgement


@admin.register(NoticeAcknowledgement)
class NoticeAcknowledgementAdmin(admin.ModelAdmin):
    list_display = ["user", "version", "at"]
    list_select_related = ["user"]
    search_fields = ["user__username"]
    raw_id_fields = ["user"]

    def has_change_permission(self, request, obj=None):
        return False
