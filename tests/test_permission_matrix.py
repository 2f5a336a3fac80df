"""Every named URL has an expectation for every demo account, and meets it."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.matrix import ACCOUNTS, ADMIN_NAMESPACE_EXPECT, LOGIN, MATRIX


def named_urls(resolver=None, namespace=""):
    """(full name, pattern) for every named URL in the URLconf."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_urls(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def test_every_url_has_an_expectation_for_every_account():
    missing = []
    for name, _pattern in named_urls():
        if name.startswith("admin:"):
            continue
        cases = MATRIX.get(name)
        if not cases:
            missing.append(name)
            continue
        for case in cases:
            lacking = [a for a in ACCOUNTS if a not in case.expect]
            if lacking:
                missing.append(f"{name} ({case.label}): {lacking}")
    assert not missing, f"URLs without a permission expectation: {missing}"


def test_matrix_names_only_existing_urls():
    names = {name for name, _ in named_urls()}
    assert set(MATRIX) <= names, set(MATRIX) - names


def _cases():
    for name, cases in MATRIX.items():
        for case in cases:
            for account in ACCOUNTS:
                yield pytest.param(
                    name, case, account, id=f"{name}[{case.label}]-{account or 'anonymous'}"
                )


@pytest.mark.parametrize(("name", "case", "account"), list(_cases()))
def test_matrix(name, case, account, demo, client_for):
    url = reverse(name, kwargs=case.kwargs(demo))
    if case.token:
        response = _token_request(case, account, url, demo)
    else:
        client = client_for(account)
        response = getattr(client, case.method)(url, case.data or {})
    expected = case.expect[account]
    if expected == LOGIN:
        assert response.status_code == 302, (url, response.status_code)
        assert response["Location"].startswith("/accounts/login/"), response["Location"]
    else:
        assert response.status_code == expected, (url, account, response.status_code)


def _token_request(case, account, url, demo):
    """An API case: the account's personal token in the Authorization header."""
    import json

    from django.test import Client

    from leerroute.api import services

    headers = {}
    if account:
        _row, token = services.create_token(demo[account], "matrix", by=None)
        headers["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    client = Client(**headers)
    data_for = getattr(case, "data_for", None)
    data = data_for(demo) if data_for else case.data
    if case.method == "get":
        return client.get(url, data or {})
    return getattr(client, case.method)(
        url, json.dumps(data or {}), content_type="application/json"
    )


READ_ONLY_ADMIN_ADD = {
    "admin:axes_accessattempt_add",
    "admin:axes_accessfailurelog_add",
    "admin:axes_accesslog_add",
    "admin:django_tasks_database_dbtaskresult_add",
    "admin:people_accesslog_add",
    "admin:school_digestsent_add",
}


def _admin_urls():
    for name, pattern in named_urls():
        if name.startswith("admin:") and not pattern.pattern.regex.groups:
            yield name


@pytest.mark.parametrize("name", sorted(_admin_urls()))
@pytest.mark.parametrize("account", ACCOUNTS)
def test_admin_is_for_the_administrator_only(name, account, client_for):
    client = client_for(account)
    response = client.get(reverse(name))
    expected = ADMIN_NAMESPACE_EXPECT[account]
    if name == "admin:login" and account != "beheerder":
        expected = 200
    if name == "admin:login" and account == "beheerder":
        expected = 302
    if name == "admin:logout":
        expected = 405 if account == "beheerder" else 302  # POST only
    if name in READ_ONLY_ADMIN_ADD and account == "beheerder":
        expected = 403  # logs and task results are never added by hand
    if name == "admin:autocomplete" and account == "beheerder":
        expected = 403  # needs app_label, model_name and field_name parameters
    assert response.status_code == expected, (name, account, response.status_code)
