"""`/tip <query>`: answered inside the acknowledgement (no Web API call, well within 3 s)."""

from __future__ import annotations

import logging
import time

from slack_bolt import Ack, App, BoltContext

from bot.lang import detect
from bot.logs import log_answer, since
from bot.render_feedback import ref_for
from bot.slack.deps import deps_of
from bot.slack.replies import reply_for
from bot.store.usage import new_id
from bot.texts.words import WORDS

log = logging.getLogger("bot.slack.commands")

SORRY = WORDS["en"].sorry


def tip(ack: Ack, command: dict, context: BoltContext) -> None:
    start = time.perf_counter()
    query = command.get("text") or ""
    try:
        deps = deps_of(context)
        answer = deps.core.ask(query)
        answer_id = new_id()  # the usage row's id, carried by the 👍/👎 buttons
        ref = ref_for(answer, answer_id, "slash", logged=deps.usage.enabled)
        text, blocks = reply_for(deps, answer, ephemeral=True, feedback=ref)
        ack(response_type="ephemeral", text=text, blocks=blocks)
        deps.usage.record("slash", query, answer, since(start), user=command.get("user_id"), row_id=answer_id)
        log_answer("/tip", query, answer, since(start), user=command.get("user_id"))
    except Exception:
        log.exception("/tip failed")
        ack(response_type="ephemeral", text=WORDS[detect(query)].sorry)
        log_answer("/tip", query, "error", since(start), user=command.get("user_id"))


def register(app: App) -> None:
    app.command("/tip")(tip)
