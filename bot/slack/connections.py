"""uvicorn's HTTP protocols with the two connection bounds uvicorn lacks.

uvicorn's only idle bound is `timeout_keep_alive`, armed after a response and cancelled by any byte:
a connection that never sends a request, or sends its headers a byte at a time (slowloris), stays
open forever, and 1,100 of them exhausted a 1,024-descriptor limit (accept() fails; /healthz and
/tip got resets). Its `limit_concurrency` counts idle connections too, so it answers /healthz with
503 while they sit there. Here, per connection:

- a request's headers must arrive within HEADER_TIMEOUT of the connection (or of the previous
  response), however slowly they trickle in; the body's own bound is the edge's BODY_TIMEOUT;
- at most `max_connections` are open (by default the descriptor limit less RESERVED_FDS): the next
  one closes the connection that has waited longest for a request, so idle sockets cannot crowd out
  a client that sends its request at once; if every connection is busy, the new one is closed.

Both parsers are covered; `configure()` sets the bounds in each worker process from the settings.
"""

from __future__ import annotations

import asyncio
import logging
import resource
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

HEADER_TIMEOUT = 10.0  # seconds; Slack (and any proxy in front) sends a request's headers at once
DEFAULT_MAX_CONNECTIONS = 1000
RESERVED_FDS = 100  # descriptors kept for everything else: log, Web API calls, the listening socket
log = logging.getLogger("bot.edge")


class _Limits:
    header_timeout = HEADER_TIMEOUT
    max_connections = DEFAULT_MAX_CONNECTIONS


def raise_fd_limit() -> int:
    """Lift the soft descriptor limit to the hard one (often 1,024 soft on a much higher hard); returns it."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard == resource.RLIM_INFINITY:
        hard = max(soft, 65536)
    if soft < hard:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
            soft = hard
        except (ValueError, OSError):
            pass
    return soft


def configure(header_timeout: float | None = None, max_connections: int | None = None) -> tuple[float, int]:
    """Set this process's bounds: the descriptor limit raised as far as allowed, the connection cap
    kept below it. Returns (header timeout, connection cap)."""
    fds = raise_fd_limit()
    cap = min(max_connections or DEFAULT_MAX_CONNECTIONS, max(16, fds - RESERVED_FDS))
    _Limits.header_timeout = header_timeout or HEADER_TIMEOUT
    _Limits.max_connections = cap
    return _Limits.header_timeout, cap


class _Guarded:
    """Mixed into a uvicorn protocol (which provides loop, transport, cycle and connections)."""

    loop: asyncio.AbstractEventLoop
    transport: asyncio.Transport
    cycle: Any
    connections: set[Any]
    _header_timer: asyncio.TimerHandle | None = None
    _idle_since = 0.0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)  # type: ignore[misc]
        self._wait_for_request()
        if len(self.connections) > _Limits.max_connections:
            self._make_room()

    def on_response_complete(self) -> None:
        super().on_response_complete()  # type: ignore[misc]
        if not self.transport.is_closing():
            self._wait_for_request()

    def connection_lost(self, exc: Exception | None) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
        super().connection_lost(exc)  # type: ignore[misc]

    def _wait_for_request(self) -> None:
        self._idle_since = self.loop.time()
        if self._header_timer is not None:
            self._header_timer.cancel()
        self._header_timer = self.loop.call_later(_Limits.header_timeout, self._headers_overdue)

    def _waiting(self) -> bool:
        return self.cycle is None or self.cycle.response_complete

    def _headers_overdue(self) -> None:
        self._header_timer = None
        if self._waiting() and not self.transport.is_closing():
            self.transport.close()

    def _make_room(self) -> None:
        idle = [c for c in self.connections if isinstance(c, _Guarded) and c._waiting() and c is not self]
        victim = min(idle, key=lambda c: c._idle_since) if idle else self
        victim.transport.close()


class GuardedHttpTools(_Guarded, HttpToolsProtocol):
    pass


class GuardedH11(_Guarded, H11Protocol):
    pass


def protocol_class(http_impl: str) -> type[asyncio.Protocol]:
    """`--http-impl` → the guarded protocol (auto: httptools when installed, as uvicorn chooses)."""
    if http_impl == "h11":
        return GuardedH11
    return GuardedHttpTools
