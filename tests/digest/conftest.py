"""Digest test set-up: a snapshot of the bundled fact base (so the curators' edits in progress cannot
make this process and a subprocess see different facts), settings pointing at the Web API stand-in,
and a controllable clock."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.settings import Settings, load_settings

BOT_TOKEN = "xoxb-1-2-digesttesttoken"
CHANNEL = "C0DIGEST1"


def make_settings(url: str, knowledge_dir: Path, **over) -> Settings:
    values = {
        "slack_bot_token": BOT_TOKEN,
        "slack_api_url": url,
        "digest_channel": CHANNEL,
        "digest_time": "09:00",
        "digest_timezone": "UTC",
        "digest_facts": 3,
        "knowledge_dir": knowledge_dir,
        **over,
    }
    return load_settings(env_file=None, **values)


@pytest.fixture
def settings(web_api, knowledge_dir) -> Settings:
    return make_settings(web_api.url, knowledge_dir)


class FakeClock:
    """now() is whatever the test says; wait() jumps forward instead of sleeping. Reaching `until`
    sets the stop event, so `scheduler.run()` returns once the simulated time is up."""

    def __init__(self, start: datetime) -> None:
        assert start.tzinfo is not None
        self.t = start
        self.until: datetime | None = None
        self.waits = 0

    def now(self) -> datetime:
        return self.t

    def wait(self, stop: threading.Event, seconds: float) -> bool:
        self.waits += 1
        assert self.waits < 100_000, "the schedule loop does not advance"
        assert seconds >= 0, f"negative wait {seconds}"
        if stop.is_set():
            return True
        self.t += timedelta(seconds=seconds)
        if self.until is not None and self.t >= self.until:
            self.t = self.until
            stop.set()
            return True
        return False


class BlockingClock:
    """A fixed now() and a real wait on the stop event: for proving that stop() ends the thread."""

    def __init__(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now

    def wait(self, stop: threading.Event, seconds: float) -> bool:
        return stop.wait(seconds)
