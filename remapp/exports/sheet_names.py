"""Excel worksheet names: at most 31 characters, none of []:*?/\\, no leading or trailing apostrophe, unique
ignoring case, and never the reserved name "History"; and which series protocols share a sheet."""

import re
from dataclasses import dataclass

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


def protocol_key(protocol: str) -> str:
    """What protocol sheets group by: the protocol ignoring letter case and leading, trailing or repeated spaces."""
    return " ".join(protocol.split()).casefold()


@dataclass(frozen=True)
class ProtocolGroup:
    """The spellings of one series protocol that share a sheet, with the number of series of each."""

    key: str
    spellings: tuple[tuple[str, int], ...]

    @property
    def name(self) -> str:
        """The most frequent spelling (the first in sort order on a tie), with its spaces tidied."""
        return " ".join(self.spellings[0][0].split())

    @property
    def series(self) -> int:
        """Number of series of all the spellings."""
        return sum(count for _, count in self.spellings)


def group_protocols(protocols: list[tuple[str, int]]) -> list[ProtocolGroup]:
    """(spelling, series) pairs grouped by ``protocol_key``, most series first; spellings most frequent first."""
    by_key: dict[str, list[tuple[str, int]]] = {}
    for spelling, count in protocols:
        by_key.setdefault(protocol_key(spelling), []).append((spelling, count))
    groups = [
        ProtocolGroup(key, tuple(sorted(spellings, key=lambda pair: (-pair[1], pair[0]))))
        for key, spellings in by_key.items()
    ]
    return sorted(groups, key=lambda group: (-group.series, group.key))
