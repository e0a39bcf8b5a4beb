"""Opening the store. `open_store(settings)` is the one way in for `serve` and `digest`: it turns every
start-up problem (a bad DATABASE_URL, an unreachable server, a read-only file, an out-of-date schema)
into one ConfigError line (exit 2).
A new, empty database is set up on first use; an existing one is only upgraded by `tip-bot db upgrade`.
"""

from __future__ import annotations

from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, NoSuchModuleError

from bot.errors import ConfigError, InvalidSetting
from bot.settings import HINTS, Settings
from bot.store import dialect, migrations
from bot.store.sql import SqlStore, reason, where


def _invalid_url(reason: str) -> ConfigError:
    """DATABASE_URL unusable as written: one line, and structured for `doctor`."""
    hint = HINTS["DATABASE_URL"]
    return ConfigError(f"DATABASE_URL {reason}: set it to {hint}", [InvalidSetting("DATABASE_URL", reason, hint)])


def parse(settings: Settings) -> URL:
    raw = settings.database_url.get_secret_value()
    try:
        url = dialect.normalise_url(raw)
    except ArgumentError:
        raise _invalid_url("is not a database URL") from None
    if url.get_backend_name() not in dialect.SUPPORTED:
        raise _invalid_url(f"names {url.get_backend_name()!r}, which tip-bot does not support")
    return url


def connect(settings: Settings) -> SqlStore:
    """An engine for DATABASE_URL; nothing is checked on the server yet."""
    url = parse(settings)
    try:
        engine = dialect.make_engine(url)
    except (NoSuchModuleError, ImportError, ValueError) as e:
        raise _invalid_url(f"cannot be used ({e})") from None
    salt = settings.usage_hash_salt.get_secret_value() if settings.usage_hash_salt else None
    return SqlStore(engine, salt=salt)


def unreachable(store: SqlStore, e: BaseException) -> ConfigError:
    why = reason(e)
    if dialect.is_read_only_error(e):
        return ConfigError(
            f"the database ({where(store.engine.url)}) is read-only ({why}): tip-bot must write to it; "
            "point DATABASE_URL at a writable file or a primary server"
        )
    return ConfigError(
        f"cannot use the database ({where(store.engine.url)}): {why}: "
        "check DATABASE_URL and that the server is running (or the file's directory exists and is writable)"
    )


def open_store(settings: Settings, *, create: bool = True) -> SqlStore:
    """The store for `serve` and `digest`: reachable, writable, schema current. Raises ConfigError."""
    store = connect(settings)
    try:
        status = store.schema()
        if status.version == 0 and create:
            migrations.upgrade(store.engine)
        elif status.ahead:
            raise ConfigError(
                f"the database schema is at version {status.version}, newer than this tip-bot knows "
                f"({status.latest}): run the newer tip-bot, or restore a matching database"
            )
        elif not status.current:
            raise ConfigError(
                f"the database schema is at version {status.version}, this tip-bot needs {status.latest}: "
                "run `tip-bot db upgrade`"
            )
        store.check_writable()
    except ConfigError:
        store.close()
        raise
    except Exception as e:  # SQLAlchemy and driver errors: one line, not a traceback
        store.close()
        raise unreachable(store, e) from None
    return store
