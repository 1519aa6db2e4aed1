"""The holding folder: received objects are written here atomically, then imported (and removed) by a task."""

import os
import re
import uuid
from pathlib import Path

from django.conf import settings

REJECTED_FOLDER = "rejected"
REASON_SUFFIX = ".reason.txt"
# Marks a folder as a store node's holding folder: only files in such a folder are moved aside when rejected.
HOLDING_MARKER = ".openrem-holding"
_NOT_UID_CHARACTERS = re.compile(r"[^0-9.]")


def default_holding_folder() -> Path:
    """MEDIA_ROOT/dicom_holding unless OPENREM_STORE_HOLDING says otherwise."""
    configured = os.environ.get("OPENREM_STORE_HOLDING") or getattr(settings, "OPENREM_STORE_HOLDING", "")
    return Path(configured) if configured else Path(settings.MEDIA_ROOT) / "dicom_holding"


def prepare_holding_folder(folder: Path) -> None:
    """Create the folder (and its marker) if needed."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / HOLDING_MARKER).touch(exist_ok=True)


def holding_file_name(sop_instance_uid: str) -> str:
    """A unique, safe file name from a UID: only digits and dots survive, so no UID can name another folder."""
    cleaned = _NOT_UID_CHARACTERS.sub("", sop_instance_uid or "")[:64].strip(".") or "no-uid"
    # The same instance may arrive twice at once (a resend); the suffix keeps both copies apart.
    return f"{cleaned}_{uuid.uuid4().hex[:12]}.dcm"


def write_atomically(folder: Path, file_name: str, data: bytes) -> Path:
    """Write under a hidden temporary name, flush to disk, then rename: a reader never sees half a file."""
    if Path(file_name).name != file_name or file_name.startswith("."):
        raise ValueError(f"unsafe holding file name {file_name!r}")
    final = folder / file_name
    temporary = folder / f".{file_name}.part"
    try:
        with open(temporary, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, final)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return final


def waiting_files(folder: Path) -> list[Path]:
    """Complete received files still in the holding folder (not temporaries, not rejected ones), oldest first."""
    if not folder.is_dir():
        return []
    files = [p for p in folder.iterdir() if p.is_file() and p.suffix == ".dcm" and not p.name.startswith(".")]
    return sorted(files, key=lambda p: p.stat().st_mtime)


def keep_rejected_file(path: str | Path, outcome: dict) -> None:
    """After the import of a received file: a rejected one moves to rejected/ with its reason; nothing else changes.

    Only a file in a holding folder (one with the HOLDING_MARKER) is ever moved.
    """
    if outcome.get("status") != "rejected":
        return
    path = Path(path)
    if path.is_file() and (path.parent / HOLDING_MARKER).is_file():
        set_aside(path, str(outcome.get("reason", "")) or "rejected by the importer")


def set_aside(path: Path, reason: str) -> Path:
    """Move a rejected file into the rejected subfolder with a text file holding the reason."""
    rejected = path.parent / REJECTED_FOLDER
    rejected.mkdir(exist_ok=True)
    target = rejected / path.name
    if path.exists():
        os.replace(path, target)
    (rejected / f"{path.name}{REASON_SUFFIX}").write_text(reason.strip() + "\n", encoding="utf-8")
    return target
