from django.contrib import admin

from .models import PersonKey


@admin.register(PersonKey)
class PersonKeyAdmin(admin.ModelAdmin):
    """Student and personnel numbers: correct a wrong link here (imports never relink)."""

    list_display = ["number", "organisation", "user"]
    list_filter = ["organisation"]
    search_fields = ["number", "user__username", "user__last_name"]
    autocomplete_fields = ["user", "organisation"]
