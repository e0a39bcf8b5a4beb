"""`tip-bot serve`: the Slack app. Socket Mode (SLACK_APP_TOKEN set) or `--http [--port N]` (uvicorn).

Start-up checks everything before listening: settings, the fact base, and the bot token (one
auth.test). Any problem is one line and exit status 2. SIGTERM and Ctrl-C stop it cleanly (exit 0).
"""

from __future__ import annotations

import argparse
import gc
import logging
import signal
import threading

from bot.errors import ConfigError
from bot.settings import Settings, load_settings

log = logging.getLogger("bot.serve")


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a TCP port number (1-65535)")
    return int(text)


def _count(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 32:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of workers (1-32)")
    return int(text)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--http", action="store_true", help="HTTP mode (uvicorn) instead of Socket Mode")
    p.add_argument("--port", type=_port, help="HTTP port (default: PORT, else 3000)")
    p.add_argument("--host", default="0.0.0.0", help="HTTP address to listen on (default: 0.0.0.0)")
    p.add_argument("--workers", type=_count, default=1, help="HTTP worker processes (default: 1)")
    p.add_argument(
        "--http-impl",
        choices=["auto", "h11", "httptools"],
        default="auto",
        help="uvicorn's HTTP parser (default: httptools when installed)",
    )
    p.add_argument(
        "--loop",
        choices=["auto", "asyncio", "uvloop"],
        default="auto",
        help="event loop (default: uvloop when installed)",
    )


def _hint(name: str) -> str:
    from bot.settings import HINTS

    return HINTS[name]


def run(args: argparse.Namespace) -> int:
    from bot.logs import setup_logging

    settings = load_settings()
    setup_logging(settings)
    log.info("settings from %s", settings.source)  # which .env was read, if any
    if args.http:
        return _serve_http(args, settings)
    return _serve_socket_mode(settings)


class _Stop:
    """SIGTERM/SIGINT → set an event; installed so a signal ends `serve` with exit status 0."""

    def __init__(self) -> None:
        self.event = threading.Event()

    def __call__(self, signum, frame) -> None:
        if not self.event.is_set():
            log.info("received %s: shutting down", signal.Signals(signum).name)
        self.event.set()

    def install(self) -> _Stop:
        signal.signal(signal.SIGTERM, self)
        signal.signal(signal.SIGINT, self)
        return self


def _serve_http(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from bot.slack.app import assemble
    from bot.slack.connections import configure, protocol_class
    from bot.slack.http import asgi_app

    port = args.port or settings.port
    bolt_app, deps = assemble(http=True, settings=settings)
    gc.freeze()  # the fact base and index live for the whole process: keep them out of GC passes
    # uvicorn handles SIGTERM/SIGINT itself (graceful shutdown), then re-raises the signal to the
    # handler it found; ours only records it, so the process ends with status 0.
    _Stop().install()
    common = dict(
        host=args.host,
        port=port,
        log_config=None,  # keep bot.logs' handlers and format
        log_level=settings.log_level.lower(),
        access_log=False,
        # Connection bounds (bot/slack/connections.py): headers within a timeout, idle connections
        # evicted at a cap below the descriptor limit. Bodies are bounded by the edge (bot/slack/edge.py).
        http=protocol_class(args.http_impl),
        loop=args.loop,
        timeout_keep_alive=5,  # idle keep-alive connections close after 5 s (uvicorn's default, made explicit)
        h11_max_incomplete_event_size=16 * 1024,  # h11: request line + headers at most 16 kB
        backlog=1024,  # connections the kernel queues before accept (capped by net.core.somaxconn)
        # no limit_concurrency: it counts idle connections, so it would answer /healthz 503 while they sit there
        timeout_graceful_shutdown=20,  # hosts send SIGKILL 30 s after SIGTERM
    )
    header_timeout, max_connections = configure(settings.http_header_timeout, settings.http_max_connections)
    log.info(
        "tip-bot listening on http://%s:%d/slack/events (%d worker(s); at most %d connections each, "
        "request headers within %g s)",
        args.host,
        port,
        args.workers,
        max_connections,
        header_timeout,
    )
    if args.workers > 1:  # each worker builds its own app (and store connections) from the same settings
        deps.close()
        uvicorn.run("bot.slack.http:create_app", factory=True, workers=args.workers, **common)
    else:
        deps.start()  # the store's threads; stopped at lifespan shutdown (asgi_app)
        uvicorn.run(asgi_app(bolt_app, deps.health, deps), **common)
    log.info("tip-bot stopped")
    return 0


def _serve_socket_mode(settings: Settings) -> int:
    from slack_sdk.errors import SlackApiError

    from bot.slack.app import assemble
    from bot.slack.health import watched
    from bot.slack.socket_mode import SocketModeHandler

    bolt_app, deps = assemble(http=False, settings=settings)
    health = deps.health
    stop = _Stop().install()
    # Bolt's built-in Socket Mode adapter, its client fixed to reconnect promptly (bot/slack/socket_mode.py).
    app_token = settings.slack_app_token.get_secret_value() if settings.slack_app_token else ""
    handler = SocketModeHandler(bolt_app, app_token, web_client=bolt_app.client)
    try:
        handler.connect()
    except SlackApiError as e:
        raise ConfigError(
            f"SLACK_APP_TOKEN was refused by Slack ({e.response.get('error')}): set it to {_hint('SLACK_APP_TOKEN')}"
        ) from None
    handler.client.web_client = watched(bolt_app.client, health)  # reconnects from now on: see bot/slack/health.py
    deps.start()
    digest = _start_digest(settings, deps.kb, bolt_app.client, deps.claims.store)
    log.info("tip-bot connected in Socket Mode")
    health.on_failure(stop.event.set)  # a dead token: stop, and exit 3 so the platform notices
    try:
        stop.event.wait()
    finally:
        if digest is not None:
            digest.stop()
        handler.close()
        deps.close()
    if not health.ok:
        log.error("tip-bot stopped: Slack refused the token (%s); exit status 3", health.problem)
        return 3
    log.info("tip-bot stopped")
    return 0


def _start_digest(settings: Settings, kb, client, store):
    if not settings.digest_channel:
        return None
    from bot.digest.scheduler import start_background

    return start_background(settings, kb, client, store=store)
