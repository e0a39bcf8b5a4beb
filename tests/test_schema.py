"""The fact schema (bot/facts.py) is plain dataclasses checked by pydantic only when YAML is validated.

Each expected message below is what `tip-bot validate` printed when the schema classes were pydantic
models: moving the constraints into `Rule`s and `__post_init__` must not change a curator's report."""

from __future__ import annotations

import copy
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from bot.facts import CountItem, Shelter, SheltersData, Term
from bot.knowledge import KnowledgeBase, load, load_valid

REAL_ID = {"penalty": "penalty-130-1", "cases": "cases-opened-2009", "plain": "cable-sender"}

CASES: list[tuple[str, Callable[[dict], object], str]] = [
    ("plain", lambda f: f.update(sources=["IOM"]), "unknown field 'sources'"),
    ("penalty", lambda f: f["data"]["base"].update(zz=1), "unknown field 'data.penalty.base.zz'"),
    ("cases", lambda f: f["data"]["rows"][0].update(extra=1), "unknown field 'data.cases.rows.0.extra'"),
    ("penalty", lambda f: f["ru"].update(extra="x"), "unknown field 'ru.extra'"),
    ("penalty", lambda f: f["data"].pop("offence"), "required field 'data.penalty.offence' is missing"),
    ("plain", lambda f: f["ru"].pop("title"), "required field 'ru.title' is missing"),
    ("plain", lambda f: f.update(quotes=[]), "quotes: List should have at least 1 item after validation, not 0"),
    ("plain", lambda f: f.update(quotes=["short"]), "quotes.0: String should have at least 8 characters"),
    ("plain", lambda f: f.update(title="  ab  "), "title: String should have at least 3 characters"),
    (
        "plain",
        lambda f: f.update(articles=["13a"]),
        r"articles.0: String should match pattern '^\d{1,3}(?:\.\d{1,2})?$'",
    ),
    ("plain", lambda f: f.update(years=[1980]), "years.0: Input should be greater than or equal to 1990"),
    (
        "plain",
        lambda f: f.update(section="29.Z"),
        "section: section '29.Z' is not PARAGRAPH.LETTER (25.A … 30.M) or 'cable'",
    ),
    (
        "plain",
        lambda f: f.update(data={"kind": "weather"}),
        "data: Input tag 'weather' found using 'kind' does not match any of the expected tags: "
        "'penalty', 'cases', 'victims', 'shelters', 'counts'",
    ),
    (
        "penalty",
        lambda f: f["data"].update(base={"min_years": 16, "max_years": 15}),
        "data.penalty.base: penalty range: min 16.0 is greater than max 15.0",
    ),
    (
        "penalty",
        lambda f: f["data"].update(aggravated=[{"conditions": ["x"]}]),
        "data.penalty.aggravated.0: penalty range: give min_years, max_years or fine",
    ),
    (
        "penalty",
        lambda f: f["data"]["base"].update(min_years=-1),
        "data.penalty.base.min_years: Input should be greater than or equal to 0",
    ),
    (
        "cases",
        lambda f: f["data"].update(rows=[]),
        "data.cases.rows: List should have at least 1 item after validation, not 0",
    ),
    (
        "cases",
        lambda f: f["data"]["rows"][0].update(count=5.5),
        "data.cases.rows.0.count: Input should be a valid integer, got a number with a fractional part",
    ),
    (
        "cases",
        lambda f: f["data"]["rows"][0].update(measure="arrested"),
        "data.cases.rows.0.measure: Input should be 'opened', 'prosecuted' or 'convicted'",
    ),
    ("plain", lambda f: f["ru"].update(answer="я" * 2001), "ru.answer: String should have at most 2000 characters"),
]


@pytest.fixture(scope="module")
def raw_facts(knowledge_dir: Path) -> dict[str, dict]:
    facts = [f for p in sorted(knowledge_dir.glob("*.yml")) for f in yaml.safe_load(p.read_text())["facts"]]
    return {kind: next(f for f in facts if f["id"] == fid) for kind, fid in REAL_ID.items()}


@pytest.fixture(scope="module")
def broken(raw_facts, knowledge_dir, tmp_path_factory) -> tuple[Path, KnowledgeBase]:
    """One file per case, each holding one real fact with one thing broken, validated in one load."""
    d = tmp_path_factory.mktemp("broken")
    shutil.copytree(knowledge_dir / "source", d / "source")
    for i, (kind, change, _) in enumerate(CASES):
        fact = copy.deepcopy(raw_facts[kind])
        change(fact)
        fact["id"] = f"{fact['id']}-case{i}"
        (d / f"case{i:02}.yml").write_text(yaml.safe_dump({"facts": [fact]}, allow_unicode=True, sort_keys=False))
    return d, load(d)


@pytest.mark.parametrize("i", range(len(CASES)), ids=[c[2][:40] for c in CASES])
def test_each_breakage_is_reported_as_before(broken, raw_facts, i):
    d, kb = broken
    kind, _, message = CASES[i]
    fid = f"{raw_facts[kind]['id']}-case{i}"
    mine = [p for p in kb.problems if p.file == str(d / f"case{i:02}.yml") and p.line]
    assert f"{fid}: {message}" in [f"{p.fact_id}: {p.message}" for p in mine], [str(p) for p in mine]
    assert fid not in {f.id for f in kb.facts}


def test_strings_are_stripped_and_values_coerced_as_before(raw_facts, knowledge_dir, tmp_path):
    shutil.copytree(knowledge_dir / "source", tmp_path / "source")
    fact = copy.deepcopy(raw_facts["penalty"])
    fact["title"] = f"  {fact['title']}  "
    fact["data"]["offence"] = f" {fact['data']['offence']}\n"
    fact["data"]["base"]["min_years"] = str(fact["data"]["base"]["min_years"])  # "5": lax, as a model was
    (tmp_path / "f.yml").write_text(yaml.safe_dump({"facts": [fact]}, allow_unicode=True))
    [got] = load(tmp_path).facts
    assert got.title == raw_facts["penalty"]["title"].strip()
    assert got.data.offence == raw_facts["penalty"]["data"]["offence"].strip()
    assert got.data.base.min_years == float(raw_facts["penalty"]["data"]["base"]["min_years"])


def test_checks_across_fields_also_guard_facts_built_in_code():
    with pytest.raises(ValueError, match="min 3 is greater than max 1"):
        Term(min_years=3, max_years=1)
    with pytest.raises(ValueError, match="give min_years, max_years or fine"):
        Term()
    with pytest.raises(ValueError, match="count is 2 but 1 are listed"):
        SheltersData(kind="shelters", count=2, shelters=[Shelter(city="Dushanbe", serves="women", run_by="IOM")])
    with pytest.raises(ValueError, match="count 'x': min 2 is greater than max 1"):
        CountItem(label="x", min=2, max=1)


def test_the_cached_base_is_plain_data(knowledge_dir, tmp_path):
    """The pickle names only bot.facts classes and builtins: loading it needs no pydantic."""
    kb = load_valid(knowledge_dir, cache_dir=tmp_path)
    [cached] = tmp_path.glob("kb-*.pickle")
    data = cached.read_bytes()
    assert b"pydantic" not in data
    facts, _source = pickle.loads(data)
    assert facts == kb.facts and facts[0].model_dump() == kb.facts[0].model_dump()
