"""The benchmark's feed server serves what the benchmark claims: distinct feeds made from one
capture, 304 on a matching ETag, one new alerting entry per published change, failures."""

from __future__ import annotations

import argparse
from pathlib import Path

from aiohttp import ClientSession, web

from bench.feed_server import NEW_ENTRY_TITLE, FeedServer, load_templates
from tests.test_watchers import ICC, LATER, OTHER, rss
from watchers.parse import parse_feed


def options(**changes: float) -> argparse.Namespace:
    values = {"no_etag_share": 0.0, "slow_share": 0.0, "slow_seconds": 0.0, "fail_share": 0.0,
              "huge_share": 0.0, "huge_bytes": 10_000, "seed": 1}
    return argparse.Namespace(**{**values, **changes})


async def start(http_server, tmp_path: Path, feeds: int,
                **changes: float) -> tuple[str, FeedServer]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "wire.xml").write_bytes(rss(ICC, OTHER, LATER))
    server = FeedServer(load_templates(corpus), feeds, options(**changes))
    app = web.Application()
    app.router.add_get("/feeds/{index}", server.feed)
    app.router.add_post("/control/cycle", server.cycle)
    return await http_server(app), server


async def test_feeds_are_distinct_and_answer_304(http_server, tmp_path: Path) -> None:
    base, _ = await start(http_server, tmp_path, feeds=3)
    async with ClientSession() as session:
        bodies, etags = [], []
        for i in range(2):
            async with session.get(f"{base}/feeds/{i}") as response:
                assert response.status == 200
                bodies.append(await response.read())
                etags.append(response.headers["ETag"])
        async with session.get(f"{base}/feeds/0", headers={"If-None-Match": etags[0]}) as again:
            assert again.status == 304
    first, second = (parse_feed(b, "http://x/", "f") for b in bodies)
    assert [e.title for e in first.entries] == [ICC[1], OTHER[1], LATER[1]]
    assert len(second.entries) == 3
    assert not {e.entry_id for e in first.entries} & {e.entry_id for e in second.entries}


async def test_a_published_change_adds_one_alerting_entry(http_server, tmp_path: Path) -> None:
    base, server = await start(http_server, tmp_path, feeds=2)
    async with ClientSession() as session:
        async with session.get(f"{base}/feeds/1") as response:
            before, etag = await response.read(), response.headers["ETag"]
        async with session.post(f"{base}/control/cycle?changed=1.0") as response:
            assert (await response.json())["changed"] == [0, 1]
        async with session.get(f"{base}/feeds/1", headers={"If-None-Match": etag}) as response:
            assert response.status == 200
            after = await response.read()
    old = parse_feed(before, "http://x/", "f").entries
    new = parse_feed(after, "http://x/", "f").entries
    assert len(new) == len(old)
    fresh = [e for e in new if e.entry_id not in {o.entry_id for o in old}]
    assert [e.title for e in fresh] == [NEW_ENTRY_TITLE.decode() + ICC[1]]
    assert server.versions == [1, 1]


async def test_failing_feeds_answer_500(http_server, tmp_path: Path) -> None:
    base, server = await start(http_server, tmp_path, feeds=4, fail_share=0.5)
    async with ClientSession() as session:
        statuses = []
        for i in range(4):
            async with session.get(f"{base}/feeds/{i}") as response:
                statuses.append(response.status)
    assert sorted(statuses) == [200, 200, 500, 500]
    assert [s == 500 for s in statuses] == [k == "failing" for k in server.kinds]
