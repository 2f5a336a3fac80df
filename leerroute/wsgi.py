"""WSGI entry point (gunicorn leerroute.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerroute.settings")
application = get_wsgi_application()
