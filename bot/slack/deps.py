"""What every listener needs, built once per app and handed to each request: the injection point.

`build_app` (bot/slack/app.py) puts one `Deps` into every request's Bolt `context` (the `Inject`
middleware), and listeners are plain module-level functions that take `context` and call
`deps_of(context)`. So a listener can be imported and called in a test with a `BoltContext` holding
any `Deps`, and a new dependency (a store, a feedback log) is one more field here, set in `assemble`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from slack_bolt import BoltContext, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

from bot.knowledge import KnowledgeBase
from bot.render_blocks import RenderCache
from bot.settings import Settings
from bot.slack.health import Health
from bot.store.claims import Claims
from bot.store.outbox import Outbox
from bot.store.state import DbState
from bot.store.usage import UsageLog
from bot.store.votes import Votes

if TYPE_CHECKING:
    from bot.core import AnswerCore

T = TypeVar("T")
CONTEXT_KEY = "tip_deps"


@dataclass(eq=False)
class Deps:
    settings: Settings
    core: AnswerCore
    kb: KnowledgeBase
    # The store's services (bot/store/), built by `assemble`; the defaults use no database: claims in
    # this process's memory only, no usage log, no outbox.
    claims: Claims = field(default_factory=lambda: Claims(None))  # exactly-once events and clicks
    usage: UsageLog = field(default_factory=lambda: UsageLog(None))  # the usage log (off without a store)
    outbox: Outbox = field(default_factory=lambda: Outbox(None))  # replies retried later
    votes: Votes = field(default_factory=lambda: Votes(None))  # 👍/👎 on answers (not stored without a store)
    db: DbState | None = None  # the database's state, for /healthz (None: no database)
    health: Health = field(default_factory=Health)  # does Slack still accept our tokens (bot/slack/health.py)
    render: RenderCache = field(default_factory=RenderCache)  # Block Kit rendered once per fact
    _once: dict[str, Any] = field(default_factory=dict, repr=False)

    def once(self, name: str, build: Callable[[], T]) -> T:
        """A value that depends only on the fact base (the Home view, the help's topic list): built on
        first use, then shared. Two threads racing build it twice and keep one: harmless."""
        if name not in self._once:
            self._once[name] = build()
        return self._once[name]

    def start(self) -> None:
        """Start the store's background threads (usage writer, outbox and pruning)."""
        self.usage.start()
        self.outbox.start()

    def close(self, timeout: float = 8.0) -> None:
        """Stop them within `timeout` s (SIGTERM: the host kills 30 s after), writing what is pending;
        undelivered outbox items stay stored for the next process."""
        self.outbox.stop(timeout / 2)
        self.usage.close(timeout / 2)
        store = self.outbox.store or self.usage.store or self.claims.store
        if store is not None:
            store.close()

    def __deepcopy__(self, memo: dict) -> Deps:
        """Bolt deep-copies a request's context for its lazy listeners: they share this one."""
        return self


class Inject(Middleware):
    """Puts the app's `Deps` into every request's context (a Middleware subclass: no argument injection)."""

    def __init__(self, deps: Deps) -> None:
        self.deps = deps

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Callable[[], BoltResponse]) -> BoltResponse:
        req.context[CONTEXT_KEY] = self.deps
        return next()


def deps_of(context: BoltContext) -> Deps:
    return context[CONTEXT_KEY]
