"""Practice scenarios for the listening coach: schema, loader and content check.

Each scenario is something a partner, friend or family member says (``share``), what they
need from you (to be listened to, comforted, or given ideas), two or three example replies
that mirror, validate or empathize, and one short tip on what to watch for.

Plain Python: no Django here.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from heard.content import (
    ContentError,
    check_near_duplicates,
    load_items,
    near_duplicate,
    register,
    shown_path,
)

Relation = Literal["partner", "friend", "family"]
RELATIONS: tuple[str, ...] = get_args(Relation)
Need = Literal["listen", "comfort", "ideas"]
NEEDS: tuple[str, ...] = get_args(Need)
# For family scenarios: who is speaking, seen from you (a "parent" is your parent).
FamilyRole = Literal["parent", "adult_child", "sibling", "grandparent", "relative"]
FAMILY_ROLES: tuple[str, ...] = get_args(FamilyRole)

SCENARIOS_FILE = "practice/scenarios.yaml"
MAX_SHARE_SENTENCES = 4

_SENTENCE_END = re.compile(r"[.!?]+[\"')’”]*(?=\s|$)")


def sentence_count(text: str) -> int:
    return len(_SENTENCE_END.findall(text.strip()))


class Scenario(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: str = Field(pattern=r"^(partner|friend|family)-\d{2}$")
    relation: Relation
    who: FamilyRole | None = None
    need: Need
    share: str = Field(min_length=15, max_length=400)
    good_replies: tuple[str, ...] = Field(min_length=2, max_length=3)
    watch_for: str = Field(min_length=10, max_length=160)

    @field_validator("share")
    @classmethod
    def _one_to_four_sentences(cls, value: str) -> str:
        count = sentence_count(value)
        if not 1 <= count <= MAX_SHARE_SENTENCES or not _SENTENCE_END.search(value[-3:]):
            raise ValueError(
                f"share must be 1-{MAX_SHARE_SENTENCES} full sentences (found {count})"
            )
        return value

    @field_validator("good_replies")
    @classmethod
    def _replies_are_distinct(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for reply in value:
            if len(reply) < 10 or len(reply) > 300:
                raise ValueError("each reply must be 10-300 characters")
        if near_duplicate(enumerate(value)):
            raise ValueError("two replies are nearly the same")
        return value

    @model_validator(mode="after")
    def _id_and_who_fit_relation(self) -> Scenario:
        if not self.id.startswith(f"{self.relation}-"):
            raise ValueError(f"id must start with '{self.relation}-'")
        if self.relation == "family" and self.who is None:
            raise ValueError("family scenarios need 'who' (parent, adult_child, sibling, ...)")
        if self.relation != "family" and self.who is not None:
            raise ValueError("'who' is only for family scenarios")
        return self

    @property
    def speaker(self) -> str:
        """Who is talking, as a short phrase: 'your partner', 'your adult child'..."""
        role = self.who or self.relation
        return "your " + role.replace("_", " ")


def load_scenarios(base: Path | None = None) -> tuple[Scenario, ...]:
    found = load_items(SCENARIOS_FILE, Scenario, key="scenarios", base=base)
    shown = shown_path(SCENARIOS_FILE, base)
    check_near_duplicates(shown, ((s.id, s.share) for s in found))
    for relation in RELATIONS:
        for need in NEEDS:
            if not any(s.relation == relation and s.need == need for s in found):
                raise ContentError(shown, relation, f"no '{need}' scenario for {relation}")
    return tuple(found)


@cache
def scenarios() -> tuple[Scenario, ...]:
    """Every practice scenario, in file order."""
    return load_scenarios()


def scenarios_for(relation: str | None = None, need: str | None = None) -> tuple[Scenario, ...]:
    return tuple(
        s
        for s in scenarios()
        if (relation is None or s.relation == relation) and (need is None or s.need == need)
    )


def scenario(scenario_id: str) -> Scenario:
    for s in scenarios():
        if s.id == scenario_id:
            return s
    raise KeyError(scenario_id)


register("practice-scenarios")(scenarios)
