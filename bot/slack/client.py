"""One way to build a Web API client: the configured base URL (GovSlack, tests) and Slack's own
retry handlers for 5xx and dropped connections, with a 429 handler that bounds the wait.

Replies are sent from a pool of REPLY_THREADS threads (`reply_executor`), and no call holds one for
long: slack_sdk's RateLimitErrorRetryHandler sleeps whatever `Retry-After` says (25 s held a thread,
and Bolt's default pool has 5) and raises ValueError on a fractional value (the reply was dropped).
Here a Retry-After is read leniently, waited up to MAX_RETRY_WAIT, and a longer one is not waited
for at all: the call fails at once with Slack's `ratelimited` error (logged by the caller).
"""

from __future__ import annotations

import logging
import math
import random
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.handler import RetryHandler
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.settings import Settings

MAX_RETRY_WAIT = 5.0  # seconds a reply may wait on a 429 before retrying; longer requests are not waited for
DEFAULT_RETRY_AFTER = 1.0  # when Slack's 429 has no usable Retry-After
REPLY_THREADS = 16  # lazy listeners (DM, mention and click answers) running at once
log = logging.getLogger("bot.slack.client")


def retry_after(headers: dict[str, Any]) -> float:
    """Seconds from a Retry-After header, read leniently: "2", "1.5", " 3 ", a list of values (as slack_sdk
    keeps headers); anything unusable (absent, a date, negative, NaN) is DEFAULT_RETRY_AFTER."""
    for name, value in headers.items():
        if name.lower() == "retry-after":
            text = value[0] if isinstance(value, list | tuple) and value else value
            try:
                seconds = float(str(text).strip())
            except ValueError:
                return DEFAULT_RETRY_AFTER
            return seconds if math.isfinite(seconds) and seconds >= 0 else DEFAULT_RETRY_AFTER
    return DEFAULT_RETRY_AFTER


class CappedRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """429: retried after Retry-After when that is at most `max_wait`, else not retried (fails now)."""

    def __init__(self, max_retry_count: int = 1, max_wait: float = MAX_RETRY_WAIT) -> None:
        super().__init__(max_retry_count=max_retry_count)
        self.max_wait = max_wait

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or response.status_code != 429:
            return False
        wait = retry_after(response.headers)
        if wait > self.max_wait:
            log.warning("Slack asked to wait %.1f s (more than %.0f s): not retried", wait, self.max_wait)
            return False
        return True

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        if response is None:
            raise error or RuntimeError("no response to a rate-limited call")
        state.next_attempt_requested = True
        time.sleep(min(retry_after(response.headers), self.max_wait) + random.random() * 0.1)
        state.increment_current_attempt()


def retry_handlers(max_retry_count: int = 2) -> list[RetryHandler]:
    backoff = BackoffRetryIntervalCalculator(backoff_factor=0.5)
    return [
        CappedRateLimitRetryHandler(max_retry_count=max_retry_count),
        ServerErrorRetryHandler(max_retry_count=max_retry_count, interval_calculator=backoff),
        ConnectionErrorRetryHandler(max_retry_count=max_retry_count, interval_calculator=backoff),
    ]


def make_client(settings: Settings, *, timeout: int = 10) -> WebClient:
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return WebClient(token=token, base_url=settings.slack_api_url, timeout=timeout, retry_handlers=retry_handlers())


def reply_executor() -> ThreadPoolExecutor:
    """The bounded pool Bolt runs lazy listeners on (Bolt's own default has 5 threads)."""
    return ThreadPoolExecutor(max_workers=REPLY_THREADS, thread_name_prefix="reply")
