"""How late is the first envelope after a Socket Mode `disconnect` acknowledged, per Socket Mode client?

The real Bolt app (bundled fact base) connects to the Socket Mode stand-in (tests/support/socket_mode.py)
through the Web API stand-in, as `tip-bot serve` does. Each round: Slack's `disconnect`
(refresh_requested) and the drop of the old connection; as soon as the new connection is open, one
`/tip` slash command is sent on it and the time to its acknowledgement is taken. A steady-connection
command is timed alongside as the baseline. Prints median and max (ms) over all rounds of all runs.

    python bench/bench_socket_reconnect.py [--runs 3] [--rounds 3] [--clients tip-bot,builtin,websocket_client]

Clients (Bolt's sync adapters, slack_bolt.adapter.socket_mode; the async ones need an AsyncApp):
  builtin           slack_sdk's built-in client as Bolt configures it (no extra dependency)
  tip-bot           what `tip-bot serve` runs (bot/slack/socket_mode.py)
  websocket_client  slack_sdk.socket_mode.websocket_client (needs the websocket-client package)
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.support from a checkout

from slack_bolt import App

from bot.core import AnswerCore
from bot.knowledge import load_valid
from bot.settings import load_settings
from bot.slack.app import build_app
from bot.slack.deps import Deps
from tests.support.socket_mode import SocketModeStub
from tests.support.web_api import WebAPIStub

APP_TOKEN = "xapp-1-A0TIPBOT-1-bench"


def builtin(app: App):
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    return SocketModeHandler(app, APP_TOKEN)


def tip_bot(app: App):
    from bot.slack.socket_mode import SocketModeHandler

    return SocketModeHandler(app, APP_TOKEN)


def builtin_ping1(app: App):
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    return SocketModeHandler(app, APP_TOKEN, ping_interval=1)


def builtin_recv02(app: App):
    """The built-in client with a 0.2 s socket receive timeout instead of its fixed 3 s (not an option:
    set on each new socket here). Bench only: a frame that stalls longer than that mid-read is lost."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler
    from slack_sdk.socket_mode.builtin import SocketModeClient

    class Short(SocketModeClient):
        def connect(self) -> None:
            super().connect()
            if self.current_session is not None and self.current_session.sock is not None:
                self.current_session.sock.settimeout(0.2)

    handler = SocketModeHandler(app, APP_TOKEN)
    handler.client.__class__ = Short
    return handler


def websocket_client(app: App):
    from slack_bolt.adapter.socket_mode.websocket_client import SocketModeHandler

    return SocketModeHandler(app, APP_TOKEN)


CLIENTS: dict[str, Callable] = {
    "builtin": builtin,
    "builtin-ping1": builtin_ping1,
    "builtin-recv0.2": builtin_recv02,
    "websocket_client": websocket_client,
    "tip-bot": tip_bot,
}


def ack_ms(stub: SocketModeStub, text: str = "shelters", timeout: float = 10.0) -> float:
    start = time.perf_counter()
    envelope_id = stub.slash_command(text)
    if stub.wait_ack(envelope_id, timeout=timeout) is None:
        return float("inf")
    return (time.perf_counter() - start) * 1000


class Result:
    def __init__(self) -> None:
        self.steady: list[float] = []  # ack of a command on a settled connection
        self.gap: dict[bool, list[float]] = {True: [], False: []}  # disconnect -> new connection open
        self.after: dict[bool, list[float]] = {True: [], False: []}  # first command on the new connection
        self.extra: dict[bool, int] = {True: 0, False: 0}  # connections opened beyond one per disconnect


def run(make: Callable, app: App, web_api: WebAPIStub, rounds: int, result: Result) -> None:
    """`rounds` reconnects where Slack drops the old connection right after `disconnect`, then
    `rounds` where it leaves the old one open (the client must close it)."""
    stub = SocketModeStub().start()
    web_api.ws_url = stub.url
    handler = make(app)
    handler.connect()
    try:
        if stub.wait_connections(1) < 1:
            raise SystemExit("never connected")
        ack_ms(stub)  # warm-up: Bolt's first request, the answer cache
        for drop in [True] * rounds + [False] * rounds:
            result.steady.append(ack_ms(stub))
            n = stub.connections + 1
            start = time.perf_counter()
            stub.disconnect("refresh_requested", drop=drop)
            if stub.wait_connections(n, timeout=30) < n:
                raise SystemExit("did not reconnect")
            result.gap[drop].append((time.perf_counter() - start) * 1000)
            result.after[drop].append(ack_ms(stub))
            time.sleep(3.5)  # let the client settle (old socket closed) before the next round
            result.extra[drop] += stub.connections - n
    finally:
        handler.client.auto_reconnect_enabled = handler.client.default_auto_reconnect_enabled = False
        with contextlib.suppress(Exception):  # already gone
            stub.drop()
        handler.close()
        stub.stop()


def ms(values: list[float]) -> str:
    return f"{statistics.median(values):7.1f} /{max(values):7.1f}"


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--clients", default=",".join(CLIENTS))
    args = p.parse_args()
    logging.basicConfig(level=logging.CRITICAL)
    web_api = WebAPIStub().start()
    settings = load_settings(
        env_file=None,
        slack_bot_token="xoxb-1-2-benchbottoken",  # the shape settings accept
        slack_app_token=APP_TOKEN,
        slack_signing_secret=None,
        slack_api_url=web_api.url,
        digest_channel=None,
    )
    kb = load_valid()
    app = build_app(Deps(settings=settings, core=AnswerCore(kb), kb=kb))
    print(f"Socket Mode reconnects, ms as median / max ({args.runs} runs x {args.rounds} reconnects of each kind)")
    print(
        "  ack: a /tip command's acknowledgement; gap: `disconnect` sent -> new connection open;"
        "  extra: connections opened beyond one per disconnect"
    )
    head = (
        f"{'client':17} {'steady ack':>15} | {'dropped: gap':>15} {'first ack':>15} {'extra':>5} | "
        f"{'left open: gap':>15} {'first ack':>15} {'extra':>5}"
    )
    print(head)
    for name in args.clients.split(","):
        try:
            CLIENTS[name](app).client.close()  # its extra dependency (websocket-client) may not be installed
        except ImportError as e:
            print(f"{name:17} skipped: {e} (pip install websocket-client to measure it)")
            continue
        r = Result()
        for _ in range(args.runs):
            run(CLIENTS[name], app, web_api, args.rounds, r)
        print(
            f"{name:17} {ms(r.steady):>15} | {ms(r.gap[True]):>15} {ms(r.after[True]):>15} {r.extra[True]:5} | "
            f"{ms(r.gap[False]):>15} {ms(r.after[False]):>15} {r.extra[False]:5}"
        )
    web_api.stop()


if __name__ == "__main__":
    main()
