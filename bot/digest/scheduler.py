"""The daily schedule: post at DIGEST_TIME in DIGEST_TIMEZONE, once a day, until told to stop.

- The clock is injected (`Clock`: now() and wait()), so tests run days of schedule without sleeping.
- Coming up after DIGEST_TIME posts that day's digest at once (the channel check prevents a double
  post); days the process was down are not back-filled.
- A failure is logged and never ends the loop; a temporary one (429/5xx/network after the client's own
  retries) is tried again later the same day, a permanent one (not_in_channel, …) the next day. The
  one exception: Slack refusing the bot token itself (revoked, the app uninstalled) ends the schedule
  with one WARNING line, as it ends a `serve` (bot/slack/health.py): only an operator can fix it.
"""

from __future__ import annotations

import logging
import threading
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from slack_sdk import WebClient

from bot.digest.post import DigestClaim, post_digest
from bot.digest.rotation import digest_for
from bot.knowledge import KnowledgeBase
from bot.settings import Settings
from bot.store.base import Store
from bot.texts.slack_errors import TOKEN_ERRORS

log = logging.getLogger("bot.digest")

MAX_WAIT = timedelta(minutes=15)  # wake up at least this often: survives clock jumps and suspends
RETRY_AFTER = timedelta(minutes=10)  # after a temporary failure


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware."""

    def wait(self, stop: threading.Event, seconds: float) -> bool:
        """Wait up to `seconds` or until `stop` is set; True if it was set."""


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def wait(self, stop: threading.Event, seconds: float) -> bool:
        return stop.wait(max(0.0, seconds))


def run_at(day: date, at: time, zone: ZoneInfo) -> datetime:
    """`at` on `day` in `zone`, as an aware UTC datetime. A time skipped by a DST change (02:30 on
    spring-forward night) runs at the same wall-clock distance after it (03:30); a repeated one (fall
    back) runs at its first occurrence."""
    local = datetime.combine(day, at).replace(tzinfo=zone, fold=0)
    return local.astimezone(UTC)


def local_date(now: datetime, zone: ZoneInfo) -> date:
    return now.astimezone(zone).date()


def next_run(now: datetime, at: time, zone: ZoneInfo) -> datetime:
    """The first scheduled time strictly after `now` (UTC)."""
    today = local_date(now, zone)
    for offset in range(3):
        t = run_at(today + timedelta(days=offset), at, zone)
        if t > now:
            return t
    raise AssertionError("unreachable: a day later is always later")  # pragma: no cover


class DigestScheduler:
    """The loop. One instance per channel and deployment (a Procfile `clock` runs as a single dyno)."""

    def __init__(
        self,
        settings: Settings,
        kb: KnowledgeBase,
        client: WebClient,
        *,
        clock: Clock | None = None,
        stop: threading.Event | None = None,
        store: Store | None = None,
    ) -> None:
        settings.require("DIGEST_CHANNEL")
        self.channel: str = settings.digest_channel  # type: ignore[assignment]
        self.at = settings.digest_time
        self.zone = settings.zone
        self.per_post = settings.digest_facts
        self.language = settings.digest_language
        self.kb = kb
        self.client = client
        self.clock = clock or SystemClock()
        self.stop_event = stop or threading.Event()
        self.done: date | None = None  # the last local date handled (posted, found, or given up)
        self.retry_at: datetime | None = None
        self.claim = (  # exactly once across processes
            DigestClaim(store, client, log_usage=settings.usage_log) if store is not None else None
        )

    def due(self, now: datetime) -> date | None:
        """Today's date if its digest is due and not yet handled, else None."""
        today = local_date(now, self.zone)
        if self.done == today or now < run_at(today, self.at, self.zone):
            return None
        if self.retry_at and now < self.retry_at:
            return None
        return today

    def tick(self) -> datetime:
        """Post if due; return when to look again."""
        now = self.clock.now()
        today = self.due(now)
        if today is not None:
            result = post_digest(
                self.client,
                self.channel,
                digest_for(self.kb.facts, today, self.per_post),
                claim=self.claim,
                language=self.language,
            )
            if result.error in TOKEN_ERRORS:
                log.warning("digest schedule stops: Slack refused the bot token (%s)", result.error)
                self.stop_event.set()
                return now
            if result.ok or not result.retry_today:
                self.done, self.retry_at = today, None
                if not result.ok:
                    log.error("digest for %s given up for today; next try at the next DIGEST_TIME", today)
            else:
                self.retry_at = now + RETRY_AFTER
                log.warning("digest for %s: trying again at %s", today, self.retry_at.astimezone(self.zone))
            now = self.clock.now()
        wake = next_run(now, self.at, self.zone)
        if self.retry_at and local_date(self.retry_at, self.zone) == local_date(now, self.zone):
            wake = min(wake, self.retry_at)
        return wake

    def run(self) -> None:
        log.info(
            "digest schedule: %s %s to %s, %d fact(s) a post",
            self.at.strftime("%H:%M"),
            self.zone.key,
            self.channel,
            self.per_post,
        )
        while not self.stop_event.is_set():
            try:
                wake = self.tick()
            except Exception:  # a bug must not end the schedule; try again on the next wake-up
                log.exception("digest schedule: unexpected error")
                wake = self.clock.now() + RETRY_AFTER
            seconds = (min(wake, self.clock.now() + MAX_WAIT) - self.clock.now()).total_seconds()
            if self.clock.wait(self.stop_event, seconds):
                break
        log.info("digest schedule stopped")


class Handle:
    """What start_background returns: stop() ends the schedule promptly."""

    def __init__(self, stop: threading.Event, thread: threading.Thread | None) -> None:
        self._stop = stop
        self.thread = thread

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self.thread is not None and self.thread is not threading.current_thread():
            self.thread.join(timeout)

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.is_alive()


def start_background(
    settings: Settings,
    kb: KnowledgeBase,
    client: WebClient,
    *,
    clock: Clock | None = None,
    store: Store | None = None,
) -> Handle:
    """Run the schedule in a daemon thread (Socket Mode `tip-bot serve`). Without DIGEST_CHANNEL
    there is no digest: nothing starts and the handle's stop() does nothing."""
    stop = threading.Event()
    if settings.digest_channel is None:
        log.info("digest off: DIGEST_CHANNEL is not set")
        return Handle(stop, None)
    scheduler = DigestScheduler(settings, kb, client, clock=clock, stop=stop, store=store)
    thread = threading.Thread(target=scheduler.run, name="tip-digest", daemon=True)
    thread.start()
    return Handle(stop, thread)
