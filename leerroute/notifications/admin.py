from django.contrib import admin

from .models import Notification, NotificationPreference


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "kind", "read_at", "emailed_at"]
    list_filter = ["kind"]
    raw_id_fields = ["recipient"]
    date_hierarchy = "created_at"
    readonly_fields = ["created_at", "read_at", "emailed_at", "key"]


@admin.register(NotificationPreference)
class NotificationPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "email"]
    list_filter = ["kind", "email"]
    raw_id_fields = ["user"]
