"""A heavy ``/news preview`` does not hold up other commands: each one is acknowledged within
Slack's three seconds. The real Bolt app in HTTP mode, the real slack_sdk client against the
local Slack Web API server, the page served by a real local HTTP server."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

from aiohttp import web

from bot.app import App
from bot.config import load_config
from bot.storage import SQLiteStore
from tests.slack_api_server import BOT_TOKEN, SlackAPIServer
from tests.test_slack_adapter import SECRET, post_command, reply, signed, slash

ACK_LIMIT = 3.0
"""Slack's deadline for acknowledging a slash command."""


def heavy_page() -> bytes:
    """About 1.6 MB of article page, quotes and figures in every sentence: under the fetch cap,
    and far more text than the alert needs."""
    sentence = ('<p>"The International Criminal Court will rule on {n} March, and {n}% of the '
                '${n}.2 billion fund is at stake," Karim Khan said on Monday {n}.</p>\n')
    body = "".join(sentence.format(n=n) for n in range(1_600_000 // len(sentence)))
    return (f"<html><head><title>ICC ruling</title></head><body><article>{body}</article>"
            "</body></html>").encode()


async def test_every_command_is_acknowledged_while_a_heavy_preview_runs(
        http_server, write_config, tmp_path: Path, monkeypatch) -> None:
    page = heavy_page()

    async def article(_request: web.Request) -> web.Response:
        return web.Response(body=page, content_type="text/html")

    site = web.Application()
    site.router.add_get("/article", article)
    base = await http_server(site)
    server = SlackAPIServer()
    await server.start()
    monkeypatch.setenv("SLACK_BOT_TOKEN", BOT_TOKEN)
    path = write_config(f"""
        [bot]
        allow_hosts = ["127.0.0.1"]
        [adapters.console]
        enabled = false
        [adapters.slack]
        enabled = true
        bot_token = "${{SLACK_BOT_TOKEN}}"
        signing_secret = "{SECRET}"
        host = "127.0.0.1"
        port = 0
        api_url = "{server.api_url}"
        [topics.icc]
        people = [{{ name = "Karim Khan", surname = false }}]
        organizations = ["International Criminal Court"]
        """)
    app = App(load_config(path), SQLiteStore.open(tmp_path / "bot.db"))
    slack = app.adapters["slack"]
    await slack.start(app.commands)
    try:
        async with app.fetching():
            preview = slash(server, f"preview {base}/article", reply_to="preview")
            heavy = asyncio.ensure_future(post_command(app, preview, signed(preview)))
            await asyncio.sleep(1.5)  # the preview is under way
            started = time.monotonic()
            help_body = slash(server, "help", reply_to="help")
            status, _ = await post_command(app, help_body, signed(help_body))
            acknowledged = time.monotonic() - started
            assert status == 200
            assert acknowledged < ACK_LIMIT, f"acknowledged after {acknowledged:.1f} s"
            assert (await heavy)[0] == 200
            answers = [await reply(server, 1, wait=10), await reply(server, 2, wait=60)]
        texts = " ".join(a["text"] for a in answers)
        assert "Commands:" in texts  # the help reply
        assert "ICC ruling" in texts or "would post" in texts  # the preview's answer
    finally:
        await slack.stop()
        await server.stop()
        app.store.close()
