"""Gunicorn settings for Leerroute: `gunicorn -c gunicorn.conf.py leerroute.wsgi`.

Forwarded headers follow the same environment variables as the Django
settings (see docs/security.md). Gunicorn by itself trusts X-Forwarded-Proto
(and X-Forwarded-Ssl, X-Forwarded-Protocol, SCRIPT_NAME, PATH_INFO) from
127.0.0.1, so anything on the same machine could make a plain-HTTP request
look like HTTPS to Django. Here it trusts nothing unless a proxy is declared:

- neither BEHIND_TLS_PROXY nor TRUSTED_PROXY_COUNT set: no address is
  trusted and no forwarded header has any effect;
- behind a proxy: only the proxy's addresses are trusted (FORWARDED_ALLOW_IPS,
  comma-separated addresses or networks; default 127.0.0.1 and ::1, a proxy
  on the same machine), and only for X-Forwarded-Proto: https, and only with
  BEHIND_TLS_PROXY=true, exactly as Django's SECURE_PROXY_SSL_HEADER.

X-Forwarded-For is read by Leerroute itself (TRUSTED_PROXY_COUNT), never by
gunicorn. Workers: one per CPU core unless WEB_CONCURRENCY says otherwise
(gunicorn's own default is a single worker, which leaves a core idle; more
workers than cores were no faster, see README "Performance"). Other settings
(bind, and workers too) come from the command line or GUNICORN_CMD_ARGS as usual.
"""

import os


def _env_bool(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


def _env_int(name: str) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else 0


workers = _env_int("WEB_CONCURRENCY") or os.cpu_count() or 1

behind_tls_proxy = _env_bool("BEHIND_TLS_PROXY")
trusted_proxy_count = _env_int("TRUSTED_PROXY_COUNT") or _env_int("AXES_IPWARE_PROXY_COUNT")
behind_proxy = behind_tls_proxy or trusted_proxy_count > 0

# Which peers may set forwarded headers at all.
forwarded_allow_ips = (
    (os.environ.get("FORWARDED_ALLOW_IPS", "").strip() or "127.0.0.1,::1") if behind_proxy else ""
)
# Which headers mark a request as HTTPS: the one Django trusts, or none.
secure_scheme_headers = {"X-FORWARDED-PROTO": "https"} if behind_tls_proxy else {}
# Leerroute is served at the root: no proxy sets SCRIPT_NAME or PATH_INFO.
forwarder_headers = ""
# PROXY protocol is not used; trust no address for it either.
proxy_allow_ips = ""
# Access logs would hold every URL, password-reset links with their token
# included: off, as gunicorn's default, unless asked for on the command line.
accesslog = None
