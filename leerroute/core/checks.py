"""System checks for the production settings (`manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks
from django.utils.module_loading import import_string

NON_DELIVERING = (
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
)


def _non_delivering(backend_path: str) -> bool:
    if backend_path in NON_DELIVERING:
        return True
    try:
        backend = import_string(backend_path)
    except ImportError:
        return False  # Django reports a backend it cannot import when it sends.
    return isinstance(backend, type) and issubclass(
        backend, tuple(import_string(path) for path in NON_DELIVERING)
    )


@checks.register(checks.Tags.security, deploy=True)
def check_email_backend(app_configs, **kwargs):
    """Without DEBUG, mail must really be sent: the console backend would put
    password-reset links (with their token) and addresses in the server log."""
    if settings.DEBUG:
        return []
    backend = settings.EMAIL_BACKEND
    if backend and not _non_delivering(backend):
        return []
    return [
        checks.Error(
            f"EMAIL_BACKEND is {backend or 'empty'!r}, which does not deliver mail "
            "(it prints, keeps or files it, password-reset links included).",
            hint="Set EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend "
            "(or another backend that delivers) and the EMAIL_* settings.",
            id="leerroute.E001",
        )
    ]
