"""One digest post: its Block Kit, the "already posted?" check, and the post itself.

The marker that a day's digest is in the channel is the post's own message metadata
(`tip_digest` / {"date": "YYYY-MM-DD"}), read back with conversations.history + include_all_metadata.
It lives in Slack, so restarts, re-runs, other machines and wiped disks all see it.

DIGEST_LANGUAGE picks the language: "en", "ru", or "both" (each fact in English, then in Russian).
"""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.digest.rotation import DigestDay
from bot.lang import LANGS, Lang
from bot.render_blocks import MAX_BLOCKS, escape, fact_blocks
from bot.render_text import citation, text_of, translated
from bot.store.base import Store, StoreUnavailable, UsageRow
from bot.store.state import DbState
from bot.store.usage import new_id
from bot.texts.commands import ask_more
from bot.texts.slack_errors import explain_post_error
from bot.texts.words import WORDS, short_date

log = logging.getLogger("bot.digest")

EVENT_TYPE = "tip_digest"
HISTORY_PAGE = 200  # messages per conversations.history page
HISTORY_PAGES = 5  # how far back the check looks: the newest 1,000 messages

DigestLanguage = Literal["en", "ru", "both"]


def langs(language: DigestLanguage) -> tuple[Lang, ...]:
    return LANGS if language == "both" else (language,)


def headline(d: DigestDay, language: DigestLanguage = "en") -> str:
    """'TIP briefing · 1 Dec 2026 · day 3 of 53' / 'Сводка о торговле людьми · 1 дек 2026 · день 3 из 53'."""
    days = {"en": f"day {d.day} of {d.days}", "ru": f"день {d.day} из {d.days}"}
    return " / ".join(f"{headline_prefix(d.date, lang)} {days[lang]}" for lang in langs(language))


def digest_blocks(d: DigestDay, language: DigestLanguage = "en") -> list[dict]:
    """Headline, each fact (answer + citation, in each language) between dividers, and how to ask more;
    <= 50 blocks."""
    head = headline(d, language)
    blocks: list[dict] = [{"type": "header", "text": {"type": "plain_text", "text": head, "emoji": False}}]
    for fact in d.facts:
        fb = [b for lang in langs(language) for b in fact_blocks(fact, lang=lang)]
        if len(blocks) + len(fb) + 2 > MAX_BLOCKS:
            break
        blocks += [{"type": "divider"}, *fb]
    more = [{"type": "mrkdwn", "text": ask_more(lang=lang)} for lang in langs(language)]
    blocks.append({"type": "context", "elements": more})
    return blocks


def _titles(d: DigestDay, lang: Lang) -> str:
    return "; ".join(f"{text_of(f, lang).title} ({citation(f, lang)})" for f in d.facts)


def digest_text(d: DigestDay, language: DigestLanguage = "en") -> str:
    """The notification / fallback text: headline and fact titles (escaped, as Slack expects)."""
    return escape(" / ".join(f"{headline(d, lang)}: {_titles(d, lang)}" for lang in langs(language)))


def plain_text(d: DigestDay, language: DigestLanguage = "en") -> str:
    """For terminals (`tip-bot digest --dry-run`)."""
    lines = []
    for lang in langs(language):
        lines += [headline(d, lang), ""]
        for f in d.facts:
            text = text_of(f, lang)
            lines += [f"{text.title} ({citation(f, lang)})"]
            lines += [] if translated(f, lang) else [WORDS[lang].untranslated]
            lines += [text.answer, ""]
        lines.append(ask_more(markup=False, lang=lang))
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def metadata(day: date) -> dict:
    return {"event_type": EVENT_TYPE, "event_payload": {"date": day.isoformat()}}


def headline_prefix(day: date, lang: Lang = "en") -> str:
    title = "Сводка о торговле людьми" if lang == "ru" else "TIP briefing"
    return f"{title} · {short_date(day, lang)} ·"


def _is_marker(message: dict, day: date) -> bool:
    """Our metadata for `day`; failing that (metadata stripped, e.g. by a workspace policy), a bot's
    post whose header is that day's headline."""
    meta = message.get("metadata") or {}
    if meta.get("event_type") == EVENT_TYPE:
        return (meta.get("event_payload") or {}).get("date") == day.isoformat()
    first = (message.get("blocks") or [{}])[0]
    text = (first.get("text") or {}).get("text", "") if first.get("type") == "header" else ""
    return bool(message.get("bot_id")) and text.startswith(tuple(headline_prefix(day, lang) for lang in LANGS))


def find_posted(client: WebClient, channel: str, day: date) -> str | None:
    """The ts of `day`'s digest among the channel's newest messages, or None.

    Not limited to a time window: `tip-bot digest --date` may post a day's digest on another day."""
    cursor = None
    for _ in range(HISTORY_PAGES):
        resp = client.conversations_history(
            channel=channel, limit=HISTORY_PAGE, include_all_metadata=True, cursor=cursor
        )
        for m in resp.get("messages") or []:
            if _is_marker(m, day):
                return m.get("ts")
        cursor = (resp.get("response_metadata") or {}).get("next_cursor")
        if not resp.get("has_more") or not cursor:
            return None
    return None


@dataclass(frozen=True)
class PostResult:
    posted: bool = False
    already_posted: bool = False
    ts: str | None = None
    error: str | None = None  # Slack's error code, or the exception's name
    retry_today: bool = False  # a temporary failure: worth another try later the same day

    @property
    def ok(self) -> bool:
        return self.error is None


def post_digest(
    client: WebClient,
    channel: str,
    d: DigestDay,
    *,
    claim: DigestClaim | None = None,
    language: DigestLanguage = "en",
) -> PostResult:
    """Post `d` unless that day's digest is already in `channel`. Never raises for Slack or network
    failures: they are logged in one line (429/5xx were already retried by the client) and returned.

    With a `claim` (the store), the post is claimed first, atomically across every process and
    machine: only the winner goes on; the channel check then stays as a second guard (and finds a
    post made before the store existed). A failed post gives the claim back for a later retry."""
    day = d.date.isoformat()
    if claim is not None and not claim.take(channel, d.date):
        log.info("digest for %s in %s is claimed by another process: not posting", day, channel)
        return PostResult(already_posted=True)
    result = _post(client, channel, d, language)
    if claim is not None:
        if result.ts:
            claim.posted(channel, d.date, result.ts, facts=tuple(d.fact_ids) if result.posted else None)
        else:
            claim.release(channel, d.date)
    return result


def _post(client: WebClient, channel: str, d: DigestDay, language: DigestLanguage) -> PostResult:
    day = d.date.isoformat()
    try:
        ts = find_posted(client, channel, d.date)
        if ts:
            log.info("digest for %s is already in %s (ts %s): not posting again", day, channel, ts)
            return PostResult(already_posted=True, ts=ts)
        resp = client.chat_postMessage(
            channel=channel,
            text=digest_text(d, language),
            blocks=digest_blocks(d, language),
            metadata=metadata(d.date),
            unfurl_links=False,
            unfurl_media=False,
        )
    except SlackApiError as e:
        status = e.response.status_code
        error = e.response.get("error") if isinstance(e.response.data, dict) else None
        error = error or f"HTTP {status}"
        temporary = status == 429 or status >= 500 or error in ("ratelimited", "internal_error", "fatal_error")
        log.error("digest for %s not posted to %s: %s (HTTP %s)", day, channel, explain_post_error(error), status)
        return PostResult(error=error, retry_today=temporary)
    except Exception as e:  # network: refused, timed out, DNS - after the client's own retries
        log.error("digest for %s not posted to %s: %s: %s", day, channel, type(e).__name__, e)
        return PostResult(error=type(e).__name__, retry_today=True)
    log.info("digest for %s posted to %s (ts %s): %s", day, channel, resp.get("ts"), ", ".join(d.fact_ids))
    return PostResult(posted=True, ts=resp.get("ts"))


class DigestClaim:
    """The store's digest claims for one workspace. The workspace is the bot token's team (one
    auth.test, on first use). When the database is unavailable the claim is granted (logged): the
    channel check alone then guards against a second post, as before the store."""

    def __init__(
        self, store: Store, client: WebClient, state: DbState | None = None, *, log_usage: bool = True
    ) -> None:
        self.store = store
        self.log_usage = log_usage  # a posted digest is a usage-log row (surface "digest"), unless USAGE_LOG=off
        self.client = client
        self.state = state or DbState(store.describe())
        self.owner = f"{socket.gethostname()}:{os.getpid()}"
        self._team: str | None = None

    def _workspace(self) -> str:
        if self._team is None:
            try:
                self._team = str(self.client.auth_test().get("team_id") or "")
            except Exception as e:  # the post will fail the same way and say why
                log.warning("digest: auth.test failed (%s): claiming without the workspace id", type(e).__name__)
                return ""
        return self._team

    def take(self, channel: str, day: date) -> bool:
        try:
            won = self.store.claim_digest(self._workspace(), channel, day, self.owner)
        except StoreUnavailable as e:
            self.state.failed("the digest claim", e)
            return True
        self.state.succeeded()
        return won

    def posted(self, channel: str, day: date, ts: str, *, facts: tuple[str, ...] | None = None) -> None:
        """Mark the claim posted; `facts`: this process posted it now (a usage row), None: found there."""
        try:
            self.store.digest_posted(self._workspace(), channel, day, ts)
            if facts is not None and self.log_usage:
                row = UsageRow(new_id(), datetime.now(UTC), "digest", "en", True, "digest", facts, 0.0, "", None)
                self.store.add_usage([row])
        except StoreUnavailable as e:
            self.state.failed("marking the digest posted", e)

    def release(self, channel: str, day: date) -> None:
        try:
            self.store.release_digest(self._workspace(), channel, day)
        except StoreUnavailable as e:  # the claim goes stale and is taken over later
            self.state.failed("releasing the digest claim", e)
