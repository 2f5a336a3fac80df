"""Session bookkeeping (when a sign-in started, for the absolute lifetime) and the
data-version triggers after every migrate."""

import logging

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_migrate
from django.dispatch import receiver
from django.utils import timezone

SESSION_STARTED_KEY = "_leerroute_signed_in_at"
# When the session (and so its expiry) was last written, in epoch seconds.
SESSION_REFRESHED_KEY = "_leerroute_refreshed_at"
security_log = logging.getLogger("leerroute.security")


@receiver(user_logged_in)
def remember_sign_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_STARTED_KEY] = int(timezone.now().timestamp())
    # The id only (pseudonymous), never the username.
    security_log.info(
        "login success user_id=%s path=%s", user.pk, getattr(request, "path", "") or "-"
    )


@receiver(user_login_failed)
def log_failed_login(sender, credentials, request=None, **kwargs):
    # Never the username or password: only that it happened and the route.
    security_log.info("login failure path=%s", getattr(request, "path", "") or "-")


@receiver(post_migrate)
def install_data_versions(sender, app_config=None, using="default", **kwargs):
    """The data-version triggers (core/versions.py), after every migrate and flush."""
    if app_config is None or app_config.label != "core":
        return
    from . import versions

    versions.install(using)
