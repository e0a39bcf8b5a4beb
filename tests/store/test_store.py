"""The Store interface on both databases: claims, digest claims, the outbox, the usage log, upkeep."""

from __future__ import annotations

import threading
from datetime import UTC, date, datetime, timedelta

from sqlalchemy.engine import make_url

from bot.store import dialect
from bot.store.base import UsageRow
from bot.store.sql import SqlStore

DAY = date(2026, 12, 1)


def test_a_key_is_claimed_once(store):
    assert store.claim("event:Ev1") is True
    assert store.claim("event:Ev1") is False
    assert store.claim("event:Ev2") is True


def test_a_claim_is_kept_for_its_ttl_then_pruned_and_claimable_again(store):
    t0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    assert store.claim("k", ttl=600, now=t0)
    far = datetime(2030, 1, 1, tzinfo=UTC)
    assert store.prune(usage_before=far - timedelta(days=9999), now=t0 + timedelta(seconds=599))["claims"] == 0
    assert store.claim("k", now=t0 + timedelta(seconds=599)) is False
    assert store.prune(usage_before=far - timedelta(days=9999), now=t0 + timedelta(seconds=601))["claims"] == 1
    assert store.claim("k", now=t0 + timedelta(seconds=601)) is True


def test_threads_racing_for_one_key_and_one_digest_have_one_winner(db_url):
    stores = [SqlStore(dialect.make_engine(make_url(db_url))) for _ in range(4)]  # four pools: four "processes"
    wins: list[str] = []
    go = threading.Barrier(16)

    def race(i: int) -> None:
        s = stores[i % 4]
        go.wait()
        if s.claim("click:1.2:U1:share"):
            wins.append("claim")
        if s.claim_digest("T1", "C1", DAY, owner=f"t{i}"):
            wins.append("digest")

    threads = [threading.Thread(target=race, args=(i,)) for i in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    for s in stores:
        s.close()
    assert sorted(wins) == ["claim", "digest"]


def test_a_digest_claim_is_released_on_failure_and_taken_over_only_when_stale(store):
    assert store.claim_digest("T1", "C1", DAY, owner="a")
    assert not store.claim_digest("T1", "C1", DAY, owner="b")
    assert store.claim_digest("T1", "C2", DAY, owner="b")  # another channel
    assert store.claim_digest("T2", "C1", DAY, owner="b")  # another workspace
    store.release_digest("T1", "C1", DAY)
    assert store.claim_digest("T1", "C1", DAY, owner="b")
    assert store.claim_digest("T1", "C1", DAY, owner="c", stale_after=0) is True  # its owner died mid-post
    store.digest_posted("T1", "C1", DAY, "1700000000.000100")
    assert store.claim_digest("T1", "C1", DAY, owner="d", stale_after=0) is False  # posted: never again
    store.release_digest("T1", "C1", DAY)  # does not undo a post
    assert store.claim_digest("T1", "C1", DAY, owner="d", stale_after=0) is False


def test_outbox_items_are_leased_retried_with_their_error_and_deleted(store):
    first = store.outbox_add("dm", {"channel": "D1", "text": "hi"}, {"user": "U1"}, retry_in=0)
    store.outbox_add("share", {"channel": "C1", "text": "later"}, None, retry_in=3600)
    now = datetime.now(UTC) + timedelta(seconds=1)
    taken = store.outbox_take(now=now)
    assert [(i.id, i.kind, i.payload, i.notice, i.attempts) for i in taken] == [
        (first, "dm", {"channel": "D1", "text": "hi"}, {"user": "U1"}, 1)
    ]
    assert store.outbox_take(now=now) == []  # leased: no other process gets it
    store.outbox_again(first, "ratelimited", retry_in=0)
    again = store.outbox_take(now=now + timedelta(seconds=1))
    assert [(i.id, i.attempts, i.last_error) for i in again] == [(first, 2, "ratelimited")]
    store.outbox_release([first])  # shutting down before trying it
    assert [i.id for i in store.outbox_take(now=now + timedelta(seconds=1))] == [first]
    store.outbox_done(first)
    assert store.outbox_size() == 1
    assert store.outbox_take(now=now + timedelta(seconds=120)) == []  # the other one: lease ended? no, not due


def test_usage_rows_round_trip_and_are_pruned_and_forgotten(store):
    t = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    rows = [
        UsageRow("a" * 32, t, "slash", "en", True, "facts", ("p25.a", "p26.b"), 0.5, "shelters", "h1"),
        UsageRow("b" * 32, t + timedelta(days=1), "dm", "ru", False, "miss", (), 0.25, "приюты?", "h2"),
    ]
    store.add_usage(rows)
    assert store.usage_since(t - timedelta(days=1)) == rows
    assert store.forget_user_hash("h2") == 1
    store.add_usage(rows[1:])
    assert store.prune(usage_before=t + timedelta(hours=1))["usage"] == 1
    assert [r.id for r in store.usage_since(t - timedelta(days=1))] == ["b" * 32]


def test_the_hash_salt_is_made_once_per_database_and_a_setting_wins(store, db_url):
    other = SqlStore(dialect.make_engine(make_url(db_url)))
    assert store.hash_salt() == other.hash_salt()
    assert len(store.hash_salt()) == 64
    other.close()
    assert SqlStore(store.engine, salt="from-the-setting-0123").hash_salt() == b"from-the-setting-0123"


def test_check_writable_and_schema(store):
    store.check_writable()
    store.check_writable()
    s = store.schema()
    assert s.current and s.version == s.latest >= 1
