"""What the fetch safeguards cost: feeds per second through the guarded fetcher against a plain
aiohttp session, and parsed entries per second against feedparser alone.

    python bench/fetch_guard.py ../shared/corpora/feeds [--rounds 3] [--concurrency 16]

Serves every file of the feed corpus from a local HTTP server and, in the same run:
- fetches them all with a bare ``aiohttp.ClientSession`` (the baseline: no address checks, no
  redirect checks, no streaming cap), then with newsalert's ``Fetcher`` (a guarding resolver on
  a host name, every hop checked, bodies streamed under the cap);
- parses the bodies with ``feedparser.parse`` alone (the baseline), then with ``parse_feed``
  (character-reference repair, normalization, HTML to text).
Prints the best round of each, and the ratio.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from pathlib import Path

import aiohttp
import feedparser
from aiohttp import web

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from watchers.fetch import Fetcher  # noqa: E402
from watchers.netguard import NetPolicy  # noqa: E402
from watchers.parse import parse_feed  # noqa: E402


async def serve(files: dict[str, bytes]) -> tuple[web.AppRunner, int]:
    async def handler(request: web.Request) -> web.Response:
        data = files[request.match_info["name"]]
        headers = {"Content-Encoding": "gzip"} if data[:2] == b"\x1f\x8b" else {}
        return web.Response(body=data, headers=headers, content_type="application/xml")

    app = web.Application()
    app.router.add_get("/{name:.+}", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    return runner, runner.addresses[0][1]


async def fetch_plain(urls: list[str], concurrency: int) -> list[bytes]:
    gate = asyncio.Semaphore(concurrency)
    async with aiohttp.ClientSession() as session:
        async def one(url: str) -> bytes:
            async with gate, session.get(url) as response:
                return await response.read()
        return await asyncio.gather(*(one(u) for u in urls))


async def fetch_guarded(urls: list[str], concurrency: int) -> list[bytes]:
    gate = asyncio.Semaphore(concurrency)
    policy = NetPolicy.allowing(["localhost", "127.0.0.1", "::1"])
    async with Fetcher("bench", policy=policy) as fetcher:
        async def one(url: str) -> bytes:
            async with gate:
                return (await fetcher.fetch(url)).body or b""
        return await asyncio.gather(*(one(u) for u in urls))


def best(seconds: list[float]) -> float:
    return min(seconds)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    paths = sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.suffix != ".tsv")
    if not paths:
        sys.exit(f"no feed files under {args.corpus}")
    files = {p.relative_to(args.corpus).as_posix(): p.read_bytes() for p in paths}
    runner, port = await serve(files)
    # A host name, so the guarded run goes through its resolver as a real feed URL would.
    urls = [f"http://localhost:{port}/{name}" for name in files]
    try:
        for warm_up in (fetch_plain, fetch_guarded):
            await warm_up(urls, args.concurrency)
        timings: dict[str, list[float]] = {"plain": [], "guarded": []}
        for _ in range(args.rounds):
            for name, run in (("plain", fetch_plain), ("guarded", fetch_guarded)):
                started = time.perf_counter()
                bodies = await run(urls, args.concurrency)
                timings[name].append(time.perf_counter() - started)
    finally:
        await runner.cleanup()
    size = sum(len(b) for b in bodies)
    print(f"{len(urls)} feeds, {size / 1e6:.1f} MB after decompression, "
          f"best of {args.rounds} rounds, concurrency {args.concurrency}")
    plain, guarded = best(timings["plain"]), best(timings["guarded"])
    print(f"fetch  plain aiohttp   {len(urls) / plain:8.0f} feeds/s")
    print(f"fetch  guarded Fetcher {len(urls) / guarded:8.0f} feeds/s  "
          f"({guarded / plain:.2f}x the baseline's time)")

    parse_times: dict[str, list[float]] = {"feedparser": [], "parse_feed": []}
    entries = 0
    for _ in range(args.rounds):
        started = time.perf_counter()
        for body in bodies:
            feedparser.parse(body)
        parse_times["feedparser"].append(time.perf_counter() - started)
        started = time.perf_counter()
        entries = sum(len(parse_feed(body, "http://localhost/", "bench").entries)
                      for body in bodies)
        parse_times["parse_feed"].append(time.perf_counter() - started)
    raw, ours = best(parse_times["feedparser"]), best(parse_times["parse_feed"])
    print(f"parse  feedparser only {entries / raw:8.0f} entries/s")
    print(f"parse  parse_feed      {entries / ours:8.0f} entries/s  "
          f"({ours / raw:.2f}x the baseline's time; {entries} entries)")


if __name__ == "__main__":
    asyncio.run(main())
