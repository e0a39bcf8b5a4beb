"""Plain text for the terminal and for JSON: one Answer in, one string out (no Slack markup).

Everything is in the answer's language: each fact's text in `answer.lang` (English while a fact's Russian
side is not written, said in one line), data labels through the fact's `ru.labels`, the surrounding
words from bot.texts.words. Quotes stay verbatim English: in Russian they are headed "Оригинал (англ.)".
"""

from __future__ import annotations

import re

from bot.answer import Answer
from bot.facts import CaseRow, Fact, FactText, PenaltyData, Term
from bot.lang import Lang
from bot.texts.paragraphs import paragraph_label
from bot.texts.topics import topic_name
from bot.texts.words import ARTICLE_RU, MEASURES_RU, MEASURES_RU_PEOPLE, WORDS, ru_plural, years_span

_BOLD = re.compile(r"(?<!\w)\*([^*\n]+)\*(?!\w)")  # the answers may use Slack's *bold*


def plain(text: str) -> str:
    return _BOLD.sub(r"\1", text)


def text_of(fact: Fact, lang: Lang = "en") -> FactText:
    """The fact's text in `lang`; English when its Russian side is not written yet."""
    return fact.text(lang)


def translated(fact: Fact, lang: Lang) -> bool:
    return fact.text(lang).lang == lang


def label(fact: Fact, text: str, lang: Lang = "en") -> str:
    """A text from the fact's data (an offence, a city, a unit) in `lang`; itself when not labelled."""
    return fact.label(text, lang)


def citation(fact: Fact, lang: Lang = "en") -> str:
    """'¶27.B', or the cable header in the answer's language."""
    return WORDS[lang].cable_header if fact.section == "cable" else fact.citation


def _term(t: Term, lang: Lang = "en") -> str:
    span = years_span(t.min_years, t.max_years, lang)
    if t.fine:
        return WORDS[lang].fine_or.format(span=span) if span else WORDS[lang].fine
    return span


def penalty_line(d: PenaltyData, lang: Lang = "en") -> str:
    """'5–8 years, confiscation; 12–15 years aggravated' for the compact table."""
    w = WORDS[lang]
    text = _term(d.base, lang) + (w.confiscation if d.confiscation else "")
    if d.aggravated:
        text += "; " + ", ".join(_term(a, lang) for a in d.aggravated) + w.aggravated
    return text


def _case(fact: Fact, r: CaseRow, lang: Lang) -> str:
    if lang == "ru":
        measure = (MEASURES_RU_PEOPLE if r.unit == "individuals" else MEASURES_RU)[r.measure]
        art = f" ({ARTICLE_RU} {r.article})" if r.article else ""
        return f"{measure} {r.count} {label(fact, r.unit, lang)}{art}"
    return f"{r.count} {r.unit} {r.measure}" + (f" (article {r.article})" if r.article else "")


def year_line(fact: Fact, year: int, lang: Lang = "en") -> str:
    """That year's figures from the fact's data, e.g. '2008: 23 cases opened', or ''."""
    data = fact.data
    if data is None:
        return ""
    if data.kind == "cases":
        parts = [_case(fact, r, lang) for r in data.rows if r.year == year]
        return f"{year}: " + "; ".join(parts) if parts else ""
    if data.kind == "victims" and data.year == year:
        who = label(fact, data.reported_by, lang)
        if lang == "ru":
            return f"{year}: {data.total} {ru_plural(data.total, 'жертва', 'жертвы', 'жертв')} ({who})"
        return f"{year}: {data.total} victims ({who})"
    if data.kind == "counts":
        parts = [
            f"{label(fact, it.label, lang)}: {it.min:g}"
            + (f"–{it.max:g}" if it.max != it.min else "")
            + (f" {label(fact, it.unit, lang)}" if it.unit else "")
            for it in data.items
            if it.year == year
        ]
        return f"{year}: " + "; ".join(parts) if parts else ""
    return ""


def render_fact(fact: Fact, *, quotes: bool = False, year: int | None = None, lang: Lang = "en") -> str:
    text = text_of(fact, lang)
    lines = [f"{text.title} ({citation(fact, lang)})"]
    if not translated(fact, lang):
        lines.append(WORDS[lang].untranslated)
    figures = year_line(fact, year, lang) if year else ""
    if figures:
        lines.append(figures)
    lines.append(plain(text.answer))
    if quotes:
        if lang != "en":
            lines.append(f"  {WORDS[lang].original}:")
        lines.extend(f'  "{q}"' for q in fact.quotes)
    return "\n".join(lines)


def _table(answer: Answer) -> str:
    """One line per fact: 'Art. 130.1  trafficking in persons: 5–8 years, …  ¶27.B'."""
    lang = answer.lang
    width = max((len(f.data.article) for f in answer.facts if isinstance(f.data, PenaltyData)), default=0)
    lines = [answer.note] if answer.note else []
    for f in answer.facts:
        if isinstance(f.data, PenaltyData):
            d = f.data
            offence = label(f, d.offence, lang)
            art = WORDS[lang].article
            lines.append(f"{art} {d.article:<{width}}  {offence}: {penalty_line(d, lang)}  {citation(f, lang)}")
        else:
            lines.append(f"{text_of(f, lang).title}  {citation(f, lang)}")
    return "\n".join(lines)


def topic_lines(answer: Answer) -> list[tuple[str, list[str]]]:
    """(paragraph label, topic names as typed) in the answer's language, in the cable's order."""
    out = []
    for _, facts in answer.groups:
        para = facts[0].paragraph if facts else ""
        names = list(dict.fromkeys(topic_name(f.topic, answer.lang) for f in facts))
        out.append((paragraph_label(para, answer.lang), names))
    return out


def render_text(answer: Answer, quotes: bool = False) -> str:
    """The whole answer as plain text; quotes=True adds each fact's verbatim quotes."""
    lang = answer.lang
    w = WORDS[lang]
    if answer.kind == "help":
        out = answer.body
    elif answer.kind == "topics":
        out = w.topics_intro_text + "\n" + "\n".join(f"{lab}: " + ", ".join(ns) for lab, ns in topic_lines(answer))
    elif answer.kind == "table":
        out = _table(answer)
        if quotes:
            out += "\n\n" + "\n\n".join(render_fact(f, quotes=True, lang=lang) for f in answer.facts)
    else:
        parts = [answer.note] if answer.note else []
        parts.extend(render_fact(f, quotes=quotes, year=answer.year, lang=lang) for f in answer.facts)
        out = "\n\n".join(parts)
    if answer.suggestions:
        prompt = w.did_you_mean if answer.kind == "miss" else w.try_
        out += f"\n{prompt}: " + " | ".join(answer.suggestions)
    return out
