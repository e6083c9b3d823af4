"""Crisis, domestic-violence and emergency lines, per country, from YAML data.

Our entries live in ``heard/content/safety/resources.yaml``. A hosting practice can add its
own in a file with the same schema (its path comes from a setting and is passed here as
``extra_path``); those entries come first, and an entry with the same id replaces ours.
No Django here.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator, model_validator

from heard.content import ContentError, load_items, register

RESOURCES_FILE = "safety/resources.yaml"
Kind = Literal["crisis", "domestic_violence", "emergency"]
PANEL_KINDS: tuple[str, ...] = ("crisis", "domestic_violence")

# EU member states: they fall back to the EU-wide entries when we have none of their own.
EU_COUNTRIES = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "HU",
    ]
)
ALIASES = {"UK": "GB", "EL": "GR"}
_COUNTRY = re.compile(r"^(?:[A-Z]{2}|EU|INTL)$")
_TEXT_LINE = re.compile(r"^Text (?:(?P<word>[A-Za-z0-9]+) to )?(?P<number>\d[\d ]*\d|\d)$")


class ResourceEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)
    country: str
    kind: Kind
    name: str = Field(min_length=1, max_length=120)
    phone: str | None = Field(default=None, max_length=40)
    text: str | None = Field(default=None, max_length=80)
    chat_url: HttpUrl | None = None
    website: HttpUrl | None = None
    hours: str | None = Field(default=None, max_length=60)
    description: str = Field(min_length=1, max_length=300)
    source: HttpUrl
    checked: date

    @field_validator("country", mode="before")
    @classmethod
    def _country(cls, value: object) -> object:
        if isinstance(value, str):
            value = value.strip().upper()
            value = ALIASES.get(value, value)
            if not _COUNTRY.match(value):
                raise ValueError("must be an ISO 3166 alpha-2 code, 'EU' or 'INTL'")
        return value

    @field_validator("checked")
    @classmethod
    def _not_future(cls, value: date) -> date:
        if value > date.today():
            raise ValueError("check date is in the future")
        return value

    @property
    def sms_href(self) -> str | None:
        """An sms: link for "Text 988" or "Text SHOUT to 85258", so a phone can open it."""
        found = _TEXT_LINE.match(self.text or "")
        if found is None:
            return None
        number = found.group("number").replace(" ", "")
        word = found.group("word")
        return f"sms:{number}" + (f"?&body={word}" if word else "")

    @model_validator(mode="after")
    def _reachable(self) -> ResourceEntry:
        if self.country != "INTL" and not (
            self.phone or self.text or self.chat_url or self.website
        ):
            raise ValueError("needs at least one of phone, text, chat_url or website")
        for field in ("chat_url", "website", "source"):
            url = getattr(self, field)
            if url is not None and url.scheme != "https":
                raise ValueError(f"{field} must use https")
        return self


@lru_cache(maxsize=1)
def _ours() -> tuple[ResourceEntry, ...]:
    # Read and validated once per process; the file ships with the code.
    return tuple(load_items(RESOURCES_FILE, ResourceEntry))


@lru_cache(maxsize=4)
def _extra(path: Path, mtime: float) -> tuple[ResourceEntry, ...]:
    # Keyed by modification time, so a host's edit is picked up without a restart.
    return tuple(load_items(path.name, ResourceEntry, base=path.parent))


def _load_extra(extra_path: str | Path) -> list[ResourceEntry]:
    path = Path(extra_path)
    try:
        mtime = path.stat().st_mtime
    except OSError:
        mtime = 0.0  # load_items reports the missing file with its path
    return list(_extra(path, mtime))


def load_resources(extra_path: str | Path | None = None) -> list[ResourceEntry]:
    """All entries: the host practice's first (when given), then ours.

    Raises :class:`heard.content.ContentError` with the path, item and reason on a bad file.
    """
    ours = list(_ours())
    if extra_path is None or str(extra_path) == "":
        return ours
    extra = _load_extra(extra_path)
    replaced = {entry.id for entry in extra}
    return extra + [entry for entry in ours if entry.id not in replaced]


def normalise_country(country: str | None) -> str:
    value = (country or "").strip().upper()
    return ALIASES.get(value, value)


def resources_for(
    country: str | None,
    kind: str,
    extra_path: str | Path | None = None,
) -> list[ResourceEntry]:
    """Lines of ``kind`` for ``country``, followed by its emergency number.

    Fallback: the country's own entries; else, for an EU member state, the EU-wide ones;
    else the international entries that say to call the local emergency number.
    """
    if kind not in PANEL_KINDS and kind != "emergency":
        raise ValueError(f"unknown kind {kind!r}")
    code = normalise_country(country)
    entries = load_resources(extra_path)

    def pick(wanted: str) -> list[ResourceEntry]:
        scopes = [code] + (["EU"] if code in EU_COUNTRIES else []) + ["INTL"]
        for scope in scopes:
            found = [e for e in entries if e.country == scope and e.kind == wanted]
            if found:
                return found
        return []

    chosen = pick(kind)
    if kind != "emergency":
        chosen = chosen + pick("emergency")
    return chosen


@register("safety-resources")
def check_resources() -> list[ResourceEntry]:
    """Content check: our resources file loads and every entry passes the schema."""
    entries = load_resources()
    if not entries:
        raise ContentError(RESOURCES_FILE, None, "no entries")
    return entries
