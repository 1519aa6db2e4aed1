"""The store node's configuration: from command-line arguments, defaulting to settings and the environment."""

import os
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from remapp.models.netdicom import HEARTBEAT_SECONDS
from remapp.netdicom.holding import default_holding_folder


def _setting(name: str, default: str) -> str:
    """The environment variable, else a setting of the same name (local_settings.py), else the default."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        value = getattr(settings, name, default)
    return str(value)


def default_ae_title() -> str:
    return _setting("OPENREM_STORE_AET", "OPENREM")


def default_port() -> int:
    raw = _setting("OPENREM_STORE_PORT", "11112")
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"OPENREM_STORE_PORT={raw!r} is not a port number") from None


def default_bind_address() -> str:
    return _setting("OPENREM_STORE_BIND", "0.0.0.0")


def default_allowed_calling_aets() -> list[str]:
    raw = _setting("OPENREM_STORE_ALLOWED_AETS", "")
    return [aet.strip() for aet in raw.split(",") if aet.strip()]


@dataclass(frozen=True)
class NextStart:
    """What ``openrem_storescp`` would listen with if started now; ``port`` None when the setting is not a port."""

    ae_title: str
    port: int | None
    port_problem: str
    bind_address: str
    allowed_calling_aets: tuple[str, ...]


def next_start() -> NextStart:
    """The configuration a start without options would use, from the environment and settings."""
    try:
        port, problem = default_port(), ""
    except ValueError as exc:
        port, problem = None, str(exc)
    return NextStart(default_ae_title(), port, problem, default_bind_address(), tuple(default_allowed_calling_aets()))


@dataclass(frozen=True)
class StoreNodeConfig:
    """How the node listens: AE title, bind address and port (0 picks a free one), allowed calling AE titles."""

    ae_title: str = "OPENREM"
    port: int = 11112
    bind_address: str = "0.0.0.0"
    allowed_calling_aets: tuple[str, ...] = ()
    holding_folder: Path = field(default_factory=default_holding_folder)
    heartbeat_seconds: float = HEARTBEAT_SECONDS
    maximum_associations: int = 10

    def __post_init__(self):
        if not self.ae_title.strip() or len(self.ae_title) > 16 or "\\" in self.ae_title:
            raise ValueError(f"AE title {self.ae_title!r} must be 1 to 16 characters without a backslash")
        if not 0 <= self.port <= 65535:
            raise ValueError(f"port {self.port} is not between 0 and 65535")
        for aet in self.allowed_calling_aets:
            if not aet.strip() or len(aet) > 16:
                raise ValueError(f"allowed calling AE title {aet!r} must be 1 to 16 characters")
