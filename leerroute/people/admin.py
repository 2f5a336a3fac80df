from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.sessions.models import Session
from django.utils.translation import gettext_lazy as _

from leerroute.core.admin_site import CountedUpTo, RegionChangeList, RegionList

from .models import (
    AccessLog,
    Cohort,
    Department,
    Enrollment,
    Organisation,
    Placement,
    RoleAssignment,
    Team,
    User,
)


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["organisation", "department", "team"]


@admin.action(description=_("Alle sessies van deze personen beëindigen"))
def end_sessions(modeladmin, request, queryset):
    """Signs the selected people out everywhere (e.g. a lost phone)."""
    ids = {str(pk) for pk in queryset.values_list("pk", flat=True)}
    ended = 0
    for session in Session.objects.all().iterator():
        if session.get_decoded().get("_auth_user_id") in ids:
            session.delete()
            ended += 1
    modeladmin.message_user(request, _("%(n)d sessie(s) beëindigd.") % {"n": ended})


@admin.register(User)
class UserAdmin(RegionList, DjangoUserAdmin):
    inlines = [RoleAssignmentInline]
    actions = [end_sessions]
    list_display = ["username", "first_name", "last_name", "email", "is_active"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind"]
    search_fields = ["name"]


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "is_pilot"]
    list_select_related = ["organisation"]
    list_filter = ["organisation", "is_pilot"]
    search_fields = ["name"]


@admin.register(Team)
class TeamAdmin(RegionList, admin.ModelAdmin):
    list_display = ["name", "department"]
    list_select_related = ["department__organisation"]
    list_filter = ["department__organisation"]
    search_fields = ["name"]
    # A search box instead of a select that names every department's organisation.
    autocomplete_fields = ["department"]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "school_year", "organisation"]
    list_select_related = ["organisation"]
    # Search boxes: a region has thousands of people.
    autocomplete_fields = ["organisation", "teachers"]
    search_fields = ["name"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(RegionList, admin.ModelAdmin):
    list_display = ["user", "role", "organisation", "department", "team", "start_date", "end_date"]
    list_select_related = ["user", "organisation", "department__organisation", "team"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "user__last_name"]
    autocomplete_fields = ["user", "organisation", "department", "team"]

    def get_changelist(self, request, **kwargs):
        return RoleAssignmentChangeList


class RoleAssignmentChangeList(RegionChangeList):
    """The list sorts every assignment by the person's name before it takes a
    page: it reads only the columns it shows, so the rows it sorts stay narrow."""

    def get_queryset(self, request, exclude_parameters=None):
        return (
            super()
            .get_queryset(request, exclude_parameters)
            .only(
                "role", "start_date", "end_date", "user__username", "user__first_name",
                "user__last_name", "organisation__name", "department__name",
                "department__organisation__name", "team__name",
            )
        )  # fmt: skip


@admin.register(Placement)
class PlacementAdmin(RegionList, admin.ModelAdmin):
    list_display = ["student", "team", "start_date", "end_date", "assessor"]
    list_select_related = ["student", "team", "assessor"]
    list_filter = ["team__department__organisation"]
    autocomplete_fields = ["student", "team", "mentors", "assessor"]


@admin.register(Enrollment)
class EnrollmentAdmin(RegionList, admin.ModelAdmin):
    list_display = ["student", "cohort", "qualification", "start_date", "end_date"]
    list_select_related = ["student", "cohort", "qualification"]
    list_filter = ["cohort"]
    autocomplete_fields = ["student", "cohort"]


@admin.register(AccessLog)
class AccessLogAdmin(CountedUpTo, RegionList, admin.ModelAdmin):
    """Read-only: the access log is append-only (only the retention job removes rows)."""

    list_display = ["at", "user", "student", "view_name", "outcome"]
    # No date hierarchy and no filter of every route: each reads the whole log
    # (years of rows) on every page. A date filter of fixed periods reads nothing;
    # the route is searched. The access-log page (people:access_log) filters by
    # person and dates.
    list_filter = ["outcome", ("at", admin.DateFieldListFilter)]
    search_fields = ["view_name"]
    list_select_related = ["user", "student"]

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
