"""`/tip <query>`: answered inside the acknowledgement (no Web API call, well within 3 s)."""

from __future__ import annotations

import logging
import time

from slack_bolt import Ack, App

from bot.logs import log_answer, since
from bot.slack.deps import Deps
from bot.slack.listeners import reply_for

log = logging.getLogger("bot.slack.commands")

SORRY = "Sorry, something went wrong answering that. Please try again."


def register(app: App, deps: Deps) -> None:
    @app.command("/tip")
    def tip(ack: Ack, command: dict) -> None:
        start = time.perf_counter()
        query = command.get("text") or ""
        try:
            answer = deps.core.ask(query)
            text, blocks = reply_for(deps.core, answer, ephemeral=True)
            ack(response_type="ephemeral", text=text, blocks=blocks)
            log_answer("/tip", query, answer, since(start), user=command.get("user_id"))
        except Exception:
            log.exception("/tip failed")
            ack(response_type="ephemeral", text=SORRY)
            log_answer("/tip", query, "error", since(start), user=command.get("user_id"))
