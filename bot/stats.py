"""What curators read (issue 12): from the store's usage log and votes, for `tip-bot stats` and the
Curators section of App Home. Pure: rows in, a Report out; the "did you mean" of each top miss is what
the core would suggest today (one `ask` per listed miss).

Questions are the rows of the surfaces where someone asked something (slash, DM, mention, a suggestion
clicked, the CLI); shares, "Show source", App Home and digest rows are not questions.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.store.base import UsageRow, Vote

if TYPE_CHECKING:
    from bot.core import AnswerCore
    from bot.knowledge import KnowledgeBase

QUESTION_SURFACES = ("slash", "dm", "mention", "suggestion", "cli")
_EDGE_PUNCT = re.compile(r"^[\s\W_]+|[\s\W_]+$")


def normalise(query: str) -> str:
    """One spelling per question: case-folded, whitespace folded, punctuation at the ends dropped."""
    return _EDGE_PUNCT.sub("", " ".join(query.casefold().split()))


@dataclass
class Miss:
    query: str  # normalised
    count: int
    did_you_mean: str | None  # the core's best suggestion for it today


@dataclass
class FactVotes:
    fact_id: str
    title: str
    title_ru: str | None  # the Russian side's title, where it is written
    up: int = 0
    down: int = 0
    comments: list[str] = field(default_factory=list)


@dataclass
class Report:
    since: str  # ISO date-time, UTC
    days: int
    questions: int
    answered: int
    per_day: dict[str, int]
    per_surface: dict[str, int]
    top_misses: list[Miss]
    facts: list[FactVotes]  # most 👎 first, then most 👍
    miss_votes: dict[str, int]  # votes on answers that were misses: {"up": n, "down": m}
    latency_ms: dict[str, float | None]  # p50, p99 of the questions' answers

    @property
    def answered_share(self) -> float | None:
        return self.answered / self.questions if self.questions else None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "answered_share": self.answered_share}


def _percentile(values: list[float], p: int) -> float | None:
    if not values:
        return None
    if len(values) == 1:
        return round(values[0], 3)
    return round(statistics.quantiles(values, n=100, method="inclusive")[p - 1], 3)


def build(
    rows: list[UsageRow],
    votes: list[Vote],
    core: AnswerCore,
    kb: KnowledgeBase,
    *,
    since: datetime,
    days: int,
    top: int = 10,
) -> Report:
    asked = [r for r in rows if r.surface in QUESTION_SURFACES and r.query.strip()]
    per_day = Counter(r.at.date().isoformat() for r in asked)
    per_surface = Counter(r.surface for r in asked)
    misses = Counter(normalise(r.query) for r in asked if not r.matched and normalise(r.query))
    top_misses = []
    for query, count in misses.most_common(top):
        answer = core.ask(query)
        top_misses.append(Miss(query, count, answer.suggestions[0] if answer.suggestions else None))
    by_id = {f.id: f for f in kb.facts}
    facts: dict[str, FactVotes] = {}
    miss_votes: dict[str, int] = defaultdict(int)
    for v in votes:
        if not v.fact_ids:
            miss_votes["up" if v.vote > 0 else "down"] += 1
        for fid in v.fact_ids[:1]:  # the answer's first fact is the one the vote is about
            fact = by_id.get(fid)
            fv = facts.get(fid)
            if fv is None:
                ru = fact.ru.title if fact is not None and fact.ru is not None else None
                fv = facts[fid] = FactVotes(fid, fact.title if fact else "(no longer in the fact base)", ru)
            if v.vote > 0:
                fv.up += 1
            else:
                fv.down += 1
            if v.comment:
                fv.comments.append(v.comment)
    ranked = sorted(facts.values(), key=lambda f: (-f.down, -f.up, f.fact_id))
    latencies = [r.latency_ms for r in asked]
    return Report(
        since=since.isoformat(timespec="seconds"),
        days=days,
        questions=len(asked),
        answered=sum(1 for r in asked if r.matched),
        per_day=dict(sorted(per_day.items())),
        per_surface=dict(per_surface.most_common()),
        top_misses=top_misses,
        facts=ranked,
        miss_votes={"up": miss_votes["up"], "down": miss_votes["down"]},
        latency_ms={"p50": _percentile(latencies, 50), "p99": _percentile(latencies, 99)},
    )


def share(report: Report) -> str:
    s = report.answered_share
    return "-" if s is None else f"{s:.0%}"


def text_lines(report: Report) -> list[str]:
    """The report for a terminal (user text as typed: a terminal does not interpret it)."""
    out = [
        f"Last {report.days} day(s) since {report.since}: {report.questions} question(s), "
        f"{report.answered} answered ({share(report)})",
        "",
        "Questions per day:",
        *(f"  {day}  {n:>6}" for day, n in report.per_day.items()),
        "Questions per surface:",
        *(f"  {surface:<11}{n:>6}" for surface, n in report.per_surface.items()),
        "",
        "Top misses (asked, not answered):" if report.top_misses else "Top misses: none",
    ]
    for m in report.top_misses:
        hint = f"  -> did you mean: {m.did_you_mean}" if m.did_you_mean else ""
        out.append(f"  {m.count:>4}  {m.query}{hint}")
    out += ["", "Facts by votes (👎 first):" if report.facts else "Votes on facts: none"]
    for f in report.facts:
        ru = f" / {f.title_ru}" if f.title_ru else ""
        out.append(f"  👍 {f.up:<3} 👎 {f.down:<3} {f.fact_id}: {f.title}{ru}")
        out += [f"           \u201c{c}\u201d" for c in f.comments]
    if any(report.miss_votes.values()):
        out.append(f"  votes on misses: 👍 {report.miss_votes['up']}  👎 {report.miss_votes['down']}")
    lat = report.latency_ms
    if lat["p50"] is not None:
        out += ["", f"Answer latency: p50 {lat['p50']:.2f} ms, p99 {lat['p99']:.2f} ms"]
    return out


def csv_rows(report: Report) -> list[list[Any]]:
    """One table for a spreadsheet: section, item, count, up, down, detail."""
    rows: list[list[Any]] = [["section", "item", "count", "up", "down", "detail"]]
    rows.append(["summary", "questions", report.questions, "", "", f"answered {report.answered}"])
    rows += [["day", day, n, "", "", ""] for day, n in report.per_day.items()]
    rows += [["surface", s, n, "", "", ""] for s, n in report.per_surface.items()]
    rows += [["miss", m.query, m.count, "", "", m.did_you_mean or ""] for m in report.top_misses]
    rows += [["fact", f.fact_id, f.up + f.down, f.up, f.down, " | ".join(f.comments)] for f in report.facts]
    rows += [["latency_ms", k, v if v is not None else "", "", "", ""] for k, v in report.latency_ms.items()]
    return rows
