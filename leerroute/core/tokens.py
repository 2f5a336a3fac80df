"""Secret tokens that are shown once and stored only as a hash.

Personal API tokens (leerroute.api) and calendar-feed links (leerroute.agenda)
use the same two functions.
"""

import hashlib
import secrets

TOKEN_BYTES = 32  # 256 bits of randomness: 43 URL-safe characters


def new_secret() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_secret(token: str) -> str:
    """The stored form: SHA-256 is enough for 256 random bits (no password stretching)."""
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()
