"""The Socket Mode runner: Bolt's built-in adapter with one fix to slack_sdk's built-in client.

On Slack's `disconnect` the built-in client opens the new connection, then closes the old one; the
close waits for the old socket's reader, which sits in `recv()` for up to its fixed 3 s receive
timeout, and nothing is read from the new connection until then. So the first envelope after a
refresh was acknowledged ~3 s late, at Slack's limit. Here the old socket is shut down first
(`shutdown()` needs no lock and wakes the blocked `recv()` at once), and the close goes on as before.

Measured with bench/bench_socket_reconnect.py (docs/socket-mode.md): 0.11 s instead of 3.08 s when
Slack leaves the old connection open. The other clients Bolt offers a sync App were measured too:
`websocket_client` (extra dependency websocket-client) reads a new connection at once but, when Slack
drops the old one right after `disconnect`, stays unconnected until its next health check (10 s); a
shorter socket receive timeout on the built-in client (0.26 s) would cut a frame that arrives slowly
mid-read. The aiohttp / websockets clients need an AsyncApp.
"""

from __future__ import annotations

import contextlib
import socket
from time import time

from slack_bolt import App
from slack_bolt.adapter.socket_mode.base_handler import BaseSocketModeHandler
from slack_bolt.adapter.socket_mode.internals import run_bolt_app, send_response
from slack_sdk import WebClient
from slack_sdk.socket_mode.builtin import SocketModeClient
from slack_sdk.socket_mode.builtin.connection import Connection
from slack_sdk.socket_mode.request import SocketModeRequest


def _close_now(connection: Connection) -> None:
    """Close a replaced connection without waiting out its reader's receive timeout."""
    sock = connection.sock
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed by the other side
            sock.shutdown(socket.SHUT_RDWR)  # the reader's recv() returns b"" now and frees its lock
    Connection.close(connection)


class PromptSocketModeClient(SocketModeClient):
    """slack_sdk's built-in client whose replaced connection is closed at once (see the module doc)."""

    def connect(self) -> None:
        old = self.current_session
        if old is not None:
            old.close = lambda: _close_now(old)  # type: ignore[method-assign]  # what super().connect() calls
        super().connect()


class SocketModeHandler(BaseSocketModeHandler):
    """Bolt's built-in Socket Mode adapter (slack_bolt.adapter.socket_mode.builtin) over
    PromptSocketModeClient. No dependency beyond slack_sdk."""

    client: PromptSocketModeClient

    def __init__(
        self, app: App, app_token: str, *, web_client: WebClient | None = None, ping_interval: float = 10
    ) -> None:
        self.app = app
        self.app_token = app_token
        self.client = PromptSocketModeClient(
            app_token=app_token,
            logger=app.logger,
            web_client=web_client or app.client,
            proxy=app.client.proxy,
            ping_interval=ping_interval,  # how soon an unannounced drop is noticed (Bolt's default: 10 s)
        )
        self.client.socket_mode_request_listeners.append(self.handle)  # type: ignore[arg-type]

    def handle(self, client: SocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]
        start = time()
        send_response(client, req, run_bolt_app(self.app, req), start)
