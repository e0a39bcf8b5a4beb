"""Votes on answers and their comments, for the Slack listeners: through the store, degrading (logged,
never raised) while the database is away. The user id is hashed here with the usage log's salt, so a
vote names no one and `tip-bot stats --forget USER_ID` finds it."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.store.base import Store, StoreUnavailable, Vote
from bot.store.state import DbState
from bot.store.usage import user_hash


class Votes:
    def __init__(self, store: Store | None, state: DbState | None = None) -> None:
        self.store = store
        self.state = state or DbState()

    def _hash(self, user: str) -> str:
        assert self.store is not None
        return user_hash(self.store.hash_salt(), user)

    def record(
        self,
        answer_id: str,
        user: str,
        vote: int,
        *,
        usage_id: str | None,
        fact_ids: tuple[str, ...],
        surface: str,
        lang: str,
    ) -> tuple[int, int] | None:
        """Store the vote (replacing the user's earlier one); the answer's (👍, 👎), or None when not stored."""
        if self.store is None or not self.state.usable():
            return None
        try:
            self.store.vote(
                Vote(
                    answer_id=answer_id,
                    user_hash=self._hash(user),
                    vote=1 if vote > 0 else -1,
                    usage_id=usage_id,
                    fact_ids=fact_ids,
                    surface=surface,
                    lang=lang,
                    comment=None,
                    at=datetime.now(UTC),
                )
            )
            tally = self.store.vote_tally(answer_id)
        except StoreUnavailable as e:
            self.state.failed("storing a vote", e)
            return None
        self.state.succeeded()
        return tally

    def comment(self, answer_id: str, user: str, text: str) -> bool:
        if self.store is None or not self.state.usable():
            return False
        try:
            done = self.store.vote_comment(answer_id, self._hash(user), text)
        except StoreUnavailable as e:
            self.state.failed("storing a comment", e)
            return False
        self.state.succeeded()
        return done
