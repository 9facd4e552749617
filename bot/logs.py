"""Structured logs: one line per event, with secrets masked.

Two formats on stderr: logfmt (``time=2026-03-14T09:26:53.589Z level=info logger=bot.app
event=bot.started feeds=2``), where a value with a space, a quote or an ``=`` is quoted, and
JSON (one object per line, the event's fields as keys). Times are UTC, ISO 8601.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Iterable
from typing import Any

from bot.defang import printable

__all__ = ["LOG_FORMATS", "event", "register_secrets", "setup_logging"]

LOG_FORMATS = ("logfmt", "json")

LIBRARIES = ("apscheduler", "discord", "slack_bolt", "slack_sdk", "aiohttp")
"""Loggers of the libraries that talk to platforms: their debug and info lines carry request and
message bodies and headers, so only warnings and errors are kept, and those without tracebacks."""

_secrets: set[str] = set()
_DIGITS = re.compile(r"\d+")
_BARE = re.compile(r"^[\w.:/@+-]+$")
_TOKEN_SHAPES = re.compile(
    r"\b(?:xox[abposre]|xapp)-[\w-]{6,}"            # Slack tokens
    r"|\b[\w-]{23,28}\.[\w-]{6,7}\.[\w-]{27,}"       # Discord bot tokens
    r"|(?<=Bearer )[\w.~+/=-]{6,}", re.IGNORECASE)   # HTTP bearer credentials
_FIELDS = "newsalert_fields"
"""The record attribute that carries an event's fields, for the JSON format."""


def register_secrets(values: Iterable[str | None]) -> None:
    """Mask these strings wherever they would appear in a log line."""
    _secrets.update(v for v in values if v and len(v) >= 6)


def _mask(text: str) -> str:
    for secret in _secrets:
        if secret in text:
            text = text.replace(secret, "***")
    # Anything shaped like a token is masked too, whether or not it is one of ours.
    return _TOKEN_SHAPES.sub("***", text)


def _value(value: Any) -> str:
    text = str(value)
    return text if _BARE.match(text) else '"' + text.replace("\\", "\\\\").replace('"', '\\"') \
        .replace("\n", "\\n").replace("\r", "\\r") + '"'


def event(logger: logging.Logger, name: str, level: int = logging.INFO, **fields: Any) -> None:
    """Log one event as ``event=name k=v ...``; values with spaces are quoted."""
    if logger.isEnabledFor(level):
        kept = {k: v for k, v in fields.items() if v is not None}
        parts = [f"event={name}"] + [f"{k}={_value(v)}" for k, v in kept.items()]
        logger.log(level, " ".join(parts), extra={_FIELDS: {"event": name, **kept}})


def _utc(record: logging.LogRecord) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + \
        f".{int(record.msecs):03d}Z"


class _LogfmtFormatter(logging.Formatter):
    """One logfmt line per record: our events as they are, any other message (a library's,
    a traceback) as a quoted ``msg`` and ``error``, so a line break never splits a record."""

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        head = f"time={_utc(record)} level={record.levelname.lower()} logger={record.name}"
        body = message if hasattr(record, _FIELDS) else f"msg={_value(message)}"
        if record.exc_info:
            body += f" error={_value(self.formatException(record.exc_info))}"
        elif record.stack_info:
            body += f" stack={_value(record.stack_info)}"
        return printable(_mask(f"{head} {body}"))


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


class _JSONFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        data: dict[str, Any] = {"time": _utc(record), "level": record.levelname.lower(),
                                "logger": record.name}
        fields = getattr(record, _FIELDS, None)
        if fields is not None:
            data.update({k: v if isinstance(v, int | float | bool) else str(v)
                         for k, v in fields.items() if k not in data})
        else:
            data["msg"] = record.getMessage()
        if record.exc_info:
            data["error"] = self.formatException(record.exc_info)
        # ASCII escapes keep every control and bidi character from outside inert.
        return _mask(json.dumps(data, ensure_ascii=True))


def _quiet_libraries(record: logging.LogRecord) -> bool:
    """Keep the libraries' lines below warning out, whatever level their loggers are at
    (slack_bolt sets its app logger to the root's level when the app is made)."""
    return record.levelno >= logging.WARNING or record.name.split(".")[0] not in LIBRARIES


def setup_logging(level: str = "INFO", fmt: str = "logfmt") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(_JSONFormatter() if fmt == "json" else _LogfmtFormatter())
    handler.addFilter(_quiet_libraries)
    handler.addFilter(_LibraryLines())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in LIBRARIES:  # and spare them making lines that would be dropped
        logging.getLogger(noisy).setLevel(logging.WARNING)
