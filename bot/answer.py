"""What the answer core returns and every renderer consumes. No Slack types here.

MAX_FACTS and MAX_SUGGESTIONS are the one source of the answer limits: the core cuts to them and the
renderers import them from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.facts import Fact
from bot.lang import Lang

MAX_QUERY = 500  # characters kept from a query before matching
MAX_FACTS = 3  # facts in an ordinary answer, best first
MAX_SUGGESTIONS = 3  # "did you mean" / "try" follow-ups

AnswerKind = Literal["facts", "table", "help", "topics", "miss"]


@dataclass(frozen=True)
class Answer:
    """One reply to one query.

    kind: "facts" (1-MAX_FACTS matched facts, best first), "table" (a compact listing, e.g. all penalties),
    "help" / "topics" (the command and topic lists), "miss" (not in the cable; maybe suggestions).
    note: an honest line shown before the facts, in `lang` (an unmet constraint, a comparison, a labelled sum).
    suggestions: follow-up queries a user can send as they are, in `lang` (e.g. "penalties 130.1").
    year: the year the query asked for ("cases 2008"): renderers show that year's figures first.
    groups: for kind "topics", (paragraph label, facts) in the cable's order.
    body: for kind "help", the help text (renderers show it as a block; it is not a note).
    lang: the language of the question and so of the answer: "en" or "ru". Renderers take each fact's text
        in it with `fact.text(answer.lang)` (English while a fact's Russian side is not written) and data
        texts with `fact.label(text, answer.lang)`; notes and suggestions already are in this language.
    unmet: the constraints of the question the answer could not meet and names in `note`
        ("year", "place", "article", "measure:imposed", …); empty when every constraint was honoured.
    """

    query: str
    kind: AnswerKind
    facts: tuple[Fact, ...] = ()
    suggestions: tuple[str, ...] = ()
    note: str = ""
    year: int | None = None
    groups: tuple[tuple[str, tuple[Fact, ...]], ...] = ()
    body: str = ""
    lang: Lang = "en"
    unmet: tuple[str, ...] = ()

    @property
    def matched(self) -> bool:
        return self.kind != "miss"
