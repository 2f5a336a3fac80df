"""Log output without e-mail addresses or calendar-feed tokens.

Leerroute's own log lines carry ids only. Exceptions from elsewhere can still
name an address: an SMTP server that refuses a recipient raises
``SMTPRecipientsRefused({"name@school.nl": ...})``, and the task worker logs
that traceback. The formatter of the log handler replaces every address in
the finished line (message and traceback) by a placeholder.

The private calendar feed carries its secret in the URL
(``/agenda/<token>.ics``, see ``leerroute/agenda/README.md``): should a line
ever name that path (an error in the feed view logs the request path), the
token is replaced as well.
"""

import logging
import re

EMAIL_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
PLACEHOLDER = "[e-mailadres]"
FEED_TOKEN = re.compile(r"(/agenda/)[^/\s\"'?]+(\.ics)")
FEED_PLACEHOLDER = r"\1[token]\2"


def redact(text: str) -> str:
    return FEED_TOKEN.sub(FEED_PLACEHOLDER, EMAIL_ADDRESS.sub(PLACEHOLDER, text))


class RedactingFormatter(logging.Formatter):
    def format(self, record):
        return redact(super().format(record))
