"""The JSON API for lessons: list, read (Markdown and HTML) and private read marks. The same
selectors and services as the Learn pages."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Router, Schema
from pydantic import Field

from heard.learn import selectors, services
from heard.learn.content import Lesson, render_html
from heard.learn.models import LessonRead

router = Router(tags=["lessons"])


class PracticeOut(Schema):
    kind: str
    label: str
    text: str
    url: str | None = Field(
        description="Where the practice is; null when it is done with someone and you have "
        "several bonds (or none yet): then see choose_url."
    )
    choose_url: str


class LessonSummaryOut(Schema):
    id: str
    title: str
    minutes: int
    topic: str
    components: list[str]
    summary: str
    path: int | None = Field(description="Its place on the suggested path for new people.")
    read: bool


class LessonOut(LessonSummaryOut):
    markdown: str
    html: str
    practice: PracticeOut


class ReadOut(Schema):
    id: str
    read: bool
    read_at: datetime | None


def _summary(lesson: Lesson, read: set[str]) -> dict[str, Any]:
    return {
        "id": lesson.id,
        "title": lesson.title,
        "minutes": lesson.minutes,
        "topic": lesson.topic,
        "components": list(lesson.components),
        "summary": lesson.summary,
        "path": lesson.path,
        "read": lesson.id in read,
    }


def _read_out(request: HttpRequest, lesson_id: str) -> dict[str, Any]:
    mark = LessonRead.objects.filter(user=request.user, lesson_id=lesson_id).first()  # type: ignore[misc]
    return {"id": lesson_id, "read": mark is not None, "read_at": mark.read_at if mark else None}


@router.get("/lessons", response=list[LessonSummaryOut])
def lesson_list(request: HttpRequest) -> list[dict[str, Any]]:
    """Every lesson, by topic, with whether you've read it (only you can see that)."""
    read = selectors.read_ids(user=request.user)  # type: ignore[arg-type]
    return [_summary(lesson, read) for group in selectors.by_topic() for lesson in group.lessons]


@router.get("/lessons/{lesson_id}", response=LessonOut)
def lesson_detail(request: HttpRequest, lesson_id: str) -> dict[str, Any]:
    """One lesson as Markdown and as sanitized HTML, with its practice."""
    lesson = selectors.lesson_get(lesson_id=lesson_id)
    read = selectors.read_ids(user=request.user)  # type: ignore[arg-type]
    link = selectors.practice_link(user=request.user, practice=lesson.practice)  # type: ignore[arg-type]
    return {
        **_summary(lesson, read),
        "markdown": lesson.body,
        "html": render_html(lesson.id),
        "practice": {
            "kind": lesson.practice.kind,
            "label": lesson.practice.label,
            "text": lesson.practice.text,
            "url": link.url,
            "choose_url": reverse("learn:practice", args=[lesson.id]),
        },
    }


@router.post("/lessons/{lesson_id}/read", response=ReadOut)
def lesson_read(request: HttpRequest, lesson_id: str) -> dict[str, Any]:
    """Mark a lesson read. Marking it again keeps the first time."""
    services.lesson_mark_read(user=request.user, lesson_id=lesson_id)  # type: ignore[arg-type]
    return _read_out(request, lesson_id)


@router.delete("/lessons/{lesson_id}/read", response=ReadOut)
def lesson_unread(request: HttpRequest, lesson_id: str) -> dict[str, Any]:
    services.lesson_mark_unread(user=request.user, lesson_id=lesson_id)  # type: ignore[arg-type]
    return _read_out(request, lesson_id)
