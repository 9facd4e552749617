"""Every real captured feed in the shared corpus, served by a local HTTP server, goes through
fetch, parse and matching without an unhandled error."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from aiohttp import web

from bot.errors import FetchError
from bot.matching.matcher import compile_topics
from bot.models import Article, Entity, Topic
from tests.conftest import CORPORA
from watchers.fetch import Fetcher
from watchers.netguard import NetPolicy
from watchers.parse import parse_feed

FEEDS = CORPORA / "feeds"

pytestmark = [
    pytest.mark.corpus,
    pytest.mark.skipif(not FEEDS.is_dir(), reason=f"feed corpus not present at {FEEDS}"),
]

TOPICS = (
    Topic("world", "World", people=(Entity("person", "Joe Biden"),),
          organizations=(Entity("organization", "United Nations", ("UN",)),),
          events=(Entity("event", "arrest warrant"), Entity("event", "election"))),
)


def corpus_files() -> list[Path]:
    return sorted(p for p in FEEDS.rglob("*") if p.is_file() and p.name != "PROVENANCE.tsv")


async def test_every_captured_feed_fetches_and_parses(http_server) -> None:
    files = corpus_files()
    listed = (FEEDS / "PROVENANCE.tsv").read_text(encoding="utf-8").splitlines()[1:]
    assert len(files) == len([line for line in listed if line.strip()])

    async def serve(request: web.Request) -> web.Response:
        path = FEEDS / request.match_info["name"]
        data = path.read_bytes()
        headers = {"Content-Type": "application/xml"}
        if data[:2] == b"\x1f\x8b":  # captured as a gzip body: serve it as one
            headers["Content-Encoding"] = "gzip"
        return web.Response(body=data, headers=headers)

    app = web.Application()
    app.router.add_get("/{name:.+}", serve)
    base = await http_server(app)
    matcher = compile_topics(TOPICS)
    slots = asyncio.Semaphore(16)
    outcome: dict[str, str] = {}

    async def one(fetcher: Fetcher, path: Path) -> None:
        name = path.relative_to(FEEDS).as_posix()
        async with slots:
            try:
                result = await fetcher.fetch(f"{base}/{name}")
            except FetchError as exc:
                outcome[name] = f"fetch failed: {exc}"
                return
        parsed = parse_feed(result.body or b"", result.url, "corpus", result.content_type)
        for entry in parsed.entries:
            assert entry.entry_id and len(entry.entry_id) <= 1000
            matcher.match(Article(entry.title, entry.text, entry.link))
        outcome[name] = f"{len(parsed.entries)} entries" if parsed.entries else \
            f"no entries: {parsed.problem}"

    async with Fetcher("corpus-test", policy=NetPolicy.allowing(["127.0.0.1"])) as fetcher:
        await asyncio.gather(*(one(fetcher, p) for p in files))

    assert len(outcome) == len(files)
    failed = {n: o for n, o in outcome.items() if o.startswith("fetch failed")}
    assert failed == {}
    with_entries = sum(o.endswith(" entries") for o in outcome.values())
    # A handful are empty on purpose (an empty feed, a 0-byte body, an HTML page).
    assert with_entries >= len(files) - 10, {n: o for n, o in outcome.items()
                                             if not o.endswith(" entries")}
