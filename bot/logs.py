"""Logging set-up for every long-running shell: LOG_LEVEL, LOG_FORMAT=text|json, secrets never logged.

Every request or event the bot answers gets exactly one INFO line from `log_answer` (logger
`bot.answers`): what was asked, what answered, how long it took. Whatever a handler prints, the
configured tokens and signing secret are masked before the line leaves the process.
"""

from __future__ import annotations

import json
import logging
import sys
import time
from typing import Any

from bot.answer import Answer
from bot.settings import Settings

MAX_LOGGED_QUERY = 200  # characters of a user's text kept in a log line
_answers = logging.getLogger("bot.answers")


_JSON_BREAKS = {0x85: "\\u0085", 0x2028: "\\u2028", 0x2029: "\\u2029"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        out.update(getattr(record, "fields", {}) or {})
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        # json.dumps escapes C0 controls; these three it keeps raw, and some readers break lines at them
        return json.dumps(out, ensure_ascii=False, default=str).translate(_JSON_BREAKS)


# Characters that could end or fake a line in a text log: C0 and C1 controls, DEL, Unicode line breaks.
_ESCAPES = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))}
_ESCAPES.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t", 0x2028: "\\u2028", 0x2029: "\\u2029"})


def one_line(text: str) -> str:
    """`text` with every control character escaped: a newline in a request can never forge a log line."""
    return text.translate(_ESCAPES)


class TextFormatter(logging.Formatter):
    """`time LEVEL logger: message`, one physical line per record: the message (and so every field in it
    that came from a request) has its control characters escaped; a traceback's lines follow indented
    with `  | `, so none of them can pass for a record of its own."""

    def __init__(self) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        record.message = one_line(record.getMessage())
        record.asctime = self.formatTime(record, self.datefmt)
        text = self.formatMessage(record)
        extra = []
        if record.exc_info:
            extra.append(self.formatException(record.exc_info))
        if record.stack_info:
            extra.append(self.formatStack(record.stack_info))
        for block in extra:
            text += "".join("\n  | " + one_line(line) for line in block.splitlines())
        return text


class RequestVerificationLog(logging.Filter):
    """Bolt's RequestVerification middleware logs a rejected request at INFO with its whole body (785 MB of
    log in one flood). Our edge (bot/slack/edge.py) rejects such requests before Bolt sees them; any that
    still reach Bolt (app.dispatch) are logged as one short line, the body left out."""

    def filter(self, record: logging.LogRecord) -> bool:
        if str(record.msg).startswith("Invalid request signature detected"):
            record.msg, record.args = "rejected a request: 401 invalid signature (body not logged)", ()
        return True


logging.getLogger("slack_bolt.RequestVerification").addFilter(RequestVerificationLog())


class RedactingFormatter(logging.Formatter):
    """Wraps a formatter and masks every secret in its output (a last line of defence: a token in a
    URL, an exception message or a library's debug line never reaches the log platform)."""

    def __init__(self, inner: logging.Formatter, secrets: list[str]) -> None:
        super().__init__()
        self.inner = inner
        # Longest first, so a secret containing another is masked whole.
        self.secrets = sorted({s for s in secrets if len(s) >= 8}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        text = self.inner.format(record)
        for secret in self.secrets:
            if secret in text:
                text = text.replace(secret, mask(secret))
        return text


def mask(secret: str) -> str:
    """The first characters only: enough to tell tokens apart (xoxb- vs xapp-)."""
    return secret[:5] + "…[redacted]"


def settings_secrets(settings: Settings) -> list[str]:
    values = (
        settings.slack_bot_token,
        settings.slack_app_token,
        settings.slack_signing_secret,
        settings.usage_hash_salt,
    )
    secrets = [v.get_secret_value() for v in values if v is not None]
    password = _database_password(settings.database_url.get_secret_value())
    return [*secrets, password] if password else secrets


def _database_password(url: str) -> str | None:
    """The password in DATABASE_URL (postgresql://user:PASSWORD@host/db), if any."""
    netloc = url.partition("://")[2].partition("/")[0]
    userinfo = netloc.rpartition("@")[0]
    return userinfo.partition(":")[2] or None


def setup_logging(settings: Settings, stream=None) -> None:
    handler = logging.StreamHandler(stream or sys.stderr)
    if settings.log_format == "json":
        inner: logging.Formatter = JsonFormatter()
    else:
        inner = TextFormatter()
    handler.setFormatter(RedactingFormatter(inner, settings_secrets(settings)))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(settings.log_level)


def describe(answer: Answer) -> str:
    """What answered, in a few words: the kind and the fact ids (or the suggestions on a miss)."""
    if answer.facts:
        return f"{answer.kind} " + ",".join(f.id for f in answer.facts)
    if answer.kind == "miss" and answer.suggestions:
        return "miss (suggested " + "; ".join(answer.suggestions[:3]) + ")"
    return answer.kind


def log_answer(kind: str, query: str, answer: Answer | str, ms: float, **fields: Any) -> None:
    """One INFO line per request/event: `kind` ("/tip", "dm", "mention", "share", "source", "home",
    "digest"…), the user's text, what answered (an Answer or a short description), and the time in ms.

    Extra keyword fields (user, channel, status…) go into the JSON record and the text line."""
    asked = " ".join(str(query).split())
    if len(asked) > MAX_LOGGED_QUERY:
        asked = asked[:MAX_LOGGED_QUERY] + "…"
    answered = describe(answer) if isinstance(answer, Answer) else str(answer)
    extra = "".join(f" {k}={v}" for k, v in fields.items())
    record = {"kind": kind, "query": asked, "answer": answered, "ms": round(ms, 2), **fields}
    _answers.info("%s %r -> %s in %.1f ms%s", kind, asked, answered, ms, extra, extra={"fields": record})


def since(start: float) -> float:
    """Milliseconds since a `time.perf_counter()` reading."""
    return (time.perf_counter() - start) * 1000
