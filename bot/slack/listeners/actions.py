"""Buttons under an answer: acknowledged at once, then answered through `response_url` (and, for
"Share in channel", one chat.postMessage) from a lazy listener.

Every button carries a query in its value; the core answers it again (pure and sub-millisecond), so
nothing about the original message needs to be stored or trusted.
"""

from __future__ import annotations

import logging
import re
import time

from slack_bolt import App, BoltContext, Respond
from slack_sdk import WebClient

from bot.logs import log_answer, since
from bot.render_blocks import ACTION_SHARE, ACTION_SOURCE, ACTION_SUGGEST, answer_blocks, answer_text
from bot.render_feedback import feedback_blocks, ref_for, with_feedback
from bot.slack.delivery import respond_safely
from bot.slack.deps import deps_of
from bot.slack.listeners import ack_only
from bot.slack.outbox import attempt
from bot.slack.replies import reply_for
from bot.store.usage import new_id
from bot.texts.words import WORDS

log = logging.getLogger("bot.slack.actions")

_USER_ID = re.compile(r"[UW][A-Z0-9]+")


def _ephemeral(body: dict) -> bool:
    return bool((body.get("container") or {}).get("is_ephemeral"))


def click_key(body: dict, action: dict) -> str:
    """One click: Slack's action_ts, the user and the button (a replayed payload has the same three)."""
    user = (body.get("user") or {}).get("id", "")
    return f"click:{action.get('action_ts')}:{user}:{action.get('action_id')}"


def share(body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    start = time.perf_counter()
    deps = deps_of(context)
    if not deps.claims.first_time(click_key(body, action)):  # a replayed click: shared once already
        log.info("dropped a repeated Share click %s", action.get("action_ts"))
        return
    answer = deps.core.ask(action.get("value") or "")
    user = (body.get("user") or {}).get("id", "")
    w = WORDS[answer.lang]
    who = f"<@{user}>" if _USER_ID.fullmatch(user) else w.someone
    header = w.shared.format(who=who)
    text = w.shared_text.format(who=who, text=answer_text(answer))
    answer_id = new_id()
    ref = ref_for(answer, answer_id, "share", logged=deps.usage.enabled)
    blocks = with_feedback(
        answer_blocks(answer, buttons=False, header=header, cache=deps.render),
        feedback_blocks(answer, ref, curators=False),  # 👍/👎 for everyone who reads the shared answer
    )
    channel = (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id")
    payload = dict(channel=channel, text=text, blocks=blocks, unfurl_links=False, unfurl_media=False)
    first = attempt(client, deps.health, "chat.postMessage (share)", payload) if channel else None
    posted = bool(first and first.ok)
    if first is not None and not first.ok and not first.logged:
        log.error("Slack chat.postMessage (share) failed: %s; trying the response_url", first.error)
    if not posted:
        # Not a member of the channel (or it is a DM with someone else): the response_url can
        # still post visibly where the command was used.
        posted = respond_safely(
            respond, "share", response_type="in_channel", replace_original=False, text=text, blocks=blocks
        )
    if not posted and first is not None and first.temporary:
        # Slack is failing, not refusing: the outbox posts it later (or tells the asker it could not).
        deferred = deps.outbox.defer("share", payload, {"response_url": body.get("response_url")}, first.error)
        if deferred:
            deps.usage.record("share", action.get("value") or "", answer, since(start), user=user, row_id=answer_id)
            log_answer("share", action.get("value") or "", answer, since(start), user=user, delivered="later")
            return
    if posted:
        respond_safely(respond, "delete shared original", delete_original=True)
    else:
        respond_safely(
            respond,
            "share failure notice",
            response_type="ephemeral",
            replace_original=False,
            text=w.share_failed,
        )
    deps.usage.record("share", action.get("value") or "", answer, since(start), user=user, row_id=answer_id)
    log_answer("share", action.get("value") or "", answer, since(start), user=user, delivered=bool(posted))


def _answer_in_place(body: dict, action: dict, respond: Respond, context: BoltContext, surface: str, **render) -> None:
    """Answer the button's query again in place of the message it sits on (show source, did-you-mean)."""
    start = time.perf_counter()
    deps = deps_of(context)
    query = action.get("value") or ""
    answer = deps.core.ask(query)
    answer_id = new_id()
    ref = ref_for(answer, answer_id, surface, logged=deps.usage.enabled)
    text, blocks = reply_for(deps, answer, ephemeral=_ephemeral(body), feedback=ref, **render)
    what = "show source" if surface == "source" else surface
    done = respond_safely(respond, what, replace_original=True, text=text, blocks=blocks)
    user = (body.get("user") or {}).get("id")
    deps.usage.record(surface, query, answer, since(start), user=user, row_id=answer_id)
    log_answer(surface, query, answer, since(start), delivered=done)


def show_source(body: dict, action: dict, respond: Respond, context: BoltContext) -> None:
    _answer_in_place(body, action, respond, context, "source", show_quotes=True)


def suggestion(body: dict, action: dict, respond: Respond, context: BoltContext) -> None:
    _answer_in_place(body, action, respond, context, "suggestion")


def register(app: App) -> None:
    app.action(ACTION_SHARE)(ack=ack_only, lazy=[share])
    app.action(ACTION_SOURCE)(ack=ack_only, lazy=[show_source])
    app.action(re.compile(rf"^{ACTION_SUGGEST}_\d+$"))(ack=ack_only, lazy=[suggestion])
