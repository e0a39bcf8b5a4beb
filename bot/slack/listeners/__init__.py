"""Bolt listeners: module-level functions, one module per kind of request; each module's
`register(app)` adds its routes. A listener gets what it needs from `deps_of(context)` (see
bot/slack/deps.py), so a test can import it and call it with any `Deps`."""

from __future__ import annotations

from slack_bolt import Ack


def ack_only(ack: Ack) -> None:
    """The acknowledgement of a request answered later by a lazy listener."""
    ack()
