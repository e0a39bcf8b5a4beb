"""Errors that end in a clear one-line message to the operator, never a traceback."""


class ConfigError(Exception):
    """A setting or the knowledge base is unusable; the CLI prints it and exits 2."""


class KnowledgeError(ConfigError):
    """The fact base failed to load or validate; `problems` holds one line per problem."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.problems = problems or []
