"""The real fact base validates; every kind of breakage in a copy is reported with file and fact id."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from bot.errors import KnowledgeError
from bot.knowledge import default_knowledge_dir, load, load_valid

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "knowledge"
PARAGRAPH_ITEMS = {
    "25": "ABCDE",
    "26": "ABCDEF",
    "27": "ABCDEFGHIJKL",
    "28": "ABCDEFGHIJKLM",
    "29": "ABCDEFG",
    "30": "AB",
}
EXPECTED_SECTIONS = {"cable"} | {f"{p}.{x}" for p, letters in PARAGRAPH_ITEMS.items() for x in letters}


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    dst = tmp_path / "knowledge"
    shutil.copytree(KNOWLEDGE, dst)
    return dst


def cli(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        cwd=cwd or REPO,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_real_fact_base_is_valid(kb):
    assert [str(p) for p in kb.problems] == []
    assert len(kb.facts) >= 60


def test_every_item_of_paragraphs_25_to_30_and_the_header_has_a_fact(kb):
    assert EXPECTED_SECTIONS - set(kb.sections) == set()


def test_no_personal_contact_details_anywhere(kb):
    text = json.dumps([f.model_dump(mode="json") for f in kb.facts])
    assert "5011" not in text and "2050" not in text and "@state.gov" not in text.lower()


def test_penalty_data_carries_the_cable_ranges(kb):
    penalties = {f.data.article: f.data for f in kb.facts if f.data and f.data.kind == "penalty"}
    assert {"130.1", "130", "132", "167", "138", "139", "140"} <= set(penalties)
    p = penalties["130.1"]
    assert (p.base.min_years, p.base.max_years, p.confiscation) == (5, 8, True)
    assert [(a.min_years, a.max_years) for a in p.aggravated] == [(12, 15)]
    assert (penalties["130"].base.min_years, penalties["130"].base.max_years) == (5, 10)


def test_validate_cli_on_real_base_lists_sections():
    r = cli("validate")
    assert r.returncode == 0, r.stdout + r.stderr
    assert re.match(r"^\d+ facts, \d+ sections, all quotes found in /.+knowledge$", r.stdout.splitlines()[0])
    assert all(s in r.stdout.split() for s in EXPECTED_SECTIONS)


def test_validate_json():
    r = cli("validate", "--json")
    out = json.loads(r.stdout)
    assert r.returncode == 0 and out["errors"] == [] and out["facts"] > 0
    assert set(out["sections"]) >= EXPECTED_SECTIONS


def _break(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count))


def _first_fact_id(path: Path) -> str:
    return re.search(r"^\s*- id:\s*(\S+)", path.read_text(), re.M).group(1)


def _file_of(copy: Path, fact_id: str) -> Path:
    return next(
        p for p in copy.glob("*.yml") if any(f["id"] == fact_id for f in yaml.safe_load(p.read_text())["facts"])
    )


def _edit(copy: Path, fact_id: str, change) -> Path:
    """Change one fact through the YAML data (not the text), so the test does not depend on layout."""
    path = _file_of(copy, fact_id)
    doc = yaml.safe_load(path.read_text())
    change(next(f for f in doc["facts"] if f["id"] == fact_id))
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    return path


def _break_word(quote: str) -> str:
    words = quote.split()
    k = max(range(len(words)), key=lambda j: len(words[j]))
    return " ".join([*words[:k], words[k] + "x", *words[k + 1 :]])


def test_every_single_broken_quote_is_caught_with_file_and_fact(copy, kb):
    """Break every quote of the real base (one word changed in each): each one is reported on its own,
    with its file and fact, and nothing else is."""
    file_of = {}
    for path in copy.glob("*.yml"):
        doc = yaml.safe_load(path.read_text())
        for f in doc["facts"]:
            f["quotes"] = [_break_word(q) for q in f["quotes"]]
            file_of[f["id"]] = str(path)
        path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))
    problems = {str(p) for p in load(copy).problems}
    expected = {(file_of[f.id], f.id, i + 1) for f in kb.facts for i in range(len(f.quotes))}
    found = {
        (m[1], m[2], int(m[3]))
        for p in problems
        if (m := re.match(r"^(.+?):\d+: ([a-z0-9-]+): quote (\d+) not found in the source", p))
    }
    assert found == expected
    assert len(problems) == len(expected)


def test_cli_exits_nonzero_on_broken_quote_and_names_file_and_fact(copy):
    path = copy / "p27.yml"
    fid = _first_fact_id(path)
    text = path.read_text()
    m = re.search(r"quotes:\s*\n\s*- ['\"]?(\w+)", text)
    path.write_text(text[: m.start(1)] + "Zzz" + text[m.start(1) :])
    r = cli("validate", "--knowledge-dir", str(copy))
    assert r.returncode == 1
    assert re.search(rf"^{re.escape(str(path))}:\d+: {fid}: quote 1 not found", r.stdout, re.M), r.stdout


def test_duplicate_id(copy):
    a, b = copy / "p25.yml", copy / "p26.yml"
    fid = _first_fact_id(a)
    _break(b, f"- id: {_first_fact_id(b)}", f"- id: {fid}")
    problems = [str(p) for p in load(copy).problems]
    assert any(p.startswith(str(b)) and f": {fid}: duplicate id (first defined at {a}:" in p for p in problems)


def test_bad_range(copy):
    path = copy / "p27.yml"
    _break(path, "min_years: 12", "min_years: 16")  # 130.1 aggravated 12-15 becomes 16-15
    problems = [str(p) for p in load(copy).problems]
    assert any(str(path) in p and "min 16.0 is greater than max 15" in p for p in problems), problems


def test_unknown_field(copy):
    path = copy / "p28.yml"
    fid = _first_fact_id(path)
    _break(path, f"- id: {fid}\n", f"- id: {fid}\n    sources: [IOM]\n")
    problems = [str(p) for p in load(copy).problems]
    assert any(re.match(rf"{re.escape(str(path))}:\d+: {fid}: unknown field 'sources'", p) for p in problems), problems


def test_missing_required_field_and_bad_section(copy):
    path = copy / "p29.yml"
    fid = _first_fact_id(path)
    text = path.read_text()
    path.write_text(re.sub(r'section: "?29\.A"?', 'section: "29.Z"', text, count=1))
    problems = [str(p) for p in load(copy).problems]
    assert any("section '29.Z' is not PARAGRAPH.LETTER" in p and str(path) in p for p in problems), problems
    path.write_text(re.sub(r"^    title: .*\n", "", text, count=1, flags=re.M))
    problems = [str(p) for p in load(copy).problems]
    assert any(f": {fid}: required field 'title' is missing" in p for p in problems), problems


def test_bad_yaml_syntax_is_one_line_not_a_traceback(copy):
    path = copy / "p30.yml"
    path.write_text(path.read_text() + "\n  - id: [unclosed\n")
    r = cli("validate", "--knowledge-dir", str(copy))
    assert r.returncode == 1
    assert re.search(rf"^{re.escape(str(path))}:\d+: YAML syntax error", r.stdout, re.M)
    assert "Traceback" not in r.stdout + r.stderr


def test_alias_claimed_by_two_unrelated_facts(copy, kb):
    a = next(f for f in kb.facts if f.section == "28.B" and f.aliases)
    b = next(f for f in kb.facts if f.topic != a.topic and a.id not in f.related and f.id not in a.related)
    path = _edit(copy, b.id, lambda f: f.__setitem__("aliases", [*f.get("aliases", []), a.aliases[0].upper()]))
    problems = [str(p) for p in load(copy).problems]
    clash = [p for p in problems if "alias" in p and {a.id, b.id} <= set(re.findall(r"[a-z0-9-]{3,}", p))]
    assert clash, problems
    # declaring the link on purpose makes it legal
    _edit(copy, b.id, lambda f: f.__setitem__("related", [*f.get("related", []), a.id]))
    assert not [p for p in map(str, load(copy).problems) if "alias" in p], str(path)


@pytest.mark.parametrize("setup", ["missing", "empty", "no-source"])
def test_unusable_directory_exits_2_with_a_clear_message(tmp_path, setup):
    d = tmp_path / "kb"
    if setup != "missing":
        d.mkdir()
    if setup == "no-source":
        (d / "a.yml").write_text("facts: []\n")
    r = cli("validate", "--knowledge-dir", str(d))
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and str(d) in r.stderr


def test_knowledge_dir_from_environment(copy):
    _break(copy / "p26.yml", "quotes:\n      - ", "quotes:\n      - Zzz ")
    r = cli("validate", env={"KNOWLEDGE_DIR": str(copy)})
    assert r.returncode == 1 and str(copy / "p26.yml") in r.stdout


def test_load_valid_refuses_a_bad_base(copy):
    _break(copy / "p25.yml", "quotes:\n      - ", "quotes:\n      - Zzz ")
    with pytest.raises(KnowledgeError) as e:
        load_valid(copy)
    assert any("p25.yml" in p for p in e.value.problems)


def test_wheel_carries_the_knowledge_base(tmp_path):
    """`pip install .` (non-editable) must ship knowledge/ so validate works from any directory."""
    from hatchling.builders.wheel import WheelBuilder

    wheel = next(iter(WheelBuilder(str(REPO)).build(directory=str(tmp_path), versions=["standard"])))
    names = zipfile.ZipFile(wheel).namelist()
    assert "bot/_knowledge/source/dushanbe-000170-2010-tip-report.txt" in names
    assert {f"bot/_knowledge/{p.name}" for p in KNOWLEDGE.glob("*.yml")} <= set(names)


def test_validate_runs_from_any_directory(tmp_path):
    r = subprocess.run(
        [sys.executable, "-m", "bot", "validate"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=60,
    )
    assert r.returncode == 0, r.stderr
    assert default_knowledge_dir().is_dir()


def test_validated_base_is_cached_and_any_edit_is_revalidated(copy, tmp_path):
    cache = tmp_path / "cache" / "tip-bot"
    first = load_valid(copy, cache_dir=cache)
    assert list(cache.glob("kb-*.pickle"))
    assert load_valid(copy, cache_dir=cache).facts == first.facts
    _break(copy / "p25.yml", "quotes:\n      - ", "quotes:\n      - Zzz ")
    with pytest.raises(KnowledgeError):
        load_valid(copy, cache_dir=cache)


def test_personal_contact_details_are_rejected_even_in_a_verbatim_quote(copy, kb):
    fid = next(f.id for f in kb.facts if f.section == "cable")
    poc = "Point of contact for trafficking issues is Chaz Martin, phone +992 90 700 5011"
    path = _edit(copy, fid, lambda f: f["quotes"].append(poc))
    problems = [str(p) for p in load(copy).problems]
    assert any(p.startswith(f"{path}:") and f": {fid}: quotes holds a phone number" in p for p in problems), problems


def test_case_and_victim_counts_carry_the_cable_figures(kb):
    rows = [r for f in kb.facts if f.data and f.data.kind == "cases" for r in f.data.rows]
    by = {(r.year, r.article, r.measure): r.count for r in rows}
    assert by[(2009, None, "opened")] == 24 and by[(2008, None, "opened")] == 23
    assert by[(None, "130.1", "opened")] == 2  # the cable gives no year for the per-article figures
    assert (by[(None, "167", "prosecuted")], by[(None, "167", "convicted")]) == (19, 25)
    victims = next(f.data for f in kb.facts if f.data and f.data.kind == "victims" and f.data.total == 47)
    assert victims.year == 2009 and sum(g.count for g in victims.groups if g.group != "minors") <= 47
    shelters = next(f.data for f in kb.facts if f.data and f.data.kind == "shelters")
    assert shelters.count == 3


def test_staff_names_and_grades_are_rejected_in_any_field(copy, kb):
    """Issue 9: roles only. Names come from the source's own staff lines, so none can come back."""
    fid = next(f.id for f in kb.facts if f.id == "cable-point-of-contact")
    path = _edit(copy, fid, lambda f: f.update(answer=f["answer"] + " The officer is Chaz Martin."))
    other = next(f.id for f in kb.facts if f.section == "27.A")
    _edit(copy, other, lambda f: f.update(note="Compiled by an INL Assistant, Grade 8."))
    problems = [str(p) for p in load(copy).problems]
    assert any(p.startswith(f"{path}:") and f": {fid}: answer names an individual staff member" in p for p in problems)
    assert any(f": {other}: note names an individual staff member ('Grade 8')" in p for p in problems), problems


def test_the_real_base_names_no_staff():
    from bot.knowledge import SOURCE_NAME, staff_names

    source = (default_knowledge_dir() / "source" / SOURCE_NAME).read_text(encoding="utf-8")
    assert {"chaz martin", "sarvat ansori", "laura pena"} <= staff_names(source)
    assert not [p for p in load().problems if "staff" in p.message]


# ---------------------------------------------------------------- the Russian side (issue 10)

# Translations landed file by file; the real base must now have every fact's Russian side. Set this to True
# only to land a fact file whose Russian side is still being written.
ALLOW_MISSING_RU = False


def test_the_real_base_has_no_russian_problems(kb):
    from bot.knowledge import RU_MISSING

    problems = [str(p) for p in kb.problems if ": ru" in str(p)]
    if ALLOW_MISSING_RU:
        problems = [p for p in problems if not p.endswith(RU_MISSING)]
    assert not problems, "\n".join(problems)


def _ru_problems(copy: Path, fid: str) -> list[str]:
    return [str(p) for p in load(copy).problems if f": {fid}: ru" in str(p)]


def test_a_missing_russian_side_is_reported_per_fact(copy, kb):
    fid = "shelters-count"
    path = _edit(copy, fid, lambda f: f.pop("ru"))
    problems = _ru_problems(copy, fid)
    assert problems == [f"{path}:{_line_of(path, fid)}: {fid}: ru: the Russian side is missing"], problems


def _line_of(path: Path, fid: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if line.strip() == f"- id: {fid}")


def test_english_left_in_the_russian_text_is_reported_but_names_and_citations_are_not(copy, kb):
    fid = "penalty-130"
    _edit(copy, fid, lambda f: f["ru"].update(title=f["ru"]["title"] + " and the penalties for abduction"))
    assert any("ru.title: English left untranslated" in p for p in _ru_problems(copy, fid))
    ok = "Данные МОМ (IOM) и ОБСЕ; в телеграмме — the Border Guards; «shortThere is not»; DUSHANBE 000170"
    other = "penalty-167"
    _edit(copy, other, lambda f: f["ru"].update(note=ok))
    assert _ru_problems(copy, other) == []


def test_numbers_must_be_the_same_digit_for_digit_both_ways(copy, kb):
    fid = "penalty-130-1"
    ru_answer = kb.by_id[fid].ru.answer
    _edit(copy, fid, lambda f: f["ru"].update(answer=ru_answer.replace("130.1", "130,1").replace("15", "16")))
    [problem] = [p for p in _ru_problems(copy, fid) if "numbers" in p]
    assert "missing in Russian: 130.1, 15" in problem and "not in the English answer: 130,1, 16" in problem


def test_every_data_text_needs_a_russian_label(copy, kb):
    fid = "shelters-count"
    city = kb.by_id[fid].data.shelters[0].city
    _edit(copy, fid, lambda f: f["ru"]["labels"].pop(city))
    assert any(f"ru.labels: no Russian label for {city!r}" in p for p in _ru_problems(copy, fid))


def test_a_facts_text_in_either_language(kb):
    f = kb.by_id["shelters-count"]
    assert f.text("en").answer == f.answer and f.text("ru").answer == f.ru.answer
    untranslated = f.model_copy(update={"ru": None})
    assert untranslated.text("ru").lang == "en" and untranslated.text_in("ru") is None
    city = f.data.shelters[0].city
    assert f.label(city, "ru") == f.ru.labels[city] and f.label(city, "en") == city


def test_answers_keep_the_cables_qualifiers_and_years_in_both_languages():
    """Issue 9 data review: "maximum" kept, consuls not made Tajik, a 2009 harvest not filed under 2008."""
    kb = load_valid()
    p132 = kb.by_id["penalty-132"]
    assert "maximum" in p132.answer.lower() and "максимальн" in p132.ru.answer.lower()
    for fid in ("identification-dubai-consul", "consuls-travel-documents"):
        f = kb.by_id[fid]
        assert "tajik consul" not in f.answer.lower() and "таджикск" not in f.ru.answer.lower()
    assert 2009 in kb.by_id["school-coercion-cotton-decline"].years
