"""The schedule under a controllable clock (no sleeps): next-run arithmetic across midnight and DST,
one post a day at DIGEST_TIME, a missed day posted the same day, no back-fill, failures survived."""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from bot.digest.scheduler import DigestScheduler, next_run, run_at, start_background
from bot.slack.client import make_client
from tests.digest.conftest import CHANNEL, BlockingClock, FakeClock, make_settings

NINE = time(9, 0)
UTC_ZONE = ZoneInfo("UTC")
BERLIN = ZoneInfo("Europe/Berlin")  # DST: +01:00 in winter, +02:00 from 29 Mar 2026 02:00
DUSHANBE = ZoneInfo("Asia/Dushanbe")  # +05:00 all year, no DST
NEW_YORK = ZoneInfo("America/New_York")


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


# --- next-run arithmetic --------------------------------------------------------------------------


def test_next_run_across_midnight():
    assert next_run(utc(2026, 12, 1, 23, 59, 59), NINE, UTC_ZONE) == utc(2026, 12, 2, 9)
    assert next_run(utc(2026, 12, 31, 9, 0, 1), NINE, UTC_ZONE) == utc(2027, 1, 1, 9)  # and the year
    assert next_run(utc(2026, 12, 1, 0, 0), NINE, UTC_ZONE) == utc(2026, 12, 1, 9)


def test_next_run_is_strictly_later():
    assert next_run(utc(2026, 12, 1, 9), NINE, UTC_ZONE) == utc(2026, 12, 2, 9)
    assert next_run(utc(2026, 12, 1, 8, 59, 59), NINE, UTC_ZONE) == utc(2026, 12, 1, 9)


def test_next_run_in_a_zone_without_dst():
    for day in (date(2026, 1, 15), date(2026, 3, 29), date(2026, 7, 1), date(2026, 10, 25)):
        assert run_at(day, NINE, DUSHANBE) == datetime.combine(day, time(4, 0), UTC)
    # 23:30 UTC is already the next day in Dushanbe: the next run is that day's 09:00 (04:00 UTC)
    assert next_run(utc(2026, 6, 1, 23, 30), NINE, DUSHANBE) == utc(2026, 6, 2, 4)
    assert next_run(utc(2026, 6, 1, 18, 59), NINE, DUSHANBE) == utc(2026, 6, 2, 4)


def test_next_run_across_dst_changes():
    # spring forward (Sun 29 Mar 2026): 09:00 is 08:00 UTC on Saturday, 07:00 UTC on Sunday
    assert next_run(utc(2026, 3, 28, 8, 0, 1), NINE, BERLIN) == utc(2026, 3, 29, 7)
    assert run_at(date(2026, 3, 28), NINE, BERLIN) == utc(2026, 3, 28, 8)
    # fall back (Sun 25 Oct 2026): 07:00 UTC on Saturday, 08:00 UTC on Sunday
    assert next_run(utc(2026, 10, 24, 7, 0, 1), NINE, BERLIN) == utc(2026, 10, 25, 8)
    # the days around a change are still 23 / 25 hours apart, never skipped
    assert next_run(utc(2026, 3, 29, 7), NINE, BERLIN) == utc(2026, 3, 30, 7)


def test_a_time_that_a_dst_change_skips_or_repeats():
    at = time(2, 30)
    # 8 Mar 2026, New York: 02:00 EST jumps to 03:00 EDT, so 02:30 does not exist -> 03:30 EDT (07:30 UTC)
    assert run_at(date(2026, 3, 8), at, NEW_YORK) == utc(2026, 3, 8, 7, 30)
    # 1 Nov 2026: 01:30 happens twice -> the first one (EDT, 05:30 UTC), and only once that day
    assert run_at(date(2026, 11, 1), time(1, 30), NEW_YORK) == utc(2026, 11, 1, 5, 30)
    assert next_run(utc(2026, 11, 1, 5, 30), time(1, 30), NEW_YORK) == utc(2026, 11, 2, 6, 30)


# --- the loop ---------------------------------------------------------------------------------------


def _posted_dates(web_api) -> list[str]:
    out = []
    for c in web_api.calls_to("chat.postMessage"):
        meta = c.params["metadata"]
        out.append((json.loads(meta) if isinstance(meta, str) else meta)["event_payload"]["date"])
    return out


def _run(scheduler: DigestScheduler, clock: FakeClock, until: datetime) -> None:
    scheduler.stop_event.clear()
    clock.until = until
    scheduler.run()


@pytest.fixture
def berlin(web_api, knowledge_dir):
    return make_settings(web_api.url, knowledge_dir, digest_timezone="Europe/Berlin")


def test_posts_once_a_day_at_digest_time_through_a_dst_change(web_api, berlin, kb):
    clock = FakeClock(utc(2026, 3, 27, 6, 0))  # Friday 07:00 in Berlin
    s = DigestScheduler(berlin, kb, make_client(berlin), clock=clock)
    _run(s, clock, utc(2026, 3, 27, 7, 59))  # 08:59 Berlin (winter)
    assert _posted_dates(web_api) == []
    _run(s, clock, utc(2026, 3, 27, 8, 1))
    assert _posted_dates(web_api) == ["2026-03-27"]
    _run(s, clock, utc(2026, 3, 29, 6, 59))  # Sunday 08:59 Berlin (summer time since 02:00)
    assert _posted_dates(web_api) == ["2026-03-27", "2026-03-28"]
    _run(s, clock, utc(2026, 3, 29, 7, 1))  # Sunday 09:01 Berlin
    assert _posted_dates(web_api)[-1] == "2026-03-29"
    _run(s, clock, utc(2026, 3, 31, 12))
    assert _posted_dates(web_api) == ["2026-03-27", "2026-03-28", "2026-03-29", "2026-03-30", "2026-03-31"]
    assert len(web_api.history[CHANNEL]) == 5


def test_posts_in_the_zone_s_own_day_not_utc_s(web_api, knowledge_dir, kb):
    settings = make_settings(web_api.url, knowledge_dir, digest_timezone="Pacific/Kiritimati", digest_time="08:00")
    clock = FakeClock(utc(2026, 11, 30, 17, 0))  # 07:00 on 1 Dec in Kiritimati (+14)
    s = DigestScheduler(settings, kb, make_client(settings), clock=clock)
    _run(s, clock, utc(2026, 11, 30, 18, 30))
    assert _posted_dates(web_api) == ["2026-12-01"]


def test_a_missed_time_is_posted_when_the_process_comes_back_the_same_day(web_api, settings, kb):
    clock = FakeClock(utc(2026, 12, 1, 15, 0))  # started at 15:00: 09:00 was missed
    s = DigestScheduler(settings, kb, make_client(settings), clock=clock)
    _run(s, clock, utc(2026, 12, 1, 15, 1))
    assert _posted_dates(web_api) == ["2026-12-01"]
    # a restart (new process, nothing remembered) the same day finds the post and does not repeat it
    clock2 = FakeClock(utc(2026, 12, 1, 16, 0))
    s2 = DigestScheduler(settings, kb, make_client(settings), clock=clock2)
    _run(s2, clock2, utc(2026, 12, 1, 23, 59))
    assert _posted_dates(web_api) == ["2026-12-01"]
    assert len(web_api.calls_to("conversations.history")) == 2


def test_a_day_the_process_was_down_is_not_back_filled(web_api, settings, kb):
    clock = FakeClock(utc(2026, 12, 2, 8, 0))  # down all of 1 Dec, back at 08:00 on 2 Dec
    s = DigestScheduler(settings, kb, make_client(settings), clock=clock)
    _run(s, clock, utc(2026, 12, 2, 8, 59))
    assert web_api.calls == []
    _run(s, clock, utc(2026, 12, 3, 8, 59))
    assert _posted_dates(web_api) == ["2026-12-02"]


def test_not_in_channel_is_logged_and_the_next_day_posts(web_api, settings, kb, caplog):
    web_api.fail("conversations.history", "not_in_channel")
    clock = FakeClock(utc(2026, 12, 1, 8, 0))
    s = DigestScheduler(settings, kb, make_client(settings), clock=clock)
    with caplog.at_level(logging.INFO, logger="bot.digest"):
        _run(s, clock, utc(2026, 12, 1, 23, 0))
    assert _posted_dates(web_api) == []
    assert len(web_api.calls_to("conversations.history")) == 1  # a permanent error: not retried today
    assert any("not_in_channel" in r.getMessage() and "/invite" in r.getMessage() for r in caplog.records)
    _run(s, clock, utc(2026, 12, 2, 9, 1))
    assert _posted_dates(web_api) == ["2026-12-02"]


def test_a_temporary_failure_is_tried_again_the_same_day(web_api, settings, kb, caplog):
    web_api.fail("chat.postMessage", "internal_error", times=2)
    clock = FakeClock(utc(2026, 12, 1, 8, 0))
    s = DigestScheduler(settings, kb, make_client(settings), clock=clock)
    with caplog.at_level(logging.WARNING, logger="bot.digest"):
        _run(s, clock, utc(2026, 12, 1, 10, 0))
    assert _posted_dates(web_api) == ["2026-12-01"] * 3  # two refused, the third posted
    assert len(web_api.history[CHANNEL]) == 1
    assert "trying again" in caplog.text


def test_a_revoked_bot_token_ends_the_schedule(web_api, settings, kb, caplog):
    # The app was uninstalled (or its token revoked): no day will post until an operator acts.
    web_api.fail("conversations.history", "token_revoked")
    clock = FakeClock(utc(2026, 12, 1, 8, 0))
    s = DigestScheduler(settings, kb, make_client(settings), clock=clock)
    with caplog.at_level(logging.WARNING, logger="bot.digest"):
        s.run()  # returns by itself: the clock has no end set
    assert s.stop_event.is_set() and clock.t < utc(2026, 12, 1, 9, 1)
    assert len(web_api.calls_to("conversations.history")) == 1 and _posted_dates(web_api) == []
    assert [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING] == [
        "digest schedule stops: Slack refused the bot token (token_revoked)"
    ]


def test_a_malformed_slack_answer_does_not_end_the_loop(web_api, settings, kb, caplog):
    web_api.respond("conversations.history", status=200, body={"ok": True, "messages": "not-a-list"})
    clock = FakeClock(utc(2026, 12, 1, 8, 0))
    s = DigestScheduler(settings, kb, make_client(settings), clock=clock)
    with caplog.at_level(logging.ERROR, logger="bot.digest"):
        _run(s, clock, utc(2026, 12, 2, 9, 1))
    assert "2026-12-02" in _posted_dates(web_api)


# --- running in the background (Socket Mode `tip-bot serve`) ----------------------------------------


def test_start_background_stops_promptly(web_api, settings, kb):
    handle = start_background(settings, kb, make_client(settings), clock=BlockingClock(utc(2026, 12, 1, 8, 0)))
    assert handle.running
    handle.stop()  # the thread is waiting ~15 minutes for 09:00; stop() must end it now
    assert not handle.running
    assert web_api.calls_to("chat.postMessage") == []


def test_start_background_posts_when_due(web_api, settings, kb):
    handle = start_background(settings, kb, make_client(settings), clock=BlockingClock(utc(2026, 12, 1, 9, 30)))
    try:
        assert web_api.wait_for("chat.postMessage", 1)
    finally:
        handle.stop()
    assert _posted_dates(web_api) == ["2026-12-01"]


def test_start_background_without_a_channel_starts_nothing(web_api, knowledge_dir, kb):
    settings = make_settings(web_api.url, knowledge_dir, digest_channel=None)
    handle = start_background(settings, kb, make_client(settings))
    assert not handle.running
    handle.stop()
    assert web_api.calls == []
