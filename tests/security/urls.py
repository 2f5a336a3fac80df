"""The project's URLconf plus views that fail on purpose (error-page tests)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.db import DataError, IntegrityError, InterfaceError, OperationalError, ProgrammingError
from django.http import HttpResponse
from django.urls import path

from leerroute.urls import handler400, handler403, handler404, handler500, urlpatterns

SECRET_DETAIL = "SELECT wachtwoord FROM people_user WHERE geheim = 'xyz'"


def crash(request):
    raise RuntimeError(SECRET_DETAIL)


def database_down(request):
    raise OperationalError(f"could not connect to server db.intern: {SECRET_DETAIL}")


def connection_lost(request):
    raise InterfaceError(f"connection already closed: {SECRET_DETAIL}")


def integrity(request):
    raise IntegrityError(SECRET_DETAIL)


def data_error(request):
    raise DataError(SECRET_DETAIL)


def programming_error(request):
    raise ProgrammingError(SECRET_DETAIL)


def nul_lookup(request):
    """A real query with a NUL byte: PostgreSQL refuses it with a DataError."""
    from leerroute.people.models import User

    return HttpResponse(str(User.objects.filter(username="student\x001").exists()))


def forbidden(request):
    raise PermissionDenied(SECRET_DETAIL)


def suspicious(request):
    raise SuspiciousOperation(SECRET_DETAIL)


urlpatterns = [
    path("test-fout/500/", crash),
    path("test-fout/503/", database_down),
    path("test-fout/interface/", connection_lost),
    path("test-fout/integrity/", integrity),
    path("test-fout/data/", data_error),
    path("test-fout/programming/", programming_error),
    path("test-fout/nul/", nul_lookup),
    path("api/v1/test-fout/503/", database_down),
    path("test-fout/403/", forbidden),
    path("test-fout/400/", suspicious),
    *urlpatterns,
]

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]
