"""Shared fixtures: config files on disk, a real SQLite store, a store on each backend (SQLite,
and PostgreSQL when a server is reachable), a real local HTTP server."""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import re
import textwrap
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from aiohttp import web

from bot.extract.quotes import find_quotes
from bot.storage import SQLiteStore, Store, open_store

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


POSTGRES_URL = os.environ.get("NEWSALERT_TEST_POSTGRES",
                              "postgresql://postgres@127.0.0.1:5432/postgres")
"""The server the PostgreSQL cases run on; each test gets a schema of its own in it."""


@functools.cache
def postgres_unreachable() -> str | None:
    """Why the PostgreSQL cases cannot run here, or None when they can."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed (pip install -e '.[dev]')"
    try:
        psycopg.connect(POSTGRES_URL, connect_timeout=3).close()
    except psycopg.Error as exc:
        return (f"no PostgreSQL server at {POSTGRES_URL} ({str(exc).strip().splitlines()[0]}); "
                "set NEWSALERT_TEST_POSTGRES or start one (.ci/run does)")
    return None


def require_postgres() -> None:
    """Skip without a server, except in CI, where a missing server is a failure."""
    reason = postgres_unreachable()
    if reason is None:
        return
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


@contextlib.contextmanager
def fresh_schema() -> Iterator[str]:
    """A URL to a fresh, empty schema on the test server, dropped afterwards."""
    require_postgres()
    import psycopg
    schema = f"newsalert_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in POSTGRES_URL else "?"
    try:
        yield f"{POSTGRES_URL}{sep}options={quote(f'-csearch_path={schema}')}"
    finally:
        with psycopg.connect(POSTGRES_URL, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A URL to a fresh, empty schema on the test server, dropped afterwards."""
    with fresh_schema() as url:
        yield url


class Backend:
    """One test's database on one backend; ``open`` it as often as a test restarts."""

    def __init__(self, name: str, database: str | Path) -> None:
        self.name = name
        self.database = database
        self._open: list[Store] = []

    def open(self) -> Store:
        store = open_store(self.database)
        self._open.append(store)
        return store

    def close_all(self) -> None:
        for store in self._open:
            store.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Backend]:
    if request.param == "sqlite":
        database: str | Path = tmp_path / "store.db"
    else:
        database = request.getfixturevalue("postgres_url")
    chosen = Backend(request.param, database)
    yield chosen
    chosen.close_all()


@pytest.fixture
def any_store(backend: Backend) -> Store:
    """A fresh store on each backend in turn."""
    return backend.open()


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


@pytest.fixture(autouse=True)
def no_platform_pauses(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Pauses the platform adapters make in the tests' own process that no test measures but
    their own, cut short:

    - after READY, discord.py waits ``GUILD_READY_TIMEOUT`` (0.5 s) for guilds to arrive; the
      local Discord server sends none;
    - the outbox posts to one Slack or Discord channel at most once a ``min_interval`` (1 s);
      only the tests that ask for ``post_pace`` keep it."""
    import adapters.discord_adapter
    from adapters.slack_adapter import SlackAdapter
    monkeypatch.setattr(adapters.discord_adapter, "GUILD_READY_TIMEOUT", 0.01)
    if "post_pace" not in request.fixturenames:
        for adapter in (SlackAdapter, adapters.discord_adapter.DiscordAdapter):
            monkeypatch.setattr(adapter, "min_interval", 0.0)


@pytest.fixture
def post_pace() -> float:
    """Seconds between two posts to one channel (Slack's and Discord's alike), kept for the
    test that asks for it."""
    from adapters.slack_adapter import SlackAdapter
    return SlackAdapter.min_interval


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


def quotes(text: str) -> list[tuple[str, str | None]]:
    """The quotations of ``text`` with their speakers, as the quote tests compare them."""
    return [(q.text, q.speaker) for q in find_quotes(text)]
