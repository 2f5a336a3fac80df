"""Demo data: the qualification files shipped with Leerroute."""

import json
from pathlib import Path

from .importer import import_document

ORDER = 10
DATA_FILE = Path(__file__).parent / "data" / "kwalificatiedossiers.json"


def seed(ctx: dict) -> None:
    import_document(json.loads(DATA_FILE.read_text(encoding="utf-8")))
