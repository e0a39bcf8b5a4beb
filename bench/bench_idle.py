"""Idle and slow connections against `tip-bot serve --http` held to a 1,024-descriptor limit.

    python bench/bench_idle.py                    # 1,100 idle sockets, then 200 /healthz and 200 /tip
    python bench/bench_idle.py --idle 3000 --nofile 1024 --requests 500

Opens `--idle` connections that never send a byte (and keeps them open), then sends signed /tip
requests and /healthz checks one at a time on fresh connections, and prints how many were answered,
p50/p99 latency, the descriptors the server holds (from /proc/<pid>/fd) and its RSS. Run it against
another checkout with PYTHONPATH=<checkout> to compare (the server inherits the environment).
"""

from __future__ import annotations

import argparse
import os
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_http import BENCH_DB, free_port, signed_requests, stop_server  # noqa: E402
from tests.support.signing import SIGNING_SECRET  # noqa: E402
from tests.support.web_api import WebAPIStub  # noqa: E402

CLOSE = "Connection: close\r\n\r\n"


def start(port: int, api_url: str, nofile: int) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DIGEST_", "PORT"))}
    env.update(SLACK_BOT_TOKEN="xoxb-1-2-benchbottoken", SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=api_url)
    env["LOG_LEVEL"] = "WARNING"
    env["DATABASE_URL"] = f"sqlite:///{BENCH_DB}"  # a fresh store per run, never a stale ./tip-bot.db

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (nofile, nofile))

    cmd = [sys.executable, "-m", "bot", "serve", "--http", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(
        cmd, cwd=tempfile.gettempdir(), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=limit
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if one(port, b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")[0] == 200:
            return proc
        time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


def one(port: int, raw: bytes, timeout: float = 5.0) -> tuple[int, float]:
    """(status or 0 on any failure, seconds) for one request on a fresh connection."""
    t0 = time.perf_counter()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
            s.sendall(raw)
            head = s.recv(64)
            return int(head.split()[1]), time.perf_counter() - t0
    except (OSError, IndexError, ValueError):
        return 0, time.perf_counter() - t0


def summary(name: str, results: list[tuple[int, float]]) -> str:
    ok = [t for status, t in results if status == 200]
    if len(ok) < 2:
        return f"{name:8s} answered {len(ok)}/{len(results)}"
    q = statistics.quantiles(ok, n=100)
    return f"{name:8s} answered {len(ok)}/{len(results)}  p50 {q[49] * 1000:6.2f} ms  p99 {q[98] * 1000:6.2f} ms"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--idle", type=int, default=1100)
    p.add_argument("--nofile", type=int, default=1024, help="the server's descriptor limit (soft and hard)")
    p.add_argument("--requests", type=int, default=200, help="of each kind, after the idle sockets are open")
    args = p.parse_args()
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, args.idle + 500), hard))
    api = WebAPIStub().start()
    port = free_port()
    proc = start(port, api.url, args.nofile)
    idle: list[socket.socket] = []
    try:
        t0 = time.perf_counter()
        for _ in range(args.idle):
            try:
                idle.append(socket.create_connection(("127.0.0.1", port), timeout=5))
            except OSError:
                break
        opened = time.perf_counter() - t0
        time.sleep(0.5)  # let the server accept what it will
        fds = len(os.listdir(f"/proc/{proc.pid}/fd"))
        tips = []
        for i in range(args.requests):
            body, headers = signed_requests()[i % 10]
            h = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
            raw = f"POST /slack/events HTTP/1.1\r\nHost: x\r\n{h}Content-Length: {len(body)}\r\n{CLOSE}"
            tips.append(one(port, (raw + body).encode()))
        checks = [one(port, f"GET /healthz HTTP/1.1\r\nHost: x\r\n{CLOSE}".encode()) for _ in range(args.requests)]
        with open(f"/proc/{proc.pid}/status") as f:
            rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:")) // 1024
        print(f"{len(idle)} idle connections opened in {opened:.2f} s; server limit {args.nofile} descriptors")
        print(f"server holds {fds} descriptors, RSS {rss} MB")
        print(summary("/tip", tips))
        print(summary("/healthz", checks))
        print(f"server still running: {proc.poll() is None}")
    finally:
        for s in idle:
            s.close()
        stop_server(proc)
        api.stop()
        for leftover in BENCH_DB.parent.glob(BENCH_DB.name + "*"):
            leftover.unlink()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
