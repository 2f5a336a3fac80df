"""Checks for uploaded material files (TRUST.md SEC-29).

A file is accepted only when its extension is allowed for the chosen kind
of material AND its content (magic bytes, and for Office/OpenDocument files
the zip structure) matches that extension; empty files and files over
``settings.TRAINING_UPLOAD_MAX_BYTES`` are refused.
"""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class FileType:
    extension: str
    content_type: str
    label: str


PDF = FileType(".pdf", "application/pdf", "PDF")
PPTX = FileType(
    ".pptx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "PowerPoint",
)
DOCX = FileType(
    ".docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word",
)
ODP = FileType(
    ".odp", "application/vnd.oasis.opendocument.presentation", "OpenDocument-presentatie"
)
ODT = FileType(".odt", "application/vnd.oasis.opendocument.text", "OpenDocument-tekst")
MP4 = FileType(".mp4", "video/mp4", "MP4-video")
WEBM = FileType(".webm", "video/webm", "WebM-video")
TXT = FileType(".txt", "text/plain", "tekstbestand")

ALLOWED = {
    "slides": [PDF, PPTX, ODP],
    "document": [PDF, DOCX, ODT, TXT],
    "video": [MP4, WEBM],
}


def max_bytes() -> int:
    return int(getattr(settings, "TRAINING_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def _head(upload, n: int = 8192) -> bytes:
    upload.seek(0)
    data = upload.read(n)
    upload.seek(0)
    return data


def _zip_names(upload) -> list[str] | None:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    finally:
        upload.seek(0)


def _opendocument_mimetype(upload) -> str | None:
    try:
        upload.seek(0)
        with zipfile.ZipFile(upload) as archive:
            return archive.read("mimetype").decode("ascii", "replace").strip()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return None
    finally:
        upload.seek(0)


def content_matches(file_type: FileType, upload) -> bool:
    """Does the file's content match what its extension promises?"""
    head = _head(upload)
    if file_type is PDF:
        return head.startswith(b"%PDF-")
    if file_type in (PPTX, DOCX):
        if not head.startswith(b"PK\x03\x04"):
            return False
        names = _zip_names(upload) or []
        folder = "ppt/" if file_type is PPTX else "word/"
        return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)
    if file_type in (ODP, ODT):
        return head.startswith(b"PK\x03\x04") and (
            _opendocument_mimetype(upload) == file_type.content_type
        )
    if file_type is MP4:
        return len(head) >= 12 and head[4:8] == b"ftyp"
    if file_type is WEBM:
        return head.startswith(b"\x1a\x45\xdf\xa3")
    if file_type is TXT:
        if b"\x00" in head:
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            # A multi-byte character cut off at the end of the sample is fine.
            return exc.start >= len(head) - 3
        return True
    return False


def clean_original_name(name: str) -> str:
    """The uploader's file name, reduced to a safe display/download name."""
    base = PurePath(name.replace("\\", "/")).name
    base = "".join(c for c in base if unicodedata.category(c)[0] != "C").strip(" .")
    return base[-150:] or "bestand"


def check_upload(upload, kind: str) -> FileType:
    """Validate ``upload`` for a material of ``kind``; the detected type, or ValidationError."""
    allowed = ALLOWED.get(kind, [])
    if upload.size == 0:
        raise ValidationError(_("Het bestand is leeg. Kies een bestand met inhoud."), code="empty")
    limit = max_bytes()
    if upload.size > limit:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s MB). Het maximum is %(max)s MB.")
            % {
                "size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ","),
                "max": f"{limit / 1024 / 1024:g}".replace(".", ","),
            },
            code="too_large",
        )
    extension = PurePath(upload.name or "").suffix.lower()
    file_type = next((t for t in allowed if t.extension == extension), None)
    if file_type is None:
        raise ValidationError(
            _("Dit soort bestand kun je hier niet uploaden. Toegestaan: %(allowed)s.")
            % {"allowed": ", ".join(t.extension for t in allowed)},
            code="extension",
        )
    if not content_matches(file_type, upload):
        raise ValidationError(
            _(
                "De inhoud van het bestand past niet bij de extensie %(ext)s "
                "(%(label)s). Kies een bestand dat echt van dit type is."
            )
            % {"ext": extension, "label": file_type.label},
            code="content",
        )
    return file_type


CAPTIONS_MAX_BYTES = 1024 * 1024


def check_captions(upload) -> None:
    """A WebVTT captions file: .vtt, UTF-8 text that starts with "WEBVTT", at most 1 MB."""
    if PurePath(upload.name or "").suffix.lower() != ".vtt":
        raise ValidationError(
            _("Ondertiteling moet een WebVTT-bestand zijn (.vtt)."), code="captions_extension"
        )
    if upload.size == 0 or upload.size > CAPTIONS_MAX_BYTES:
        raise ValidationError(
            _("Het ondertitelingsbestand is leeg of groter dan 1 MB."), code="captions_size"
        )
    head = _head(upload, 64)
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        text = ""
    if not text.lstrip("\ufeff").startswith("WEBVTT"):
        raise ValidationError(
            _(
                "Dit is geen WebVTT-bestand: de eerste regel moet met WEBVTT beginnen. "
                "Sla de ondertiteling op als .vtt."
            ),
            code="captions_content",
        )
