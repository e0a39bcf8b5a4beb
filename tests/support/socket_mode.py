"""Slack's Socket Mode server, played on 127.0.0.1 with the `websockets` package.

Point the Web API stand-in's `ws_url` at `SocketModeStub.url`: `apps.connections.open` then hands the
bot this server, exactly as Slack hands it a wss:// URL. On each connection the stub sends `hello`;
tests push envelopes (`slash_commands`, `events_api`, `interactive`) shaped as Slack sends them, and
`disconnect` / `drop` to force a reconnect. Every acknowledgement is recorded by `envelope_id`.
"""

from __future__ import annotations

import itertools
import json
import threading
from typing import Any
from urllib.parse import parse_qsl

from websockets.exceptions import ConnectionClosed
from websockets.sync.server import Server, ServerConnection, serve

from tests.support.signing import action_body, event_body, slash_body


class SocketModeStub:
    def __init__(self) -> None:
        self.acks: dict[str, dict[str, Any]] = {}  # envelope_id -> the whole ack message the bot sent
        self.connections = 0  # WebSocket connections opened so far
        self._current: ServerConnection | None = None
        self._cond = threading.Condition()
        self._server: Server = serve(self._session, "127.0.0.1", 0)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    # --- lifecycle ---------------------------------------------------------------------------
    def start(self) -> SocketModeStub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)

    @property
    def url(self) -> str:
        """Give this to the Web API stand-in as `ws_url`."""
        host, port = self._server.socket.getsockname()[:2]
        return f"ws://{host}:{port}/link/?ticket=test-ticket&app_id=A0TIPBOT"

    # --- the server side of one connection ---------------------------------------------------
    def _session(self, ws: ServerConnection) -> None:
        with self._cond:
            self.connections += 1
            self._current = ws
            n = self.connections
            self._cond.notify_all()
        ws.send(json.dumps(hello(n)))
        try:
            for raw in ws:
                msg = json.loads(raw)
                if isinstance(msg, dict) and msg.get("envelope_id"):
                    with self._cond:
                        self.acks[msg["envelope_id"]] = msg
                        self._cond.notify_all()
        except ConnectionClosed:
            pass

    # --- what Slack sends ----------------------------------------------------------------------
    def send(self, envelope: dict[str, Any]) -> str:
        """Send on the newest connection; returns the envelope_id to wait for."""
        with self._cond:
            ws = self._current
        if ws is None:
            raise RuntimeError("no Socket Mode connection yet: wait_connections() first")
        ws.send(json.dumps(envelope))
        return envelope.get("envelope_id", "")

    def slash_command(self, text: str, **kwargs: Any) -> str:
        payload = dict(parse_qsl(slash_body(text, **kwargs), keep_blank_values=True))
        return self.send(envelope("slash_commands", payload, accepts_response_payload=True))

    def event(self, event: dict[str, Any], *, event_id: str = "Ev0001") -> str:
        payload = json.loads(event_body(event, event_id=event_id))
        return self.send({**envelope("events_api", payload), "retry_attempt": 0, "retry_reason": ""})

    def interactive(self, action_id: str, value: str, **kwargs: Any) -> str:
        payload = json.loads(dict(parse_qsl(action_body(action_id, value, **kwargs)))["payload"])
        return self.send(envelope("interactive", payload))

    def disconnect(self, reason: str = "refresh_requested", *, drop: bool = True) -> None:
        """Slack's warning that this connection is going away, then (by default) the drop itself."""
        with self._cond:
            ws = self._current
        assert ws is not None
        ws.send(json.dumps({"type": "disconnect", "reason": reason, "debug_info": {"host": "applink-test"}}))
        if drop:
            ws.close()

    def drop(self) -> None:
        """The connection dies without warning (a network blip, a Slack deploy)."""
        with self._cond:
            ws = self._current
        assert ws is not None
        ws.close()

    # --- assertions ----------------------------------------------------------------------------
    def wait_connections(self, count: int, timeout: float = 10.0) -> int:
        with self._cond:
            self._cond.wait_for(lambda: self.connections >= count, timeout=timeout)
            return self.connections

    def wait_ack(self, envelope_id: str, timeout: float = 5.0) -> dict[str, Any] | None:
        """The bot's acknowledgement of `envelope_id` (None if it never came)."""
        with self._cond:
            self._cond.wait_for(lambda: envelope_id in self.acks, timeout=timeout)
            return self.acks.get(envelope_id)


def hello(n: int) -> dict[str, Any]:
    return {
        "type": "hello",
        "num_connections": n,
        "debug_info": {"host": "applink-test", "build_number": 1, "approximate_connection_time": 18060},
        "connection_info": {"app_id": "A0TIPBOT"},
    }


_envelope_ids = itertools.count(1)


def envelope(kind: str, payload: dict[str, Any], *, accepts_response_payload: bool = False) -> dict[str, Any]:
    return {
        "envelope_id": f"env-{kind}-{next(_envelope_ids):04d}",
        "type": kind,
        "payload": payload,
        "accepts_response_payload": accepts_response_payload,
    }
