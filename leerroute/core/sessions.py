"""Database sessions (``SESSION_ENGINE``) that keep what other requests wrote meanwhile.

Django's database sessions save the whole session as the request loaded it, so
the last request to finish wins. Two requests of one browser often overlap: a
form is sent while the live privacy check of a field (htmx) is still running,
and every htmx request renews the session's idle time
(``core.middleware.SessionLifetimeMiddleware``). When the check finished last,
its save put back the session as it was before the form: the form's flash
message ("Beoordeling gepubliceerd voor de student") was gone, and so could a
"Gelezen" of the privacy notice be.

This store saves only what the request changed. It remembers the session as
loaded; on saving an existing session it locks the row (``SELECT ... FOR
UPDATE`` on PostgreSQL; SQLite has one writer at a time), reads it as stored
now, applies the request's own changes (values set or changed, keys removed)
and writes that. A new session, a new key (signing in) or a session that ended
meanwhile is saved as Django does.
"""

from __future__ import annotations

import copy

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import router, transaction
from django.utils import timezone

_ABSENT = object()  # a value the session did not hold when loaded


class SessionStore(DatabaseSessionStore):
    def load(self):
        data = super().load()
        # The session as loaded (a copy: the request changes the values it holds).
        self._loaded = (self.session_key, copy.deepcopy(data)) if self.session_key else None
        return data

    def save(self, must_create=False):
        loaded = getattr(self, "_loaded", None)
        if must_create or loaded is None or loaded[0] != self.session_key:
            super().save(must_create=must_create)
            return
        key, before = loaded
        mine = self._get_session()
        changed = {
            name: value for name, value in mine.items() if before.get(name, _ABSENT) != value
        }
        removed = [name for name in before if name not in mine]
        using = router.db_for_write(self.model)
        with transaction.atomic(using=using):
            row = (
                self.model.objects.using(using)
                .select_for_update()
                .filter(session_key=key, expire_date__gt=timezone.now())
                .first()
            )
            if row is not None:
                stored = self.decode(row.session_data)
                stored.update(changed)
                for name in removed:
                    stored.pop(name, None)
                self._session_cache = stored
            # Gone meanwhile (signed out in another tab): Django's own answer.
            super().save()
        self._loaded = (key, copy.deepcopy(self._session_cache))
