"""`/tip digest` (today's digest) and `/tip digest next` (tomorrow's), shown only to the asker and
answered inside the acknowledgement. Registered before the general /tip listener, which it overrides
only for text whose first word is "digest" or "сводка".

`/tip digest` shows the digest as the channel gets it (DIGEST_LANGUAGE); `/tip сводка` (`сводка завтра`)
shows it in Russian."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from slack_bolt import Ack, App, BoltContext

from bot.digest.post import DigestLanguage, digest_blocks, digest_text
from bot.digest.rotation import digest_for
from bot.slack.deps import deps_of

log = logging.getLogger("bot.slack.digest")

USAGE = {
    "digest": "Try `/tip digest` for today's digest or `/tip digest next` for tomorrow's.",
    "сводка": "Попробуйте `/tip сводка` — сегодняшняя сводка, или `/tip сводка завтра` — завтрашняя.",
}
SORRY = (
    "Sorry, something went wrong showing the digest. Please try again.\nНе удалось показать сводку, попробуйте ещё раз."
)
TODAY: tuple[list[str], ...] = ([], ["today"], ["сегодня"])
TOMORROW: tuple[list[str], ...] = (["next"], ["tomorrow"], ["завтра"])


def _words(command: dict) -> list[str]:
    return (command.get("text") or "").lower().split()


def is_digest(command: dict) -> bool:
    words = _words(command)
    return bool(words) and words[0] in USAGE


def tip_digest(ack: Ack, command: dict, context: BoltContext) -> None:
    try:
        word, *rest = _words(command)
        if rest not in TODAY and rest not in TOMORROW:
            ack(response_type="ephemeral", text=USAGE[word])
            return
        deps = deps_of(context)
        s = deps.settings
        language: DigestLanguage = "ru" if word == "сводка" else s.digest_language
        day = datetime.now(s.zone).date() + timedelta(days=1 if rest in TOMORROW else 0)
        d = digest_for(deps.kb.facts, day, s.digest_facts)
        ack(response_type="ephemeral", text=digest_text(d, language), blocks=digest_blocks(d, language))
    except Exception:
        log.exception("/tip digest failed")
        ack(response_type="ephemeral", text=SORRY)


def register(app: App) -> None:
    app.command("/tip", matchers=[is_digest])(tip_digest)
