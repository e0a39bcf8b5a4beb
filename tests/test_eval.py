"""The evaluation set as a floor: >= 95% top-1 on expected fact ids, every off-topic query a miss.

`python -m tests.test_eval` prints the measured numbers and every failure (used to tune bot/core.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.core import AnswerCore
from bot.knowledge import load_valid

EVAL = Path(__file__).parent / "eval" / "questions.yml"
TOP1_FLOOR = 0.95


def load_eval() -> dict:
    return yaml.safe_load(EVAL.read_text(encoding="utf-8"))


def evaluate(core: AnswerCore, data: dict) -> dict:
    misses = []
    for item in data["questions"]:
        a = core.ask(item["q"])
        top = a.facts[0].id if a.facts else None
        if top not in item["expect"]:
            misses.append((item["q"], item["expect"], top))
    wrong_hits = [(q, [f.id for f in a.facts]) for q in data["off_topic"] if (a := core.ask(q)).matched]
    n, m = len(data["questions"]), len(data["off_topic"])
    return {
        "top1": (n - len(misses)) / n,
        "off_topic_missed": (m - len(wrong_hits)) / m,
        "questions": n,
        "off_topic": m,
        "misses": misses,
        "wrong_hits": wrong_hits,
    }


@pytest.fixture(scope="module")
def core():
    return AnswerCore(load_valid())


def test_the_set_is_big_enough_and_names_real_facts(core):
    data = load_eval()
    assert len(data["questions"]) >= 80
    assert len(data["off_topic"]) >= 20
    unknown = {i for item in data["questions"] for i in item["expect"]} - set(core.kb.by_id)
    assert not unknown, f"fact ids in {EVAL.name} that the fact base does not have: {sorted(unknown)}"


def test_top1_accuracy_floor(core):
    result = evaluate(core, load_eval())
    assert result["top1"] >= TOP1_FLOOR, "\n".join(f"{q!r}: expected {e}, got {t}" for q, e, t in result["misses"])


def test_every_off_topic_query_is_a_miss(core):
    result = evaluate(core, load_eval())
    assert result["off_topic_missed"] == 1.0, result["wrong_hits"]


if __name__ == "__main__":
    r = evaluate(AnswerCore(load_valid()), load_eval())
    print(f"top-1: {r['top1']:.1%} of {r['questions']} questions")
    print(f"off-topic missed: {r['off_topic_missed']:.0%} of {r['off_topic']}")
    for q, expected, got in r["misses"]:
        print(f"  miss: {q!r}: expected {expected}, got {got}")
    for q, got in r["wrong_hits"]:
        print(f"  off-topic answered: {q!r} -> {got}")
