"""One way to build a Web API client: the configured base URL (GovSlack, tests) and Slack's own
retry handlers for 429 (honours Retry-After), 5xx and dropped connections."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.builtin_interval_calculators import BackoffRetryIntervalCalculator
from slack_sdk.http_retry.handler import RetryHandler

from bot.settings import Settings


def retry_handlers(max_retry_count: int = 2) -> list[RetryHandler]:
    backoff = BackoffRetryIntervalCalculator(backoff_factor=0.5)
    return [
        RateLimitErrorRetryHandler(max_retry_count=max_retry_count),
        ServerErrorRetryHandler(max_retry_count=max_retry_count, interval_calculator=backoff),
        ConnectionErrorRetryHandler(max_retry_count=max_retry_count, interval_calculator=backoff),
    ]


def make_client(settings: Settings, *, timeout: int = 10) -> WebClient:
    token = settings.slack_bot_token.get_secret_value() if settings.slack_bot_token else None
    return WebClient(token=token, base_url=settings.slack_api_url, timeout=timeout, retry_handlers=retry_handlers())
