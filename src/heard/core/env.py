"""Read configuration from the environment.

Every variable Heard reads goes through :func:`env` so that a test can list them all and
check that each one is documented in docs/configuration.md.
"""

from __future__ import annotations

import os
from pathlib import Path

# name -> default shown in docs; filled as settings.py reads variables.
READ: dict[str, str | None] = {}


class ConfigError(RuntimeError):
    """Configuration that would make Heard unsafe or broken."""


def env(name: str, default: str | None = None, *, secret_file: bool = False) -> str | None:
    """The value of ``name``; with ``secret_file``, ``NAME_FILE`` may point to a file holding it."""
    READ[name] = default
    if secret_file:
        READ[f"{name}_FILE"] = None
        file_path = os.environ.get(f"{name}_FILE")
        if file_path:
            try:
                return Path(file_path).read_text(encoding="utf-8").strip()
            except OSError as exc:
                raise ConfigError(
                    f"{name}_FILE points to {file_path!r}, which cannot be read: {exc}"
                ) from exc
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = env(name, "true" if default else "false")
    value = (raw or "").strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off", ""}:
        return False
    raise ConfigError(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = env(name, str(default))
    try:
        return int(raw or default)
    except ValueError:
        raise ConfigError(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: str = "") -> list[str]:
    raw = env(name, default) or ""
    return [part.strip() for part in raw.split(",") if part.strip()]
