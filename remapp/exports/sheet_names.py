"""Excel worksheet names: at most 31 characters, none of []:*?/\\, no leading or trailing apostrophe, unique
ignoring case, and never the reserved name "History"."""

import re

MAX_SHEET_NAME = 31
_INVALID = re.compile(r"[\[\]:*?/\\]")
RESERVED = {"history"}


def clean_sheet_name(name: str, fallback: str = "Unnamed") -> str:
    """A name Excel accepts, made from ``name``."""
    text = _INVALID.sub("_", name or "").strip().strip("'").strip()
    text = text[:MAX_SHEET_NAME].rstrip("'").strip()
    if not text or text.lower() in RESERVED:
        text = f"{text} {fallback}".strip()[:MAX_SHEET_NAME] if text else fallback
    return text


def unique_sheet_names(names: list[str], taken: set[str] | None = None) -> dict[str, str]:
    """A valid sheet name for every name, none equal (ignoring case) to another or to one already ``taken``."""
    used = {name.lower() for name in (taken or set())}
    result = {}
    for name in names:
        base = clean_sheet_name(name, fallback="(no protocol)" if not name else "Unnamed")
        candidate = base
        number = 1
        while candidate.lower() in used:
            number += 1
            suffix = f" ({number})"
            candidate = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        used.add(candidate.lower())
        result[name] = candidate
    return result
