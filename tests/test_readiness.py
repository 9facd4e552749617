"""/readyz asks each adapter whether it is connected: the real Slack and Discord clients,
against the local Slack and Discord servers, answer yes while connected and no once stopped."""

from __future__ import annotations

from tests.test_discord_adapter import bot  # noqa: F401 - fixtures
from tests.test_slack_adapter import make_app, server  # noqa: F401 - fixtures


async def test_slack_in_socket_mode(make_app, server) -> None:  # noqa: F811
    app = await make_app(mode='app_token = "${SLACK_APP_TOKEN}"')
    slack = app.adapters["slack"]
    await server.connected()
    assert await slack.connected() is True
    await slack.stop()
    assert await slack.connected() is False


async def test_slack_in_http_mode(make_app) -> None:  # noqa: F811
    slack = (await make_app()).adapters["slack"]
    assert await slack.connected() is True
    await slack.stop()
    assert await slack.connected() is False


async def test_discord(bot) -> None:  # noqa: F811
    assert await bot.adapter.connected() is True
    await bot.adapter.stop()
    assert await bot.adapter.connected() is False
