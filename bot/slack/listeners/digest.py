"""`/tip digest` (today's digest) and `/tip digest next` (tomorrow's), shown only to the asker and
answered inside the acknowledgement. Registered before the general /tip listener, which it overrides
only for text whose first word is "digest"."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from slack_bolt import Ack, App, BoltContext

from bot.digest.post import digest_blocks, digest_text
from bot.digest.rotation import digest_for
from bot.slack.deps import deps_of

log = logging.getLogger("bot.slack.digest")

USAGE = "Try `/tip digest` for today's digest or `/tip digest next` for tomorrow's."
SORRY = "Sorry, something went wrong showing the digest. Please try again."


def _words(command: dict) -> list[str]:
    return (command.get("text") or "").lower().split()


def is_digest(command: dict) -> bool:
    words = _words(command)
    return bool(words) and words[0] == "digest"


def tip_digest(ack: Ack, command: dict, context: BoltContext) -> None:
    try:
        rest = _words(command)[1:]
        if rest not in ([], ["next"], ["today"], ["tomorrow"]):
            ack(response_type="ephemeral", text=USAGE)
            return
        deps = deps_of(context)
        s = deps.settings
        day = datetime.now(s.zone).date() + timedelta(days=1 if rest and rest[0] in ("next", "tomorrow") else 0)
        d = digest_for(deps.kb.facts, day, s.digest_facts)
        ack(response_type="ephemeral", text=digest_text(d), blocks=digest_blocks(d))
    except Exception:
        log.exception("/tip digest failed")
        ack(response_type="ephemeral", text=SORRY)


def register(app: App) -> None:
    app.command("/tip", matchers=[is_digest])(tip_digest)
