"""Hostile feeds against the whole bot: huge fields, spoofed links, terminal control characters.

Feeds come from a real local HTTP server, alerts go to the console file or to the local Slack
Web API server through the real slack_sdk client, the store is a real SQLite file."""

from __future__ import annotations

import asyncio
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path

from aiohttp import web

from adapters.discord_embeds import alert_embed, digest_embed
from adapters.slack_blocks import alert_message
from bot.app import App
from bot.extract import extract
from bot.fieldlimits import MAX_TEXT, MAX_TITLE
from bot.models import Alert, Article, EntityMatch, Extraction, Quote, TopicMatch
from tests.slack_api_server import BOT_TOKEN, SlackAPIServer

REPO = Path(__file__).resolve().parents[1]
NAMES = "Benjamin Netanyahu and the International Criminal Court arrest warrant"
# Every control and bidi character a line on a terminal or in a log must never carry.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def rss(*items: str, encoding: str = "utf-8") -> bytes:
    return (f'<?xml version="1.0" encoding="{encoding}"?><rss version="2.0"><channel>'
            f"<title>Hostile</title>{''.join(items)}</channel></rss>").encode()


def item(title: str, link: str, text: str, guid: str) -> str:
    return (f"<item><title>{title}</title><link>{link}</link><guid>{guid}</guid>"
            f"<description>{text}</description></item>")


def config(feeds: dict[str, str], database: Path, *, console: Path | None = None,
           slack_api: str | None = None) -> str:
    lines = ['[bot]', f'database = "{database}"', 'allow_hosts = ["127.0.0.1"]',
             '[adapters.console]', 'enabled = true']
    if console:
        lines.append(f'file = "{console}"')
    if slack_api:
        lines += ['[adapters.slack]', 'enabled = true', 'bot_token = "${SLACK_BOT_TOKEN}"',
                  'signing_secret = "secret-0123456789"', 'host = "127.0.0.1"', 'port = 0',
                  f'api_url = "{slack_api}"']
    for feed_id, url in feeds.items():
        lines += ["[[feeds]]", f'id = "{feed_id}"', f'url = "{url}"']
    lines += ['[topics.icc]', 'people = ["Benjamin Netanyahu"]',
              'organizations = [{ name = "International Criminal Court", aliases = ["ICC"] }]',
              'events = ["arrest warrant"]',
              '[[subscriptions]]', 'channel = "console:desk"', 'topics = ["icc"]']
    if slack_api:
        lines += ['[[subscriptions]]', 'channel = "slack:CNEWS"', 'topics = ["icc"]']
    return "\n".join(lines) + "\n"


async def serve(http_server: Callable[[web.Application], object],
                routes: dict[str, Callable[[web.Request], object]]) -> str:
    app = web.Application()
    for path, handler in routes.items():
        app.router.add_get(path, handler)
    return await http_server(app)  # type: ignore[misc]


def xml(body: bytes) -> Callable[[web.Request], object]:
    async def handler(_request: web.Request) -> web.Response:
        return web.Response(body=body, content_type="application/rss+xml")
    return handler


async def test_huge_title_and_text_are_cut_and_the_alert_says_so(http_server, write_config,
                                                                 tmp_path: Path) -> None:
    quotes = f'"{NAMES} said the costs rose 45% to $9 million," she said. ' * 30_000
    feed = rss(item(f"{NAMES} " + "word " * 1_000_000, "https://example.org/1", "short",
                    "big-title"),
               item(f"{NAMES} in court", "https://example.org/2", quotes, "big-text"))
    assert 8_000_000 < len(feed) < 10_000_000  # under the fetch cap
    base = await serve(http_server, {"/feed": xml(feed)})
    out = tmp_path / "alerts.txt"
    path = write_config(config({"hostile": f"{base}/feed"}, tmp_path / "bot.db", console=out))
    app = App.from_config_file(path)
    try:
        await app.run(once=True)
    finally:
        app.store.close()
    text = out.read_text(encoding="utf-8")
    blocks = [b for b in text.split("─" * 72) if b.strip()]
    assert len(blocks) == 2
    assert all(len(b) < MAX_TITLE + MAX_TEXT for b in blocks)  # nothing of megabytes
    assert f"title (over {MAX_TITLE:,} characters) was cut" in text
    assert f"text (over {MAX_TEXT:,} characters) was cut" in text


def spoofing_alert(url: str | None) -> Alert:
    matches = (EntityMatch("person", "Benjamin Netanyahu", 1, ("Netanyahu",)),)
    text = ("Read [bbc.co.uk](https://evil.example/z) and <https://evil.example/y|BBC> or "
            "https://evil.example/x for the ICC ruling")
    return Alert("f", "e", "Wire", "bbc.co.uk: ICC issues warrant", url, None, "raw",
                 (TopicMatch("icc", matches),),
                 Extraction(summary=(text,), quotes=(Quote(text, "[bbc](https://evil.example)"),)))


def test_discord_shows_only_the_entrys_own_link_and_its_real_host() -> None:
    embed = alert_embed(spoofing_alert("https://evil.example/story"))
    assert embed.url == "https://evil.example/story"
    assert embed.title == "bbc.co.uk: ICC issues warrant (evil.example)"
    shown = "\n".join([embed.description or "", *(f.name + f.value for f in embed.fields)])
    assert not re.search(r"(?<!\\)\[[^\]]*\]\(", shown)  # no masked link from feed text
    assert "https://" not in shown  # no bare URL Discord would turn into a link
    for url in ("javascript:alert(1)", "data:text/html,<b>x</b>", "//evil.example/x",
                "https://evil.example:99999/", "https://bbc.co.uk%2eevil.example/"):
        spoofed = alert_embed(spoofing_alert(url))
        assert spoofed.url is None and spoofed.title == "bbc.co.uk: ICC issues warrant"
    digest = digest_embed([spoofing_alert("https://evil.example/story")])
    assert "[evil.example](https://evil.example/story)" in (digest.description or "")
    assert "[bbc.co.uk: ICC" not in (digest.description or "")


def test_slack_shows_only_the_entrys_own_link_and_its_real_host() -> None:
    message = alert_message(spoofing_alert("https://evil.example/story"))
    texts = [b["text"] for b in message["blocks"] if "text" in b]
    texts += [e for b in message["blocks"] for e in b.get("elements", [])]
    assert all(t["verbatim"] is True for t in texts if t["type"] == "mrkdwn")
    links = re.findall(r"<(https?://[^|>]+)", " ".join(t["text"] for t in texts))
    assert links == ["https://evil.example/story"]
    assert texts[0]["text"] == "*<https://evil.example/story|bbc.co.uk: ICC issues warrant>* " \
        "(evil.example)"
    spoofed = alert_message(spoofing_alert("javascript:alert(1)"))
    assert spoofed["blocks"][0]["text"]["text"] == "*bbc.co.uk: ICC issues warrant*"


async def test_spoofed_links_through_the_whole_bot_to_slack(http_server, write_config,
                                                            tmp_path: Path, monkeypatch) -> None:
    feed = rss(
        item(f"bbc.co.uk: {NAMES}", "https://evil.example/z",
             "[bbc.co.uk](https://evil.example/z) https://evil.example/y", "spoof-1"),
        item(f"{NAMES} again", "javascript:alert(document.cookie)", "The ICC said so.",
             "spoof-2"))
    base = await serve(http_server, {"/feed": xml(feed)})
    slack = SlackAPIServer()
    await slack.start()
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    try:
        path = write_config(config({"spoof": f"{base}/feed"}, tmp_path / "bot.db",
                                   console=tmp_path / "alerts.txt", slack_api=slack.api_url))
        app = App.from_config_file(path)
        try:
            await app.run(once=True)
        finally:
            app.store.close()
        posts = slack.posts("CNEWS")
        assert len(posts) == 2
        everything = " ".join(str(p["blocks"]) for p in posts)
        # The title that names the BBC shows where its link really goes.
        assert re.search(r"<https://evil\.example/z\|bbc\.co\.uk: Benjamin[^>]*>\*? "
                         r"\(evil\.example\)", everything)
        assert f"{NAMES} again" in everything  # shown, but javascript: is no link
        assert "javascript:" not in everything
        assert re.findall(r"<(https?://[^|>]+)\|", everything) == ["https://evil.example/z"]
    finally:
        await slack.stop()


async def test_control_characters_never_reach_logs_or_status(http_server, write_config,
                                                             tmp_path: Path) -> None:
    async def raw_http(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        """A server whose status line carries terminal escapes (aiohttp's own server would
        refuse to send them)."""
        await reader.readuntil(b"\r\n\r\n")
        writer.write("HTTP/1.1 503 Busy\x1b[2J\x1b]0;owned\x07\u202e\r\nContent-Length: 0\r\n"
                     "Connection: close\r\n\r\n".encode())
        await writer.drain()
        writer.close()

    raw = await asyncio.start_server(raw_http, "127.0.0.1", 0)
    raw_url = f"http://127.0.0.1:{raw.sockets[0].getsockname()[1]}/reason"
    evil_id = "id-\x1b[31m-\u202e-\x9b2J"
    feed = rss(item(f"{NAMES}\x1b[5m", "https://example.org/a\x1b[1m",
                    "The ICC\x07 said so.\x1b]8;;https://evil.example\x07", evil_id))
    routes = {"/ids": xml(feed),
              "/encoding": xml(rss(item(NAMES, "https://example.org/e", "ICC", "enc"),
                                   encoding="x-\x1b[2J-\u202e"))}
    base = await serve(http_server, routes)
    feeds = {name.strip("/"): f"{base}{name}" for name in routes}
    path = write_config(config({**feeds, "reason": raw_url}, tmp_path / "bot.db"))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    outputs = []
    for command in (["run", "--once"], ["status"]):
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", *command, "--config", str(path), cwd=tmp_path,
            env=env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        out, err = await asyncio.wait_for(process.communicate(), 60)
        outputs.append((out.decode("utf-8"), err.decode("utf-8")))
    raw.close()
    (run_out, run_err), (status_out, status_err) = outputs
    assert "Busy" in status_out and "FAILING" in status_out  # the error is still reported
    assert "\\x1b" in status_out or "\\u202e" in status_out  # shown as escapes
    for name, text in (("run stdout", run_out), ("run stderr", run_err),
                       ("status", status_out), ("status stderr", status_err)):
        bad = sorted({hex(ord(ch)) for ch in CONTROL.findall(text)})
        assert not bad, f"{name} carries control characters {bad}"


def test_analysis_past_its_budget_keeps_the_summary_and_skips_the_rest() -> None:
    text = ('"The court will rule on 12 March, and 45% of the $3.2 billion fund is at stake," '
            "Karim Khan said on Monday. The International Criminal Court met in The Hague.")
    article = Article("ICC ruling", text)
    whole = extract(article)
    assert whole.summary and whole.quotes and whole.figures
    spent = extract(article, budget=-1.0)  # every step finds the budget spent
    assert spent.summary == whole.summary
    assert spent.quotes == () and spent.figures == ()
