"""The project's URLconf plus views that fail on purpose (error-page tests)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import IntegrityError, OperationalError
from django.urls import path

from leerroute.urls import handler400, handler403, handler404, handler500, urlpatterns

SECRET_DETAIL = "SELECT wachtwoord FROM people_user WHERE geheim = 'xyz'"


def crash(request):
    raise RuntimeError(SECRET_DETAIL)


def database_down(request):
    raise OperationalError(f"could not connect to server db.intern: {SECRET_DETAIL}")


def integrity(request):
    raise IntegrityError(SECRET_DETAIL)


def forbidden(request):
    raise PermissionDenied(SECRET_DETAIL)


def suspicious(request):
    raise SuspiciousOperation(SECRET_DETAIL)


urlpatterns = [
    path("test-fout/500/", crash),
    path("test-fout/503/", database_down),
    path("test-fout/integrity/", integrity),
    path("test-fout/403/", forbidden),
    path("test-fout/400/", suspicious),
    *urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
