"""Block Kit for one Answer: what /tip, DMs, @mentions, buttons and the digest post.

Everything shown is escaped (&, <, >) and sent as `verbatim` mrkdwn, so neither user text nor a quote
can ping (`<!channel>`, `@here`) or inject links. Slack's limits are kept here, not hoped for: at most
50 blocks a message and 3,000 characters a section; longer text is split, extra facts trimmed with a
pointer to more.
"""

from __future__ import annotations

from slack_sdk.models.blocks import (
    Block,
    ContextBlock,
    DividerBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.answer import MAX_FACTS, MAX_SUGGESTIONS, Answer
from bot.facts import Fact, PenaltyData
from bot.lang import Lang
from bot.render_text import citation, label, penalty_line, text_of, topic_lines, translated, year_line
from bot.texts.words import WORDS, cable_ref

CABLE_REF = cable_ref("en")
MAX_BLOCKS = 50  # per message (Home tab and modals allow 100)
MAX_SECTION = 3000  # characters of one section's text
MAX_ECHO = 200  # characters of the user's query repeated back

# action_ids the listeners in bot/slack/listeners/actions.py route on.
ACTION_SHARE = "tip_share"
ACTION_SOURCE = "tip_source"
ACTION_SUGGEST = "tip_suggest"  # + "_<n>": action_ids must be unique within a message


def escape(text: str) -> str:
    """Slack's three control characters; enough to neutralise <!channel>, <@U…>, <http://…|…>."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def split_text(text: str, limit: int = MAX_SECTION) -> list[str]:
    """Cut already-escaped text into pieces of at most `limit` characters, at a line break or a space
    where there is one, and never inside an entity such as `&amp;`."""
    pieces = []
    while len(text) > limit:
        cut = text.rfind("\n", limit // 2, limit)
        if cut < 0:
            cut = text.rfind(" ", limit // 2, limit)
        if cut < 0:
            cut = limit
            amp = text.rfind("&", cut - 5, cut)
            if amp >= 0 and ";" not in text[amp:cut]:
                cut = amp
        pieces.append(text[:cut].rstrip())
        text = text[cut:].lstrip()
    if text:
        pieces.append(text)
    return pieces


_DIVIDER = DividerBlock().to_dict()


# The per-request pieces (the echo line, the note, the buttons) are built as plain dicts of exactly
# the shape slack_sdk's models produce (tests/slack/test_render_blocks.py checks that): the models'
# validation was most of a /tip reply's cost. Everything rendered once (facts, topics, Home) uses them.
def context_dict(text: str) -> dict:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": shorten(text, MAX_SECTION), "verbatim": True}]}


def section_dicts(text: str) -> list[dict]:
    return [{"type": "section", "text": {"type": "mrkdwn", "text": t, "verbatim": True}} for t in split_text(text)]


def button_dict(text: str, action_id: str, value: str, style: str | None = None) -> dict:
    button = {
        "type": "button",
        "text": {"type": "plain_text", "text": shorten(text, 75), "emoji": True},
        "action_id": action_id,
        "value": value[:2000],
    }
    if style:
        button["style"] = style
    return button


def _mrkdwn(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=text, verbatim=True)


def _sections(text: str) -> list[Block]:
    return [SectionBlock(text=_mrkdwn(piece)) for piece in split_text(text)]


def _context(text: str) -> Block:
    return ContextBlock(elements=[_mrkdwn(shorten(text, MAX_SECTION))])


def citation_line(fact: Fact, lang: Lang = "en") -> str:
    """'¶27.B · DUSHANBE 000170, 10 Feb 2010' / '¶27.B · DUSHANBE 000170, 10 фев 2010'."""
    return f"{citation(fact, lang)} · {cable_ref(lang)}"


def _quote_text(fact: Fact, lang: Lang = "en") -> str:
    quotes = "\n".join("> " + escape(" ".join(q.split())) for q in fact.quotes)
    return quotes if lang == "en" else f"*{WORDS[lang].original}:*\n{quotes}"


def _fact_blocks(fact: Fact, show_quotes: bool, year: int | None = None, lang: Lang = "en") -> list[Block]:
    text = text_of(fact, lang)
    body = f"*{escape(text.title)}*\n"
    if not translated(fact, lang):
        body += f"_{escape(WORDS[lang].untranslated)}_\n"
    figures = year_line(fact, year, lang) if year else ""
    if figures:
        body += f"*{escape(figures)}*\n"
    body += escape(text.answer)
    if text.note:
        body += f"\n_{escape(text.note)}_"
    blocks = _sections(body)
    if show_quotes:
        blocks += _sections(_quote_text(fact, lang))
    blocks.append(_context(citation_line(fact, lang)))
    return blocks


class RenderCache:
    """Block Kit already rendered for one fact base, owned by the app (bot/slack/deps.py): building
    Block Kit models (with their validation) is most of a reply's cost, and facts never change while
    the app runs. The dicts are shared by every reply: never mutate them."""

    def __init__(self) -> None:
        self.facts: dict[tuple[str, bool, int | None, Lang], list[dict]] = {}
        self.topics: dict[tuple, list[dict]] = {}


def _fact_dicts(
    fact: Fact, show_quotes: bool, year: int | None, cache: RenderCache | None, lang: Lang = "en"
) -> list[dict]:
    key = (fact.id, show_quotes, year if year and year_line(fact, year) else None, lang)
    hit = cache.facts.get(key) if cache is not None else None
    if hit is None:
        hit = [b.to_dict() for b in _fact_blocks(fact, show_quotes, key[2], lang)]
        if cache is not None:
            cache.facts[key] = hit
    return hit


def fact_blocks(fact: Fact, *, show_quotes: bool = False, lang: Lang = "en") -> list[dict]:
    """One fact: its answer, the verbatim quotes on request, and the citation line (freshly built)."""
    return _fact_dicts(fact, show_quotes, None, None, lang)


def _table_blocks(answer: Answer) -> list[Block]:
    """A compact listing, one line per fact (e.g. every penalty), instead of one section each."""
    lang = answer.lang
    w = WORDS[lang]
    lines = []
    for f in answer.facts:
        cite = citation(f, lang)
        if isinstance(f.data, PenaltyData):
            d = f.data
            offence, penalty = escape(label(f, d.offence, lang)), escape(penalty_line(d, lang))
            lines.append(f"• *{w.article} {escape(d.article)}* {offence}: {penalty} ({cite})")
        else:
            lines.append(f"• *{escape(text_of(f, lang).title)}* ({cite})")
    return [*_sections("\n".join(lines)), _context(w.cited_from.format(ref=cable_ref(lang)))]


def _topics_dicts(answer: Answer, cache: RenderCache | None) -> list[dict]:
    key = (answer.lang, tuple((lab, tuple(names)) for lab, names in topic_lines(answer)))
    if cache is not None and key in cache.topics:
        return cache.topics[key]
    blocks: list[Block] = [_context(WORDS[answer.lang].topics_intro)]
    for lab, names in key[1]:
        blocks += _sections(f"*{escape(lab)}*\n" + " · ".join(f"`{escape(t)}`" for t in names))
    dicts = [b.to_dict() for b in blocks]
    if cache is not None:
        cache.topics[key] = dicts
    return dicts


def _buttons(answer: Answer, *, show_quotes: bool, ephemeral: bool) -> list[dict]:
    value = answer.query  # the listeners ask the core again: answers are pure and cheap
    w = WORDS[answer.lang]
    buttons = []
    if answer.facts and answer.kind in ("facts", "table"):
        if ephemeral:
            buttons.append(button_dict(w.share, ACTION_SHARE, value, style="primary"))
        if not show_quotes:
            buttons.append(button_dict(w.show_source, ACTION_SOURCE, value))
    for i, suggestion in enumerate(answer.suggestions[:MAX_SUGGESTIONS]):
        buttons.append(button_dict(suggestion, f"{ACTION_SUGGEST}_{i}", suggestion))
    return buttons


def answer_blocks(
    answer: Answer,
    *,
    show_quotes: bool = False,
    ephemeral: bool = True,
    buttons: bool = True,
    header: str | None = None,
    cache: RenderCache | None = None,
) -> list[dict]:
    """The whole reply. `ephemeral` adds "Share in channel"; `buttons=False` for posts others read
    (a shared answer); `header` is trusted mrkdwn put first (e.g. "<@U1> shared …"); `cache`: the
    app's, so each fact is rendered once (the list is new, the blocks in it shared)."""
    w = WORDS[answer.lang]
    out: list[dict] = []
    if header:
        out.append(context_dict(header))
    if answer.query.strip() and answer.kind in ("facts", "table", "miss"):
        out.append(context_dict(f"{w.you_asked}: {escape(shorten(answer.query, MAX_ECHO))}"))
    if answer.kind == "help" and answer.body:
        out += section_dicts(f"```{escape(answer.body)}```")
    if answer.note:
        out += section_dicts(escape(answer.note))
    elif answer.kind == "miss":
        out += section_dicts(w.not_found)
    if answer.kind == "miss" and answer.suggestions:
        out.append(context_dict(f"{w.did_you_mean}:"))
    if answer.kind == "table":
        out += [b.to_dict() for b in _table_blocks(answer)]
    if answer.kind == "topics":
        out += _topics_dicts(answer, cache)
    shown = answer.facts[:MAX_FACTS]
    if answer.kind == "table":
        shown = answer.facts if show_quotes else ()
    actions = _buttons(answer, show_quotes=show_quotes, ephemeral=ephemeral) if buttons else []
    room = MAX_BLOCKS - len(out) - (1 if actions else 0) - 1  # keep one for a "more" pointer
    left_out = 0
    for i, fact in enumerate(shown):
        part = [_DIVIDER] if i or answer.kind == "table" else []
        part = part + _fact_dicts(fact, show_quotes, answer.year, cache, answer.lang)
        if len(part) > room:
            left_out = len(shown) - i
            break
        out += part
        room -= len(part)
    if left_out:
        more = w.more_facts.format(n=left_out)
        if show_quotes:
            more += w.or_hide_sources
        out.append(context_dict(more + "."))
    if actions:
        out.append({"type": "actions", "block_id": "tip", "elements": actions[:25]})
    return out


def answer_text(answer: Answer) -> str:
    """The notification / fallback text of a message: short, escaped, never a mention."""
    if answer.kind == "table" and answer.note:
        return escape(shorten(answer.note, 300))
    if answer.facts:
        first = answer.facts[0]
        return escape(f"{text_of(first, answer.lang).title} ({citation(first, answer.lang)})")
    if answer.note:
        return escape(shorten(answer.note, 300))
    return "tip-bot" if answer.matched else WORDS[answer.lang].not_found
