"""What the answer core returns and every renderer consumes. No Slack types here."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.facts import Fact

MAX_QUERY = 500  # characters kept from a query before matching

AnswerKind = Literal["facts", "table", "help", "topics", "miss"]


@dataclass(frozen=True)
class Answer:
    """One reply to one query.

    kind: "facts" (1-3 matched facts, best first), "table" (a compact listing, e.g. all penalties),
    "help" / "topics" (the command and topic lists), "miss" (not in the cable; maybe suggestions).
    note: an honest line shown before the facts (e.g. "The cable does not mention article 999.").
    suggestions: follow-up queries a user can send as they are (e.g. "penalties 130.1").
    year: the year the query asked for ("cases 2008"): renderers show that year's figures first.
    groups: for kind "topics", (paragraph label, facts) in the cable's order.
    """

    query: str
    kind: AnswerKind
    facts: tuple[Fact, ...] = ()
    suggestions: tuple[str, ...] = ()
    note: str = ""
    year: int | None = None
    groups: tuple[tuple[str, tuple[Fact, ...]], ...] = ()

    @property
    def matched(self) -> bool:
        return self.kind != "miss"
