"""Which facts the digest shows on a given day: a pure function of (date, fact ids, facts per post).

No stored state, so every process (clock, Socket Mode worker, `/tip digest`) computes the same post.

- The fact base is cut once into L = ceil(N / k) posts, and day n after a fixed epoch shows post n mod L.
  The order is the same every cycle, so ANY L consecutive days show every fact exactly once - whatever
  day a channel started - and no fact comes twice before all came once.
- The order is a stable hash (sha256) of the fact ids: independent of file order and Python's hash
  seed. Paragraphs are spread evenly over the cycle and each post is filled greedily with facts from
  paragraphs (then sections) it does not hold yet, so one post mixes topics.
- Changing the fact base recomputes the rotation: see "Daily digest" in README.md.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from bot.facts import Fact

EPOCH = date(2010, 2, 10)  # the cable's date; any fixed date works, it must simply never change


@dataclass(frozen=True)
class DigestDay:
    """The digest for one date: post `day` of the `days` in a cycle (1-based, for headlines)."""

    date: date
    cycle: int
    day: int
    days: int
    facts: tuple[Fact, ...]

    @property
    def fact_ids(self) -> list[str]:
        return [f.id for f in self.facts]


def _h(*parts: object) -> int:
    return int.from_bytes(hashlib.sha256(":".join(map(str, parts)).encode()).digest()[:8], "big")


def cycle_length(n_facts: int, per_post: int) -> int:
    return max(1, math.ceil(n_facts / per_post))


def cycle_posts(facts: Sequence[Fact], per_post: int) -> list[tuple[Fact, ...]]:
    """The cycle cut into ceil(N / per_post) posts; each takes, in order, a fact from a paragraph it
    does not hold yet, else from a section it does not hold yet, else the next one."""
    return [tuple(facts[i] for i in post) for post in _posts(_keys(facts), per_post)]


# The work is done on (id, section) keys so it can be cached: `/tip digest` answers inside the ack.
_Keys = tuple[tuple[str, str], ...]


def _keys(facts: Sequence[Fact]) -> _Keys:
    return tuple((f.id, f.section) for f in facts)


def _paragraph(section: str) -> str:
    return section.split(".")[0]


@lru_cache(maxsize=8)
def _order(keys: _Keys) -> tuple[int, ...]:
    groups: dict[str, list[int]] = {}
    for i in sorted(range(len(keys)), key=lambda i: (_h(keys[i][0]), keys[i][0])):
        groups.setdefault(_paragraph(keys[i][1]), []).append(i)
    keyed = []
    for para, members in groups.items():
        offset = (_h("paragraph", para) % 1000) / 1000  # where in its first stretch this paragraph sits
        keyed += [((n + offset) / len(members), _h(keys[i][0]), keys[i][0], i) for n, i in enumerate(members)]
    return tuple(k[-1] for k in sorted(keyed))


@lru_cache(maxsize=8)
def _posts(keys: _Keys, per_post: int) -> tuple[tuple[int, ...], ...]:
    pending = list(_order(keys))
    posts = []
    while pending:
        post: list[int] = []
        while pending and len(post) < per_post:
            paras = {_paragraph(keys[i][1]) for i in post}
            sections = {keys[i][1] for i in post}
            pick = next((i for i in pending if _paragraph(keys[i][1]) not in paras), None)
            pick = pick if pick is not None else next((i for i in pending if keys[i][1] not in sections), None)
            pick = pick if pick is not None else pending[0]
            pending.remove(pick)
            post.append(pick)
        posts.append(tuple(post))
    return tuple(posts)


def digest_for(facts: Sequence[Fact], day: date, per_post: int) -> DigestDay:
    """The digest for `day`. An empty fact base gives an empty post (the loader refuses one anyway)."""
    length = cycle_length(len(facts), per_post)
    cycle, index = divmod((day - EPOCH).days, length)
    posts = cycle_posts(facts, per_post) if facts else [()]
    return DigestDay(day, cycle, index + 1, length, posts[index])
