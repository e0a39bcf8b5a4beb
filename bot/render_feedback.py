"""Block Kit for the feedback loop (issue 12): 👍/👎 under an answer, "Thanks — noted" in their place,
the 👎 modal, "Ask the curators" on a miss and the post it makes in the curator channel.

A vote button's value names the answer (its id, the usage row's when the usage log is on), the surface,
language and fact ids, and the query: a click needs nothing stored to be counted against the right
facts, and an ephemeral answer (whose blocks Slack does not send back) can be rendered again.
Everything user-typed is escaped (&, <, >) and sent as verbatim mrkdwn.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from bot.answer import Answer
from bot.render_blocks import MAX_BLOCKS, button_dict, context_dict, escape, section_dicts, shorten
from bot.texts.feedback import feedback_words

if TYPE_CHECKING:
    from bot.stats import Report

# action_ids, callback_id and block_ids the listeners in bot/slack/listeners/feedback.py route on.
ACTION_VOTE_UP = "tip_vote_up"
ACTION_VOTE_DOWN = "tip_vote_down"
ACTION_CURATORS = "tip_ask_curators"
VIEW_FEEDBACK = "tip_feedback_modal"
BLOCK_FEEDBACK = "tip_feedback"
BLOCK_CURATORS = "tip_curators"
BLOCK_COMMENT = "tip_comment"
INPUT_COMMENT = "comment"
MAX_COMMENT = 500
MAX_VALUE_QUERY = 1500  # a button's value holds at most 2,000 characters; the rest is ids and keys
VOTED_KINDS = ("facts", "table", "miss")  # answers to a question (help and the topic list are not rated)


@dataclass(frozen=True)
class Ref:
    """Which answer a click is about, carried in the button's value."""

    answer_id: str
    surface: str  # slash, dm, mention, share, source, suggestion
    lang: str
    fact_ids: tuple[str, ...]
    query: str  # as Slack escapes user text (&, <, >): what the core is asked again; unescape to show it
    logged: bool  # a usage row with this id exists (the usage log is on)

    def value(self) -> str:
        return json.dumps(
            {
                "a": self.answer_id,
                "s": self.surface,
                "l": self.lang,
                "f": ",".join(self.fact_ids),
                "u": int(self.logged),
                "q": self.query[:MAX_VALUE_QUERY],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )

    @classmethod
    def parse(cls, value: str | None) -> Ref | None:
        """The Ref in a button's value; None for anything we did not write (a forged or old button)."""
        try:
            d = json.loads(value or "")
            answer_id = str(d["a"])
            if not (0 < len(answer_id) <= 32 and answer_id.isalnum()):
                return None
            return cls(
                answer_id=answer_id,
                surface=str(d.get("s") or "slash")[:16],
                lang="ru" if d.get("l") == "ru" else "en",
                fact_ids=tuple(x for x in str(d.get("f") or "").split(",") if x)[:20],
                query=str(d.get("q") or "")[:MAX_VALUE_QUERY],
                logged=bool(d.get("u")),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def ref_for(answer: Answer, answer_id: str, surface: str, *, logged: bool) -> Ref:
    query = escape(answer.query)  # never a raw <@U…> anywhere in a message, a button's value included
    return Ref(answer_id, surface, answer.lang, tuple(f.id for f in answer.facts), query, logged)


def feedback_blocks(answer: Answer, ref: Ref, *, curators: bool) -> list[dict]:
    """👍/👎 (answers to questions only) and, on a miss when a curator channel is set, Ask the curators."""
    if answer.kind not in VOTED_KINDS:
        return []
    value = ref.value()
    out = [vote_actions(value, answer.lang)]
    if curators and answer.kind == "miss" and answer.query.strip():
        w = feedback_words(answer.lang)
        out.append(
            {
                "type": "actions",
                "block_id": BLOCK_CURATORS,
                "elements": [button_dict(w.ask_curators, ACTION_CURATORS, value)],
            }
        )
    return out


_VOTE_BUTTONS: dict[str, tuple[dict, dict]] = {}  # per language, without a value: built once


def vote_actions(value: str, lang: str) -> dict:
    buttons = _VOTE_BUTTONS.get(lang)
    if buttons is None:
        w = feedback_words(lang)
        buttons = _VOTE_BUTTONS[lang] = (
            button_dict(w.helpful, ACTION_VOTE_UP, ""),
            button_dict(w.not_helpful, ACTION_VOTE_DOWN, ""),
        )
    return {
        "type": "actions",
        "block_id": BLOCK_FEEDBACK,
        "elements": [{**buttons[0], "value": value}, {**buttons[1], "value": value}],
    }


def with_feedback(blocks: list[dict], extra: list[dict]) -> list[dict]:
    """`blocks` with the feedback blocks last, within Slack's 50 blocks (facts give way, not the buttons)."""
    if not extra:
        return blocks
    over = len(blocks) + len(extra) - MAX_BLOCKS
    if over > 0:
        keep_tail = 1 if blocks and blocks[-1]["type"] == "actions" else 0
        cut = len(blocks) - keep_tail
        blocks = blocks[: cut - over] + blocks[cut:]
    return blocks + extra


def thanked(blocks: list[dict], lang: str, *, tally: tuple[int, int] | None = None, value: str = "") -> list[dict]:
    """The message with its vote buttons replaced by "Thanks — noted". A post others read (`tally` given)
    keeps the buttons under the line, so they can vote too and the voter can change their vote."""
    w = feedback_words(lang)
    if tally is None:
        new = [context_dict(w.thanks)]
    else:
        new = [context_dict(w.thanks_tally.format(up=tally[0], down=tally[1])), vote_actions(value, lang)]
    return replace_block(blocks, BLOCK_FEEDBACK, new)


def curators_told(blocks: list[dict], lang: str, channel: str) -> list[dict]:
    return replace_block(
        blocks, BLOCK_CURATORS, [context_dict(feedback_words(lang).sent_to_curators.format(channel=f"<#{channel}>"))]
    )


def replace_block(blocks: list[dict], block_id: str, new: list[dict]) -> list[dict]:
    """`blocks` with the one whose block_id is `block_id` (and a thanks line we put before it) replaced."""
    out: list[dict] = []
    for b in blocks:
        if b.get("block_id") == block_id:
            if out and out[-1].get("block_id") == f"{block_id}_note":
                out.pop()
            out += [dict(n, block_id=f"{block_id}_note") if n["type"] == "context" else n for n in new]
        else:
            out.append(b)
    return out


def modal_view(ref: Ref, channel: str | None, ts: str | None) -> dict:
    """The 👎 modal: one optional multi-line input of at most 500 characters."""
    w = feedback_words(ref.lang)
    return {
        "type": "modal",
        "callback_id": VIEW_FEEDBACK,
        "private_metadata": json.dumps({"a": ref.answer_id, "l": ref.lang, "c": channel, "t": ts}),
        "title": {"type": "plain_text", "text": w.modal_title},
        "submit": {"type": "plain_text", "text": w.modal_submit},
        "close": {"type": "plain_text", "text": w.modal_close},
        "blocks": [
            {
                "type": "input",
                "block_id": BLOCK_COMMENT,
                "optional": True,
                "label": {"type": "plain_text", "text": w.modal_label},
                "hint": {"type": "plain_text", "text": w.modal_hint},
                "element": {
                    "type": "plain_text_input",
                    "action_id": INPUT_COMMENT,
                    "multiline": True,
                    "max_length": MAX_COMMENT,
                },
            }
        ],
    }


def curator_post(user: str, query: str, suggestions: list[str], lang: str) -> tuple[str, list[dict]]:
    """The question as asked (escaped), who asked (they clicked to share it) and the bot's best suggestions."""
    w = feedback_words(lang)
    header = w.curator_post.format(who=f"<@{user}>")
    asked = "> " + escape(shorten(query, 1000))
    if suggestions:
        more = w.curator_suggestions + "\n" + "\n".join(f"• {escape(s)}" for s in suggestions)
    else:
        more = w.curator_no_suggestions
    text = f"{header} {escape(shorten(query, 300))}"
    return text, [*section_dicts(f"{header}\n{asked}"), context_dict(more)]


def curator_blocks(report: Report | None, *, problem: str | None = None, room: int = 20) -> list[dict]:
    """The Curators section of App Home: the last days' questions, the answered share, the most asked
    misses and the facts with the most 👎 (English and, where written, Russian titles). At most `room`
    blocks. User text (questions, comments) is escaped."""
    from bot.stats import share
    from bot.texts.feedback import CURATOR_WORDS as w

    out: list[dict] = [{"type": "divider"}, {"type": "header", "text": {"type": "plain_text", "text": w.header}}]
    if report is None:
        out += section_dicts(escape(problem or w.log_off))
        return out[:room]
    if not report.questions:
        out += section_dicts(w.none.format(days=report.days))
    else:
        out += section_dicts(
            w.period.format(days=report.days, questions=report.questions, answered=report.answered, share=share(report))
        )
    lines = [w.top_misses]
    for m in report.top_misses[:5]:
        hint = f" → _{escape(m.did_you_mean)}_" if m.did_you_mean else ""
        lines.append(f"• {m.count} × {escape(shorten(m.query, 150))}{hint}")
    if not report.top_misses:
        lines.append(w.no_misses)
    out += section_dicts("\n".join(lines))
    downs = [f for f in report.facts if f.down][:5]
    lines = [w.downvoted]
    for f in downs:
        ru = f" / {escape(f.title_ru)}" if f.title_ru else ""
        lines.append(f"• 👎 {f.down} · 👍 {f.up} *{escape(f.title)}*{ru} (`{escape(f.fact_id)}`)")
        lines += [f"   _“{escape(shorten(c, 200))}”_" for c in f.comments[-3:]]
    if not downs:
        lines.append(w.no_downvotes)
    out += section_dicts("\n".join(lines))
    return out[:room]
