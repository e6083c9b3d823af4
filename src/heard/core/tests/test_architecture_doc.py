"""docs/architecture.md names every package under src/heard/, so a newcomer finds each one."""

from __future__ import annotations

from pathlib import Path

import heard

SRC = Path(heard.__file__).resolve().parent
DOC = SRC.parents[1] / "docs" / "architecture.md"


def packages() -> list[str]:
    return sorted(p.name for p in SRC.iterdir() if (p / "__init__.py").is_file())


def test_every_package_under_src_heard_is_in_the_architecture_doc():
    text = DOC.read_text(encoding="utf-8")
    assert {"checkup", "daily", "together", "progress", "content"} <= set(packages())
    missing = [name for name in packages() if f"| `{name}/` |" not in text]
    assert missing == [], f"add these to the table in docs/architecture.md: {missing}"
