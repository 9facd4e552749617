"""Structured logs: one line per event, ``event=name key=value ...``, with secrets masked."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

from bot.defang import printable

__all__ = ["event", "register_secrets", "setup_logging"]

LIBRARIES = ("apscheduler", "discord", "slack_bolt", "slack_sdk", "aiohttp")
"""Loggers of the libraries that talk to platforms: warnings and errors only, no tracebacks."""

_secrets: set[str] = set()
_DIGITS = re.compile(r"\d+")
_BARE = re.compile(r"^[\w.:/@+-]+$")


def register_secrets(values: Iterable[str | None]) -> None:
    """Mask these strings wherever they would appear in a log line."""
    _secrets.update(v for v in values if v and len(v) >= 6)


def _mask(text: str) -> str:
    for secret in _secrets:
        if secret in text:
            text = text.replace(secret, "***")
    return text


def _value(value: Any) -> str:
    text = str(value)
    return text if _BARE.match(text) else '"' + text.replace("\\", "\\\\").replace('"', '\\"') \
        .replace("\n", "\\n") + '"'


def event(logger: logging.Logger, name: str, level: int = logging.INFO, **fields: Any) -> None:
    """Log one event as ``event=name k=v ...``; values with spaces are quoted."""
    if logger.isEnabledFor(level):
        parts = [f"event={name}"] + [f"{k}={_value(v)}" for k, v in fields.items()
                                     if v is not None]
        logger.log(level, " ".join(parts))


class _Formatter(logging.Formatter):
    """Masks secrets, and keeps every record on one printable line: a traceback's line breaks
    (and any that a library's message carries) are written as ``\\n``, and every other control
    or bidi character from outside as its escape."""

    def format(self, record: logging.LogRecord) -> str:
        return printable(_mask(super().format(record)))


class _LibraryLines(logging.Filter):
    """A library's error while a platform is unreachable is one line with the exception, not a
    traceback on every retry (our own code's errors keep theirs); and the same line comes
    again only after a pause that doubles from 10 s to 10 minutes, so a platform that stays
    down does not fill the log."""

    FIRST, LAST = 10.0, 600.0

    def __init__(self) -> None:
        super().__init__()
        self._next: dict[str, tuple[float, float]] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(LIBRARIES):
            return True
        message = record.getMessage()
        if record.exc_info:
            exc = record.exc_info[1]
            if exc is not None and str(exc) not in message:
                message += f" ({type(exc).__name__}: {exc})"
            record.exc_info = record.exc_text = None
        record.msg, record.args = message, ()
        key = record.name + _DIGITS.sub("#", message)  # session ids and ports vary
        due, pause = self._next.get(key, (float("-inf"), self.FIRST / 2))
        if record.created < due:
            return False
        quiet = record.created - due > self.LAST
        pause = self.FIRST if quiet else min(self.LAST, pause * 2)
        if len(self._next) > 1000:
            self._next.clear()
        self._next[key] = (record.created + pause, pause)
        return True


def setup_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.addFilter(_LibraryLines())
    handler.setFormatter(_Formatter("time=%(asctime)s level=%(levelname)s logger=%(name)s "
                                    "%(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in LIBRARIES:
        logging.getLogger(noisy).setLevel(logging.WARNING)
