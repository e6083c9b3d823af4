import subprocess
import sys

import pytest
from pydantic import BaseModel

from heard.content import ContentError, load_items, near_duplicate


class Item(BaseModel):
    id: str
    text: str


def test_it_loads_valid_items(tmp_path):
    (tmp_path / "things").mkdir()
    (tmp_path / "things" / "a.yaml").write_text(
        "items:\n  - {id: a1, text: hello}\n  - {id: a2, text: there}\n"
    )
    assert [i.id for i in load_items("things", Item, base=tmp_path)] == ["a1", "a2"]


@pytest.mark.parametrize(
    ("content", "item", "reason"),
    [
        ("items:\n  - {id: a1}\n", "a1", "text: Field required"),
        ("items:\n  - {id: a1, text: [1]}\n", "a1", "text"),
        ("items: [{id: a1, text: x}, {id: a1, text: y}]\n", "a1", "duplicate id"),
        ("items: {id: a1}\n", None, "expected a mapping with a list under 'items'"),
        ("items: [\n", None, "not valid YAML"),
        ("- just a list\n", None, "expected a mapping"),
    ],
)
def test_a_bad_file_fails_with_path_item_and_reason(tmp_path, content, item, reason):
    (tmp_path / "things.yaml").write_text(content)
    with pytest.raises(ContentError) as info:
        load_items("things.yaml", Item, base=tmp_path)
    message = str(info.value)
    assert "things.yaml" in message
    assert reason in message
    if item:
        assert f"item {item}" in message


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(ContentError, match="file not found"):
        load_items("nothing.yaml", Item, base=tmp_path)


def test_content_validate_reports_without_a_traceback():
    result = subprocess.run(
        [sys.executable, "-m", "heard.cli", "content", "validate"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in result.stderr
    assert result.returncode == 0, result.stderr


def test_near_duplicate_detection():
    assert near_duplicate([(1, "I can be myself here."), (2, "I can be myself here!")])
    assert near_duplicate([(1, "I trust this person."), (2, "We rarely talk.")]) is None
