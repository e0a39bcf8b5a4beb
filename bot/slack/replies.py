"""An answer as a Slack reply (fallback text, blocks), rendered through the app's cache; help also
lists the topics (in the help's language), as `/tip help` promises."""

from __future__ import annotations

from typing import Any

from bot.answer import Answer
from bot.lang import Lang
from bot.render_blocks import MAX_BLOCKS, answer_blocks, answer_text
from bot.render_feedback import Ref, feedback_blocks, with_feedback
from bot.slack.deps import Deps


def _topic_blocks(deps: Deps, lang: Lang) -> list[dict]:
    return answer_blocks(deps.core.ask("topics", lang), buttons=False, cache=deps.render)


def reply_for(deps: Deps, answer: Answer, *, feedback: Ref | None = None, **kwargs: Any) -> tuple[str, list[dict]]:
    """`feedback`: the answer's id and surface for its 👍/👎 (and, on a miss, Ask the curators) buttons."""
    blocks = answer_blocks(answer, cache=deps.render, **kwargs)
    if answer.kind == "help":
        lang = answer.lang
        topics = deps.once(f"help topics {lang}", lambda: _topic_blocks(deps, lang))  # costs more than an answer
        if len(blocks) + len(topics) <= MAX_BLOCKS:
            at = len(blocks) - 1 if blocks and blocks[-1]["type"] == "actions" else len(blocks)
            blocks[at:at] = topics
    if feedback is not None:
        blocks = with_feedback(blocks, feedback_blocks(answer, feedback, curators=bool(deps.settings.curator_channel)))
    return answer_text(answer), blocks
