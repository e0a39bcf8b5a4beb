"""The rotation: every fact once before any twice, mixed topics per post, deterministic from the date.
Counts come from the loaded fact base, never hard-coded: the curators are still adding facts."""

from __future__ import annotations

import math
import random
from collections import Counter
from datetime import date, timedelta
from itertools import pairwise

import pytest

from bot.digest.post import headline
from bot.digest.rotation import EPOCH, cycle_length, cycle_posts, digest_for
from bot.facts import Fact

STARTS = [EPOCH, date(2026, 12, 1), date(2031, 7, 19), date(2009, 1, 1)]


def _days(start: date, n: int):
    return [start + timedelta(days=i) for i in range(n)]


@pytest.mark.parametrize("per_post", [1, 2, 3, 5, 10])
@pytest.mark.parametrize("start", STARTS)
def test_any_cycle_of_consecutive_days_shows_every_fact_exactly_once(kb, per_post, start):
    n = len(kb.facts)
    length = cycle_length(n, per_post)
    assert length == math.ceil(n / per_post)
    shown = [fid for d in _days(start, length) for fid in digest_for(kb.facts, d, per_post).fact_ids]
    assert Counter(shown) == Counter(f.id for f in kb.facts)  # every id once: none twice before all once


def test_the_next_cycle_starts_over_in_the_same_order(kb):
    length = cycle_length(len(kb.facts), 3)
    start = date(2026, 12, 1)
    for d in _days(start, length):
        assert digest_for(kb.facts, d, 3).fact_ids == digest_for(kb.facts, d + timedelta(days=length), 3).fact_ids


def test_posts_are_full_except_at_most_one(kb):
    posts = cycle_posts(kb.facts, 3)
    sizes = Counter(len(p) for p in posts)
    assert sizes[3] >= len(posts) - 1
    assert sum(len(p) for p in posts) == len(kb.facts)


def test_same_date_same_post_whatever_the_file_order(kb):
    shuffled = list(kb.facts)
    random.Random(7).shuffle(shuffled)
    for d in _days(date(2026, 11, 28), 10):
        assert digest_for(kb.facts, d, 3).fact_ids == digest_for(shuffled, d, 3).fact_ids
        assert digest_for(list(reversed(kb.facts)), d, 3).fact_ids == digest_for(kb.facts, d, 3).fact_ids


@pytest.mark.parametrize("per_post", [2, 3, 4, 7])
def test_a_post_mixes_paragraphs_and_sections_where_possible(kb, per_post):
    """A post repeats a paragraph (or section) only if every fact still to come in the cycle is in one
    of the paragraphs (sections) it already holds."""
    posts = cycle_posts(kb.facts, per_post)
    for i, post in enumerate(posts):
        later = [f for p in posts[i + 1 :] for f in p]
        for j, f in enumerate(post):
            before = post[:j]
            if f.paragraph in {b.paragraph for b in before}:
                assert all(g.paragraph in {b.paragraph for b in before} for g in later + list(post[j + 1 :]))
            if f.section in {b.section for b in before}:
                assert all(g.section in {b.section for b in before} for g in later + list(post[j + 1 :]))


def test_consecutive_days_count_through_the_cycle(kb):
    length = cycle_length(len(kb.facts), 3)
    days = [digest_for(kb.facts, d, 3) for d in _days(date(2026, 12, 1), length + 1)]
    numbers = [d.day for d in days]
    assert sorted(numbers[:length]) == list(range(1, length + 1))
    for a, b in pairwise(days):
        assert b.day == a.day % length + 1
        assert b.days == length


def test_headline_names_the_date_and_the_day_of_the_cycle(kb):
    d = digest_for(kb.facts, date(2026, 12, 1), 3)
    assert headline(d) == f"TIP briefing · 1 Dec 2026 · day {d.day} of {cycle_length(len(kb.facts), 3)}"


def _fact(i: int, section: str) -> Fact:
    return Fact(
        id=f"fact-{i}",
        section=section,
        topic="t",
        title=f"Fact number {i}",
        answer=f"An answer long enough {i}.",
        quotes=["a quote of eight chars"],
    )


def test_small_base_where_sections_cannot_all_differ():
    facts = [_fact(i, s) for i, s in enumerate(["25.A", "25.A", "25.A", "25.A", "27.B", "cable", "28.C"])]
    posts = cycle_posts(facts, 3)
    assert [len(p) for p in posts] == [3, 3, 1]
    assert Counter(f.id for p in posts for f in p) == Counter(f.id for f in facts)
    # four 25.A facts in three posts: each post holds at most two, and a third post gets one
    assert max(sum(f.section == "25.A" for f in p) for p in posts) <= 2


def test_adding_a_fact_keeps_the_cycle_property():
    base = [_fact(i, s) for i, s in enumerate(["25.A", "25.B", "26.A", "27.A", "28.A", "29.A", "30.A", "cable"])]
    grown = [*base, _fact(99, "27.C")]
    for facts in (base, grown):
        length = cycle_length(len(facts), 3)
        shown = [fid for d in _days(date(2026, 12, 1), length) for fid in digest_for(facts, d, 3).fact_ids]
        assert sorted(shown) == sorted(f.id for f in facts)


def test_empty_fact_base_gives_an_empty_post():
    d = digest_for([], date(2026, 12, 1), 3)
    assert d.facts == () and d.days == 1
