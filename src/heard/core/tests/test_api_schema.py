"""The OpenAPI schema says exactly what the API accepts: each body is described by its own
model, a body is one JSON object, types are the schema's (no quiet conversions), and what
the schema can say about a field (a word from a list, some text, both ends or neither) the
API checks the same way. tests/test_api_fuzz.py checks it all against random input."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from ninja import Router, Schema

from heard.accounts.services import api_token_create
from heard.api import HeardAPI, api
from heard.dialogue.schemas import TurnDraftIn
from heard.prompts.api import AnswerDraftIn
from heard.quality.selectors import reminder_settings

JSON = "application/json"


@pytest.fixture
def bearer(alice) -> dict[str, str]:
    _, secret = api_token_create(user=alice, name="tests")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _body_schema(path: str, method: str) -> dict:
    schema = api.get_openapi_schema()
    ref = schema["paths"][path][method]["requestBody"]["content"][JSON]["schema"]["$ref"]
    return schema["components"]["schemas"][ref.split("/")[-1]]


def test_each_body_is_described_by_its_own_model():
    """Two models called DraftIn once shared one entry, so the dialogue's draft was
    documented with the shared question's limits (and ShareIn, RatingOut, SafetyOut and
    IdeaOut likewise)."""
    dialogue = _body_schema("/api/v1/dialogues/{dialogue_id}/draft", "put")
    answer = _body_schema("/api/v1/prompts/exchanges/{exchange_id}/draft", "put")
    for documented, model in ((dialogue, TurnDraftIn), (answer, AnswerDraftIn)):
        own = model.model_json_schema()
        assert documented["properties"]["text"] == own["properties"]["text"]
        assert set(documented["properties"]) == set(own["properties"])
    share = _body_schema("/api/v1/dialogues/{dialogue_id}/share", "post")
    assert "text" in share["required"]


# Two different models that are both called Thing, each used by one operation.
ThingA = type("Thing", (Schema,), {"__annotations__": {"a": int}})
ThingB = type("Thing", (Schema,), {"__annotations__": {"b": str}})
first, second = Router(), Router()


@first.post("/a")
def thing_a(request, payload: ThingA) -> None:  # type: ignore[valid-type]
    """Takes one Thing."""


@second.post("/b")
def thing_b(request, payload: ThingB) -> None:  # type: ignore[valid-type]
    """Takes the other."""


def test_two_models_with_one_name_stop_the_schema():
    other = HeardAPI(urls_namespace="two-things")
    other.add_router("/one", first)
    other.add_router("/two", second)
    with pytest.raises(ImproperlyConfigured, match="both called Thing"):
        other.get_openapi_schema(path_prefix="")


@pytest.mark.django_db
@pytest.mark.parametrize("body", ["[null, null]", "[]", "7", '"daily"', "null"])
def test_a_body_that_is_not_one_json_object_is_refused_and_changes_nothing(alice, bearer, body):
    """It used to be read as an object with every field missing: all defaults, so every
    reminder was switched off by a PUT of a list."""
    client = Client()
    on = {"daily": True, "daily_time": "08:00", "weekly": True}
    assert (
        client.put("/api/v1/quality/reminders", on, content_type=JSON, **bearer).status_code == 200
    )
    response = client.put("/api/v1/quality/reminders", body, content_type=JSON, **bearer)
    assert response.status_code == 400
    assert "one object" in response.json()["detail"]
    kept = reminder_settings(user=alice)
    assert kept.daily and kept.weekly


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body",
    [{"daily": "yes"}, {"daily": 1}, {"weekly": "true"}, {"daily_time": 800}],
)
def test_types_are_the_schemas_not_converted(alice, bearer, body):
    response = Client().put("/api/v1/quality/reminders", body, content_type=JSON, **bearer)
    assert response.status_code == 422
    assert not reminder_settings(user=alice).daily


@pytest.mark.django_db
def test_a_whole_number_written_with_a_point_is_an_integer(bearer, bond):
    """JSON Schema counts 4.0 as the integer 4; so does the API."""
    body = {"bond_id": float(bond.pk), "answers": {}}
    response = Client().post("/api/v1/checkup/results", body, content_type=JSON, **bearer)
    assert response.status_code == 400  # not 422: the bond is found, the answers are too few
    assert "Answer a few more" in response.json()["detail"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "body", "words"),
    [
        ("/api/v1/bonds/invites/accept", {}, "token"),
        ("/api/v1/bonds/invites/accept", {"code": "--"}, "token"),
        ("/api/v1/checkup/results", {"answers": {}}, "who you have in mind"),
        ("/api/v1/safety/check", {"text": " \u200b\t"}, "spaces alone"),
        ("/api/v1/coach", {"reply": "ok", "need": "lecture"}, "need"),
        ("/api/v1/checkins", {"feeling": "zzz"}, "feeling"),
    ],
)
def test_what_the_schema_can_say_is_checked_before_the_services(bearer, path, body, words):
    response = Client().post(path, json.dumps(body), content_type=JSON, **bearer)
    assert response.status_code == 422
    assert words in response.json()["detail"]


def test_the_schema_says_a_code_or_a_token_and_both_ends_or_neither():
    accept = _body_schema("/api/v1/bonds/invites/accept", "post")
    assert [branch["required"] for branch in accept["anyOf"]] == [["token"], ["code"]]
    reminders = _body_schema("/api/v1/quality/reminders", "put")
    assert reminders["anyOf"][1]["required"] == ["quiet_start", "quiet_end"]


def test_throttled_and_switched_off_answers_are_documented():
    paths = api.get_openapi_schema()["paths"]
    assert {"409", "410", "429"} <= set(paths["/api/v1/bonds/invites/accept"]["post"]["responses"])
    assert {"429", "503"} <= set(paths["/api/v1/coach"]["post"]["responses"])
    assert "429" in paths["/api/v1/comfort"]["post"]["responses"]
