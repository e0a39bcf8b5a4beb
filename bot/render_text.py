"""Plain text for the terminal and for JSON: one Answer in, one string out (no Slack markup)."""

from __future__ import annotations

import re

from bot.answer import Answer
from bot.facts import Fact, PenaltyData, Term

_BOLD = re.compile(r"(?<!\w)\*([^*\n]+)\*(?!\w)")  # the answers may use Slack's *bold*


def plain(text: str) -> str:
    return _BOLD.sub(r"\1", text)


def _years(lo: float | None, hi: float | None) -> str:
    def n(x: float) -> str:
        return f"{x:g}"

    if lo is not None and hi is not None:
        return f"{n(lo)}–{n(hi)} years" if lo != hi else f"{n(lo)} years"
    if hi is not None:
        return f"up to {n(hi)} years"
    if lo is not None:
        return f"at least {n(lo)} years"
    return ""


def _term(t: Term) -> str:
    span = _years(t.min_years, t.max_years)
    if t.fine:
        return f"a fine or {span}" if span else "a fine"
    return span


def penalty_line(d: PenaltyData) -> str:
    """'5–8 years, confiscation; 12–15 years aggravated' for the compact table."""
    text = _term(d.base) + (", confiscation" if d.confiscation else "")
    if d.aggravated:
        text += "; " + ", ".join(_term(a) for a in d.aggravated) + " aggravated"
    return text


def year_line(fact: Fact, year: int) -> str:
    """That year's figures from the fact's data, e.g. '2008: 23 cases opened', or ''."""
    data = fact.data
    if data is None:
        return ""
    if data.kind == "cases":
        parts = [
            f"{r.count} {r.unit} {r.measure}" + (f" (article {r.article})" if r.article else "")
            for r in data.rows
            if r.year == year
        ]
        return f"{year}: " + "; ".join(parts) if parts else ""
    if data.kind == "victims" and data.year == year:
        return f"{year}: {data.total} victims ({data.reported_by})"
    if data.kind == "counts":
        parts = [
            f"{it.label}: {it.min:g}" + (f"–{it.max:g}" if it.max != it.min else "") + (f" {it.unit}" * bool(it.unit))
            for it in data.items
            if it.year == year
        ]
        return f"{year}: " + "; ".join(parts) if parts else ""
    return ""


def render_fact(fact: Fact, *, quotes: bool = False, year: int | None = None) -> str:
    lines = [f"{fact.title} ({fact.citation})"]
    figures = year_line(fact, year) if year else ""
    if figures:
        lines.append(figures)
    lines.append(plain(fact.answer))
    if quotes:
        lines.extend(f'  "{q}"' for q in fact.quotes)
    return "\n".join(lines)


def _table(answer: Answer) -> str:
    """One line per fact: 'Art. 130.1  trafficking in persons: 5–8 years, …  ¶27.B'."""
    width = max((len(f.data.article) for f in answer.facts if isinstance(f.data, PenaltyData)), default=0)
    lines = [answer.note] if answer.note else []
    for f in answer.facts:
        if isinstance(f.data, PenaltyData):
            lines.append(f"Art. {f.data.article:<{width}}  {f.data.offence}: {penalty_line(f.data)}  {f.citation}")
        else:
            lines.append(f"{f.title}  {f.citation}")
    return "\n".join(lines)


def render_text(answer: Answer, quotes: bool = False) -> str:
    """The whole answer as plain text; quotes=True adds each fact's verbatim quotes."""
    if answer.kind == "help":
        out = answer.body
    elif answer.kind == "topics":
        out = "What the cable covers (ask about any of these):\n" + "\n".join(
            f"{label}: " + ", ".join(dict.fromkeys(f.topic.replace("-", " ") for f in facts))
            for label, facts in answer.groups
        )
    elif answer.kind == "table":
        out = _table(answer)
        if quotes:
            out += "\n\n" + "\n\n".join(render_fact(f, quotes=True) for f in answer.facts)
    else:
        parts = [answer.note] if answer.note else []
        parts.extend(render_fact(f, quotes=quotes, year=answer.year) for f in answer.facts)
        out = "\n\n".join(parts)
    if answer.suggestions:
        label = "Did you mean" if answer.kind == "miss" else "Try"
        out += f"\n{label}: " + " | ".join(answer.suggestions)
    return out
