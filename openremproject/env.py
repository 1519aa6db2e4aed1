"""Reading settings from the environment (12-factor), with safe single-machine defaults."""

import os
import secrets
import tempfile
from pathlib import Path

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(f"Environment variable {name}={raw!r} is not a true/false value")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ValueError(f"Environment variable {name}={raw!r} is not a whole number") from None


def env_choice(name: str, choices: list[str], default: str) -> str:
    """One of ``choices`` (compared in lower case); a clear error naming the variable for anything else."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in choices:
        raise ValueError(f"Environment variable {name}={raw!r} must be one of: {', '.join(choices)}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_secret(name: str, data_dir: Path, file_name: str = "secret_key") -> str:
    """The secret from the environment, else one generated once for this install and kept in data_dir/file_name."""
    value = os.environ.get(name)
    if value:
        return value
    key_file = data_dir / file_name
    if not key_file.exists():
        _create_key_file(key_file)
    value = key_file.read_text().strip()
    if not value:
        raise ValueError(f"{key_file} is empty: delete it (a new key is made) or set {name} in the environment")
    return value


def _create_key_file(key_file: Path) -> None:
    # Processes starting together on an empty data folder must all end up with one key: each writes a
    # complete key to its own temporary file and links it into place, which fails if a key is already
    # there; every process then reads the one file. No process ever sees a half-written key.
    key_file.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{key_file.name}.", dir=key_file.parent)  # owner-only permissions
    try:
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(temporary, key_file)
        except FileExistsError:
            pass  # another process was first: its key is the install's key
    finally:
        os.unlink(temporary)
