"""The event window must span Slack's whole retry schedule, however busy the bot is."""

from bot.store.window import Dedupe


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_last_retry_after_five_minutes_is_dropped_even_after_heavy_traffic():
    # The bug this catches: a count-only window of 10,000 keys forgot an event after ~2 minutes at 200 req/s,
    # so Slack's 5-minute retry was answered a second time.
    clock = Clock()
    d = Dedupe(clock=clock)
    assert d.first_time("event:Ev1")
    for i in range(60_000):  # 5 minutes at 200 events/s
        clock.now += 0.005
        d.first_time(f"event:other{i}")
    assert not d.first_time("event:Ev1")


def test_keys_expire_after_the_window_so_memory_stays_bounded():
    clock = Clock()
    d = Dedupe(ttl=600, clock=clock)
    for i in range(1000):
        d.first_time(f"k{i}")
    clock.now += 599
    assert not d.first_time("k0")  # still inside the 10 minutes
    clock.now += 30 + 2  # keys live at least ttl, at most ttl + one 30 s bucket
    assert d.first_time("k0")  # forgotten: Slack never retries this late
    assert len(d) == 1


def test_cap_bounds_a_flood():
    d = Dedupe(cap=100, clock=Clock())
    for i in range(1000):
        d.first_time(f"k{i}")
    assert len(d) <= 100
    assert not d.first_time("k999")
