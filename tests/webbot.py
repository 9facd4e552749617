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
from bot.storage import SQLiteStore
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

[[feeds]]
id = "second-desk"
path = "{rewrite}"

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


REWRITE = """\
<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Second
desk</title><link>https://desk.example.net/</link><description>x</description>
<item><title>Amnesty's Callamard: Netanyahu now officially a wanted man after ICC
warrants</title>
<link>https://desk.example.net/icc-warrants</link><guid>https://desk.example.net/icc-warrants</guid>
<pubDate>Thu, 21 Nov 2024 17:05:00 GMT</pubDate>
<description><![CDATA[<p>Amnesty International chief Agnes Callamard said Israeli Prime
Minister Benjamin Netanyahu was now officially a wanted man after the International Criminal
Court on Thursday issued arrest warrants for him, his former defence minister Yoav Gallant and
Hamas military chief Mohammed Deif over alleged war crimes and crimes against humanity.</p>
<p>Amnesty International's Agnes Callamard said Netanyahu was now a wanted man. Any of the
court's 124 member states would be obliged to arrest the three on their territory.</p>
<p>"The warrants show that no one is above the law," said Reed Brody, a war crimes
prosecutor.</p>]]></description>
</item></channel></rss>
"""
"""Another outlet's telling of the sample's ICC story, two hours later: a threaded reply."""


@dataclass
class Site:
    url: str
    app: App
    server: WebServer
    console: io.StringIO


def write_status_config(tmp_path: Path, web: str = WEB_WITH_TOKENS) -> Path:
    path = tmp_path / "config.toml"
    (tmp_path / "rewrite.xml").write_text(REWRITE, encoding="utf-8")
    path.write_text(textwrap.dedent(CONFIG).format(
        feeds=REPO / "examples" / "feeds", missing=tmp_path / "no-such-feed.xml",
        rewrite=tmp_path / "rewrite.xml") + web, encoding="utf-8")
    return path


@asynccontextmanager
async def status_site(tmp_path: Path, web: str = WEB_WITH_TOKENS,
                      adapters: dict[str, Adapter] | None = None) -> AsyncIterator[Site]:
    """Poll the sample feeds and a rewrite of one story once (one feed is missing), deliver
    to the console, and serve the status page of that bot."""
    config = load_config(write_status_config(tmp_path, web))
    store = SQLiteStore.open(config.bot.database, writer=True)
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
