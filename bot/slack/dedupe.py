"""Answer each Slack event once.

Slack retries an event it thinks we missed (up to 3 times, over ~5 minutes) and may deliver one
message both as `message.im` and as `app_mention`. We remember the keys we have handled in a bounded,
in-memory, first-in-first-out window: enough to span Slack's retry schedule, cheap, and lost on a
restart (a retry arriving after a restart may be answered again; nothing else is shared between
processes or HTTP workers, so run one worker per app if that matters).
"""

from __future__ import annotations

import threading
from collections import OrderedDict


class Dedupe:
    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self._seen: OrderedDict[str, None] = OrderedDict()
        self._lock = threading.Lock()

    def first_time(self, key: str) -> bool:
        """True the first time `key` is seen (and remember it), False for a repeat."""
        with self._lock:
            if key in self._seen:
                return False
            self._seen[key] = None
            if len(self._seen) > self.size:
                self._seen.popitem(last=False)
            return True

    def __len__(self) -> int:
        return len(self._seen)
