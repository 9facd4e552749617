"""The bot's own web server: the status page, the preview form, ``/metrics``, ``/healthz`` and
``/readyz``, on aiohttp.web with Jinja2 templates rendered on the server.

Who may see what:
- ``/healthz`` and ``/readyz`` answer anyone (probes have no credentials) and say nothing
  about the feeds or the channels.
- Everything else needs ``web.token`` or ``web.admin_token`` when one is set, given once on the
  login form (a session cookie follows, HttpOnly and SameSite=Strict) or with each request as
  ``Authorization: Bearer TOKEN`` (for Prometheus and scripts). With no token set, which the
  config allows on a loopback address only, anyone who reaches the port sees the pages.
- The preview form needs ``web.admin_token``; its posts carry the session's CSRF token.
"""

from __future__ import annotations

import hmac
import logging
import secrets
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, Protocol

import aiohttp_jinja2
import jinja2
from aiohttp import web

from bot.commands import Command
from bot.errors import StoreError
from bot.logs import event
from bot.precision import PRECISION_DAYS
from bot.render import render_text
from bot.web.metrics import CONTENT_TYPE, Metrics
from bot.web.views import channel_rows, feed_rows, topic_rows, web_link, when

if TYPE_CHECKING:
    from adapters.base import Adapter
    from bot.commands import CommandHandler
    from bot.config import Config, WebSettings
    from bot.storage import Store

__all__ = ["BotView", "WebServer"]

log = logging.getLogger(__name__)

HERE = Path(__file__).parent
SESSION_COOKIE = "newsalert_session"
SESSION_LIFETIME = 12 * 3600.0
MAX_PREVIEW = 200_000
"""Characters of text the preview form takes."""
Role = Literal["viewer", "admin"]


class BotView(Protocol):
    """What the web server reads from the running bot."""

    config: Config
    store: Store
    clock: Callable[[], float]
    adapters: dict[str, Adapter]
    commands: CommandHandler


@dataclass
class _Session:
    role: Role
    csrf: str
    expires: float


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class WebServer:
    def __init__(self, bot: BotView, metrics: Metrics | None = None) -> None:
        self.bot = bot
        self.metrics = metrics or Metrics(lambda: bot.store, lambda: bot.config, bot.clock)
        self._sessions: dict[str, _Session] = {}
        self._runner: web.AppRunner | None = None
        self.port: int | None = None
        """The port listened on, once started (``web.listen`` may give port 0)."""

    @property
    def settings(self) -> WebSettings:
        return self.bot.config.web

    # -- the application ---------------------------------------------------------------------

    def application(self) -> web.Application:
        app = web.Application(middlewares=[self._headers, self._auth],
                              client_max_size=MAX_PREVIEW * 4 + 4096)
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(HERE / "templates"),
                             autoescape=jinja2.select_autoescape(default=True))
        app.router.add_get("/", self.status_page)
        app.router.add_get("/login", self.login_page)
        app.router.add_post("/login", self.login)
        app.router.add_post("/logout", self.logout)
        app.router.add_get("/preview", self.preview_page)
        app.router.add_post("/preview", self.preview)
        app.router.add_get("/metrics", self.metrics_page)
        app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/readyz", self.readyz)
        app.router.add_static("/static", HERE / "static")
        return app

    async def start(self) -> None:
        # No access log: a request line may carry what someone typed into a query string.
        self._runner = web.AppRunner(self.application(), access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.host, self.settings.port)
        await site.start()
        self.port = self._runner.addresses[0][1]
        event(log, "web.started", host=self.settings.host, port=self.port,
              auth="token" if self._tokens() else "none (loopback)")

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # -- who is asking -----------------------------------------------------------------------

    def _tokens(self) -> dict[Role, str]:
        tokens: dict[Role, str] = {}
        if self.settings.token:
            tokens["viewer"] = self.settings.token
        if self.settings.admin_token:
            tokens["admin"] = self.settings.admin_token
        return tokens

    def _role_of_token(self, given: str) -> Role | None:
        found: Role | None = None
        for role, token in self._tokens().items():
            # Compare every token, always, so the time taken does not tell which one matched.
            if hmac.compare_digest(given.encode(), token.encode()) and found != "admin":
                found = role
        return found

    def _session(self, request: web.Request) -> _Session | None:
        sid = request.cookies.get(SESSION_COOKIE)
        session = self._sessions.get(sid) if sid else None
        if session is not None and session.expires < time.monotonic():
            self._sessions.pop(sid or "", None)
            return None
        return session

    def _role(self, request: web.Request) -> Role | None:
        if not self._tokens():
            return "viewer"
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer "):
            return self._role_of_token(header[7:].strip())
        session = self._session(request)
        return session.role if session is not None else None

    @web.middleware
    async def _auth(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if request.path in ("/healthz", "/readyz", "/login") or \
                request.path.startswith("/static/"):
            return await handler(request)
        role = self._role(request)
        if role is None:
            if request.path == "/metrics" or request.method != "GET":
                raise web.HTTPUnauthorized(text="401: a token is needed\n",
                                           headers={"WWW-Authenticate": 'Bearer realm="newsalert"'})
            response = aiohttp_jinja2.render_template(
                "login.html", request, {"next": request.path, "error": None}, status=401)
            return response
        return await handler(request)

    @web.middleware
    async def _headers(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        try:
            response = await handler(request)
        except web.HTTPException as exc:
            response = exc
        response.headers.setdefault(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'")
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("Cache-Control", "no-store")
        if isinstance(response, web.HTTPException):
            raise response
        return response

    # -- pages -------------------------------------------------------------------------------

    def _context(self, request: web.Request, **values: object) -> dict[str, object]:
        session = self._session(request)
        return {"role": self._role(request), "logged_in": session is not None,
                "csrf": session.csrf if session else "", "admin_enabled": bool(
                    self.settings.admin_token), **values}

    async def status_page(self, request: web.Request) -> web.Response:
        bot, now = self.bot, self.bot.clock()
        return aiohttp_jinja2.render_template("status.html", request, self._context(
            request, now=when(now, now), feeds=feed_rows(bot.config, bot.store, now),
            channels=channel_rows(bot.store), topics=topic_rows(bot.config, bot.store, now),
            precision_days=PRECISION_DAYS,
            alerts=[{**a, "when": when(now, a["created_at"]), "link": web_link(a["alert"].url)}
                    for a in bot.store.recent_alerts()]))

    async def login_page(self, request: web.Request) -> web.Response:
        if not self._tokens():
            raise web.HTTPSeeOther("/")
        return aiohttp_jinja2.render_template("login.html", request,
                                              {"next": _local(request.query.get("next")),
                                               "error": None})

    async def login(self, request: web.Request) -> web.Response:
        form = await request.post()
        token, target = str(form.get("token", "")), _local(str(form.get("next", "/")))
        role = self._role_of_token(token) if token else None
        if role is None:
            event(log, "web.login_refused", logging.WARNING, remote=request.remote)
            return aiohttp_jinja2.render_template(
                "login.html", request, {"next": target, "error": "That token is not valid."},
                status=401)
        now = time.monotonic()
        self._sessions = {k: s for k, s in self._sessions.items() if s.expires > now}
        sid = secrets.token_urlsafe(32)
        self._sessions[sid] = _Session(role, secrets.token_urlsafe(32), now + SESSION_LIFETIME)
        event(log, "web.login", role=role, remote=request.remote)
        response = web.HTTPSeeOther(target)
        response.set_cookie(SESSION_COOKIE, sid, httponly=True, samesite="Strict", path="/",
                            max_age=int(SESSION_LIFETIME))
        raise response

    async def logout(self, request: web.Request) -> web.Response:
        session = self._session(request)
        form = await request.post()
        if session is not None and hmac.compare_digest(str(form.get("csrf", "")),
                                                       session.csrf):
            self._sessions.pop(request.cookies.get(SESSION_COOKIE, ""), None)
        response = web.HTTPSeeOther("/login")
        response.del_cookie(SESSION_COOKIE, path="/")
        raise response

    def _admin(self, request: web.Request) -> None:
        if not self.settings.admin_token:
            raise web.HTTPForbidden(text="403: the preview needs web.admin_token in the config\n")
        if self._role(request) != "admin":
            raise web.HTTPForbidden(text="403: the preview is for admins (web.admin_token)\n")

    async def preview_page(self, request: web.Request) -> web.Response:
        self._admin(request)
        return aiohttp_jinja2.render_template("preview.html", request, self._context(
            request, text="", result=None))

    async def preview(self, request: web.Request) -> web.Response:
        self._admin(request)
        form = await request.post()
        if not request.headers.get("Authorization"):
            # A cookie is sent by the browser whoever made the page that posts: the form must
            # carry this session's own CSRF token too.
            session = self._session(request)
            if session is None or not hmac.compare_digest(str(form.get("csrf", "")),
                                                          session.csrf):
                raise web.HTTPForbidden(text="403: the form's CSRF token is missing or stale; "
                                             "reload the page\n")
        text = str(form.get("text", "")).strip()[:MAX_PREVIEW]
        reply = await self.bot.commands.handle(Command(
            platform="web", channel="web:status", user="web-admin", name="preview",
            args=text, is_admin=True))
        result = {"message": reply.text,
                  "alert": render_text(reply.alert) if reply.alert and reply.alert.topics
                  else None}
        return aiohttp_jinja2.render_template("preview.html", request, self._context(
            request, text=text, result=result))

    # -- machine endpoints -------------------------------------------------------------------

    async def metrics_page(self, request: web.Request) -> web.Response:
        return web.Response(body=self.metrics.render(), headers={"Content-Type": CONTENT_TYPE})

    async def healthz(self, request: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def readyz(self, request: web.Request) -> web.Response:
        checks = await self.readiness()
        ready = all(ok for ok in checks.values())
        body = "".join(f"{name}: {'ok' if ok else 'not ready'}\n"
                       for name, ok in checks.items())
        return web.Response(text=body, status=200 if ready else 503)

    async def readiness(self) -> Mapping[str, bool]:
        checks = {}
        try:
            self.bot.store.ping()
            checks["database"] = True
        except StoreError:
            checks["database"] = False
        for platform, adapter in self.bot.adapters.items():
            checks[platform] = await adapter.connected()
        return checks


def _local(target: str | None) -> str:
    """Only a path on this server may be gone back to after the login."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target
