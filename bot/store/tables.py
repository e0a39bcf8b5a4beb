"""The store's tables as they are at the newest schema version (migrations.py builds them; a test
holds the two together). Every name starts with `tipbot_`: a shared database (Heroku Postgres) may
hold other applications' tables. Times are UTC."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, DateTime, Float, Integer, MetaData, String, Table, Text

metadata = MetaData()

# Applied migrations, one row each: the schema version is the highest.
schema_versions = Table(
    "tipbot_schema",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", String(100), nullable=False),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

# Small named values: the generated hash salt (when USAGE_HASH_SALT is unset), the last start-up.
meta = Table(
    "tipbot_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# Exactly-once: the first process to insert a key handles the event or click; rows expire.
claims = Table(
    "tipbot_claims",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("expires_at", DateTime(timezone=True), nullable=False, index=True),
)

# One digest per (workspace, channel, local date): claimed before posting, `posted_ts` once posted.
digest_claims = Table(
    "tipbot_digest_claims",
    metadata,
    Column("workspace", String(32), primary_key=True),
    Column("channel", String(32), primary_key=True),
    Column("day", String(10), primary_key=True),  # YYYY-MM-DD in DIGEST_TIMEZONE
    Column("claimed_at", DateTime(timezone=True), nullable=False),
    Column("owner", String(100), nullable=False),  # host:pid, for the operator
    Column("posted_ts", String(32), nullable=True),
)

# Replies that failed after the Web API client's retries, retried later with back-off.
outbox = Table(
    "tipbot_outbox",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(16), nullable=False),  # dm, mention, share
    Column("payload", Text, nullable=False),  # JSON: chat.postMessage arguments
    Column("notice", Text, nullable=True),  # JSON: how to tell the asker if it finally fails
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("next_at", DateTime(timezone=True), nullable=False, index=True),
    Column("attempts", Integer, nullable=False),
    Column("last_error", String(200), nullable=True),
    Column("lease_until", DateTime(timezone=True), nullable=True),  # a process is delivering it until then
)

# The usage log: one row per answer. `id` is made by the writer (random prefix + counter), so an answer's buttons can
# name its row before the batch reaches the database (the feedback issue's votes reference it).
usage = Table(
    "tipbot_usage",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("surface", String(16), nullable=False),  # slash, dm, mention, home, share, digest, cli
    Column("lang", String(8), nullable=False),  # en, ru
    Column("matched", Boolean, nullable=False),
    Column("kind", String(16), nullable=False),  # the answer's kind: facts, table, help, topics, miss, error
    Column("fact_ids", Text, nullable=False),  # comma-separated, best first; "" when none
    Column("latency_ms", Float, nullable=False),
    Column("query", Text, nullable=False),  # the question as typed (at most 500 characters)
    Column("user_hash", String(64), nullable=True, index=True),  # HMAC-SHA256(salt, user id), hex; never the id
)

# Votes on answers (👍 +1 / 👎 -1): one row per answer and user (a second click changes it). `answer_id`
# is the id the answer's buttons carry (the usage row's id when the usage log is on, then also in
# `usage_id`); `user_hash` is the usage log's salted hash, never the id; `comment` is the 👎 modal's text.
votes = Table(
    "tipbot_votes",
    metadata,
    Column("answer_id", String(32), primary_key=True),
    Column("user_hash", String(64), primary_key=True),
    Column("vote", Integer, nullable=False),
    Column("usage_id", String(32), nullable=True),
    Column("fact_ids", Text, nullable=False),  # comma-separated, best first
    Column("surface", String(16), nullable=False),
    Column("lang", String(8), nullable=False),
    Column("comment", Text, nullable=True),  # at most 500 characters, as typed
    Column("at", DateTime(timezone=True), nullable=False, index=True),  # the last change
)
