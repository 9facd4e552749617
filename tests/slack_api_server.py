"""A local stand-in for Slack's Web API, for tests and rehearsals on 127.0.0.1.

It speaks enough of the API for the bot: ``auth.test``, ``chat.postMessage``,
``conversations.history``, ``conversations.replies`` and ``users.info``, ``response_url`` posts
of slash-command replies, and Socket Mode (``apps.connections.open`` and its WebSocket, which
pushes slash commands and collects their acknowledgements). It keeps the messages it was sent
per channel (with their metadata and threads), records every request, and answers with a 429
and Retry-After, a 500, a Slack error body or a slow response when a test asks for one.

    server = SlackAPIServer()
    base_url = await server.start()         # "http://127.0.0.1:PORT/api/"
    server.fail("chat.postMessage", status=429, retry_after=7)
    ...
    await server.stop()
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

__all__ = ["Failure", "Request", "SlackAPIServer"]

BOT_TOKEN = "xoxb-test-token"
APP_TOKEN = "xapp-test-token"


@dataclass
class Request:
    method: str
    args: dict[str, Any]
    token: str | None
    at: float
    """When it arrived (time.monotonic())."""
    peer: tuple[str, int] | None = None
    """The client's address and port: the same for calls over one kept-alive connection."""


@dataclass
class Failure:
    status: int = 200
    error: str | None = None
    retry_after: float | None = None
    delay: float = 0.0
    body: str | None = None
    after: bool = False
    """Do the method's work first (a post is kept), then wait and answer with this failure."""

    @property
    def is_error(self) -> bool:
        """False for a failure that only delays the answer."""
        return self.status != 200 or self.error is not None or self.body is not None


@dataclass
class Channel:
    messages: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    """A Slack error every call on this channel answers with (e.g. "channel_not_found")."""


class SlackAPIServer:
    def __init__(self, token: str = BOT_TOKEN, app_token: str = APP_TOKEN,
                 host: str = "127.0.0.1") -> None:
        self.token = token
        self.app_token = app_token
        self.acks: list[dict[str, Any]] = []
        """Socket Mode acknowledgements, as the client sent them."""
        self._sockets: list[web.WebSocketResponse] = []
        self._connected = asyncio.Event()
        self.host = host
        self.requests: list[Request] = []
        self.responses: list[dict[str, Any]] = []
        """Bodies posted to response URLs (slash-command replies)."""
        self.channels: dict[str, Channel] = {}
        self.users: dict[str, dict[str, Any]] = {}
        self._failures: dict[str, list[Failure]] = {}
        self._last_ts = 0.0
        self._runner: web.AppRunner | None = None
        self.url = ""

    # -- control ---------------------------------------------------------------------------

    async def start(self, port: int = 0) -> str:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/respond/{id}", self._respond)
        app.router.add_get("/socket", self._socket)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.host, port).start()
        bound = self._runner.addresses[0][1]
        self.url = f"http://{self.host}:{bound}/"
        return self.api_url

    async def stop(self) -> None:
        for socket in list(self._sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def api_url(self) -> str:
        return self.url + "api/"

    def response_url(self, name: str = "1") -> str:
        return f"{self.url}respond/{name}"

    def fail(self, method: str, times: int = 1, **failure: Any) -> None:
        """Answer the next ``times`` calls of ``method`` with this failure."""
        self._failures.setdefault(method, []).extend(Failure(**failure) for _ in range(times))

    def channel(self, channel_id: str) -> Channel:
        return self.channels.setdefault(channel_id, Channel())

    def add_user(self, user_id: str, *, admin: bool = False, owner: bool = False) -> None:
        self.users[user_id] = {"id": user_id, "name": user_id.lower(), "is_admin": admin,
                               "is_owner": owner, "is_primary_owner": False}

    def calls(self, method: str) -> list[Request]:
        return [r for r in self.requests if r.method == method]

    def posts(self, channel_id: str) -> list[dict[str, Any]]:
        """Every message in a channel, thread replies included, in the order posted."""
        return sorted(self.channel(channel_id).messages, key=lambda m: float(m["ts"]))

    # -- the API ---------------------------------------------------------------------------

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        args: dict[str, Any] = dict(request.query)
        if request.can_read_body:
            if request.content_type == "application/json":
                args.update(await request.json())
            else:
                args.update(await request.post())
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ") if auth.startswith("Bearer ") else args.get("token")
        peer = request.transport.get_extra_info("peername") if request.transport else None
        self.requests.append(Request(method, args, token, time.monotonic(),
                                     tuple(peer[:2]) if peer else None))

        failures = self._failures.get(method)
        failure = failures.pop(0) if failures else None
        if failure and not failure.after:
            await asyncio.sleep(failure.delay)
            if failure.is_error:
                return self._failure(failure)
        if method == "apps.connections.open":
            if token != self.app_token:
                return _json({"ok": False, "error": "invalid_auth"})
            return _json({"ok": True, "url": self.url.replace("http", "ws", 1) + "socket"})
        if token != self.token:
            return _json({"ok": False, "error": "invalid_auth"})
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        if handler is None:
            return _json({"ok": False, "error": "unknown_method"})
        answer = handler(args)
        if failure and failure.after:
            await asyncio.sleep(failure.delay)
            if failure.is_error:
                return self._failure(failure)
        return _json(answer)

    @staticmethod
    def _failure(failure: Failure) -> web.Response:
        headers = {}
        if failure.retry_after is not None:
            headers["Retry-After"] = str(int(failure.retry_after))
        if failure.body is not None:
            return web.Response(status=failure.status, text=failure.body, headers=headers,
                                content_type="text/html")
        error = failure.error or ("ratelimited" if failure.status == 429 else "internal_error")
        return web.json_response({"ok": False, "error": error}, status=failure.status,
                                 headers=headers)

    def _auth_test(self, args: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": "https://test.slack.com/", "team": "Test", "user": "newsalert",
                "team_id": "T0TEST", "user_id": "UBOT", "bot_id": "BBOT"}

    def _chat_postMessage(self, args: dict[str, Any]) -> dict[str, Any]:
        channel_id = str(args.get("channel", ""))
        channel = self.channel(channel_id)
        if channel.error:
            return {"ok": False, "error": channel.error}
        ts = self._next_ts()
        message = {"type": "message", "ts": ts, "user": "UBOT", "bot_id": "BBOT",
                   "text": args.get("text", ""), "blocks": _decoded(args.get("blocks"), [])}
        metadata = _decoded(args.get("metadata"), None)
        if metadata:
            message["metadata"] = metadata
        if args.get("thread_ts"):
            message["thread_ts"] = args["thread_ts"]
        channel.messages.append(message)
        return {"ok": True, "channel": channel_id, "ts": ts, "message": message}

    def _next_ts(self) -> str:
        """Slack's message ids: the posting time in microseconds, unique per server."""
        self._last_ts = max(time.time(), self._last_ts + 0.000001)
        return f"{self._last_ts:.6f}"

    def _conversations_history(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = self.channel(str(args.get("channel", "")))
        if channel.error:
            return {"ok": False, "error": channel.error}
        top = [m for m in channel.messages if m.get("thread_ts", m["ts"]) == m["ts"]]
        oldest = float(args.get("oldest") or 0)
        newest_first = sorted((m for m in top if float(m["ts"]) > oldest),
                              key=lambda m: float(m["ts"]), reverse=True)
        return self._page(newest_first, args)

    def _conversations_replies(self, args: dict[str, Any]) -> dict[str, Any]:
        channel = self.channel(str(args.get("channel", "")))
        if channel.error:
            return {"ok": False, "error": channel.error}
        parent = str(args.get("ts", ""))
        thread = [m for m in channel.messages if m["ts"] == parent or m.get("thread_ts") == parent]
        if not thread:
            return {"ok": False, "error": "thread_not_found"}
        oldest = float(args.get("oldest") or 0)
        in_order = sorted((m for m in thread if float(m["ts"]) > oldest or m["ts"] == parent),
                          key=lambda m: float(m["ts"]))
        return self._page(in_order, args)

    @staticmethod
    def _page(messages: list[dict[str, Any]], args: dict[str, Any]) -> dict[str, Any]:
        start = int(args.get("cursor") or 0)
        limit = int(args.get("limit") or 100)
        page = messages[start:start + limit]
        if str(args.get("include_all_metadata", "")).lower() not in ("1", "true"):
            page = [{k: v for k, v in m.items() if k != "metadata"} for m in page]
        more = start + limit < len(messages)
        return {"ok": True, "messages": page, "has_more": more,
                "response_metadata": {"next_cursor": str(start + limit) if more else ""}}

    def _users_info(self, args: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(args.get("user", "")))
        if user is None:
            return {"ok": False, "error": "user_not_found"}
        return {"ok": True, "user": user}

    async def connected(self, wait: float = 5.0) -> None:
        """Wait until a Socket Mode client is connected."""
        await asyncio.wait_for(self._connected.wait(), wait)

    async def push(self, envelope_type: str, payload: dict[str, Any]) -> str:
        """Send an envelope to the connected Socket Mode client; returns its id."""
        envelope_id = f"env-{len(self.acks)}-{time.monotonic_ns()}"
        await self._sockets[-1].send_json({
            "envelope_id": envelope_id, "type": envelope_type, "payload": payload,
            "accepts_response_payload": envelope_type == "slash_commands",
            "retry_attempt": 0, "retry_reason": ""})
        return envelope_id

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_json({"type": "hello", "num_connections": 1})
        self._connected.set()
        async for message in socket:
            if message.type == web.WSMsgType.TEXT:
                self.acks.append(json.loads(message.data))
        self._sockets.remove(socket)
        return socket

    async def _respond(self, request: web.Request) -> web.Response:
        body = await request.json()
        self.responses.append({"id": request.match_info["id"], **body})
        return web.Response(text="ok")


def _decoded(value: Any, default: Any) -> Any:
    if value is None or value == "":
        return default
    return json.loads(value) if isinstance(value, str) else value


def _json(data: dict[str, Any]) -> web.Response:
    return web.json_response(data)
