"""Direct messages and @mentions: acknowledged at once, answered from a lazy listener (a worker thread).

Each Slack event is answered once: a retried `event_id` is dropped before any listener runs, and a
message delivered both as `message.im` and `app_mention` is answered for whichever arrives first.
A person's message is answered with or without a subtype in ANSWERED_SUBTYPES (a thread reply also sent
to the channel, a message with a file); messages from bots (our own included), edits, joins and every
other subtype are acknowledged and get no answer, with one DEBUG line saying why.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable

from slack_bolt import Ack, App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware
from slack_sdk import WebClient

from bot.logs import log_answer, since
from bot.render_feedback import ref_for
from bot.slack.deps import CONTEXT_KEY, Deps, deps_of
from bot.slack.outbox import post_or_defer
from bot.slack.replies import reply_for
from bot.store.usage import new_id

log = logging.getLogger("bot.slack.events")

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


# The subtypes of a new message a person typed to us. Everything else (message_changed, channel_join,
# bot_message, …) is not a question. `me_message` is left out on purpose: `/me is reading the cable`
# narrates the sender's own action in the third person; it is not put to the bot, and answering it
# would reply "the cable does not say" to every emote in a DM or a thread.
ANSWERED_SUBTYPES = frozenset(
    {
        None,
        "thread_broadcast",  # a thread reply also sent to the channel: answered in its thread, once
        "file_share",  # a message with a file attached: its text is the question, the file is ignored
    }
)


def why_not_answered(event: dict) -> str | None:
    """None for a new message a person typed to us; otherwise why it gets no answer (for the DEBUG line)."""
    if event.get("bot_id") or event.get("subtype") == "bot_message":
        return "a bot's message"
    if event.get("subtype") not in ANSWERED_SUBTYPES:
        return f"subtype {event.get('subtype')}"
    if not event.get("user"):
        return "no user"
    if event.get("subtype") == "file_share" and not (event.get("text") or "").strip():
        return "a file without text"
    return None


def _claim(deps: Deps, event: dict, kind: str) -> bool:
    """Whether to answer `event`: a person's message, delivered for the first time."""
    why = why_not_answered(event)
    if why is not None:
        log.debug("not answering %s %s in %s: %s", kind, event.get("ts"), event.get("channel"), why)
        return False
    return first_answer(deps, event)


def strip_mentions(text: str, bot_user_id: str | None) -> str:
    """The question without the @tip-bot that addressed it."""
    if bot_user_id:
        text = _MENTION.sub(lambda m: "" if m[1] == bot_user_id else m[0], text)
    return " ".join(text.split())


_KEYED_BY_MESSAGE = frozenset({"message", "app_mention"})


class DropRepeatedEvents(Middleware):
    """A retried `event_id` is acknowledged and goes no further. A Middleware subclass, not a
    decorated function: it runs on every request, and Bolt's argument injection costs more than this.
    Runs after `Inject` (it reads the app's deps). Messages and mentions are left to `first_answer`:
    its message key also catches their retries, and one key per message instead of two halves the
    window's memory."""

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        body = req.body
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if body.get("event", {}).get("type") in _KEYED_BY_MESSAGE:
            event_id = None
        if event_id and not req.context[CONTEXT_KEY].claims.first_time(f"event:{event_id}"):
            log.info("dropped a repeated delivery of event %s", event_id)
            return BoltResponse(status=200, body="")
        return next()


def first_answer(deps: Deps, event: dict) -> bool:
    """The first delivery of a message: a retry, or the same message as DM and mention, is not."""
    if deps.claims.first_time(f"message:{event.get('channel')}:{event.get('ts')}"):
        return True
    log.info("dropped a repeated delivery of message %s in %s", event.get("ts"), event.get("channel"))
    return False


def reply(deps: Deps, client: WebClient, event: dict, query: str, *, thread_ts: str | None) -> None:
    start = time.perf_counter()
    answer = deps.core.ask(query)
    kind = "mention" if event.get("type") == "app_mention" else "dm"
    answer_id = new_id()
    text, blocks = reply_for(
        deps, answer, ephemeral=False, feedback=ref_for(answer, answer_id, kind, logged=deps.usage.enabled)
    )
    payload = dict(
        channel=event["channel"], thread_ts=thread_ts, text=text, blocks=blocks, unfurl_links=False, unfurl_media=False
    )
    notice = {"channel": event["channel"], "user": event.get("user"), "thread_ts": thread_ts}
    posted = post_or_defer(client, deps.health, deps.outbox, kind, payload, notice)
    ms = since(start)
    deps.usage.record(kind, query, answer, ms, user=event.get("user"), row_id=answer_id)
    log_answer(kind, query, answer, ms, user=event.get("user"), delivered=posted.ok)


# The ack functions decide (synchronously, so a racing duplicate loses) and mark the request's
# context; the lazy listeners, run after the acknowledgement, answer only what was claimed.
def dm_ack(ack: Ack, event: dict, context: BoltContext) -> None:
    ack()
    if event.get("channel_type") != "im":
        log.debug("not answering message %s in %s: not a DM", event.get("ts"), event.get("channel"))
    elif _claim(deps_of(context), event, "message"):
        context["tip_answer"] = True


def dm_answer(client: WebClient, event: dict, context: BoltContext) -> None:
    if context.get("tip_answer"):
        query = strip_mentions(event.get("text") or "", context.bot_user_id)
        reply(deps_of(context), client, event, query, thread_ts=event.get("thread_ts"))


def mention_ack(ack: Ack, event: dict, context: BoltContext) -> None:
    ack()
    if _claim(deps_of(context), event, "mention"):
        context["tip_answer"] = True


def mention_answer(client: WebClient, event: dict, context: BoltContext) -> None:
    if context.get("tip_answer"):
        query = strip_mentions(event.get("text") or "", context.bot_user_id)
        reply(deps_of(context), client, event, query, thread_ts=event.get("thread_ts") or event.get("ts"))


def register(app: App) -> None:
    app.use(DropRepeatedEvents())
    app.event("message")(ack=dm_ack, lazy=[dm_answer])
    app.event("app_mention")(ack=mention_ack, lazy=[mention_answer])
