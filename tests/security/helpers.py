"""Shared helpers for the security tests: page lists, CSP parsing, HTML scan."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.matrix import ACCOUNTS, MATRIX, OK

ROOT = Path(__file__).resolve().parents[2]
DEMO_PASSWORD = "leerroute-demo"


def matrix_pages():
    """pytest params (name, case, account) for every GET case in the matrix answering 200."""
    params = []
    for name, cases in MATRIX.items():
        for case in cases:
            if case.method != "get":
                continue
            for account in ACCOUNTS:
                if case.expect[account] != OK:
                    continue
                params.append(
                    pytest.param(
                        name, case, account, id=f"{name}[{case.label}]-{account or 'anonymous'}"
                    )
                )
    return params


def parse_csp(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def csp_nonce(directives: dict[str, list[str]]) -> str | None:
    for source in directives.get("script-src", []):
        match = re.fullmatch(r"'nonce-([A-Za-z0-9+/=_-]+)'", source)
        if match:
            return match.group(1)
    return None


def csp_problems(header: str | None, require_nonce: bool = True) -> list[str]:
    """What is wrong with a Content-Security-Policy header (empty list: nothing).

    A page that uses no nonce (the Django admin, which only loads files) gets
    script-src 'self' alone, which is stricter still; pass require_nonce=False.
    """
    if not header:
        return ["no Content-Security-Policy header"]
    directives = parse_csp(header)
    problems = []
    for name in ("object-src", "base-uri", "frame-ancestors"):
        if directives.get(name) != ["'none'"]:
            problems.append(f"{name} is {directives.get(name)}, expected 'none'")
    if "default-src" not in directives:
        problems.append("no default-src")
    script_src = directives.get("script-src", [])
    if require_nonce and csp_nonce(directives) is None:
        problems.append(f"no nonce in script-src {script_src}")
    if "'self'" not in script_src:
        problems.append(f"script-src {script_src} does not allow our own files")
    for bad in ("'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*"):
        if bad in script_src:
            problems.append(f"script-src allows {bad}")
    for name, sources in directives.items():
        for source in sources:
            if source in ("'self'", "'none'") or source.startswith("'nonce-"):
                continue
            if source == "data:" and name == "img-src":
                continue
            # Anything else (a host, a scheme, *) is a third-party origin.
            problems.append(f"{name} allows {source}")
    return problems


def _same_origin(url: str) -> bool:
    return url.startswith("/") and not url.startswith("//")


class _PageScanner(HTMLParser):
    def __init__(self, nonce: str | None):
        super().__init__(convert_charrefs=True)
        self.nonce = nonce
        self.problems: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>: inline event handler")
            if name == "style":
                self.problems.append(f"<{tag} style={value!r}>: style attribute")
            if re.match(r"^(data-)?hx-on", name):
                self.problems.append(f"<{tag} {name}=...>: hx-on attribute")
            if (
                name in {"href", "src", "action", "formaction"}
                and (value or "").strip().lower()[:11] == "javascript:"
            ):
                self.problems.append(f"<{tag} {name}={value!r}>: javascript: URL")
        if tag == "script":
            self.scripts += 1
            src = values.get("src")
            if src is None and values.get("nonce") != self.nonce:
                self.problems.append("inline <script> without the request's nonce")
            if src is not None and not _same_origin(src):
                self.problems.append(f"<script src={src!r}>: not self-hosted")
        if tag == "style":
            self.problems.append("<style> element: inline styles are blocked by the policy")
        stylesheet = tag == "link" and "stylesheet" in (values.get("rel") or "").split()
        if stylesheet and not _same_origin(values.get("href") or ""):
            self.problems.append(f"<link href={values.get('href')!r}>: not self-hosted")


def page_problems(html: str, nonce: str | None) -> list[str]:
    """Inline scripts without the nonce, event handlers, style attributes, hx-on, ..."""
    scanner = _PageScanner(nonce)
    scanner.feed(html)
    scanner.close()
    return scanner.problems


def is_html(response) -> bool:
    return response.get("Content-Type", "").startswith("text/html")


# --- Production settings in a separate process ------------------------------


def production_env(**overrides: str | None) -> dict[str, str]:
    """A production-like environment: nothing from the test settings leaks in."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/tmp"),
        "LANG": "C.UTF-8",
        "PYTHONPATH": str(ROOT),
        "DJANGO_SETTINGS_MODULE": "leerroute.settings",
        "SECRET_KEY": "p" * 10 + "-a-long-random-production-key-0123456789-abcdefghijklmnop",
        "ALLOWED_HOSTS": "leerroute.example.nl",
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    }
    for key, value in overrides.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


def run_python(code: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )


def run_manage(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=180,
    )
