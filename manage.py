#!/usr/bin/env python
"""Django's command-line utility for Leerroute."""

import os
import secrets
import sys

# Commands that only read the code and never sign, encrypt or serve anything.
# They may run without a configured SECRET_KEY or EMAIL_BACKEND (e.g. `makemigrations --check`
# in a checkout), using a throwaway key that exists for this process only.
# Everything else still refuses to start without a real key when DEBUG is off.
CODE_ONLY_COMMANDS = {"makemigrations"}


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "leerroute.settings")
    if len(sys.argv) > 1 and sys.argv[1] in CODE_ONLY_COMMANDS:
        os.environ.setdefault("SECRET_KEY", "code-only-" + secrets.token_urlsafe(32))
        # Sends nothing either; the settings only demand a delivering backend.
        os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
