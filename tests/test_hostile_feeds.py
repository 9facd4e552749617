"""Hostile and broken feed documents: entity expansion, external entities, broken XML and
lying encodings. Each is parsed quickly, reads nothing local, and keeps what can be kept."""

from __future__ import annotations

import logging
import random
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from aiohttp import web

from bot.config import load_config
from bot.matching.matcher import compile_topics
from bot.pipeline import Subscribers
from watchers.fetch import Fetcher
from watchers.htmltext import html_to_text
from watchers.netguard import NetPolicy
from watchers.parse import ParsedFeed, parse_feed
from watchers.poll import Poller

ITEM = ("<item><title>{title}</title><link>https://example.org/1</link>"
        "<description>{text}</description></item>")


def feed(doctype: str, title: str, text: str = "body") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?>\n{doctype}\n<rss version="2.0"><channel>'
            f"<title>Hostile</title>{ITEM.format(title=title, text=text)}</channel></rss>").encode()


def parse_within(data: bytes, seconds: float = 10.0) -> ParsedFeed:
    """Parse in a worker so that a parser that hangs fails the test instead of stalling it."""
    pool = ThreadPoolExecutor(max_workers=1)
    try:
        return pool.submit(parse_feed, data, "https://example.org/feed", "hostile").result(seconds)
    finally:
        pool.shutdown(wait=False)


def billion_laughs() -> bytes:
    lines = ['<!ENTITY lol0 "lol">']
    lines += [f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)]
    return feed("<!DOCTYPE rss [\n" + "\n".join(lines) + "\n]>", "laugh &lol9;", "&lol9;")


def test_billion_laughs_does_not_expand() -> None:
    data = billion_laughs()
    assert len(data) < 2000  # fully expanded, it would be 3 GB
    parsed = parse_within(data)
    texts = [e.title + e.text for e in parsed.entries]
    assert all(len(t) < 1000 for t in texts)
    assert "lollollol" not in "".join(texts)


def test_external_entities_read_no_local_file(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-MARKER\n")
    for target in (secret.as_uri(), "file:///etc/passwd"):
        data = feed(f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{target}">]>', "leak &xxe;", "&xxe;")
        parsed = parse_within(data)
        text = " ".join(e.title + " " + e.text for e in parsed.entries) + (parsed.title or "")
        assert "TOP-SECRET-MARKER" not in text and "root:" not in text
    parameter = feed(f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{secret.as_uri()}"> %p;]>', "param")
    parsed = parse_within(parameter)
    assert "TOP-SECRET-MARKER" not in " ".join(e.title + e.text for e in parsed.entries)


async def test_external_dtd_is_never_fetched(http_server) -> None:
    asked: list[str] = []

    async def handler(request: web.Request) -> web.Response:
        asked.append(request.path)
        return web.Response(text='<!ENTITY remote "REMOTE-MARKER">')

    app = web.Application()
    app.router.add_get("/{tail:.*}", handler)
    base = await http_server(app)
    data = feed(f'<!DOCTYPE rss SYSTEM "{base}/evil.dtd">', "remote &remote;")
    data2 = feed(f'<!DOCTYPE rss [<!ENTITY % d SYSTEM "{base}/p.dtd"> %d;]>', "remote &remote;")
    for document in (data, data2):
        parsed = parse_within(document)
        assert "REMOTE-MARKER" not in " ".join(e.title for e in parsed.entries)
    assert asked == []


def test_wrongly_encoded_feed_is_read_with_the_right_characters() -> None:
    # Declares UTF-8, is really windows-1252 (a common publishing mistake).
    data = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>T</title>'
            "<item><title>Caf\u00e9 owners \u201cshocked\u201d</title><guid>1</guid></item>"
            "</channel></rss>").encode("cp1252")
    parsed = parse_feed(data, "https://example.org/", "enc")
    assert [e.title for e in parsed.entries] == ["Caf\u00e9 owners \u201cshocked\u201d"]


def test_control_characters_and_truncation_keep_earlier_entries() -> None:
    good = "".join(ITEM.format(title=f"Story {i}", text="ok") for i in range(3))
    data = ('<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>' + good +
            "<item><title>bad \x01\x02 byte</title><description>cut off").encode()
    parsed = parse_feed(data, "https://example.org/", "cut")
    assert parsed.problem is not None
    assert [e.title for e in parsed.entries][:3] == ["Story 0", "Story 1", "Story 2"]


async def test_malformed_feed_is_logged_once(http_server, write_config, store, caplog) -> None:
    body = ('<rss version="2.0"><channel><title>T</title>'
            + ITEM.format(title="ICC issues warrant", text="International Criminal Court")
            + "<item><title>unclosed &bogus; <b></channel>").encode()
    requests: list[int] = []

    async def handler(request: web.Request) -> web.Response:
        requests.append(1)
        return web.Response(body=body, content_type="application/rss+xml")

    app = web.Application()
    app.router.add_get("/feed", handler)
    base = await http_server(app)
    config = load_config(write_config(f"""
        [[feeds]]
        id = "broken"
        url = "{base}/feed"
        [topics.icc]
        organizations = ["International Criminal Court"]
    """))
    matcher = compile_topics(config.topics)
    clock = [0.0]
    caplog.set_level(logging.INFO)
    async with Fetcher("t", policy=NetPolicy.allowing(["127.0.0.1"])) as fetcher:
        poller = Poller(store, fetcher, lambda: (matcher, Subscribers([], [])),
                        clock=lambda: clock[0], rng=random.Random(0))
        outcomes = []
        for _ in range(3):
            outcomes.append(await poller.poll(config.feeds[0]))
            clock[0] += 600
    assert len(requests) == 3
    assert [o.ok for o in outcomes] == [True, True, True]
    assert outcomes[0].new_entries >= 1
    malformed = [r for r in caplog.records if "event=feed.malformed" in r.getMessage()]
    assert len(malformed) == 1 and "feed=broken" in malformed[0].getMessage()
    state = store.feed_state("broken")
    assert state.consecutive_errors == 0 and state.last_error  # remembered, not a failure


def test_character_references_python_cannot_encode_are_replaced() -> None:
    # feedparser's recovering parser raised on these before they were replaced.
    for ref in ("&#xD800;", "&#55296;", "&#x110000;", "&#99999999999;"):
        data = f"<rss version='2.0'><channel><title>T</title><item><title>a {ref} b<" \
               f"/title><guid>1</guid></item></channel></rss><".encode()
        parsed = parse_feed(data, "https://example.org/", "refs")
        assert [e.title for e in parsed.entries] in (["a \ufffd b"], ["a b"]), ref


def test_html_the_standard_parser_rejects_still_gives_text() -> None:
    text = html_to_text("Floods <![<CDATA[ in <i>Italy</i> &amp; Spain")
    assert text.startswith("Floods") and text.endswith("in Italy & Spain")
