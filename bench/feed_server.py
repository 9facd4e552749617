"""A local HTTP server with thousands of distinct feeds, for the throughput benchmark.

Every feed is a real captured feed from a corpus folder, with its entry ids, links and guids
made unique to the feed, so that no two feeds share a body and each costs what parsing it
really costs. Feeds answer If-None-Match with 304 (except a share that, like many servers, sends
no validators at all), and ``POST /control/cycle`` makes a share of them publish a new entry
(the oldest one drops off, so bodies keep their size). Some feeds are slow, some fail with 500
and some are huge.

Run as a separate process (so that its work is not counted as the poller's):

    python -m bench.feed_server --corpus ../shared/corpora/feeds --feeds 10000

It prints one JSON line when it listens: {"ports": [...], "feeds": N}. Feed ``i`` is served on
``feed_url(ports, i)``; the feeds are spread over many ports because a client limits its
connections per host, and 10,000 real feeds live on thousands of hosts.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from aiohttp import web

__all__ = ["NEW_ENTRY_TITLE", "FeedServer", "feed_url", "load_templates"]

NEW_ENTRY_TITLE = b"Arrest warrant issued: "
"""Put in front of the title of every entry published during the benchmark, so that it alerts."""

_MARK = b"\x00MARK\x00"
_ITEM = re.compile(rb"<(item|entry)\b[^>]*>.*?</\1\s*>", re.DOTALL)
_ID_ENDS = [
    re.compile(rb"<guid\b[^>]*>.*?(</guid>)", re.DOTALL),
    re.compile(rb"<id>.*?(</id>)", re.DOTALL),
    re.compile(rb"<link>.*?(</link>)", re.DOTALL),
    re.compile(rb"<link\b[^>]*?\bhref=\"[^\"]*(\")"),
    re.compile(rb"\brdf:about=\"[^\"]*(\")"),
]
_TITLE_END = re.compile(rb"(</title>)")
_TITLE_START = re.compile(rb"<title\b[^>]*>(?:\s*<!\[CDATA\[)?")


def feed_url(ports: list[int], index: int) -> str:
    return f"http://127.0.0.1:{ports[index % len(ports)]}/feeds/{index}"


@dataclass
class Template:
    """One corpus feed cut into a head, its items (with marks where ids go) and a tail."""

    name: str
    head: bytes
    items: list[bytes]
    tail: bytes
    title_at: list[int | None] = field(default_factory=list)
    """Per item: where a new entry's title starts, or None when the item has no title."""

    @property
    def size(self) -> int:
        return len(self.head) + sum(len(i) for i in self.items) + len(self.tail)

    def body(self, feed: int, version: int) -> bytes:
        """Feed ``feed``'s body after ``version`` new entries were published."""
        mark = b"#f%d" % feed
        if not self.items:
            return self.head + self.tail
        count = len(self.items)
        fresh = [self._new_item(feed, v) for v in range(version, max(0, version - count), -1)]
        kept = [i.replace(_MARK, mark) for i in self.items[:count - len(fresh)]]
        return b"".join([self.head, *fresh, *kept, self.tail])

    def _new_item(self, feed: int, version: int) -> bytes:
        k = (version - 1) % len(self.items)
        item, at = self.items[k], self.title_at[k]
        if at is not None:
            item = item[:at] + NEW_ENTRY_TITLE + item[at:]
        return item.replace(_MARK, b"#f%dn%d" % (feed, version))


def _template(name: str, data: bytes) -> Template:
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    matches = list(_ITEM.finditer(data))
    if not matches:
        return Template(name, data, [], b"")
    items, title_at = [], []
    for m in matches:
        item = m.group(0)
        ends = sorted({x.start(1) for p in _ID_ENDS for x in p.finditer(item)})
        if not ends:
            ends = [x.start(1) for x in _TITLE_END.finditer(item)][:1]
        for at in reversed(ends):
            item = item[:at] + _MARK + item[at:]
        title = _TITLE_START.search(item)
        items.append(item)
        title_at.append(title.end() if title else None)
    head, tail = data[:matches[0].start()], data[matches[-1].end():]
    # Whatever lies between the items (whitespace, mostly) is dropped.
    return Template(name, head, items, tail, title_at)


def load_templates(corpus: Path) -> list[Template]:
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix not in (".tsv", ".md"))
    if not files:
        raise SystemExit(f"{corpus}: no feed files found")
    return [_template(str(p.relative_to(corpus)), p.read_bytes()) for p in files]


def _huge(templates: list[Template], size: int) -> Template:
    """The largest feed with its items repeated (each copy with its own ids) up to ``size``."""
    base = max((t for t in templates if t.items), key=lambda t: t.size)
    items, title_at, total, copy = [], [], base.size, 0
    while total < size:
        for item, at in zip(base.items, base.title_at, strict=True):
            items.append(item.replace(_MARK, _MARK + b"c%d" % copy))
            title_at.append(at)
            total += len(item)
        copy += 1
    return Template(base.name + " (huge)", base.head, items or base.items, base.tail,
                    title_at or base.title_at)


class FeedServer:
    def __init__(self, templates: list[Template], feeds: int, args: argparse.Namespace) -> None:
        rng = random.Random(args.seed)
        self.templates = templates
        self.huge = _huge(templates, args.huge_bytes)
        self.slow_seconds = args.slow_seconds
        kinds = (["failing"] * round(feeds * args.fail_share) + ["slow"] * round(
            feeds * args.slow_share) + ["huge"] * round(feeds * args.huge_share)
            + ["no-etag"] * round(feeds * args.no_etag_share))
        kinds += ["normal"] * (feeds - len(kinds))
        rng.shuffle(kinds)
        self.kinds = kinds[:feeds]
        self.versions = [0] * feeds
        self.rng = rng
        self.stats: Counter[str] = Counter()

    def template(self, index: int) -> Template:
        if self.kinds[index] == "huge":
            return self.huge
        return self.templates[index % len(self.templates)]

    async def feed(self, request: web.Request) -> web.StreamResponse:
        index = int(request.match_info["index"])
        if not 0 <= index < len(self.kinds):
            raise web.HTTPNotFound()
        kind = self.kinds[index]
        self.stats["requests"] += 1
        if kind == "failing":
            self.stats["500"] += 1
            return web.Response(status=500, text="internal error")
        if kind == "slow":
            await asyncio.sleep(self.slow_seconds)
        version = self.versions[index]
        headers = {}
        if kind != "no-etag":
            etag = f'"{index}-{version}"'
            headers["ETag"] = etag
            if request.headers.get("If-None-Match") == etag:
                self.stats["304"] += 1
                return web.Response(status=304, headers=headers)
        body = self.template(index).body(index, version)
        self.stats["200"] += 1
        self.stats["bytes"] += len(body)
        return web.Response(body=body, content_type="application/xml", headers=headers)

    async def cycle(self, request: web.Request) -> web.Response:
        """Publish one new entry in a random share of the feeds that can have one."""
        share = float(request.query.get("changed", "0.1"))
        candidates = [i for i, k in enumerate(self.kinds)
                      if k != "failing" and self.template(i).items]
        changed = sorted(self.rng.sample(candidates, round(len(self.kinds) * share)))
        for i in changed:
            self.versions[i] += 1
        return web.json_response({"changed": changed})

    async def report(self, request: web.Request) -> web.Response:
        return web.json_response({**self.stats, "cpu_seconds": time.process_time(),
                                  "kinds": Counter(self.kinds)})


async def serve(args: argparse.Namespace) -> None:
    templates = load_templates(Path(args.corpus))
    server = FeedServer(templates, args.feeds, args)
    app = web.Application()
    app.router.add_get("/feeds/{index}", server.feed)
    app.router.add_post("/control/cycle", server.cycle)
    app.router.add_get("/control/stats", server.report)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    ports = []
    for _ in range(args.ports):
        site = web.TCPSite(runner, "127.0.0.1", 0, backlog=1024)
        await site.start()
        ports.append(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
    print(json.dumps({"ports": ports, "feeds": args.feeds, "templates": len(templates)}),
          flush=True)
    # Serve until the benchmark closes our stdin (or is killed).
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await runner.cleanup()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", required=True, help="folder of captured feed files")
    parser.add_argument("--feeds", type=int, default=10_000)
    parser.add_argument("--ports", type=int, default=200,
                        help="ports to spread the feeds over (hosts, to the client)")
    parser.add_argument("--no-etag-share", type=float, default=0.1,
                        help="share of feeds sent without ETag (always 200)")
    parser.add_argument("--slow-share", type=float, default=0.01)
    parser.add_argument("--slow-seconds", type=float, default=2.0)
    parser.add_argument("--fail-share", type=float, default=0.01, help="share answering 500")
    parser.add_argument("--huge-share", type=float, default=0.001)
    parser.add_argument("--huge-bytes", type=int, default=4_000_000)
    parser.add_argument("--seed", type=int, default=1)
    asyncio.run(serve(parser.parse_args(argv)))


if __name__ == "__main__":
    main()
