"""A bot that has polled the sample feeds once, with its status page served on a free port."""

from __future__ import annotations

import io
import textwrap
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from adapters.base import Adapter
from adapters.console import ConsoleAdapter
from bot.app import App
from bot.config import load_config
from bot.store import Store
from bot.web.server import WebServer
from tests.conftest import REPO

VIEWER_TOKEN = "viewer-token-5b1e0c9d7a"
ADMIN_TOKEN = "admin-token-3f8a2d6e4c91"
WEB_WITH_TOKENS = f"""
[web]
listen = "127.0.0.1:0"
token = "{VIEWER_TOKEN}"
admin_token = "{ADMIN_TOKEN}"
"""

CONFIG = """
[bot]
database = "news.db"
parse_workers = 0

[[feeds]]
id = "world-wire"
path = "{feeds}/world.xml"

[[feeds]]
id = "archive-stemmed"
path = "{feeds}/archive-stemmed.xml"

[[feeds]]
id = "gone"
path = "{missing}"

[topics.icc]
title = "ICC warrants"
people = ["Benjamin Netanyahu", "Yoav Gallant"]
organizations = [{{ name = "International Criminal Court", aliases = ["ICC"] }}, "Hamas"]
events = ["arrest warrant", "war crimes"]
exclude = ["cricket"]

[topics.courts]
title = "Court cases"
organizations = ["European Court of Human Rights"]
event_sets = ["legal"]
require_event = true

[[subscriptions]]
channel = "console:desk"
topics = ["icc", "courts"]
"""


@dataclass
class Site:
    url: str
    app: App
    server: WebServer
    console: io.StringIO


def write_status_config(tmp_path: Path, web: str = WEB_WITH_TOKENS) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(textwrap.dedent(CONFIG).format(
        feeds=REPO / "examples" / "feeds", missing=tmp_path / "no-such-feed.xml") + web,
        encoding="utf-8")
    return path


@asynccontextmanager
async def status_site(tmp_path: Path, web: str = WEB_WITH_TOKENS,
                      adapters: dict[str, Adapter] | None = None) -> AsyncIterator[Site]:
    """Poll the sample feeds once (two alert, one is missing), deliver to the console, and
    serve the status page of that bot."""
    config = load_config(write_status_config(tmp_path, web))
    store = Store.open(config.bot.database, writer=True)
    console = io.StringIO()
    app = App(config, store, adapters={"console": ConsoleAdapter(out=console), **(adapters or {})})
    server = WebServer(app)
    app.poll_observers.append(server.metrics.observe_poll)
    try:
        await app.run(once=True)
        await server.start()
        yield Site(f"http://127.0.0.1:{server.port}", app, server, console)
    finally:
        await server.stop()
        store.close()
