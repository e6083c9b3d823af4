"""`heard lessons list|show ID`, without settings or a database."""

from __future__ import annotations

from heard.cli import main
from heard.learn.content import lessons


def test_list_shows_every_lesson_by_topic(capsys):
    assert main(["lessons", "list"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("The basics\n")
    for lesson in lessons():
        assert lesson.id in out and lesson.title in out


def test_show_prints_the_lesson_and_its_practice(capsys):
    assert main(["lessons", "show", "listening"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# Listening in three steps\n")
    assert "## 1. Mirror" in out and "## One small practice" in out


def test_an_unknown_lesson_or_command_is_a_clear_error(capsys):
    assert main(["lessons", "show", "nope"]) == 1
    assert "there is no lesson 'nope'" in capsys.readouterr().err
    assert main(["lessons", "read"]) == 2
