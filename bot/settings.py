"""All configuration, read once from the environment and `.env`. Nothing else reads os.environ (bot.env
only looks whether a name is set, so `tip-bot ask` can skip this module when none of its settings is)."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import time
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, PrivateAttr, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from bot.env import DEFAULT_DATABASE_URL, ENV_FILE, default_cache_dir
from bot.errors import ConfigError, InvalidSetting

# What each setting is for, shown when it is missing or malformed.
HINTS: dict[str, str] = {
    "SLACK_BOT_TOKEN": "the Bot User OAuth Token (xoxb-…) from the app's 'OAuth & Permissions' page",
    "SLACK_SIGNING_SECRET": "the Signing Secret from the app's 'Basic Information' page",
    "SLACK_APP_TOKEN": "an app-level token (xapp-…) with connections:write, for Socket Mode",
    "SLACK_API_URL": "the Web API base URL, e.g. https://slack.com/api/ (GovSlack: https://slack-gov.com/api/)",
    "PORT": "a TCP port number between 1 and 65535",
    "KNOWLEDGE_DIR": "a directory holding the fact files (*.yml) and source/",
    "LOG_LEVEL": "one of DEBUG, INFO, WARNING, ERROR",
    "LOG_FORMAT": "'text' or 'json'",
    "DIGEST_CHANNEL": "a channel id such as C0123456789 (leave unset for no digest)",
    "DIGEST_TIME": "a 24-hour time HH:MM, e.g. 09:00",
    "DIGEST_TIMEZONE": "an IANA time zone name, e.g. UTC or Europe/Berlin",
    "DIGEST_FACTS": "a whole number of facts per digest post, 1 to 10",
    "DIGEST_LANGUAGE": "'en', 'ru' or 'both' (each fact in English, then in Russian)",
    "HTTP_HEADER_TIMEOUT": "seconds a client has to send a request's headers (default 10)",
    "HTTP_MAX_CONNECTIONS": "open connections per worker, at least 16 (default 1,000, kept below the descriptor limit)",
    "DATABASE_URL": "an SQLAlchemy URL: sqlite:///path/to/tip-bot.db or postgresql://user:pass@host:5432/db",
    "USAGE_LOG": "'on' or 'off'",
    "USAGE_RETENTION_DAYS": "a whole number of days to keep usage rows, 1 to 3650",
    "CURATOR_CHANNEL": "a channel id such as C0123456789 for 'Ask the curators' (leave unset for no button)",
    "CURATORS": "Slack user ids separated by commas, e.g. U0123ABCD,U0456EFGH (leave unset for none)",
    "USAGE_HASH_SALT": "a long random string (e.g. from `python -c 'import secrets; print(secrets.token_hex(32))'`)",
}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=ENV_FILE, env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    port: int = Field(default=3000, ge=1, le=65535)
    knowledge_dir: Path | None = None
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["text", "json"] = "text"
    digest_channel: str | None = None
    digest_time: time = time(9, 0)
    digest_timezone: str = "UTC"
    digest_facts: int = Field(default=3, ge=1, le=10)
    digest_language: Literal["en", "ru", "both"] = "en"
    http_header_timeout: float = Field(default=10.0, gt=0, le=300)  # seconds for a request's headers
    http_max_connections: int | None = Field(default=None, ge=16)  # default: 1,000, below the descriptor limit
    # The store (bot/store/): exactly-once claims, digest claims, outbox, usage log.
    database_url: SecretStr = SecretStr(DEFAULT_DATABASE_URL)  # secret: a PostgreSQL URL holds a password
    usage_log: bool = True
    usage_retention_days: int = Field(default=90, ge=1, le=3650)
    xdg_cache_home: Path | None = None  # the XDG base directory for caches (see `cache_dir`)
    _env_path: Path | None = PrivateAttr(default=None)  # the .env file read, if any (see `source`)
    usage_hash_salt: SecretStr | None = None  # unset: a random salt kept in the database (see docs/store.md)
    # Feedback (docs/feedback.md): where "Ask the curators" posts a miss; who sees the Curators section on App Home.
    curator_channel: str | None = None
    curators: str = ""  # user ids, comma-separated (a plain string: pydantic-settings would want JSON for a list)

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, v: object) -> object:
        return v.upper() if isinstance(v, str) else v

    @field_validator("digest_language", mode="before")
    @classmethod
    def _lower(cls, v: object) -> object:
        return v.strip().lower() if isinstance(v, str) else v

    @field_validator(
        "slack_bot_token",
        "slack_signing_secret",
        "slack_app_token",
        "digest_channel",
        "knowledge_dir",
        "usage_hash_salt",
        "curator_channel",
        "xdg_cache_home",
        mode="before",
    )
    @classmethod
    def _blank_is_unset(cls, v: object) -> object:
        return None if isinstance(v, str) and not v.strip() else v

    @field_validator("database_url", mode="before")
    @classmethod
    def _database_default(cls, v: object) -> object:
        return DEFAULT_DATABASE_URL if v is None or (isinstance(v, str) and not v.strip()) else v

    @field_validator("usage_log", mode="before")
    @classmethod
    def _on_off(cls, v: object) -> object:
        if isinstance(v, str) and v.strip().lower() in ("on", "off"):
            return v.strip().lower() == "on"
        return v

    @field_validator("usage_hash_salt")
    @classmethod
    def _salt(cls, v: SecretStr | None) -> SecretStr | None:
        if v is not None and len(v.get_secret_value()) < 16:
            raise ValueError("shorter than 16 characters")
        return v

    @field_validator("slack_api_url")
    @classmethod
    def _url(cls, v: str) -> str:
        if not re.match(r"^https?://[^\s/]+", v):
            raise ValueError("not an http(s) URL")
        return v if v.endswith("/") else v + "/"

    @field_validator("digest_time", mode="before")
    @classmethod
    def _hhmm(cls, v: object) -> object:
        if isinstance(v, str):
            m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", v)
            if not m or int(m[1]) > 23 or int(m[2]) > 59:
                raise ValueError(f"{v!r} is not a time HH:MM")
            return time(int(m[1]), int(m[2]))
        return v

    @field_validator("digest_timezone")
    @classmethod
    def _zone(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError) as e:
            raise ValueError(f"unknown time zone {v!r}") from e
        return v

    @field_validator("curators", mode="before")
    @classmethod
    def _user_ids(cls, v: object) -> object:
        if v is None:
            return ""
        if isinstance(v, list | tuple | set | frozenset):
            v = ",".join(v)
        if isinstance(v, str):
            ids = [u.strip() for u in v.replace(" ", ",").split(",") if u.strip()]
            bad = [u for u in ids if not re.fullmatch(r"[UW][A-Z0-9]{2,}", u)]
            if bad:
                raise ValueError(f"{bad[0]!r} is not a user id")
            return ",".join(ids)
        return v

    @property
    def curator_ids(self) -> frozenset[str]:
        return frozenset(u for u in self.curators.split(",") if u)

    @field_validator("digest_channel", "curator_channel")
    @classmethod
    def _channel(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"[CGD][A-Z0-9]{2,}", v.strip()):
            raise ValueError(f"{v!r} is not a channel id")
        return v.strip() if v else v

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.digest_timezone)

    @property
    def cache_dir(self) -> Path:
        """Where `tip-bot` keeps its cache (the validated fact base): $XDG_CACHE_HOME/tip-bot, else ~/.cache/tip-bot."""
        return default_cache_dir(self.xdg_cache_home)

    @property
    def source(self) -> str:
        """Where these settings came from, for `doctor` and start-up logs."""
        return source_of(self._env_path)

    def require(self, *names: str) -> None:
        """Stop with one clear line if a setting a command needs is unset."""
        for name in names:
            if getattr(self, name.lower()) is None:
                where = f"the environment or {self._env_path}" if self._env_path else "the environment or .env"
                raise ConfigError(f"{name} is not set: set it to {HINTS[name]} (in {where})")


def load_settings(
    env_file: str | Path | None = ENV_FILE, *, uses: Collection[str] | None = None, **overrides: Any
) -> Settings:
    """Read settings; turn pydantic's errors into one line per variable.

    `uses`: the settings a command reads (e.g. `ask`: KNOWLEDGE_DIR). A malformed value in any OTHER
    setting does not stop that command (it falls back to the default, and `doctor` still reports it)."""
    env_path = Path(env_file).resolve() if env_file is not None and Path(env_file).is_file() else None
    try:
        settings = Settings(_env_file=env_file, **overrides)
    except ValidationError as e:
        invalid = []
        for err in e.errors():
            name = str(err["loc"][0]).upper() if err["loc"] else "settings"
            reason = err["msg"].removeprefix("Value error, ")
            invalid.append(InvalidSetting(name, f"is invalid ({reason})", HINTS.get(name, "a valid value")))
        used = {u.upper() for u in uses} if uses is not None else None
        fields = Settings.model_fields
        if used is not None and all(i.name not in used and i.name.lower() in fields for i in invalid):
            defaults = {i.name.lower(): fields[i.name.lower()].get_default(call_default_factory=True) for i in invalid}
            return load_settings(env_file, uses=None, **{**overrides, **defaults})
        where = f" (read from {source_of(env_path)})"
        message = "; ".join(f"{i.name} {i.reason}: set it to {i.hint}" for i in invalid)
        raise ConfigError(message + where, invalid) from None
    settings._env_path = env_path
    return settings


def source_of(env_path: Path | None) -> str:
    """'the environment and /srv/tip-bot/.env': which .env file was read (the working directory's)."""
    return f"the environment and {env_path}" if env_path else "the environment; no .env file"
