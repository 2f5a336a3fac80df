"""Small security helpers used by settings (django-axes callables)."""

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    """The client's address, as far as we can trust it.

    Without a trusted proxy (TRUSTED_PROXY_COUNT = 0) this is REMOTE_ADDR and
    X-Forwarded-For is ignored: clients can send any value in it. Behind N
    proxies, each proxy appends the address it received the request from, so
    the client's address is the N-th entry from the right; entries further
    left were written by the client and are ignored.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if count <= 0:
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    hops = [h for h in hops if h]
    if len(hops) < count:
        return remote
    candidate = hops[-count]
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return remote
    return candidate


def axes_client_str(username, ip_address, user_agent, path_info, request) -> str:
    """What django-axes writes in its log lines: the route only.

    Usernames and addresses are personal data and stay out of application
    logs; the attempts themselves are in the axes tables for the
    administrator.
    """
    return f"path={path_info}"
