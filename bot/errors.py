"""The errors newsalert raises on purpose.

    NewsAlertError
    ├── ConfigError     the config file is missing, not TOML, or fails validation
    ├── StoreError      the database cannot be opened, is corrupt, locked, or too new
    ├── FetchError      a feed or page could not be fetched (with a reason and whether to retry)
    ├── PlatformUnreachable  Slack or Discord cannot be reached now; its start is tried again
    └── InputError      a file given to ``analyze`` cannot be read as an article
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["ConfigError", "FetchError", "InputError", "NewsAlertError", "PlatformUnreachable",
           "StoreError"]


class NewsAlertError(Exception):
    """Root of the errors newsalert raises on purpose."""


class ConfigError(NewsAlertError):
    def __init__(self, file: Path | str, key: str | None, message: str,
                 problems: tuple[str, ...] = ()) -> None:
        self.file = Path(file)
        self.key = key
        self.problems = problems or ((f"{key}: {message}",) if key else (message,))
        where = f"{self.file}: {key}: " if key else f"{self.file}: "
        if len(self.problems) > 1:
            text = f"{self.file}: {len(self.problems)} problems:\n" + "\n".join(
                f"  {p}" for p in self.problems)
        else:
            text = where + message
        super().__init__(text)


class StoreError(NewsAlertError):
    pass


class FetchError(NewsAlertError):
    def __init__(self, message: str, *, retryable: bool = True,
                 retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retryable = retryable
        self.retry_after = retry_after


class InputError(NewsAlertError):
    pass


class PlatformUnreachable(NewsAlertError):
    """A platform's connection could not be made now (network, timeout, server error), as
    opposed to a refusal (a wrong token) that retrying cannot fix: the bot keeps polling and
    tries the connection again later, holding that platform's alerts in the outbox."""
