"""Structured logs: one line per event, ``event=name key=value ...``, with secrets masked."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["event", "register_secrets", "setup_logging"]

_secrets: set[str] = set()
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
    """Masks secrets, and keeps every record on one line: a traceback's line breaks (and any
    that a library's message carries) are written as ``\\n``."""

    def format(self, record: logging.LogRecord) -> str:
        return _mask(super().format(record)).replace("\r", "\\r").replace("\n", "\\n")


def setup_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(_Formatter("time=%(asctime)s level=%(levelname)s logger=%(name)s "
                                    "%(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    for noisy in ("apscheduler", "discord", "slack_bolt", "slack_sdk", "aiohttp"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
