"""Load test of HTTP mode: signed `/tip` slash commands against `tip-bot serve --http` on loopback.

    python bench/bench_http.py                 # wrk if installed, else the Python load generator
    python bench/bench_http.py --runs 5 --duration 5 --connections 20 --configs default,workers2
    python bench/bench_http.py --configs default --flood 32   # each run twice: plain, then under a flood

Each configuration starts its own server process (its Web API calls go to the stand-in from
tests/support, so nothing leaves the machine), warms it up, then runs the load `--runs` times and
prints the median req/s, p50 and p99 of the runs, and the ratio of each to the first configuration
(the baseline, run alongside). Every request is a real Slack request: a form body signed with the
signing secret (HMAC-SHA256 of v0:timestamp:body), verified by Bolt, answered inside the ack.
wrk cannot compute HMACs in Lua, so the requests are signed here and handed to wrk's Lua script,
which cycles through them; a signature stays valid for 300 s, longer than any run.

`--flood N`: every run is made twice on the same server, plain and then while N other clients (in a
separate process, so they do not share the load generator's interpreter) each send unsigned
`--flood-size`-byte bodies in a loop as fast as the server takes them. They carry a fresh timestamp and
a wrong signature, the costliest kind to refuse (the whole body is read and its HMAC computed; without
those headers a request is refused before its body is read). Printed: both medians and their ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.signing import SIGNING_SECRET, sign, slash_body  # noqa: E402
from tests.support.web_api import WebAPIStub  # noqa: E402

QUERIES = [
    "penalties 130.1",
    "shelters",
    "victims 2009",
    "who runs the shelters",
    "where are women trafficked to",
    "article 999",
    "penalties",
    "cotton harvest forced labor",
    "sheltres",
    "<!channel> help",
]

# name -> (extra `serve` arguments, extra uvicorn environment)
CONFIGS: dict[str, list[str]] = {
    "h11": ["--http-impl", "h11", "--loop", "asyncio"],  # the baseline: pure-Python parser and loop
    "default": [],  # what `tip-bot serve --http` runs: 1 worker, httptools + uvloop when installed
    "workers2": ["--workers", "2"],
    # The usage log (issue 11): off vs on, over SQLite and PostgreSQL. Compare with
    #   --configs log-off,log-sqlite,log-pg   (the first is the baseline)
    "log-off": [],
    "log-sqlite": [],
    "log-pg": [],
    # Feedback buttons (issue 12): `--before DIR` adds "before", the log-sqlite server run from DIR, a checkout
    # of the code before the change (its `bot` package first on PYTHONPATH), to compare with log-sqlite:
    #   --before /tmp/before --configs before,log-sqlite
    "before": [],
}
BENCH_DB = Path(tempfile.gettempdir()) / f"tipbot-bench-{os.getpid()}.db"
PG_ADMIN = os.environ.get("BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
PG_BENCH_DB = f"tipbot_bench_{os.getpid()}"
CONFIG_ENV: dict[str, dict[str, str]] = {
    "log-off": {"USAGE_LOG": "off", "DATABASE_URL": f"sqlite:///{BENCH_DB}"},
    "log-sqlite": {"USAGE_LOG": "on", "DATABASE_URL": f"sqlite:///{BENCH_DB}"},
    "log-pg": {"USAGE_LOG": "on", "DATABASE_URL": PG_ADMIN.rsplit("/", 1)[0] + "/" + PG_BENCH_DB},
}


def postgres_bench_db(create: bool) -> None:
    """Create (or drop) the throwaway PostgreSQL database the log-pg configuration writes to."""
    from sqlalchemy import create_engine, text

    from bot.store.dialect import normalise_url

    engine = create_engine(normalise_url(PG_ADMIN), isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{PG_BENCH_DB}" WITH (FORCE)'))
        if create:
            conn.execute(text(f'CREATE DATABASE "{PG_BENCH_DB}"'))
    engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def signed_requests() -> list[tuple[str, dict[str, str]]]:
    out = []
    for i, q in enumerate(QUERIES):
        body = slash_body(q, user_id=f"U{i:05d}")
        out.append((body, {"Content-Type": "application/x-www-form-urlencoded", **sign(body)}))
    return out


def start_server(
    args: list[str], api_url: str, port: int, log=None, extra_env: dict[str, str] | None = None
) -> subprocess.Popen:
    """The server process; its log (stderr) goes to `log` (a file) when given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DIGEST_", "PORT"))}
    env.update(
        {
            "SLACK_BOT_TOKEN": "xoxb-1-2-benchbottoken",  # the shape settings accept
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": api_url,
            "LOG_LEVEL": "WARNING",
            "DATABASE_URL": f"sqlite:///{BENCH_DB}",  # a fresh store per run, never a stale ./tip-bot.db
            **(extra_env or {}),  # a configuration's own settings win (log-pg's DATABASE_URL)
        }
    )
    cmd = [sys.executable, "-m", "bot", "serve", "--http", "--host", "127.0.0.1", "--port", str(port), *args]
    proc = subprocess.Popen(cmd, cwd=tempfile.gettempdir(), env=env, stdout=subprocess.DEVNULL, stderr=log)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as r:
                if r.status == 200:
                    return proc
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and its direct children (uvicorn's workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry) == pid or int(fields[1]) == pid:  # fields[1] is the parent pid
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def stop_server(proc: subprocess.Popen) -> None:
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


# --- wrk ------------------------------------------------------------------------------------------
LUA = """
local reqs = {}
local i = 0
init = function(args)
  reqs = {%s}
end
request = function()
  i = i %% #reqs + 1
  return reqs[i]
end
done = function(summary, latency, requests)
  local s = summary.errors
  io.write(string.format("RESULT %%d %%f %%d %%d %%d %%d\\n",
    summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99),
    s.status, s.connect + s.read + s.write + s.timeout))
end
"""


def _lua_str(s: str) -> str:
    return json.dumps(s)  # a JSON string literal is a valid Lua string literal for ASCII text


def wrk_run(port: int, connections: int, duration: float, threads: int) -> dict:
    reqs = []
    for body, headers in signed_requests():
        hdrs = (
            "{"
            + ", ".join(f"[{_lua_str(k)}] = {_lua_str(v)}" for k, v in {"Host": "127.0.0.1", **headers}.items())
            + "}"
        )
        reqs.append(f'wrk.format("POST", "/slack/events", {hdrs}, {_lua_str(body)})')
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA % ", ".join(reqs))
    try:
        out = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{max(1, round(duration))}s",
                "-s",
                f.name,
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(f.name)
    line = next(x for x in out.splitlines() if x.startswith("RESULT "))
    requests, seconds, p50_us, p99_us, non2xx, errors = (float(x) for x in line.split()[1:])
    return {"rps": requests / seconds, "p50_ms": p50_us / 1000, "p99_ms": p99_us / 1000, "failed": int(non2xx + errors)}


# --- the Python load generator (no wrk) -------------------------------------------------------------
async def _client(port: int, reqs: list[bytes], stop_at: float, lat: list[float], fails: list[int]) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    i = 0
    while time.perf_counter() < stop_at:
        raw = reqs[i % len(reqs)]
        i += 1
        t0 = time.perf_counter()
        writer.write(raw)
        head = await reader.readuntil(b"\r\n\r\n")
        length = next(int(h.split(b":", 1)[1]) for h in head.split(b"\r\n") if h.lower().startswith(b"content-length:"))
        await reader.readexactly(length)
        lat.append(time.perf_counter() - t0)
        if not head.startswith(b"HTTP/1.1 200"):
            fails.append(1)
    writer.close()


def python_run(port: int, connections: int, duration: float, threads: int) -> dict:
    reqs = []
    for body, headers in signed_requests():
        h = "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        reqs.append(
            f"POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\n{h}Content-Length: {len(body)}\r\n\r\n{body}".encode()
        )
    lat: list[float] = []
    fails: list[int] = []

    async def main() -> float:
        t0 = time.perf_counter()
        stop_at = t0 + duration
        await asyncio.gather(*(_client(port, reqs, stop_at, lat, fails) for _ in range(connections)))
        return time.perf_counter() - t0

    elapsed = asyncio.run(main())
    q = statistics.quantiles(lat, n=100)
    return {"rps": len(lat) / elapsed, "p50_ms": q[49] * 1000, "p99_ms": q[98] * 1000, "failed": len(fails)}


# --- the flood: unsigned large bodies from other clients ------------------------------------------
def flood_body(size: int, fields: int) -> bytes:
    """`size` bytes of form: one long field, or `fields` short ones padded out (the parser's worst case)."""
    if fields <= 1:
        return b"text=" + b"x" * (size - 5)
    body = b"&".join([b"f=1"] * fields)
    return body + b"&pad=" + b"x" * max(0, size - len(body) - 5)


def _flood_client(port: int, body: bytes, stop: threading.Event, counts: dict[str, int]) -> None:
    while not stop.is_set():
        head = (
            "POST /slack/events HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nX-Slack-Request-Timestamp: {int(time.time())}\r\n"
            f"X-Slack-Signature: v0={'0' * 64}\r\n\r\n"
        ).encode()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
                s.sendall(head + body)
                status = s.recv(64).split(b" ")[1:2]
                key = status[0].decode() if status else "closed"
        except OSError as e:
            key = type(e).__name__
        counts[key] = counts.get(key, 0) + 1


def _flood_process(port: int, clients: int, body: bytes, stop, results) -> None:  # a multiprocessing target
    halt = threading.Event()
    counts: list[dict[str, int]] = [{} for _ in range(clients)]
    threads = [threading.Thread(target=_flood_client, args=(port, body, halt, c), daemon=True) for c in counts]
    for t in threads:
        t.start()
    stop.wait()
    halt.set()
    for t in threads:
        t.join(timeout=15)
    total: dict[str, int] = {}
    for c in counts:
        for k, v in c.items():
            total[k] = total.get(k, 0) + v
    results.put(total)


class Flood:
    """N clients sending unsigned bodies from another process, for the length of a `with` block."""

    def __init__(self, port: int, clients: int, body: bytes) -> None:
        ctx = multiprocessing.get_context("fork")
        self.stop, self.results = ctx.Event(), ctx.Queue()
        self.proc = ctx.Process(target=_flood_process, args=(port, clients, body, self.stop, self.results))
        self.counts: dict[str, int] = {}

    def __enter__(self) -> Flood:
        self.proc.start()
        time.sleep(0.5)  # let the flood reach full rate before measuring
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.counts = self.results.get(timeout=30)
        self.proc.join(timeout=30)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--configs", default="h11,default,workers2", help=f"comma-separated, from: {', '.join(CONFIGS)}")
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--before", type=Path, metavar="DIR", help="the 'before' configuration runs the code in DIR")
    p.add_argument("--duration", type=float, default=5.0, help="seconds per run")
    p.add_argument("--connections", type=int, default=20)
    p.add_argument("--threads", type=int, default=1, help="wrk threads (the load generator shares the 2 cores)")
    p.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto")
    p.add_argument("--flood", type=int, default=0, help="clients sending unsigned large bodies (0: none)")
    p.add_argument("--flood-size", type=int, default=1_000_000, help="bytes per flood body (default 1 MB)")
    p.add_argument("--flood-fields", type=int, default=1, help="form fields per flood body (e.g. 100000)")
    p.add_argument(
        "--interleave", action="store_true", help="all servers up at once, measured in turn each round (fair ratios)"
    )
    args = p.parse_args()
    tool = args.tool if args.tool != "auto" else ("wrk" if shutil.which("wrk") else "python")
    run = wrk_run if tool == "wrk" else python_run
    print(f"load: {tool}, {args.connections} connections, {args.runs} runs x {args.duration:g} s, signed /tip requests")
    if args.flood:
        print(
            f"each run also under a flood: {args.flood} clients sending unsigned {args.flood_size:,}-byte bodies "
            f"of {args.flood_fields:,} form field(s)"
        )
    if "before" in args.configs.split(","):
        if not args.before or not (args.before / "bot" / "__init__.py").exists():
            p.error("--configs before needs --before DIR, a checkout holding bot/")
        CONFIG_ENV["before"] = {
            **CONFIG_ENV["log-sqlite"],
            "DATABASE_URL": f"sqlite:///{BENCH_DB}-before",
            "PYTHONPATH": str(args.before.resolve()),
        }
    api = WebAPIStub().start()
    results: dict[str, dict] = {}
    if args.interleave:
        try:
            _interleaved(args, run, api, results)
        finally:
            api.stop()
            _cleanup(args)
        return 0
    try:
        for name in args.configs.split(","):
            port = free_port()
            server_log = tempfile.TemporaryFile("w+b")  # noqa: SIM115 (closed after the report below)
            if name == "log-pg":
                postgres_bench_db(create=True)
            proc = start_server(CONFIGS[name], api.url, port, log=server_log, extra_env=CONFIG_ENV.get(name))
            runs: dict[str, list[dict]] = {name: []}
            flood_counts: dict[str, int] = {}
            try:
                run(port, args.connections, 1.0, args.threads)  # warm-up
                for _ in range(args.runs):
                    runs[name].append(_measured(run, proc.pid, port, args))
                    if args.flood:  # the same server, right after: plain and flooded runs alternate
                        with Flood(port, args.flood, flood_body(args.flood_size, args.flood_fields)) as flood:
                            runs.setdefault(f"{name}+flood", []).append(_measured(run, proc.pid, port, args))
                        for k, v in flood.counts.items():
                            flood_counts[k] = flood_counts.get(k, 0) + v
            finally:
                stop_server(proc)
            for label, each_run in runs.items():
                results[label] = _report(label, each_run, results)
            server_log.seek(0)
            logged = server_log.read().decode("utf-8", errors="replace").splitlines()
            server_log.close()
            if flood_counts:
                print(f"{'':14s} flood requests answered: {dict(sorted(flood_counts.items()))}")
            print(f"{'':14s} server log: {len(logged)} lines, {sum(map(len, logged)):,} characters")
    finally:
        api.stop()
        _cleanup(args)
    return 0


def _cleanup(args: argparse.Namespace) -> None:
    if "log-pg" in args.configs:
        postgres_bench_db(create=False)
    for leftover in BENCH_DB.parent.glob(BENCH_DB.name + "*"):
        leftover.unlink()


def _interleaved(args: argparse.Namespace, run, api: WebAPIStub, results: dict[str, dict]) -> None:
    """Every configuration's server up at once, measured in turn, round after round: other work on
    the machine then falls on all of them alike (the ratios are what a comparison needs)."""
    names = args.configs.split(",")
    if "log-pg" in names:
        postgres_bench_db(create=True)
    servers = {}
    try:
        for name in names:
            port = free_port()
            servers[name] = (start_server(CONFIGS[name], api.url, port, extra_env=CONFIG_ENV.get(name)), port)
            run(port, args.connections, 1.0, args.threads)  # warm-up
        runs: dict[str, list[dict]] = {name: [] for name in names}
        for _ in range(args.runs):
            for name in names:
                proc, port = servers[name]
                runs[name].append(_measured(run, proc.pid, port, args))
    finally:
        for proc, _port in servers.values():
            stop_server(proc)
    for name in names:
        results[name] = _report(name, runs[name], results)


def _measured(run, pid: int, port: int, args: argparse.Namespace) -> dict:
    cpu0 = _cpu_seconds(pid)
    r = run(port, args.connections, args.duration, args.threads)
    # CPU the server spent per request: unlike req/s, barely moved by other work on the box
    r["cpu_ms"] = (_cpu_seconds(pid) - cpu0) * 1000 / max(1, r["rps"] * args.duration)
    return r


def _report(label: str, runs: list[dict], results: dict[str, dict]) -> dict:
    med = {k: statistics.median(r[k] for r in runs) for k in ("rps", "p50_ms", "p99_ms", "cpu_ms")}
    med["failed"] = sum(r["failed"] for r in runs)
    med["load"] = os.getloadavg()[0]  # other work on the machine skews everything: show it
    base_name = next(iter(results), label)
    base = results.get(base_name, med)
    each = ", ".join(f"{r['rps']:.0f}" for r in runs)
    p99s = ", ".join(f"{r['p99_ms']:.1f}" for r in runs)
    print(
        f"{label:14s} {med['rps']:8.0f} req/s  p50 {med['p50_ms']:6.2f} ms  p99 {med['p99_ms']:6.2f} ms  "
        f"CPU {med['cpu_ms']:.3f} ms/req  failed {med['failed']}  |  x{med['rps'] / base['rps']:.2f} req/s, "
        f"x{med['p99_ms'] / base['p99_ms']:.2f} p99 vs {base_name}"
        f"  (runs: {each} req/s; p99 {p99s} ms; load avg {med['load']:.1f})"
    )
    return med


if __name__ == "__main__":
    raise SystemExit(main())
