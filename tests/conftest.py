"""Shared fixtures: config files on disk, a real SQLite store, a real local HTTP server."""

from __future__ import annotations

import textwrap
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
from aiohttp import web

from bot.storage import SQLiteStore

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
def store(tmp_path: Path) -> SQLiteStore:
    s = SQLiteStore.open(tmp_path / "store.db")
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
