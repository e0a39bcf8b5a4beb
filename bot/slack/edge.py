"""The HTTP edge in front of Bolt: every byte from the network is bounded, checked and signed before
Bolt sees it. For POST /slack/events, in this order:

1. headers only: a declared body over MAX_BODY is 413, a missing, non-numeric or stale
   (> 300 s) X-Slack-Request-Timestamp or a missing X-Slack-Signature is 401, before any body is read;
2. the body is read with a bound while it streams (chunked bodies too): 413 at MAX_BODY, 408 if it
   has not arrived within BODY_TIMEOUT, 503 when all requests together hold more than BODY_BUDGET;
3. the signature is checked over the raw bytes (401), and only then is the body decoded and parsed
   (400 for non-UTF-8, invalid or too deeply nested JSON, a `payload` that is not a JSON object, or
   more than MAX_FORM_FIELDS form fields);
4. Bolt gets the parsed body (see `EdgeRequest`: a Bolt 1.30 parsing bug) and answers as before.

A rejection is one short log line (logger `bot.edge`, status and reason, never the body), at most
REJECT_LOG_BURST lines per REJECT_LOG_WINDOW seconds plus a count of what was not logged, and its
response closes the connection, so an unread body is never read. Figures: docs/security.md.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import threading
import time
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qsl

from slack_bolt import App, BoltRequest
from slack_bolt.adapter.asgi.http_response import AsgiHttpResponse

from bot.slack.health import Health
from bot.store.state import DbState

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
MAX_BODY = 1_000_000  # bytes; Slack's largest payloads (big modals, 40,000-character messages) are well under this
BODY_TIMEOUT = 10.0  # seconds for a whole body to arrive; Slack sends a few kB at once
BODY_BUDGET = 32 * MAX_BODY  # bytes of bodies held by all requests at once, beyond each one's first FREE_BYTES
FREE_BYTES = 64 * 1024  # what uvicorn buffers per connection anyway: small requests always get through
MAX_FORM_FIELDS = 50  # a slash command has 14 fields, an interactive payload 1
MAX_SKEW = 300  # seconds; Slack's rule for X-Slack-Request-Timestamp
REJECT_LOG_BURST = 20  # lines per window: a flood costs 2 lines a second
REJECT_LOG_WINDOW = 10.0

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

log = logging.getLogger("bot.edge")


class Rejected(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


class RejectLog:
    """One line per rejection, at most `burst` per `window` seconds; the rest are counted and the count
    is logged with the next line that gets through (a flood costs a few lines, not gigabytes)."""

    def __init__(self, burst: int = REJECT_LOG_BURST, window: float = REJECT_LOG_WINDOW) -> None:
        self.burst, self.window = burst, window
        self._lock = threading.Lock()
        self._start = 0.0
        self._logged = 0
        self._dropped = 0

    def __call__(self, status: int, reason: str, client: str) -> None:
        with self._lock:
            now = time.monotonic()
            if now - self._start >= self.window:
                self._start, self._logged = now, 0
            if self._logged >= self.burst:
                self._dropped += 1
                return
            self._logged += 1
            dropped, self._dropped = self._dropped, 0
        more = f" ({dropped} more rejections not logged)" if dropped else ""
        log.warning("rejected a request from %s: %d %s%s", client, status, reason, more)


class BodyBudget:
    """Bytes of request bodies held at once, across all requests (each one's first FREE_BYTES are free)."""

    def __init__(self, total: int = BODY_BUDGET) -> None:
        self.total = total
        self.used = 0

    def take(self, n: int) -> bool:
        if self.used + n > self.total:
            return False
        self.used += n
        return True

    def give(self, n: int) -> None:
        self.used -= n


class Signature:
    """Slack's scheme, HMAC-SHA256 of `v0:{timestamp}:{body}` over the raw bytes, computed while the
    body streams in (no pass over a whole 1 MB body at the end). The same digest as
    slack_sdk.signature.SignatureVerifier (tests check they agree), but not that class: it decodes and
    re-encodes the whole body (2.3 ms per MB against 0.6 ms here), and raises on a non-UTF-8 body or a
    non-numeric timestamp instead of answering False."""

    def __init__(self, secret: bytes, timestamp: bytes) -> None:
        self._mac = hmac.new(secret, b"v0:" + timestamp + b":", hashlib.sha256)

    def update(self, chunk: bytes) -> None:
        self._mac.update(chunk)

    def matches(self, signature: bytes) -> bool:
        return hmac.compare_digest(b"v0=" + self._mac.hexdigest().encode(), signature)


def signature_ok(secret: bytes, timestamp: bytes, body: bytes, signature: bytes) -> bool:
    sig = Signature(secret, timestamp)
    sig.update(body)
    return sig.matches(signature)


def check_headers(headers: dict[bytes, bytes], now: float) -> None:
    """What can be refused before reading a byte of the body."""
    length = headers.get(b"content-length")
    if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
        raise Rejected(413, "request body too large")
    ts = headers.get(b"x-slack-request-timestamp", b"")
    if not headers.get(b"x-slack-signature"):
        raise Rejected(401, "no signature")
    if not (ts.isdigit() and len(ts) <= 12):
        raise Rejected(401, "no valid timestamp")
    if abs(now - int(ts)) > MAX_SKEW:
        raise Rejected(401, "stale timestamp")


async def read_body(
    receive: Receive, budget: BodyBudget, signature: Signature, limit: int = MAX_BODY
) -> tuple[bytes, int]:
    """The whole body, refused as soon as it passes `limit`, fed to `signature` as it arrives; returns
    it and the budget it took."""
    body = bytearray()
    taken = 0
    try:
        async with asyncio.timeout(BODY_TIMEOUT):
            while True:
                message = await receive()
                if message["type"] != "http.request":
                    raise Rejected(400, "client went away")
                chunk = message.get("body", b"")
                if len(body) + len(chunk) > limit:
                    raise Rejected(413, "request body too large")
                need = max(0, len(body) + len(chunk) - FREE_BYTES) - taken
                if need > 0:
                    if not budget.take(need):
                        raise Rejected(503, "too many large bodies in flight")
                    taken += need
                body += chunk
                signature.update(chunk)
                if not message.get("more_body", False):
                    return bytes(body), taken
    except TimeoutError:
        budget.give(taken)
        raise Rejected(408, "body not received in time") from None
    except BaseException:
        budget.give(taken)
        raise


def _json_object(text: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):  # RecursionError: thousands of nested brackets
        raise Rejected(400, f"{what} is not valid JSON") from None
    if not isinstance(value, dict):
        raise Rejected(400, f"{what} is not a JSON object")
    return value


def parse(raw: bytes, content_type: str) -> tuple[str, dict[str, Any]]:
    """The body as Slack meant it: a JSON envelope, an interactive `payload` form field (JSON), or the
    fields of a form (slash commands). Returns the text and the parsed body; raises Rejected (400)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Rejected(400, "body is not UTF-8") from None
    if content_type == "application/json" or text.startswith("{"):
        return text, _json_object(text, "body")
    try:
        fields = parse_qsl(text, keep_blank_values=True, max_num_fields=MAX_FORM_FIELDS)
    except ValueError:
        raise Rejected(400, f"more than {MAX_FORM_FIELDS} form fields") from None
    form = dict(fields)
    if "payload" in form:
        return text, _json_object(form["payload"], "payload")
    return text, form


class EdgeRequest(BoltRequest):
    """A BoltRequest carrying the body we parsed, in place of Bolt's own parse.

    WORKAROUND for slack_bolt 1.30.0 (still so on bolt-python main at a2f21ae4, Nov 2026):
    `slack_bolt.request.internals.parse_body` treats any form body that *contains* the substring
    "payload" as an interactive payload and returns {} when there is no `payload` field, so
    `/tip what is the payload …`, or any command from a channel named like #payload-team, matches no
    listener and gets a 404. Drop this class (hand Bolt the raw body) once parse_body checks for a
    `payload` *field* (tests/edge/test_payload_bug.py::test_bolt_still_has_the_bug says when).
    """

    def __init__(self, *, raw_body: str, body: dict[str, Any], query: Any, headers: Any, context: Any = None) -> None:
        # mode="socket_mode" is the one way to give BoltRequest a parsed dict; it is HTTP from here on,
        # so Bolt still checks the signature of raw_body itself.
        super().__init__(body=body, query=query, headers=headers, context=context, mode="socket_mode")
        self.raw_body = raw_body
        self.mode = "http"

    def to_copyable(self) -> EdgeRequest:  # lazy listeners get a copy: keep our body in it
        return EdgeRequest(
            raw_body=self.raw_body,
            body=self.body,
            query=self.query,
            headers=self.headers,
            context=self.context.to_copyable(),
        )


def _client(scope: Scope) -> str:
    client = scope.get("client")
    return f"{client[0]}:{client[1]}" if client else "?"


async def _plain(send: Send, status: int, text: str, *, close: bool = False) -> None:
    body = text.encode()
    headers = [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", str(len(body)).encode())]
    if close:  # uvicorn then closes the connection instead of reading what is left of the body
        headers.append((b"connection", b"close"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


REASONS = {400: "bad request", 401: "invalid request", 408: "request timeout", 413: "request body too large"}


def edge_app(
    bolt_app: App,
    health: Health,
    signing_secret: str | None = None,
    *,
    reject_log: RejectLog | None = None,
    database: DbState | None = None,
    on_shutdown: Callable[[], None] | None = None,
) -> ASGIApp:
    """The ASGI app: /healthz, and POST /slack/events checked as above, then answered by `bolt_app`.

    /healthz also reports the database (a second line); it stays 200 while the database is away, since
    /tip keeps answering. `on_shutdown` runs at ASGI lifespan shutdown (the store's threads)."""
    secret = (signing_secret if signing_secret is not None else bolt_app._signing_secret).encode()
    budget = BodyBudget()
    rejected = reject_log or RejectLog()

    async def events(scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers") or [])
        taken = 0
        try:
            check_headers(headers, time.time())
            signature = Signature(secret, headers[b"x-slack-request-timestamp"])
            raw, taken = await read_body(receive, budget, signature)
            if not signature.matches(headers[b"x-slack-signature"]):
                raise Rejected(401, "bad signature")
            content_type = headers.get(b"content-type", b"").split(b";")[0].strip().decode("latin-1").lower()
            text, body = parse(raw, content_type)
        except Rejected as e:
            rejected(e.status, e.reason, _client(scope))
            return await _plain(send, e.status, REASONS.get(e.status, "service unavailable") + "\n", close=True)
        finally:
            budget.give(taken)
        request = EdgeRequest(
            raw_body=text,
            body=body,
            query=scope.get("query_string", b"").decode("latin-1"),
            headers={k.decode("latin-1"): v.decode("latin-1") for k, v in headers.items()},
        )
        resp = bolt_app.dispatch(request)
        out = AsgiHttpResponse(status=resp.status, headers=resp.headers, body=resp.body)
        await send(out.get_response_start())
        await send(out.get_response_body())

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            return await _lifespan(receive, send, on_shutdown)
        if scope["type"] != "http":
            return
        path, method = scope["path"], scope["method"]
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            db = f"{database.report()}\n" if database is not None else ""
            if not health.ok:  # a revoked/invalid token: see bot/slack/health.py
                return await _plain(send, 503, f"unhealthy: Slack refused the token ({health.problem})\n{db}")
            return await _plain(send, 200, f"ok\n{db}")
        if path == EVENTS_PATH and method == "POST":
            return await events(scope, receive, send)
        return await _plain(send, 404, "not found\n", close=True)

    return app


async def _lifespan(receive: Receive, send: Send, on_shutdown: Callable[[], None] | None = None) -> None:
    message = await receive()
    if message["type"] == "lifespan.startup":
        await send({"type": "lifespan.startup.complete"})
        message = await receive()
    if message["type"] == "lifespan.shutdown":
        if on_shutdown is not None:
            await asyncio.to_thread(on_shutdown)
        await send({"type": "lifespan.shutdown.complete"})
