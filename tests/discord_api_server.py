"""A local stand-in for Discord: enough of the REST API and the gateway for discord.py.

REST lives under ``/api/v10`` (point ``adapters.discord.api_url`` at it), the gateway websocket
at ``/gateway``. The gateway says HELLO, takes IDENTIFY, sends READY and acks heartbeats;
``interact`` pushes an INTERACTION_CREATE of a slash command and ``click`` one of a button
on a message, and each waits for the bot's callback. Channel messages are
kept per channel, with Discord's nonce rule (same author and nonce with ``enforce_nonce`` returns
the first message), and ``fail_next`` scripts error answers such as a 429 with ``retry_after``.
"""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from aiohttp import WSMsgType, web
from discord.utils import time_snowflake

__all__ = ["APP_ID", "BOT_ID", "CHANNEL_ID", "GUILD_ID", "DiscordAPIServer"]

APP_ID = 1100000000000000001
BOT_ID = 1100000000000000002
GUILD_ID = 1100000000000000003
CHANNEL_ID = 1100000000000000004
MANAGE_CHANNELS = 1 << 4

Starter = Callable[[web.Application], Awaitable[str]]


def _user(user_id: int, name: str, bot: bool = False) -> dict[str, Any]:
    return {"id": str(user_id), "username": name, "discriminator": "0", "global_name": name,
            "avatar": None, "bot": bot}


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    """JSON with the exact content type discord.py looks for (no charset parameter)."""
    return web.Response(body=json.dumps(data).encode(), status=status,
                        headers={"Content-Type": "application/json", **(headers or {})})


class DiscordAPIServer:
    def __init__(self) -> None:
        self.base = ""
        self.requests: list[tuple[str, str]] = []
        self.synced: dict[str, list[dict[str, Any]]] = {}
        """Application commands by scope: "global" or the guild id."""
        self.messages: dict[int, list[dict[str, Any]]] = {}
        self.posts: list[dict[str, Any]] = []
        """Every accepted POST body to a channel, in order (including deduplicated ones)."""
        self.callbacks: dict[str, dict[str, Any]] = {}
        self.followups: list[dict[str, Any]] = []
        self.identify: dict[str, Any] | None = None
        self.refuse_sync: set[str] = set()
        """Guild ids whose command sync is answered with Missing Access."""
        self.heartbeats = 0
        self.ready = asyncio.Event()
        self._failures: dict[int, list[tuple[int, dict[str, Any]]]] = {}
        self._answered: dict[str, asyncio.Event] = {}
        self._ws: web.WebSocketResponse | None = None
        self._seq = itertools.count(1)
        self._ids = itertools.count(1)

        app = web.Application()
        api = "/api/v10"
        app.router.add_get("/gateway", self._gateway)
        app.router.add_get(f"{api}/gateway/bot", self._gateway_bot)
        app.router.add_get(f"{api}/users/@me", self._me)
        app.router.add_get(f"{api}/oauth2/applications/@me", self._application)
        app.router.add_put(f"{api}/applications/{{app}}/commands", self._sync)
        app.router.add_put(f"{api}/applications/{{app}}/guilds/{{guild}}/commands", self._sync)
        app.router.add_post(f"{api}/interactions/{{id}}/{{token}}/callback", self._callback)
        app.router.add_post(f"{api}/webhooks/{{app}}/{{token}}", self._followup)
        app.router.add_post(f"{api}/channels/{{channel}}/messages", self._post_message)
        app.router.add_get(f"{api}/channels/{{channel}}/messages", self._history)
        self.app = app

    async def start(self, starter: Starter) -> str:
        self.base = await starter(self.app)
        return f"{self.base}/api/v10"

    # -- test controls -----------------------------------------------------------------------

    def fail_next(self, channel: int, status: int, body: dict[str, Any] | None = None) -> None:
        """Answer the next POST to ``channel`` with this error instead of posting; status 0
        drops the connection without an answer."""
        self._failures.setdefault(channel, []).append((status, body or {}))

    def add_message(self, channel: int, author_id: int, embeds: list[dict[str, Any]],
                    content: str = "") -> dict[str, Any]:
        message = self._message(channel, author_id, {"content": content, "embeds": embeds})
        self.messages.setdefault(channel, []).append(message)
        return message

    async def interact(self, subcommand: str, options: dict[str, str | int] | None = None, *,
                       user_id: int = 1100000000000000010, permissions: int = 0,
                       autocomplete: str | None = None, timeout: float = 10.0
                       ) -> dict[str, Any]:
        """Run ``/news subcommand`` as a user in the test channel; return the bot's callback.

        With ``autocomplete``, ask for the choices of that option instead (type 4).
        """
        sub_options = [{"name": k, "type": 4 if isinstance(v, int) else 3, "value": v,
                        **({"focused": True}
                                                               if k == autocomplete else {})}
                       for k, v in (options or {}).items()]
        return await self._interaction(
            4 if autocomplete else 2,
            {"id": "1100000000000000100", "name": "news", "type": 1, "guild_id": str(GUILD_ID),
             "options": [{"name": subcommand, "type": 1, "options": sub_options}]},
            user_id=user_id, permissions=permissions, timeout=timeout)

    async def click(self, message: dict[str, Any], custom_id: str, *,
                    user_id: int = 1100000000000000010, permissions: int = 0,
                    timeout: float = 10.0) -> dict[str, Any]:
        """Click the button ``custom_id`` of ``message`` (as the bot posted it, or as
        ``answer_message`` makes an ephemeral answer) in the message's channel; return the
        bot's callback."""
        return await self._interaction(
            3, {"custom_id": custom_id, "component_type": 2}, user_id=user_id,
            permissions=permissions, timeout=timeout, channel=int(message["channel_id"]),
            message=message)

    def answer_message(self, callback: dict[str, Any], channel: int = CHANNEL_ID
                       ) -> dict[str, Any]:
        """The message an interaction's answer shows (ephemeral ones exist nowhere else)."""
        return self._message(channel, BOT_ID, callback["data"])

    async def _interaction(self, kind: int, data: dict[str, Any], *, user_id: int,
                           permissions: int, timeout: float, channel: int = CHANNEL_ID,
                           message: dict[str, Any] | None = None) -> dict[str, Any]:
        interaction_id = str(next(self._ids) + 1200000000000000000)
        payload = {
            "id": interaction_id, "application_id": str(APP_ID), "type": kind,
            "token": f"token-{interaction_id}", "version": 1,
            "guild_id": str(GUILD_ID), "channel_id": str(channel),
            "channel": {"id": str(channel), "type": 0, "guild_id": str(GUILD_ID),
                        "name": "alerts", "position": 0, "permission_overwrites": [],
                        "nsfw": False, "parent_id": None},
            "member": {"user": _user(user_id, "reporter"), "roles": [], "nick": None,
                       "permissions": str(permissions), "joined_at": "2024-01-01T00:00:00+00:00",
                       "deaf": False, "mute": False, "flags": 0},
            "data": data,
            "app_permissions": str((1 << 53) - 1), "locale": "en-US", "guild_locale": "en-US",
            "entitlements": [], "authorizing_integration_owners": {"0": str(GUILD_ID)},
            "context": 0, "attachment_size_limit": 10 * 1024 * 1024,
            **({"message": message} if message is not None else {}),
        }
        answered = self._answered[interaction_id] = asyncio.Event()
        await self.dispatch("INTERACTION_CREATE", payload)
        await asyncio.wait_for(answered.wait(), timeout)
        return self.callbacks[interaction_id]

    async def dispatch(self, event: str, data: dict[str, Any]) -> None:
        assert self._ws is not None, "the bot has not connected to the gateway"
        await self._ws.send_str(json.dumps({"op": 0, "t": event, "s": next(self._seq),
                                            "d": data}))

    # -- gateway -----------------------------------------------------------------------------

    async def _gateway_bot(self, request: web.Request) -> web.Response:
        self.requests.append(("GET", "/gateway/bot"))
        return _json({
            "url": self.base.replace("http://", "ws://") + "/gateway", "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0,
                                    "max_concurrency": 1}})

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._ws = ws
        await ws.send_json({"op": 10, "d": {"heartbeat_interval": 41250}})
        async for frame in ws:
            if frame.type != WSMsgType.TEXT:
                continue
            message = json.loads(frame.data)
            if message["op"] == 2:
                self.identify = message["d"]
                await self.dispatch("READY", {
                    "v": 10, "user": _user(BOT_ID, "newsalert", bot=True), "guilds": [],
                    "session_id": "session-1", "resume_gateway_url": self.base.replace(
                        "http://", "ws://") + "/gateway",
                    "application": {"id": str(APP_ID), "flags": 0}})
                self.ready.set()
            elif message["op"] == 1:
                self.heartbeats += 1
                await ws.send_json({"op": 11})
        return ws

    # -- REST --------------------------------------------------------------------------------

    async def _me(self, request: web.Request) -> web.Response:
        self.requests.append(("GET", "/users/@me"))
        if request.headers.get("Authorization") != "Bot test-token":
            return _json({"message": "401: Unauthorized", "code": 0}, status=401)
        return _json(_user(BOT_ID, "newsalert", bot=True))

    async def _application(self, request: web.Request) -> web.Response:
        self.requests.append(("GET", "/oauth2/applications/@me"))
        return _json({
            "id": str(APP_ID), "name": "newsalert", "description": "", "icon": None,
            "bot_public": False, "bot_require_code_grant": False, "verify_key": "00",
            "owner": _user(1100000000000000009, "owner"), "flags": 0, "team": None})

    async def _sync(self, request: web.Request) -> web.Response:
        scope = request.match_info.get("guild", "global")
        self.requests.append(("PUT", f"commands:{scope}"))
        if scope in self.refuse_sync:
            return _json({"message": "Missing Access", "code": 50001}, status=403)
        body = await request.json()
        out = [{**c, "id": str(1100000000000000100 + i), "application_id": str(APP_ID),
                "version": "1", **({"guild_id": scope} if scope != "global" else {})}
               for i, c in enumerate(body)]
        self.synced[scope] = out
        return _json(out)

    async def _callback(self, request: web.Request) -> web.Response:
        interaction_id = request.match_info["id"]
        self.requests.append(("POST", f"callback:{interaction_id}"))
        self.callbacks[interaction_id] = await request.json()
        if self.callbacks[interaction_id]["type"] != 5:  # a deferral is answered later
            self._answer(interaction_id)
        return _json({"interaction": {
            "id": interaction_id, "type": 2,
            "response_message_ephemeral": bool(
                (self.callbacks[interaction_id].get("data") or {}).get("flags", 0) & 64)}})

    async def _followup(self, request: web.Request) -> web.Response:
        token = request.match_info["token"]
        body = await request.json()
        self.followups.append(body)
        interaction_id = token.removeprefix("token-")
        self.callbacks[interaction_id] = {"type": "followup", "data": body}
        self._answer(interaction_id)
        return _json(self._message(CHANNEL_ID, BOT_ID, body))

    async def _post_message(self, request: web.Request) -> web.Response:
        channel = int(request.match_info["channel"])
        self.requests.append(("POST", f"messages:{channel}"))
        failures = self._failures.get(channel)
        if failures:
            status, body = failures.pop(0)
            if status == 0:
                assert request.transport is not None
                request.transport.close()
                return web.Response()
            headers = {"Via": "1.1 google"} if status == 429 else {}
            return _json(body, status=status, headers=headers)
        body = await request.json()
        self.posts.append(body)
        stored = self.messages.setdefault(channel, [])
        if body.get("enforce_nonce") and body.get("nonce"):
            for message in stored:
                if message.get("nonce") == body["nonce"]:
                    return _json(message)
        message = self._message(channel, BOT_ID, body)
        stored.append(message)
        return _json(message)

    async def _history(self, request: web.Request) -> web.Response:
        channel = int(request.match_info["channel"])
        self.requests.append(("GET", f"messages:{channel}"))
        limit = int(request.query.get("limit", 50))
        messages = self.messages.get(channel, [])
        # Discord answers newest first: the page just after ``after``, else the latest before
        # ``before`` (or the latest of all).
        if "after" in request.query:
            page = [m for m in messages if int(m["id"]) > int(request.query["after"])][:limit]
        else:
            before = int(request.query.get("before", 1 << 64))
            page = [m for m in messages if int(m["id"]) < before][-limit:]
        return _json(list(reversed(page)))

    def _answer(self, interaction_id: str) -> None:
        if interaction_id in self._answered:
            self._answered[interaction_id].set()

    def _message(self, channel: int, author_id: int, body: dict[str, Any]) -> dict[str, Any]:
        now = datetime.now(UTC)
        message = {
            "id": str(time_snowflake(now) + next(self._ids)), "channel_id": str(channel),
            "author": _user(author_id, "newsalert" if author_id == BOT_ID else "someone",
                            bot=author_id == BOT_ID),
            "content": body.get("content") or "", "embeds": body.get("embeds") or [],
            "attachments": [], "mentions": [], "mention_roles": [], "mention_everyone": False,
            "pinned": False, "tts": False, "type": 0, "timestamp": now.isoformat(),
            "edited_timestamp": None, "flags": body.get("flags", 0),
            "components": body.get("components") or [],
        }
        if body.get("nonce"):
            message["nonce"] = body["nonce"]
        if body.get("message_reference"):
            message["type"] = 19
            message["message_reference"] = body["message_reference"]
        return message
