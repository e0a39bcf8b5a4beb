"""Bolt listeners: each module's `register(app, deps)` adds its routes. Shared helpers live here."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from slack_sdk.errors import SlackApiError

from bot.answer import Answer
from bot.render_blocks import MAX_BLOCKS, answer_blocks, answer_text
from bot.slack.health import HEALTH

if TYPE_CHECKING:
    from bot.core import AnswerCore

log = logging.getLogger("bot.slack")


def call_slack(what: str, method: Callable[..., Any], **kwargs: Any) -> Any | None:
    """Make one Web API call; log a failure in one clear line and carry on.

    429 and 5xx were already retried by the client's retry handlers (bot/slack/client.py); what reaches
    us here is final. Returns the response, or None when the call failed."""
    try:
        return method(**kwargs)
    except SlackApiError as e:
        resp = e.response
        error = resp.get("error") if isinstance(resp.data, dict) else None
        if HEALTH.slack_error(error, what):  # a dead token: logged once, process marked unhealthy
            return None
        log.error("Slack %s failed: %s (HTTP %s)", what, error or "unexpected response", resp.status_code)
    except Exception as e:  # timeouts, refused connections, anything from the network
        log.error("Slack %s failed: %s: %s", what, type(e).__name__, e)
    return None


_TOPICS: dict[int, tuple[AnswerCore, list[dict]]] = {}


def _topics_for(core: AnswerCore) -> list[dict]:
    """The topic list never changes for a core: render it once (it costs more than an answer)."""
    hit = _TOPICS.get(id(core))
    if hit is None or hit[0] is not core:
        if len(_TOPICS) >= 8:  # one core per app in production; tests build many
            _TOPICS.clear()
        hit = _TOPICS[id(core)] = (core, answer_blocks(core.ask("topics"), buttons=False))
    return hit[1]


def reply_for(core: AnswerCore, answer: Answer, **kwargs: Any) -> tuple[str, list[dict]]:
    """(fallback text, blocks) for an answer; help also lists the topics, as `/tip help` promises."""
    blocks = answer_blocks(answer, **kwargs)
    if answer.kind == "help":
        topics = _topics_for(core)
        if len(blocks) + len(topics) <= MAX_BLOCKS:
            at = len(blocks) - 1 if blocks and blocks[-1]["type"] == "actions" else len(blocks)
            blocks[at:at] = topics
    return answer_text(answer), blocks
