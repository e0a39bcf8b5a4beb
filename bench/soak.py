"""Soak test (not run in CI): mixed, signed Slack traffic against `tip-bot serve --http` on loopback for
a bounded time, reporting errors (goal: 0), latency percentiles and the server's memory growth
(goal: < 5 MB).

    python bench/soak.py                     # 10 minutes, 8 connections, 200 requests/s in total
    python bench/soak.py --minutes 2 --rate 300 --connections 8

Traffic, from a seeded random mix: /tip slash commands (answers, misses, unicode, markup, mentions,
10,000-character text), DM and @mention events (each with a fresh event_id, plus Slack-style retries
of earlier ones that must not be answered again), Show source / Share clicks, App Home opens and
health checks. The server's Web API calls go to the stand-in from tests/support, whose counts are
checked at the end: every DM, mention and share answered exactly once, every home view published.

Memory: the server's RSS (from /proc) after a warm-up, and at the end; growth = end - warm-up. The
dedupe window keeps event keys for 10 minutes (about 65 bytes a key, one per DM or mention), so
a 10-minute soak at this rate fills it: the growth includes the window's whole size.

Retries: a retry replays a DM sent up to RETRY_WINDOW (5.5 minutes) ago, covering all three of Slack's
retries (at once, after 1 minute, after 5 minutes); each must not be answered again.
"""

from __future__ import annotations

import argparse
import collections
import http.client
import itertools
import json
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.signing import SIGNING_SECRET, action_body, event_body, sign, slash_body  # noqa: E402
from tests.support.web_api import WebAPIStub  # noqa: E402

BOT_TOKEN = "xoxb-soak-0000-secretpart"
QUERIES = [
    "penalties 130.1",
    "shelters",
    "victims 2009",
    "who runs the shelters",
    "cases 2008",
    "article 999",
    "penalties",
    "sheltres",
    "help",
    "topics",
    "<!channel> shelters",
    "<@U999> *bold* _it_ `code` &amp;",
    "Тоҷикистон одам фурӯшӣ 2009",
    "🙂 victims?",
    "",
    "x " * 5000,  # 10,000 characters
]

RETRY_WINDOW = 330.0  # seconds: how old a DM event may be when Slack retries it in this soak

# kind -> weight in the mix
MIX = {"slash": 50, "dm": 15, "retry": 5, "mention": 10, "click": 10, "home": 5, "health": 5}


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    sent: Counter = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, ms: float, error: str | None) -> None:
        with self.lock:
            self.sent[kind] += 1
            self.latencies.setdefault(kind, []).append(ms)
            if error:
                self.errors.append(f"{kind}: {error}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


class Traffic:
    """Builds one signed request of a given kind; remembers DM events so some can be retried."""

    def __init__(self, stub: WebAPIStub, seed: int) -> None:
        self.stub = stub
        self.rng = random.Random(seed)
        self.ids = itertools.count(1)
        self.sent_dms: collections.deque[tuple[float, str]] = collections.deque()  # (sent at, body)
        self.lock = threading.Lock()

    def _next(self) -> int:
        with self.lock:
            return next(self.ids)

    def build(self, kind: str) -> tuple[str, str, str, dict[str, str]]:
        """(method, path, body, headers)"""
        n = self._next()
        q = self.rng.choice(QUERIES)
        form = {"Content-Type": "application/x-www-form-urlencoded"}
        js = {"Content-Type": "application/json"}
        if kind == "slash":
            body = slash_body(q, user_id=f"U{n % 500:05d}", response_url=self.stub.response_url(f"s{n}"))
            return "POST", "/slack/events", body, {**form, **sign(body)}
        if kind in ("dm", "mention"):
            ts = f"{1700000000 + n}.{n % 1000000:06d}"
            if kind == "dm":
                event = {"type": "message", "channel_type": "im", "channel": f"D{n % 50:08d}", "user": "U1"}
            else:
                event = {"type": "app_mention", "channel": "C0SOAK", "user": "U2"}
                q = f"<@UBOT> {q}"
            event.update(text=q, ts=ts, event_ts=ts)
            body = event_body(event, event_id=f"EvSOAK{n}")
            if kind == "dm":
                with self.lock:
                    self.sent_dms.append((time.monotonic(), body))
            return "POST", "/slack/events", body, {**js, **sign(body)}
        if kind == "retry":
            # Slack retries at once, after 1 minute and after 5 minutes: a retry of a DM sent up to
            # RETRY_WINDOW s ago.
            with self.lock:
                while self.sent_dms and self.sent_dms[0][0] < time.monotonic() - RETRY_WINDOW:
                    self.sent_dms.popleft()
                earlier = self.rng.choice(self.sent_dms)[1] if self.sent_dms else None
            if earlier is None:
                return self.build("dm")
            headers = {**js, **sign(earlier), "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
            return "POST", "/slack/events", earlier, headers
        if kind == "click":
            action = self.rng.choice(["tip_source", "tip_share"])
            body = action_body(action, q or "shelters", response_url=self.stub.response_url(f"c{n}"))
            return "POST", "/slack/events", body, {**form, **sign(body)}
        if kind == "home":
            event = {"type": "app_home_opened", "user": f"U{n % 500:05d}", "channel": "D0HOME", "tab": "home"}
            body = event_body(event, event_id=f"EvHOME{n}")
            return "POST", "/slack/events", body, {**js, **sign(body)}
        return "GET", "/healthz", "", {}


def worker(port: int, traffic: Traffic, tally: Tally, until: float, interval: float, seed: int) -> None:
    rng = random.Random(seed)
    kinds, weights = list(MIX), list(MIX.values())
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    next_at = time.monotonic()
    while time.monotonic() < until:
        kind = rng.choices(kinds, weights)[0]
        method, path, body, headers = traffic.build(kind)
        label = "click" if kind == "click" else kind
        start = time.perf_counter()
        error = None
        try:
            conn.request(method, path, body=body.encode() if body else None, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            if resp.status != 200:
                error = f"HTTP {resp.status} {data[:120]!r}"
            elif kind == "slash" and b'"response_type"' not in data:
                error = f"no answer in the ack: {data[:120]!r}"
        except (OSError, http.client.HTTPException) as e:
            error = f"{type(e).__name__}: {e}"
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        tally.add(label, (time.perf_counter() - start) * 1000, error)
        if interval:
            next_at += interval
            delay = next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
    conn.close()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=10.0, help="how long to run (default 10)")
    ap.add_argument("--connections", type=int, default=8, help="concurrent keep-alive connections")
    ap.add_argument("--rate", type=float, default=200.0, help="requests/s in total (0: as fast as possible)")
    ap.add_argument("--warmup", type=float, default=15.0, help="seconds before the baseline RSS reading")
    ap.add_argument("--seed", type=int, default=170)
    ap.add_argument("--knowledge-dir", help="fact base for the server (default: the bundled one)")
    args = ap.parse_args()

    stub = WebAPIStub().start()
    port = free_port()
    logdir = Path(tempfile.mkdtemp(prefix="tip-soak-"))
    log_path = logdir / "serve.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DIGEST_", "PORT", "LOG_"))}
    env.update(
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        SLACK_API_URL=stub.url,
        LOG_LEVEL="INFO",
        LOG_FORMAT="json",
    )
    if args.knowledge_dir:
        env["KNOWLEDGE_DIR"] = args.knowledge_dir
    with open(log_path, "w") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--http", "--host", "127.0.0.1", "--port", str(port)],
            cwd=logdir,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                print(log_path.read_text(), file=sys.stderr)
                return 2
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                c.request("GET", "/healthz")
                if c.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                print("server did not start", file=sys.stderr)
                return 2
            time.sleep(0.1)

        duration = args.minutes * 60
        start = time.monotonic()
        until = start + duration
        interval = args.connections / args.rate if args.rate else 0.0
        traffic, tally = Traffic(stub, args.seed), Tally()
        threads = [
            threading.Thread(target=worker, args=(port, traffic, tally, until, interval, args.seed + i), daemon=True)
            for i in range(args.connections)
        ]
        rss_start = rss_kb(proc.pid)
        for t in threads:
            t.start()
        samples: list[tuple[float, int]] = []
        warm = min(args.warmup, duration / 4)
        while any(t.is_alive() for t in threads):
            time.sleep(1.0)
            samples.append((time.monotonic() - start, rss_kb(proc.pid)))
        elapsed = time.monotonic() - start
        for t in threads:
            t.join()

        # Lazy listeners answer after the ack: let them drain, then check every answer arrived once.
        expected = {
            "chat.postMessage": tally.sent["dm"] + tally.sent["mention"],
            "views.publish": tally.sent["home"],
        }
        drain_until = time.monotonic() + 30
        while time.monotonic() < drain_until:
            got = {m: len(stub.calls_to(m)) for m in expected}
            shares = sum(1 for c in stub.calls_to("chat.postMessage") if "shared" in str(c.params.get("text", "")))
            if (
                got["chat.postMessage"] - shares >= expected["chat.postMessage"]
                and got["views.publish"] >= expected["views.publish"]
            ):
                break
            time.sleep(0.2)
        got = {m: len(stub.calls_to(m)) for m in expected}
        shares = sum(1 for c in stub.calls_to("chat.postMessage") if "shared" in str(c.params.get("text", "")))
        answers_posted = got["chat.postMessage"] - shares
        if answers_posted != expected["chat.postMessage"]:
            tally.errors.append(f"answers posted {answers_posted}, expected {expected['chat.postMessage']}")
        if got["views.publish"] != expected["views.publish"]:
            tally.errors.append(f"home views {got['views.publish']}, expected {expected['views.publish']}")
        rss_end = rss_kb(proc.pid)

        proc.send_signal(signal.SIGTERM)
        code = proc.wait(timeout=30)
        if code != 0:
            tally.errors.append(f"serve exited {code} after SIGTERM")
        log_text = log_path.read_text(encoding="utf-8", errors="replace")
        server_errors = [line for line in log_text.splitlines() if '"level": "ERROR"' in line or "Traceback" in line]
        tally.errors += [f"server log: {line[:200]}" for line in server_errors]
        for secret in (BOT_TOKEN, SIGNING_SECRET):
            if secret in log_text:
                tally.errors.append("a secret appeared in the server log")
        answer_lines = sum(1 for line in log_text.splitlines() if '"logger": "bot.answers"' in line)
    finally:
        if proc.poll() is None:
            proc.kill()
        stub.stop()

    baseline = next((kb for t, kb in samples if t >= warm), rss_start)
    all_ms = [ms for values in tally.latencies.values() for ms in values]
    total = sum(tally.sent.values())
    print(f"soak: {elapsed / 60:.1f} min, {args.connections} connections, target {args.rate:g} req/s")
    print(f"requests: {total} ({total / elapsed:.0f} req/s)  " + ", ".join(f"{k} {v}" for k, v in tally.sent.items()))
    print(f"latency ms: p50 {statistics.median(all_ms):.2f}  p99 {percentile(all_ms, 99):.2f}  max {max(all_ms):.1f}")
    for kind, values in sorted(tally.latencies.items()):
        print(f"  {kind:8s} p50 {statistics.median(values):6.2f}  p99 {percentile(values, 99):6.2f}  n={len(values)}")
    print(
        f"server RSS: start {rss_start / 1024:.1f} MB, after {warm:.0f} s warm-up {baseline / 1024:.1f} MB, "
        f"end {rss_end / 1024:.1f} MB, growth after warm-up {(rss_end - baseline) / 1024:+.2f} MB "
        f"(peak {max(kb for _, kb in samples) / 1024:.1f} MB)"
    )
    marks = [min(samples, key=lambda s, m=m: abs(s[0] - 60 * m)) for m in range(1, int(elapsed // 60) + 1)]
    per_minute = [f"{t / 60:.1f} min {kb / 1024:.1f}" for t, kb in [samples[0], *marks, samples[-1]]]
    print("server RSS by minute (MB): " + ", ".join(per_minute))
    print(f"Web API calls: {got}  (answers expected {expected}); answer log lines: {answer_lines}")
    print(f"errors: {len(tally.errors)}")
    for e in tally.errors[:10]:
        print(f"  {e}")
    print(
        json.dumps(
            {
                "requests": total,
                "errors": len(tally.errors),
                "p99_ms": round(percentile(all_ms, 99), 2),
                "rss_growth_mb": round((rss_end - baseline) / 1024, 2),
            }
        )
    )
    return 1 if tally.errors else 0


if __name__ == "__main__":
    sys.exit(main())
