"""The evaluation sets as floors, reported per language and per split (tuning vs held-out).

Tuning: the sets the core's constants were tuned on. Held-out: written by someone who never saw the
matcher; no constant is tuned on it. A question counts as right only when the first fact shown is one
it expects, every id in its `all` is among the facts shown, and (with `constraint_note`) the answer names
the constraint it could not meet. Every off-topic and near-domain query must be a miss; every answer to a
Russian question must be in Russian.

    python -m tests.test_eval                 # prints both splits for both languages and every failure
    python -m tests.test_eval --tuning-only   # every split's figures, failures of the tuning sets only
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from bot.core import AnswerCore
from bot.knowledge import load_valid

EVAL = Path(__file__).parent / "eval"
SETS: dict[tuple[str, str], tuple[str, ...]] = {
    ("en", "tuning"): ("questions.yml", "en_tuning_more.yml"),
    ("en", "tuning extra"): (
        "en_tuning_extra.yml",
        "en_tuning_four.yml",
        "en_tuning_five.yml",
        "en_tuning_six.yml",
        "en_tuning_seven.yml",
        "en_tuning_eight.yml",
        "en_tuning_nine.yml",
        "en_tuning_ten.yml",
    ),
    ("en", "held-out"): ("en_heldout.yml",),
    ("ru", "tuning"): ("ru_tuning.yml",),
    ("ru", "tuning extra"): ("ru_tuning_extra.yml", "ru_tuning_four.yml"),
    ("ru", "held-out"): ("ru_heldout.yml",),
}
# (top-1 with every constraint honoured, off-topic and near-domain missed) per (language, split).
# The issues' targets: English held-out (0.95, 0.95), Russian held-out (0.90, 0.95); both hold. Floors only ever
# move up (never by tuning on a held-out set).
FLOORS: dict[tuple[str, str], tuple[float, float]] = {
    ("en", "tuning"): (0.97, 1.0),
    ("en", "tuning extra"): (0.90, 0.99),  # with en_tuning_five…ten.yml (independent, paraphrase-heavy)
    ("en", "held-out"): (0.95, 0.96),  # the target (0.95, 0.95) holds
    ("ru", "tuning"): (1.0, 1.0),
    ("ru", "tuning extra"): (0.87, 0.97),  # written independently (706bfab, ru_tuning_four.yml)
    ("ru", "held-out"): (0.96, 1.0),  # the target (0.90, 0.95) holds
}


@dataclass
class Result:
    questions: int = 0
    right: int = 0
    off_topic: int = 0
    missed: int = 0
    wrong_language: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def top1(self) -> float:
        return self.right / self.questions if self.questions else 1.0

    @property
    def off_topic_missed(self) -> float:
        return self.missed / self.off_topic if self.off_topic else 1.0


def load_set(lang: str, split: str) -> dict | None:
    """The questions of one split, its files merged; None when none of its files exists yet."""
    merged: dict[str, list] = {"questions": [], "off_topic": [], "near_domain": []}
    found = False
    for name in SETS[(lang, split)]:
        path = EVAL / name
        if not path.exists():
            continue
        found = True
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for key in merged:
            merged[key] += data.get(key) or []
    return merged if found else None


def evaluate(core: AnswerCore, data: dict, lang: str) -> Result:
    r = Result()
    for item in data["questions"]:
        a = core.ask(item["q"])
        shown = [f.id for f in a.facts]
        problems = []
        if not shown or shown[0] not in item["expect"]:
            problems.append(f"first {shown[0] if shown else a.kind!r}, expected one of {item['expect']}")
        missing = [i for i in item.get("all") or [] if i not in shown]
        if missing:
            problems.append(f"not shown: {missing} (shown {shown})")
        if item.get("constraint_note") and not (a.unmet and a.note):
            problems.append(f"no unmet constraint named (note {a.note!r})")
        if a.lang != lang:
            r.wrong_language += 1
            problems.append(f"answered in {a.lang!r}")
        r.questions += 1
        if problems:
            r.failures.append(f"{item['q']!r}: " + "; ".join(problems))
        else:
            r.right += 1
    for q in [*data["off_topic"], *data["near_domain"]]:
        a = core.ask(q)
        r.off_topic += 1
        if a.lang != lang:
            r.wrong_language += 1
            r.failures.append(f"off-topic {q!r}: answered in {a.lang!r}")
        if a.matched:
            r.failures.append(f"off-topic {q!r} answered: {[f.id for f in a.facts]}")
        else:
            r.missed += 1
    return r


@pytest.mark.parametrize(("lang", "split"), list(SETS))
def test_expected_ids_exist(core, lang, split):
    data = load_set(lang, split)
    if data is None:
        pytest.skip(f"no {lang} {split} set yet: {SETS[(lang, split)]}")
    unknown = {i for item in data["questions"] for i in [*item["expect"], *(item.get("all") or [])]}
    unknown -= set(core.kb.by_id)
    assert not unknown, f"fact ids in the {lang} {split} set that the fact base does not have: {sorted(unknown)}"


@pytest.mark.parametrize(("lang", "split"), list(SETS))
def test_floors(core, lang, split):
    data = load_set(lang, split)
    if data is None:
        pytest.skip(f"no {lang} {split} set yet: {SETS[(lang, split)]}")
    r = evaluate(core, data, lang)
    top1_floor, off_floor = FLOORS[(lang, split)]
    report = "\n".join(r.failures)
    assert r.top1 >= top1_floor, f"{lang} {split}: top-1 {r.top1:.1%} < {top1_floor:.0%}\n{report}"
    assert r.off_topic_missed >= off_floor, f"{lang} {split}: off-topic {r.off_topic_missed:.1%}\n{report}"
    if lang == "ru":
        assert r.wrong_language == 0, f"answers to Russian questions not in Russian:\n{report}"


def main(only: list[str], tuning_only: bool = False) -> None:
    """Print every set (or only the splits/languages named, e.g. `tuning`, `ru`) and every failure.

    `tuning_only`: figures for every set but failures only for the tuning sets, so that the held-out
    sets can be measured without their single questions being seen (and tuned on).
    """
    core = AnswerCore(load_valid())
    for (lang, split), files in SETS.items():
        if only and not {lang, split} & set(only):
            continue
        data = load_set(lang, split)
        if data is None:
            print(f"{lang} {split}: no set yet ({', '.join(files)})")
            continue
        r = evaluate(core, data, lang)
        print(
            f"{lang} {split}: top-1 {r.top1:.1%} of {r.questions} questions; "
            f"off-topic/near-domain missed {r.off_topic_missed:.1%} of {r.off_topic}; "
            f"wrong language {r.wrong_language}"
        )
        if split.startswith("tuning") or not tuning_only:
            for line in r.failures:
                print(f"    {line}")


if __name__ == "__main__":
    import sys

    args = sys.argv[1:]
    main([a for a in args if a != "--tuning-only"], tuning_only="--tuning-only" in args)
