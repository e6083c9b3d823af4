"""The resources data file and loader."""

from __future__ import annotations

from pathlib import Path

import pytest

from heard.content import ContentError, validate_all
from heard.safety.resources import load_resources, resources_for

REQUIRED = {"US", "CA", "GB", "IE", "AU", "NZ", "EU", "INTL"}


def test_file_passes_schema_with_source_and_date() -> None:
    entries = load_resources()
    assert {e.country for e in entries} >= REQUIRED
    for entry in entries:
        assert entry.source is not None and str(entry.source).startswith("https://")
        assert entry.checked is not None


def test_every_country_has_crisis_dv_and_emergency() -> None:
    for country in ("US", "CA", "GB", "IE", "AU", "NZ"):
        kinds = {e.kind for e in load_resources() if e.country == country}
        assert kinds == {"crisis", "domestic_violence", "emergency"}, country


def test_known_numbers() -> None:
    by_id = {e.id: e for e in load_resources()}
    assert by_id["us-988"].phone == "988"
    assert by_id["gb-samaritans"].phone == "116 123"
    assert by_id["au-lifeline"].phone == "13 11 14"
    assert by_id["nz-womens-refuge"].phone == "0800 733 843"


def test_eu_fallback() -> None:
    ids = [e.id for e in resources_for("fr", "crisis")]
    assert ids == ["eu-116123", "eu-112"]
    ids = [e.id for e in resources_for("DE", "domestic_violence")]
    assert "eu-112" in ids and ids[0].startswith("intl-")


def test_unknown_country_gets_international_fallback() -> None:
    entries = resources_for("JP", "crisis")
    assert [e.country for e in entries] == ["INTL", "INTL"]
    assert "local emergency number" in entries[-1].description
    assert [e.country for e in resources_for(None, "domestic_violence")] == ["INTL", "INTL"]


def test_uk_alias_and_own_entries_win() -> None:
    assert resources_for("UK", "crisis")[0].id == "gb-samaritans"
    assert resources_for("IE", "crisis")[0].id == "ie-samaritans"


def test_host_extra_file_merged_first(tmp_path: Path) -> None:
    extra = tmp_path / "practice.yaml"
    extra.write_text(
        """items:
  - id: practice-line
    country: US
    kind: crisis
    name: Our practice's after-hours line
    phone: 555-0100
    description: Your counsellor's practice, after hours.
    source: https://example.org/contact
    checked: 2026-11-01
  - id: us-emergency
    country: US
    kind: emergency
    name: Emergency services (local)
    phone: "911"
    description: Call 911.
    source: https://example.org/contact
    checked: 2026-11-01
""",
        encoding="utf-8",
    )
    entries = load_resources(extra)
    assert entries[0].id == "practice-line"
    assert [e.id for e in entries].count("us-emergency") == 1
    ids = [e.id for e in resources_for("US", "crisis", extra_path=extra)]
    assert ids[:2] == ["practice-line", "us-988"]
    assert ids[-1] == "us-emergency"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (
            "  - id: bad\n    country: US\n    kind: crisis\n    name: X\n    phone: '1'\n"
            "    description: d\n    checked: 2026-01-01\n",
            "source",
        ),
        (
            "  - id: bad\n    country: US\n    kind: crisis\n    name: X\n    phone: '1'\n"
            "    description: d\n    source: https://example.org\n",
            "checked",
        ),
        (
            "  - id: bad\n    country: USA\n    kind: crisis\n    name: X\n    phone: '1'\n"
            "    description: d\n    source: https://example.org\n    checked: 2026-01-01\n",
            "country",
        ),
        (
            "  - id: bad\n    country: US\n    kind: hotline\n    name: X\n    phone: '1'\n"
            "    description: d\n    source: https://example.org\n    checked: 2026-01-01\n",
            "kind",
        ),
        (
            "  - id: bad\n    country: US\n    kind: crisis\n    name: X\n"
            "    description: d\n    source: https://example.org\n    checked: 2026-01-01\n",
            "needs at least one",
        ),
        (
            "  - id: bad\n    country: US\n    kind: crisis\n    name: X\n    phone: '1'\n"
            "    description: d\n    source: https://example.org\n    checked: 2999-01-01\n",
            "future",
        ),
    ],
)
def test_bad_file_fails_with_path_item_reason(tmp_path: Path, body: str, reason: str) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("items:\n" + body, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_resources(bad)
    error = info.value
    assert "bad.yaml" in error.path
    assert error.item == "bad"
    assert reason in error.reason


def test_registered_content_check() -> None:
    import heard.content as content
    import heard.safety.resources  # noqa: F401  (registers the check)

    assert "safety-resources" in content._CHECKS
    assert len(content._CHECKS["safety-resources"].run()) >= 20  # type: ignore[arg-type]


def test_validate_all_includes_resources_when_others_exist() -> None:
    try:
        results = dict(validate_all())
    except ModuleNotFoundError:
        pytest.skip("other content modules are not written yet")
    assert results["safety-resources"] >= 20
