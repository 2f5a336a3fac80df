from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import PAGE_VAR, ChangeList
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import kept_pages, reversing

DJANGO_EMPTY = "---------"


class DutchEmptyChoice:
    """Selects in the beheer offer "Maak een keuze" where Django shows "---------"."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        from .inputs import EMPTY_CHOICE

        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is None:
            return field
        if getattr(field, "empty_label", None) == DJANGO_EMPTY:
            field.empty_label = EMPTY_CHOICE
        choices = getattr(field, "choices", None)
        if choices is not None and not hasattr(field, "queryset"):
            choices = list(choices)
            if choices and tuple(choices[0]) == ("", DJANGO_EMPTY):
                field.choices = [("", EMPTY_CHOICE), *choices[1:]]
        return field

    def get_action_choices(self, request, default_choices=None):
        """The list's action select starts with "Maak een keuze" too."""
        from .inputs import EMPTY_CHOICE

        return super().get_action_choices(request, default_choices=[("", EMPTY_CHOICE)])


class KeptBeheerPages:
    """A beheer list or form, as shown (GET), is kept until its data changes
    (``core/kept_pages.py``; the beheer shows no bell). The list of an
    append-only table (the access log) is kept until a row is added as well."""

    def changelist_view(self, request, extra_context=None):
        view = super().changelist_view
        appended = self.model if self.model._meta.label in kept_pages.APPENDED_MODELS else None
        return kept_pages.keep(
            request, lambda: view(request, extra_context), bell=False, appended=appended
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        view = super().change_view
        return kept_pages.keep(
            request, lambda: view(request, object_id, form_url, extra_context), bell=False
        )


class RegionList:
    """A beheer list at region scale (thousands of rows): a page of 50 rows
    counted once, each row's checkbox written directly.

    - 50 rows a page (Django: 100): rendering a row costs more than reading it;
    - one count: Django counts the filtered rows and, for "(N in totaal)", all
      rows again;
    - the action checkbox of each row is the same markup as Django's widget,
      without rendering a form template per row;
    - each row's link is built from its route's shape (``RegionChangeList``).
    The model admin orders by an indexed column (see the models' indexes)."""

    list_per_page = 50
    show_full_result_count = False

    def get_changelist(self, request, **kwargs):
        return RegionChangeList

    def action_checkbox(self, obj):
        label = format_html(gettext("Select this object for an action - {}"), str(obj))
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            str(obj.pk),
            label,
        )


class CountedUpTo:
    """A beheer list of a table that only grows (the access log: a row for every
    read of a student's data): its rows are counted up to ``count_up_to``, or to
    the end of the page asked for, not all of them on every page. Above that the
    list says "meer dan …" (the model's ``pagination.html`` in
    ``templates/admin/<app>/<model>/``) and every page stays reachable."""

    count_up_to = 10_000

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        from .inputs import page_number
        from .pages import CappedPaginator

        number = page_number(request.GET, PAGE_VAR)
        return CappedPaginator(queryset, per_page, self.count_up_to, number)


class RegionChangeList(ChangeList):
    """Django's change list; a row's link to its change form is put together from
    the route's shape (``core/reversing.py``), not matched again for every row."""

    def url_for_result(self, result):
        pk = getattr(result, self.pk_attname)
        if type(pk) is not int:
            return super().url_for_result(result)
        return reversing.reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change",
            args=(pk,),
            current_app=self.model_admin.admin_site.name,
        )


class LeerrouteAdminSite(admin.AdminSite):
    """Django admin, for the functional administrator (beheerder) only."""

    site_header = _("Leerroute – beheer")
    site_title = _("Leerroute beheer")
    index_title = _("Beheer")

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every model admin, Leerroute's and the packages' alike, gets the Dutch
        empty choice and kept pages."""
        base = admin_class or admin.ModelAdmin
        mixins = tuple(m for m in (DutchEmptyChoice, KeptBeheerPages) if not issubclass(base, m))
        if mixins:
            base = type(base.__name__, (*mixins, base), {"__module__": base.__module__})
        return super().register(model_or_iterable, base, **options)

    def get_app_list(self, request, app_label=None):
        """The apps and models this person may use (the menu and the index),
        kept per person, roles in force, day, language and script prefix
        (``access.kept_for_person``): asking each model admin's permissions and
        building its links cost 3–4 ms on every beheer page."""
        from django.urls import get_script_prefix
        from django.utils.translation import get_language

        from leerroute.core.access import kept_for_person

        return kept_for_person(
            request.user,
            "admin.app_list",
            (self.name, app_label, get_language(), get_script_prefix()),
            lambda: super(LeerrouteAdminSite, self).get_app_list(request, app_label),
        )

    def has_permission(self, request):
        from leerroute.core.access import can

        user = request.user
        return user.is_active and user.is_staff and can(user, "people.use_admin")

    def password_change(self, request, extra_context=None):
        """Django's admin password change, with the old password counted by
        django-axes (see leerroute.core.password_change)."""
        from .password_change import CountedAdminPasswordChangeForm, CountedPasswordChangeView

        defaults = {
            "form_class": CountedAdminPasswordChangeForm,
            "success_url": reverse("admin:password_change_done", current_app=self.name),
            "extra_context": {**self.each_context(request), **(extra_context or {})},
        }
        if self.password_change_template is not None:
            defaults["template_name"] = self.password_change_template
        request.current_app = self.name
        return CountedPasswordChangeView.as_view(**defaults)(request)
