"""The search page. The search text arrives by POST (the header's form, with
its CSRF token) and the results are rendered in the response: the words never
appear in a URL, so they stay out of access logs, proxy logs and the browser
history. A GET shows the empty search form."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from . import engine
from .forms import SearchForm


@login_required
@require_http_methods(["GET", "POST"])
def search(request):
    form = SearchForm(request.POST if request.method == "POST" else None)
    groups = None
    if form.is_bound and form.is_valid():
        groups = engine.search(request.user, form.cleaned_data["q"])
    total = sum(g.total for g in groups) if groups is not None else 0
    return render(request, "search/results.html", {"form": form, "groups": groups, "total": total})
