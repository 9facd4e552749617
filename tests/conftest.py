"""Shared fixtures: config files on disk, a real SQLite store, a real local HTTP server."""

from __future__ import annotations

import logging
import re
import textwrap
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
from aiohttp import web

from bot.store import Store

REPO = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
CORPORA = REPO.parent / "shared" / "corpora"


@pytest.fixture
def write_config(tmp_path: Path) -> Callable[[str], Path]:
    """Write a TOML config into a temp dir and return its path."""

    def write(text: str, name: str = "config.toml") -> Path:
        path = tmp_path / name
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def store(tmp_path: Path) -> Store:
    s = Store.open(tmp_path / "store.db")
    yield s
    s.close()


@pytest.fixture
async def http_server() -> AsyncIterator[Callable[[web.Application], str]]:
    """Start aiohttp applications on 127.0.0.1 with a free port; yields a starter that returns
    the base URL."""
    runners: list[web.AppRunner] = []

    async def start(app: web.Application) -> str:
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        runners.append(runner)
        port = runner.addresses[0][1]
        return f"http://127.0.0.1:{port}"

    yield start
    for runner in runners:
        await runner.cleanup()


_LEAKS = re.compile(
    r"\b(?:xox[abposre]|xapp)-[\w-]{4,}"   # a Slack token
    r"|\bBearer [\w.~+/=-]{6,}"            # an HTTP credential
    # A request body, as slack_sdk ("json: {...}") and discord.py ("POST url with {...}")
    # print them at debug level.
    r"|\b(?:json_body|body|data|json)\s*[:=]\s*[\[{'\"]|\bwith \{\"",
    re.IGNORECASE)


class _LeakWatch(logging.Handler):
    """Sees every log record the suite makes, whoever captures it."""

    def __init__(self) -> None:
        super().__init__(logging.NOTSET)
        self.found: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
        except Exception:  # a record that cannot be formatted is the logging module's problem
            return
        if record.exc_info and record.exc_info[1] is not None:
            text += f" {record.exc_info[1]}"
        hit = _LEAKS.search(text)
        if hit:
            self.found.append(f"{record.name}: ...{text[max(0, hit.start() - 60):hit.end() + 20]}")


@pytest.fixture(autouse=True)
def no_secret_or_body_in_logs() -> Iterator[None]:
    """No log line of any test holds a token or a request body."""
    watch = _LeakWatch()
    root = logging.getLogger()
    root.addHandler(watch)
    try:
        yield
    finally:
        root.removeHandler(watch)
    assert not watch.found, f"a log line holds a token or a request body: {watch.found[:3]}"
