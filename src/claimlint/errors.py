"""One exception tree, so the CLI can map every known failure to an exit code."""

from __future__ import annotations

EXIT_CLEAN = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
EXIT_INTERRUPT = 130


class ClaimlintError(Exception):
    """Root of claimlint's own errors; never shown with a traceback."""

    exit_code = 2


class UsageError(ClaimlintError):
    """Bad command-line arguments."""


class ConfigError(ClaimlintError):
    """A rules or config file is wrong; carries ``file:line:col`` for the user."""

    def __init__(self, path: str, message: str, line: int = 0, column: int = 0) -> None:
        self.path = path
        self.line = line
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column or 1}: {self.message}"
        return f"{self.path}: {self.message}"


class ConfigErrors(ClaimlintError):
    """Several config errors found in one pass, reported together."""

    def __init__(self, errors: list[ConfigError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


class PluginError(ClaimlintError):
    """A plugin failed to load or raised in a hook; names the plugin."""

    exit_code = 3

    def __init__(self, plugin: str, distribution: str, cause: str) -> None:
        self.plugin = plugin
        self.distribution = distribution
        self.cause = cause
        dist = f" (from {distribution})" if distribution else ""
        super().__init__(f"plugin {plugin!r}{dist} failed: {cause}")
