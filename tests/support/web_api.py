"""A Slack Web API stand-in on 127.0.0.1: answers POST /api/<method> with Slack-shaped JSON and
records every call, so tests assert on what the bot really sent over HTTP.

Also accepts POST /response/<id> (a `response_url` target) and records it as method "response_url".
Canned answers (errors, 429 with Retry-After, 5xx) are queued per method with `respond()`.
"""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

SCOPES = "commands,chat:write,im:history,app_mentions:read,channels:history,groups:history,channels:read,groups:read"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    headers: dict[str, str]
    path: str

    @property
    def token(self) -> str | None:
        auth = self.headers.get("authorization", "")
        return auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else self.params.get("token")


@dataclass
class Canned:
    status: int = 200
    body: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)


class WebAPIStub:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.scopes = SCOPES
        self.ws_url = "wss://127.0.0.1:1/link"  # apps.connections.open answer; tests may override
        self.channels: dict[str, dict[str, Any]] = {}  # conversations.info answers by id
        self.history: dict[str, list[dict[str, Any]]] = {}  # posted messages per channel, oldest first
        self._canned: dict[str, list[Canned]] = {}
        self._ts = itertools.count(1)
        self._cond = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        # a short poll interval: stop() (shutdown) returns in ~0.05 s instead of 0.5 s per test
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    # --- lifecycle ---------------------------------------------------------------------------
    def start(self) -> WebAPIStub:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    @property
    def base(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        """Give this to the bot as SLACK_API_URL."""
        return f"{self.base}/api/"

    def response_url(self, name: str = "1") -> str:
        return f"{self.base}/response/{name}"

    # --- scripting -----------------------------------------------------------------------------
    def respond(
        self,
        method: str,
        *,
        status: int = 200,
        body: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        times: int = 1,
    ) -> None:
        """Queue a canned answer for the next `times` calls of `method` (then the defaults resume)."""
        with self._cond:
            self._canned.setdefault(method, []).extend([Canned(status, body, dict(headers or {}))] * times)

    def fail(self, method: str, error: str, times: int = 1) -> None:
        self.respond(method, body={"ok": False, "error": error}, times=times)

    # --- assertions ----------------------------------------------------------------------------
    def calls_to(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 5.0) -> list[Call]:
        """Block until `count` calls of `method` arrived (the bot may answer on another thread)."""
        with self._cond:
            self._cond.wait_for(lambda: len([c for c in self.calls if c.method == method]) >= count, timeout=timeout)
            return [c for c in self.calls if c.method == method]

    # --- default Slack behaviour -----------------------------------------------------------------
    def _default(self, method: str, p: dict[str, Any]) -> tuple[int, dict[str, Any], dict[str, str]]:
        ok = {"ok": True}
        if method == "auth.test":
            return (
                200,
                {
                    **ok,
                    "url": "https://tip-test.slack.com/",
                    "team": "TIP Test",
                    "user": "tip-bot",
                    "team_id": "T0TEST",
                    "user_id": "UBOT",
                    "bot_id": "BBOT",
                },
                {"x-oauth-scopes": self.scopes},
            )
        if method == "chat.postMessage":
            ts = f"{1700000000 + next(self._ts)}.000100"
            msg = {
                "type": "message",
                "user": "UBOT",
                "bot_id": "BBOT",
                "ts": ts,
                "text": p.get("text", ""),
                "blocks": _json(p.get("blocks")) or [],
            }
            if p.get("thread_ts"):
                msg["thread_ts"] = p["thread_ts"]
            if p.get("metadata"):
                msg["metadata"] = _json(p["metadata"])
            self.history.setdefault(p.get("channel", ""), []).append(msg)
            return 200, {**ok, "channel": p.get("channel"), "ts": ts, "message": msg}, {}
        if method == "chat.postEphemeral":
            return 200, {**ok, "message_ts": f"{1700000000 + next(self._ts)}.000200"}, {}
        if method == "views.open":
            self.views_opened = getattr(self, "views_opened", 0) + 1
            return 200, {**ok, "view": {"id": f"V0MODAL{self.views_opened}", **(_json(p.get("view")) or {})}}, {}
        if method == "chat.update":
            ch, ts = p.get("channel", ""), p.get("ts", "")
            for m in self.history.get(ch, []):  # the stored message changes, as in Slack
                if m["ts"] == ts:
                    m["text"], m["blocks"] = p.get("text", m["text"]), _json(p.get("blocks")) or []
            return 200, {**ok, "channel": ch, "ts": ts, "text": p.get("text", "")}, {}
        if method == "views.publish":
            return 200, {**ok, "view": {"id": "V0TEST", "type": "home", **(_json(p.get("view")) or {})}}, {}
        if method == "conversations.history":
            msgs = list(reversed(self.history.get(p.get("channel", ""), [])))  # newest first
            oldest, latest = float(p.get("oldest", 0) or 0), float(p.get("latest", 0) or 0)
            msgs = [m for m in msgs if float(m["ts"]) >= oldest and (not latest or float(m["ts"]) <= latest)]
            if str(p.get("include_all_metadata", "")).lower() not in ("1", "true"):
                msgs = [{k: v for k, v in m.items() if k != "metadata"} for m in msgs]
            limit = int(p.get("limit", 100) or 100)
            start = int(p.get("cursor") or 0)  # pagination: the cursor is an offset into the newest-first list
            more = len(msgs) > start + limit
            page = {**ok, "messages": msgs[start : start + limit], "has_more": more}
            if more:
                page["response_metadata"] = {"next_cursor": str(start + limit)}
            return 200, page, {}
        if method == "conversations.info":
            ch = p.get("channel", "")
            if ch in self.channels:
                return 200, {**ok, "channel": self.channels[ch]}, {}
            return 200, {"ok": False, "error": "channel_not_found"}, {}
        if method == "apps.connections.open":
            return 200, {**ok, "url": self.ws_url}, {}
        return 200, {"ok": False, "error": "unknown_method"}, {}

    def _handle(self, path: str, headers: dict[str, str], raw: bytes) -> tuple[int, dict[str, Any], dict[str, str]]:
        url = urlparse(path)
        params: dict[str, Any] = {k: v[-1] for k, v in parse_qs(url.query).items()}
        ctype = headers.get("content-type", "")
        if raw:
            if "json" in ctype:
                params.update(json.loads(raw))
            else:
                params.update({k: v[-1] for k, v in parse_qs(raw.decode()).items()})
        if url.path.startswith("/response/"):
            method = "response_url"
        elif url.path.startswith("/api/"):
            method = url.path.removeprefix("/api/")
        else:
            return 404, {"ok": False, "error": "not_found"}, {}
        call = Call(method, params, headers, url.path)
        with self._cond:
            self.calls.append(call)
            canned = self._canned.get(method)
            reply = canned.pop(0) if canned else None
            self._cond.notify_all()
        if reply is not None:
            return reply.status, reply.body if reply.body is not None else {"ok": reply.status < 400}, reply.headers
        if method == "response_url":
            return 200, {"ok": True}, {}
        if not call.token:
            return 200, {"ok": False, "error": "not_authed"}, {}
        with self._cond:
            return self._default(method, params)

    def _handler(self):
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                length = int(self.headers.get("content-length") or 0)
                raw = self.rfile.read(length) if length else b""
                hdrs = {k.lower(): v for k, v in self.headers.items()}
                status, body, extra = stub._handle(self.path, hdrs, raw)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("content-type", "application/json; charset=utf-8")
                self.send_header("content-length", str(len(data)))
                for k, v in extra.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST

            def log_message(self, *args):  # keep test output clean
                pass

        return Handler


def _json(value: Any) -> Any:
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value
