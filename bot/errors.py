"""Errors that end in a clear one-line message to the operator, never a traceback."""

from typing import NamedTuple


class InvalidSetting(NamedTuple):
    name: str  # SLACK_BOT_TOKEN
    reason: str  # what is wrong, read after the name: "is invalid (not a time HH:MM)"
    hint: str  # what to set it to


class ConfigError(Exception):
    """A setting or the knowledge base is unusable; the CLI prints it and exits 2. `invalid` holds one
    entry per malformed setting (doctor shows one ✗ line each)."""

    def __init__(self, message: str, invalid: list[InvalidSetting] | None = None):
        super().__init__(message)
        self.invalid = invalid or []


class KnowledgeError(ConfigError):
    """The fact base failed to load or validate; `problems` holds one line per problem."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []
