"""Load the fact files once, validate them against the schema and the source text.

Every problem becomes one line `file:line: fact-id: what is wrong`, so a curator can jump to it.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from bot.errors import KnowledgeError
from bot.facts import Fact

SOURCE_NAME = "dushanbe-000170-2010-tip-report.txt"
_PERSONAL = re.compile(r"\+\d[\d ]{6,}|[\w.+-]+@[\w-]+\.[\w.]+")
# Individual staff are named by role only: no names, grades or personal hours (issue 9). The names are read
# from the source's own staff lines, so a curator cannot bring one back under another field.
_GRADE = re.compile(r"\b(?:FS|FSN|GS)-\d{1,2}\b|\bgrade \d{1,2}\b", re.IGNORECASE)
_STAFF_LINES = (
    re.compile(r"Point of contact for trafficking issues is ([A-Z][a-z]+(?: [A-Z][a-z]+)+)"),
    re.compile(r"(?:^|: |; )([A-Z][a-z]+(?: [A-Z][a-z]+)+), [^;:]+?(?:, [^;:]+)?: \d+ hours", re.MULTILINE),
    re.compile(r"DEPARTMENT FOR [^\n]*?\bG-([A-Z]+ [A-Z]+)\b"),
)


def default_knowledge_dir() -> Path:
    """The fact files to read when neither --knowledge-dir nor KNOWLEDGE_DIR names them: the checkout
    you are working in (a curator editing knowledge/ must never be answered from an installed copy),
    else the copy installed with the package (wheel), else the repo next to the package (editable)."""
    here = Path(__file__).resolve().parent
    installed = here / "_knowledge"
    return checkout_knowledge() or (installed if installed.is_dir() else here.parent / "knowledge")


def checkout_knowledge(start: Path | None = None) -> Path | None:
    """knowledge/ of the tip-bot checkout holding `start` (default: the working directory), if any."""
    here = (start or Path.cwd()).resolve()
    for d in (here, *here.parents):
        project = d / "pyproject.toml"
        if (d / "knowledge").is_dir() and project.is_file():
            try:
                if re.search(r'^name\s*=\s*"tip-bot"', project.read_text(encoding="utf-8"), re.MULTILINE):
                    return d / "knowledge"
            except (OSError, UnicodeDecodeError):
                return None
    return None


def fact_files(d: Path) -> list[Path]:
    return sorted(p for p in d.iterdir() if p.suffix in (".yml", ".yaml") and p.is_file())


def fold(text: str) -> str:
    """Whitespace folded to single spaces: the only difference a quote may have from the source."""
    return " ".join(text.split())


@dataclass(frozen=True)
class Problem:
    file: str
    line: int | None
    fact_id: str | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.fact_id}: {self.message}" if self.fact_id else f"{where}: {self.message}"


@dataclass
class KnowledgeBase:
    directory: Path
    source: str
    facts: tuple[Fact, ...]
    problems: list[Problem] = field(default_factory=list)

    @cached_property
    def by_id(self) -> dict[str, Fact]:
        return {f.id: f for f in self.facts}

    @property
    def sections(self) -> list[str]:
        return sorted({f.section for f in self.facts}, key=section_key)


def section_key(section: str) -> tuple[int, str]:
    if section == "cable":
        return (0, "")
    para, letter = section.split(".")
    return (int(para), letter)


@dataclass
class _Parsed:
    file: str
    line: int
    raw: object
    key_lines: dict[str, int]
    unparsed: bool = False  # from a file with a YAML error: only its id is known, already reported


def _parse_file(path: Path, shown: str, problems: list[Problem]) -> list[_Parsed]:
    import yaml  # here, not at the top: a cached, already-validated base never needs the parser

    loader_class = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        problems.append(Problem(shown, None, None, f"cannot read file ({e})"))
        return []
    try:
        loader = loader_class(text)
        try:
            node = loader.get_single_node()
            doc = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as e:
        problems.append(_yaml_problem(e, shown))
        return [_Parsed(shown, 0, {"id": i}, {}, unparsed=True) for i in _DEFINED_ID.findall(text)]
    if node is None or not isinstance(doc, dict) or not isinstance(doc.get("facts"), list) or set(doc) != {"facts"}:
        problems.append(Problem(shown, 1, None, "the file must be a mapping with one key, 'facts', holding a list"))
        return []
    facts_node = next(v for k, v in node.value if k.value == "facts")
    out = []
    for item_node, raw in zip(facts_node.value, doc["facts"], strict=True):
        key_lines = {}
        if isinstance(item_node, yaml.MappingNode):
            key_lines = {k.value: k.start_mark.line + 1 for k, _ in item_node.value}
        out.append(_Parsed(shown, item_node.start_mark.line + 1, raw, key_lines))
    return out


# `- id: x` / `id: "x"` lines: the facts a file that does not parse would define (see `_Parsed.unparsed`).
_DEFINED_ID = re.compile(r"^\s*(?:-\s+)?id:\s*[\"']?([\w.-]+)", re.MULTILINE)


def _yaml_problem(e: Exception, shown: str) -> Problem:
    """One problem at the line where the broken construct starts (a flow list opened and never
    closed is noticed only on a later line), naming where the parser gave up."""
    problem_mark = getattr(e, "problem_mark", None)
    context_mark = getattr(e, "context_mark", None)
    reason = getattr(e, "problem", None) or str(e).splitlines()[0]
    mark = context_mark or problem_mark
    line = mark.line + 1 if mark else None
    if context_mark and problem_mark and problem_mark.line != context_mark.line:
        reason += f" (at line {problem_mark.line + 1}, {getattr(e, 'context', '') or 'in this construct'})"
    return Problem(shown, line, None, f"YAML syntax error: {reason}")


@cache
def _fact_validator() -> Any:
    """pydantic's validator for the Fact schema, built on first use: a cached base never imports pydantic."""
    from pydantic import TypeAdapter

    return TypeAdapter(Fact)


# pydantic's error types for a key the schema does not have (a model says the first, a dataclass the second)
_UNKNOWN_FIELD = ("extra_forbidden", "unexpected_keyword_argument")


def _check_fact(p: _Parsed, problems: list[Problem]) -> Fact | None:
    from pydantic import ValidationError

    raw = p.raw
    fid = raw.get("id") if isinstance(raw, dict) and isinstance(raw.get("id"), str) else None
    if not isinstance(raw, dict):
        problems.append(Problem(p.file, p.line, None, "a fact must be a mapping of fields"))
        return None
    try:
        fact: Fact = _fact_validator().validate_python(raw)
        return fact
    except ValidationError as e:
        for err in e.errors():
            loc = err["loc"]
            top = str(loc[0]) if loc else ""
            line = p.key_lines.get(top, p.line)
            path = ".".join(str(x) for x in loc if not str(x).startswith("function-"))
            if err["type"] in _UNKNOWN_FIELD:
                msg = f"unknown field '{path}'"
            elif err["type"] == "missing":
                msg = f"required field '{path}' is missing"
            else:
                msg = f"{path}: {err['msg'].removeprefix('Value error, ')}"
            problems.append(Problem(p.file, line, fid, msg))
        return None


def staff_names(source: str) -> frozenset[str]:
    """The individual staff the source names (point of contact, hours by officer, attention line), casefolded.

    Each full name and each of its parts, so "Martin" alone is caught as well as "Chaz Martin".
    """
    names: set[str] = set()
    for pattern in _STAFF_LINES:
        for m in pattern.finditer(source):
            full = m.group(1).casefold()
            names.add(full)
            names.update(part for part in full.split() if len(part) > 2)
    return frozenset(names)


def _strings(value: object) -> list[str]:
    """Every string inside a dumped fact (fields, data labels, the Russian side)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _staff_problem(f: Fact, names: frozenset[str]) -> str | None:
    """What names an individual staff member in a fact (a name or a grade), or None."""
    for field_name, value in f.model_dump(exclude={"id"}).items():
        for text in _strings(value):
            folded = text.casefold()
            found = [repr(n) for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", folded)]
            found += [repr(g) for g in _GRADE.findall(text)]
            if found:
                return f"{field_name} names an individual staff member ({', '.join(sorted(found))}): name roles only"
    return None


# The Russian side (issue 10). Latin words may appear in Russian text as names and abbreviations (IOM, OSCE,
# DUSHANBE 000170, Imran); three Latin words in a row with a lower-case letter among them are an English
# phrase left untranslated.
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[\s,;:]+[A-Za-z][A-Za-z'’-]*){2,}")
# English kept on purpose: quoted («…», "…"), or named as the cable's wording ("(в телеграмме — the Border Guards)").
_CITED_ENGLISH = re.compile(
    r"«[^»]*»|\"[^\"]*\"|“[^”]*”"  # quoted
    r"|\([^()]*(?:телеграмм|англ|ориг)[^()]*\)"  # "(в телеграмме — …)"
    r"|(?:в телеграмме|англ\.|в оригинале)\s*[—:-]\s*[^;.]*",  # "В телеграмме — …;"
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
# The texts in `data` that renderers print, so the Russian side must label each (enums and numbers aside).
_LABELLED = (
    "offence",
    "group",
    "exploitation",
    "city",
    "serves",
    "run_by",
    "funded_by",
    "opened",
    "reported_by",
    "label",
    "conditions",
)
RU_MISSING = "ru: the Russian side is missing"


def _numbers(text: str) -> set[str]:
    """Every number as written, digit for digit ("130.1", "2009", "20"): 130,1 is not 130.1."""
    return {m.group(0).rstrip(".,") for m in _NUMBER.finditer(text)}


def _data_texts(value: object, key: str = "") -> list[str]:
    """The printed texts inside a fact's data (see _LABELLED), in order."""
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in _data_texts(v, k)]
    if isinstance(value, list):
        return [t for v in value for t in _data_texts(v, key)]
    return [value] if isinstance(value, str) and key in _LABELLED and value else []


def russian_problems(f: Fact) -> list[str]:
    """What is wrong with a fact's Russian side: missing, English left in it, numbers that differ from the
    English answer (both ways), data texts without a Russian label."""
    ru = f.ru
    if ru is None:
        return [RU_MISSING]
    out = []
    for name in ("title", "answer", "note"):
        text = _CITED_ENGLISH.sub(" ", getattr(ru, name))
        for m in _LATIN_RUN.finditer(text):
            if any(c.islower() for c in m.group(0)):
                out.append(f"ru.{name}: English left untranslated: {m.group(0)[:60]!r}")
                break
    en, ru_numbers = _numbers(f.answer), _numbers(ru.answer)
    if en != ru_numbers:
        parts = []
        if en - ru_numbers:
            parts.append("missing in Russian: " + ", ".join(sorted(en - ru_numbers)))
        if ru_numbers - en:
            parts.append("not in the English answer: " + ", ".join(sorted(ru_numbers - en)))
        out.append("ru.answer: numbers differ from the English answer (" + "; ".join(parts) + ")")
    if f.data is not None:
        unlabelled = [t for t in dict.fromkeys(_data_texts(f.data.model_dump())) if t not in ru.labels]
        if unlabelled:
            out.append("ru.labels: no Russian label for " + ", ".join(repr(t) for t in unlabelled[:5]))
    return out


def _norm_alias(a: str) -> str:
    return " ".join(re.sub(r"[^\w.]+", " ", a.casefold()).split())


def _cross_checks(
    facts: list[tuple[_Parsed, Fact]], source: str, problems: list[Problem], defined: frozenset[str] = frozenset()
) -> None:
    """`defined`: ids of facts that exist but failed to load (already reported): not "missing" again."""
    folded_source = fold(source)
    seen: dict[str, _Parsed] = {}
    alias_owner: dict[str, Fact] = {}
    ids = {f.id for _, f in facts} | defined
    names = staff_names(source)
    for p, f in facts:
        if f.id in seen:
            first = seen[f.id]
            problems.append(Problem(p.file, p.line, f.id, f"duplicate id (first defined at {first.file}:{first.line})"))
        else:
            seen[f.id] = p
        for i, q in enumerate(f.quotes):
            if fold(q) not in folded_source:
                problems.append(
                    Problem(
                        p.file,
                        p.key_lines.get("quotes", p.line),
                        f.id,
                        f"quote {i + 1} not found in the source: {fold(q)[:70]!r}",
                    )
                )
        for name in ("title", "answer", "note", "aliases", "keywords", "quotes"):
            value = getattr(f, name)
            if any(_PERSONAL.search(text) for text in ([value] if isinstance(value, str) else value)):
                problems.append(
                    Problem(
                        p.file, p.key_lines.get(name, p.line), f.id, f"{name} holds a phone number or e-mail address"
                    )
                )
        if staff := _staff_problem(f, names):
            problems.append(Problem(p.file, p.line, f.id, staff))
        for message in russian_problems(f):
            problems.append(Problem(p.file, p.key_lines.get("ru", p.line), f.id, message))
        for r in f.related:
            if r not in ids:
                problems.append(
                    Problem(p.file, p.key_lines.get("related", p.line), f.id, f"related id '{r}' does not exist")
                )
        for a in f.aliases:
            key = _norm_alias(a)
            other = alias_owner.setdefault(key, f)
            if other is f or other.id == f.id:
                continue
            if other.topic != f.topic and other.id not in f.related and f.id not in other.related:
                problems.append(
                    Problem(
                        p.file,
                        p.key_lines.get("aliases", p.line),
                        f.id,
                        f"alias '{a}' is also claimed by '{other.id}' (different topic, not listed in 'related')",
                    )
                )


def load(directory: str | Path | None = None) -> KnowledgeBase:
    """Read every fact file once. Missing/empty directory raises; fact problems are collected."""
    d = Path(directory) if directory else default_knowledge_dir()
    if not d.is_dir():
        raise KnowledgeError(f"knowledge directory {d} does not exist (set KNOWLEDGE_DIR or --knowledge-dir)")
    files = fact_files(d)
    if not files:
        raise KnowledgeError(f"knowledge directory {d} holds no fact files (*.yml)")
    src_path = d / "source" / SOURCE_NAME
    try:
        source = src_path.read_text(encoding="utf-8")
    except OSError:
        raise KnowledgeError(f"the source text {src_path} is missing: quotes cannot be checked") from None
    problems: list[Problem] = []
    checked: list[tuple[_Parsed, Fact]] = []
    defined: set[str] = set()
    for path in files:
        for parsed in _parse_file(path, str(path), problems):
            if isinstance(parsed.raw, dict) and isinstance(parsed.raw.get("id"), str):
                defined.add(parsed.raw["id"])
            fact = None if parsed.unparsed else _check_fact(parsed, problems)
            if fact is not None:
                checked.append((parsed, fact))
    _cross_checks(checked, source, problems, frozenset(defined))
    unique: dict[str, Fact] = {}
    for _, f in checked:
        unique.setdefault(f.id, f)
    return KnowledgeBase(d, source, tuple(unique.values()), problems)


def _fingerprint(d: Path) -> str | None:
    """Hash of every input to validation: fact files, source text and the schema module itself."""
    h = hashlib.sha256()
    try:
        for path in fact_files(d):
            h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        h.update((d / "source" / SOURCE_NAME).read_bytes())
        h.update(Path(__file__).with_name("facts.py").read_bytes() + Path(__file__).read_bytes())
    except OSError:
        return None
    return h.hexdigest()


def _cache_path(cache_dir: Path, fingerprint: str) -> Path:
    return cache_dir / f"kb-{fingerprint[:32]}.pickle"


def load_valid(directory: str | Path | None = None, *, cache_dir: Path | None = None) -> KnowledgeBase:
    """The fact base, or KnowledgeError listing every problem: the bot never runs on a bad one.

    With `cache_dir` (Settings.cache_dir: $XDG_CACHE_HOME/tip-bot or ~/.cache/tip-bot), a base that
    validated is cached there, keyed by a hash of every input to validation, so `tip-bot ask` starts
    without re-parsing YAML; any change to a file misses the cache and is validated in full. An
    unwritable cache is simply skipped. Without it nothing is written.
    """
    d = Path(directory) if directory else default_knowledge_dir()
    fp = _fingerprint(d) if cache_dir is not None and d.is_dir() else None
    if fp and cache_dir is not None:
        try:
            facts, source = pickle.loads(_cache_path(cache_dir, fp).read_bytes())
            return KnowledgeBase(d, source, facts)
        except (OSError, pickle.PickleError, EOFError, ValueError, TypeError, AttributeError):
            pass
    kb = load(d)
    if fp and cache_dir is not None and not kb.problems:
        try:
            path = _cache_path(cache_dir, fp)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{id(kb)}.tmp")
            tmp.write_bytes(pickle.dumps((kb.facts, kb.source), protocol=pickle.HIGHEST_PROTOCOL))
            tmp.replace(path)
            for old in path.parent.glob("kb-*.pickle"):  # keep one entry: the current base
                if old != path:
                    old.unlink(missing_ok=True)
        except OSError:
            pass
    if kb.problems:
        raise KnowledgeError(
            f"the knowledge base in {kb.directory} has {len(kb.problems)} problem(s); "
            "run `tip-bot validate` for the list",
            [str(p) for p in kb.problems],
        )
    return kb
