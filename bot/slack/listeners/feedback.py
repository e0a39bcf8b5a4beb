"""👍/👎 under an answer, the 👎 modal and "Ask the curators" (issue 12): acknowledged at once, handled in
lazy listeners after the acknowledgement.

- A click is counted once: Slack's action_ts + user + button is claimed through the store (a replayed
  payload has the same three), then the vote is stored against the answer's id and fact ids (one row per
  answer and user: a second, different click changes it).
- 👎 opens the modal first (its trigger_id lasts 3 s); the vote counts whether or not the modal is sent.
- The answer then says "Thanks — noted" in place of the buttons: ephemeral answers through the
  response_url, posted ones with chat.update. A post others read (a channel, not a DM) keeps the buttons
  under the line with the tally, so everyone can vote.
- "Ask the curators" posts the question (escaped), who asked (they clicked to share it) and the bot's best
  suggestions to CURATOR_CHANNEL, once per answer, and tells the asker.
"""

from __future__ import annotations

import json
import logging
import re

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.answer import MAX_SUGGESTIONS
from bot.render_feedback import (
    ACTION_CURATORS,
    ACTION_VOTE_DOWN,
    ACTION_VOTE_UP,
    BLOCK_COMMENT,
    INPUT_COMMENT,
    MAX_COMMENT,
    VIEW_FEEDBACK,
    Ref,
    curator_post,
    curators_told,
    modal_view,
    thanked,
)
from bot.slack.delivery import call_slack, respond_safely
from bot.slack.deps import Deps, deps_of
from bot.slack.listeners import ack_only
from bot.slack.replies import reply_for
from bot.texts.feedback import feedback_words

log = logging.getLogger("bot.slack.feedback")

_USER_ID = re.compile(r"[UW][A-Z0-9]+")


def _click_key(body: dict, action: dict) -> str:
    user = (body.get("user") or {}).get("id", "")
    return f"click:{action.get('action_ts')}:{user}:{action.get('action_id')}"


def _where(body: dict) -> tuple[str | None, str | None, bool]:
    """(channel, message ts, ephemeral) of the message the button is on."""
    c = body.get("container") or {}
    channel = c.get("channel_id") or (body.get("channel") or {}).get("id")
    return channel, c.get("message_ts") or (body.get("message") or {}).get("ts"), bool(c.get("is_ephemeral"))


def _current_blocks(deps: Deps, body: dict, ref: Ref) -> tuple[str, list[dict]]:
    """The message's text and blocks: as Slack sent them for a posted message; rendered again from the
    query for an ephemeral one (Slack does not send those back)."""
    message = body.get("message") or {}
    if message.get("blocks"):
        return message.get("text") or "", list(message["blocks"])
    return reply_for(deps, deps.core.ask(ref.query), ephemeral=True, show_quotes=ref.surface == "source", feedback=ref)


def _update(deps: Deps, client: WebClient, respond: Respond, body: dict, text: str, blocks: list[dict]) -> bool:
    channel, ts, ephemeral = _where(body)
    if ephemeral or not (channel and ts):
        return respond_safely(respond, "feedback update", replace_original=True, text=text, blocks=blocks)
    done = call_slack(
        deps.health, "chat.update (feedback)", client.chat_update, channel=channel, ts=ts, text=text, blocks=blocks
    )
    return done is not None


def _first(deps: Deps, body: dict, action: dict) -> tuple[Ref, str] | None:
    """The click's answer and user, or None for a forged value or a replayed click (logged)."""
    ref = Ref.parse(action.get("value"))
    user = (body.get("user") or {}).get("id", "")
    if ref is None or not _USER_ID.fullmatch(user):
        log.warning("ignored a %s click without a valid answer or user", action.get("action_id"))
        return None
    if not deps.claims.first_time(_click_key(body, action)):
        log.info("dropped a repeated %s click %s", action.get("action_id"), action.get("action_ts"))
        return None
    return ref, user


def vote(body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    first = _first(deps, body, action)
    if first is None:
        return
    ref, user = first
    down = action.get("action_id") == ACTION_VOTE_DOWN
    channel, ts, ephemeral = _where(body)
    if down and body.get("trigger_id"):  # first: the trigger_id expires 3 s after the click
        call_slack(
            deps.health,
            "views.open (feedback)",
            client.views_open,
            trigger_id=body["trigger_id"],
            view=modal_view(ref, channel, ts),
        )
    tally = deps.votes.record(
        ref.answer_id,
        user,
        -1 if down else 1,
        usage_id=ref.answer_id if ref.logged else None,
        fact_ids=ref.fact_ids,
        surface=ref.surface,
        lang=ref.lang,
    )
    text, blocks = _current_blocks(deps, body, ref)
    shared = not ephemeral and not (channel or "").startswith("D")  # others read it: keep their buttons
    blocks = thanked(blocks, ref.lang, tally=(tally or (0, 0)) if shared else None, value=ref.value())
    _update(deps, client, respond, body, text, blocks)
    log.info("vote %s on answer %s (%s)", "down" if down else "up", ref.answer_id, ",".join(ref.fact_ids) or "miss")


def _comment(view: dict) -> str:
    values = (view.get("state") or {}).get("values") or {}
    return ((values.get(BLOCK_COMMENT) or {}).get(INPUT_COMMENT) or {}).get("value") or ""


def _metadata(view: dict) -> dict:
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        return {}
    return meta if isinstance(meta, dict) else {}


def comment_ack(ack: Ack, view: dict) -> None:
    """Close the modal, or keep it open with the reason when the comment is too long."""
    if len(_comment(view)) > MAX_COMMENT:
        lang = str(_metadata(view).get("l") or "en")
        ack(response_action="errors", errors={BLOCK_COMMENT: feedback_words(lang).too_long.format(n=MAX_COMMENT)})
        return
    ack()


def comment(body: dict, view: dict, context: BoltContext) -> None:
    text = " ".join(_comment(view).split())
    answer_id = str(_metadata(view).get("a") or "")
    user = (body.get("user") or {}).get("id", "")
    if not text or len(text) > MAX_COMMENT or not answer_id.isalnum() or not _USER_ID.fullmatch(user):
        return  # sent empty (the 👎 is counted already), or not ours
    if not deps_of(context).votes.comment(answer_id, user, text):
        log.warning("a feedback comment on answer %s was not stored", answer_id)


def ask_curators(body: dict, action: dict, client: WebClient, respond: Respond, context: BoltContext) -> None:
    deps = deps_of(context)
    target = deps.settings.curator_channel
    first = _first(deps, body, action) if target else None
    if first is None or target is None:
        return
    ref, user = first
    if not deps.claims.first_time(f"curators:{ref.answer_id}"):  # two clicks on one answer: one post
        return
    answer = deps.core.ask(ref.query)  # unescapes the query as it does Slack's text
    text, blocks = curator_post(user, answer.query, list(answer.suggestions[:MAX_SUGGESTIONS]), ref.lang)
    posted = call_slack(
        deps.health,
        "chat.postMessage (curators)",
        client.chat_postMessage,
        channel=target,
        text=text,
        blocks=blocks,
        unfurl_links=False,
        unfurl_media=False,
    )
    if posted is None:
        respond_safely(
            respond,
            "curators failure notice",
            response_type="ephemeral",
            replace_original=False,
            text=feedback_words(ref.lang).not_sent,
        )
        return
    msg_text, msg_blocks = _current_blocks(deps, body, ref)
    _update(deps, client, respond, body, msg_text, curators_told(msg_blocks, ref.lang, target))
    log.info("asked the curators about answer %s", ref.answer_id)


def register(app: App) -> None:
    app.action(ACTION_VOTE_UP)(ack=ack_only, lazy=[vote])
    app.action(ACTION_VOTE_DOWN)(ack=ack_only, lazy=[vote])
    app.action(ACTION_CURATORS)(ack=ack_only, lazy=[ask_curators])
    app.view(VIEW_FEEDBACK)(ack=comment_ack, lazy=[comment])
