"""The product's URLs plus the benchmark's reference page."""

from django.urls import path

from leerroute.urls import (  # noqa: F401
    handler400,
    handler403,
    handler404,
    handler500,
)
from leerroute.urls import urlpatterns as product_urlpatterns

from . import views

urlpatterns = [
    path("bench/referentie/", views.reference, name="bench_reference"),
    *product_urlpatterns,
]
