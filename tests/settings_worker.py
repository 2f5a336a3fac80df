"""Settings for a real task worker started by a test (``manage.py db_worker`` in a
subprocess): the test database named by DATABASE_URL, the database task backend,
and e-mail written to files in EMAIL_FILE_PATH (nothing leaves the machine).

It does not import ``tests.settings``: that module tidies the test database's
SQLite files on import, which must not happen while the test process uses them.
"""

import os

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-any-deployment")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("SECURE_COOKIES", "false")
# Production settings demand a backend that delivers; the file backend is set below.
os.environ["EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"

from leerroute.settings import *  # noqa: E402,F403

EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
EMAIL_FILE_PATH = os.environ["EMAIL_FILE_PATH"]
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The worker runs on the same date as the tests that start it (LEERROUTE_TEST_DATE,
# see tests/conftest.py): the data it reads was made "on" that date.
from tests.dates import travel_destination  # noqa: E402

_moment = travel_destination()
if _moment is not None:
    import time_machine

    time_machine.travel(_moment.timestamp(), tick=True).start()
