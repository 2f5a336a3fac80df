"""Log output without e-mail addresses.

Leerroute's own log lines carry ids only. Exceptions from elsewhere can still
name an address: an SMTP server that refuses a recipient raises
``SMTPRecipientsRefused({"name@school.nl": ...})``, and the task worker logs
that traceback. The formatter of the log handler replaces every address in
the finished line (message and traceback) by a placeholder.
"""

import logging
import re

EMAIL_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
PLACEHOLDER = "[e-mailadres]"


def redact(text: str) -> str:
    return EMAIL_ADDRESS.sub(PLACEHOLDER, text)


class RedactingFormatter(logging.Formatter):
    def format(self, record):
        return redact(super().format(record))
