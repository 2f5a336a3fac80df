"""Settings for the region benchmark: the product's settings, plus the
reference page's URL (``bench.urls``). Never used outside ``make bench``."""

from leerroute.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
