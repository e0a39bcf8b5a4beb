"""A curator's mistakes are reported once, where they are, by the command they ran."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bot.knowledge import default_knowledge_dir, load


@pytest.fixture
def knowledge(tmp_path: Path) -> Path:
    dest = tmp_path / "knowledge"
    shutil.copytree(default_knowledge_dir(), dest)
    return dest


def _break_flow_list(path: Path) -> int:
    """Open a flow list on the first title line and never close it; returns that line's number."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    n = next(i for i, line in enumerate(lines) if line.lstrip().startswith("title:"))
    lines[n] = lines[n].replace("title:", "title: [unclosed", 1)
    path.write_text("".join(lines), encoding="utf-8")
    return n + 1


def test_one_yaml_error_is_one_problem_at_its_line(knowledge: Path):
    assert not load(knowledge).problems
    broken = sorted(knowledge.glob("p2*.yml"))[-1]  # other files' facts name its facts in `related`
    line = _break_flow_list(broken)
    problems = load(knowledge).problems
    assert [(p.file, p.line) for p in problems] == [(str(broken), line)], [str(p) for p in problems]
    assert "YAML syntax error" in problems[0].message


def test_an_invalid_fact_is_not_reported_again_as_a_missing_related_id(knowledge: Path):
    kb = load(knowledge)
    target = next(f for f in kb.facts if any(f.id in g.related for g in kb.facts))
    path = next(p for p in knowledge.glob("*.yml") if f"id: {target.id}" in p.read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"id: {target.id}\n", f"id: {target.id}\n    colour: red\n", 1), encoding="utf-8")
    problems = [str(p) for p in load(knowledge).problems]
    assert len(problems) == 1 and "unknown field 'colour'" in problems[0], problems


def test_validate_exits_1_naming_the_line(knowledge: Path):
    line = _break_flow_list(knowledge / "p28.yml")
    done = subprocess.run(
        [sys.executable, "-m", "bot", "validate", "--knowledge-dir", str(knowledge)], capture_output=True, text=True
    )
    assert done.returncode == 1
    assert done.stdout.splitlines()[0].startswith(f"{knowledge / 'p28.yml'}:{line}: YAML syntax error")
