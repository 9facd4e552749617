"""Webhooks: each post to ``webhook:NAME`` is an HTTP POST of JSON to the configured URL,
signed so the receiver can tell it came from this bot and was not replayed.

Headers: ``X-Newsalert-Timestamp`` (Unix seconds), ``X-Newsalert-Signature``
(``sha256=`` and the hex HMAC-SHA256, keyed with the secret, of the timestamp, a ".", and the
raw body) and ``X-Newsalert-Delivery`` (the delivery's key, the same on every attempt). The
receiver recomputes the signature over the bytes it got, compares it in constant time, refuses
a timestamp more than five minutes off, and drops a delivery key it has seen (docs/webhooks.md).

The outbox makes the attempts: a 2xx is sent, and never posted again; 429 and 5xx are retried,
after Retry-After when given; any other answer, and a redirect (not followed, so a signed body
never goes elsewhere), fails for good. A post whose answer was lost (a timeout, a dropped
connection, a crash) cannot be asked about, so it is sent again with the same delivery key.
Every connection goes through the same network guard as feed fetches.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import aiohttp

from adapters.base import SendResult
from bot.config import WebhookSettings
from bot.render import render_digest, render_followup, render_headline, render_notice, render_text
from bot.storage import alert_to_dict
from watchers.fetch import parse_retry_after
from watchers.netguard import BlockedAddress, GuardedResolver, NetPolicy

if TYPE_CHECKING:
    from bot.commands import CommandHandler
    from bot.storage import Delivery

__all__ = ["SIGNATURE_HEADER", "TIMESTAMP_HEADER", "WebhookAdapter", "sign", "webhook_body"]

TIMESTAMP_HEADER = "X-Newsalert-Timestamp"
SIGNATURE_HEADER = "X-Newsalert-Signature"
DELIVERY_HEADER = "X-Newsalert-Delivery"


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header's value for ``body`` sent at ``timestamp``."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + digest.hexdigest()


def webhook_body(delivery: Delivery) -> bytes:
    """The JSON posted for a delivery: its kind, key, style, a plain-text rendering for
    receivers that only show text, and every alert in full."""
    if delivery.kind == "digest":
        text = render_digest(delivery.alerts)
    elif delivery.kind == "followup":
        text = render_followup(delivery.alert)
    elif delivery.kind == "notice":
        text = render_notice(delivery.alert)
    elif delivery.style.format == "headline":
        text = render_headline(delivery.alert)
    else:
        text = render_text(delivery.alert)
    payload: dict[str, Any] = {
        "type": delivery.kind,
        "delivery": delivery.key,
        "channel": delivery.channel,
        "format": delivery.style.format,
        "mention": list(delivery.style.mention),
        "reply_to": delivery.thread_ref,
        "text": text,
        "alerts": [alert_to_dict(a) for a in delivery.alerts],
    }
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


class WebhookAdapter:
    platform = "webhook"
    min_interval = 0.0

    def __init__(self, hooks: Mapping[str, WebhookSettings], *, user_agent: str,
                 policy: NetPolicy | None = None, timeout: float = 30.0,
                 clock: Callable[[], float] = time.time) -> None:
        self.hooks = dict(hooks)
        self.user_agent = user_agent
        self.policy = policy or NetPolicy()
        self.timeout = timeout
        self.clock = clock
        self._session: aiohttp.ClientSession | None = None
        self._retired: list[aiohttp.ClientSession] = []

    async def start(self, commands: CommandHandler | None) -> None:
        """Webhooks take no commands; this opens the HTTP session."""
        self._session = self._open_session()

    def _open_session(self) -> aiohttp.ClientSession:
        return aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(resolver=GuardedResolver(self.policy)),
            timeout=aiohttp.ClientTimeout(total=self.timeout), trust_env=False,
            headers={"User-Agent": self.user_agent})

    def reconfigure(self, hooks: Mapping[str, WebhookSettings], policy: NetPolicy) -> None:
        """Take a reloaded config's endpoints and allow-list; posts under way finish as they
        began. Later connections resolve under the new list: the session is replaced."""
        self.hooks = dict(hooks)
        if policy != self.policy:
            self.policy = policy
            if self._session is not None:
                self._retired.append(self._session)
                self._session = self._open_session()

    async def stop(self) -> None:
        for session in (*self._retired, self._session):
            if session is not None:
                await session.close()
        self._session, self._retired = None, []

    async def send(self, delivery: Delivery) -> SendResult:
        hook = self.hooks.get(delivery.target)
        if hook is None:
            return SendResult.failed(f"no [adapters.webhook.{delivery.target}] is configured")
        if self._session is None:
            return SendResult.retry("the webhook adapter is not started")
        problem = self.policy.check_url(hook.url)
        if problem:
            return SendResult.failed(f"refused: {problem}")
        body = webhook_body(delivery)
        timestamp = str(int(self.clock()))
        headers = {"Content-Type": "application/json", TIMESTAMP_HEADER: timestamp,
                   SIGNATURE_HEADER: sign(hook.secret, timestamp, body),
                   DELIVERY_HEADER: delivery.key}
        try:
            async with self._session.post(hook.url, data=body, headers=headers,
                                          allow_redirects=False) as response:
                status = response.status
                retry_after = parse_retry_after(response.headers.get("Retry-After"))
                await response.read()
        except aiohttp.ClientConnectorError as exc:
            if isinstance(exc.os_error, BlockedAddress):
                return SendResult.failed(f"refused: {exc.os_error}")
            return SendResult.retry(f"cannot connect: {exc.os_error or exc}")
        except TimeoutError:
            return SendResult.retry(f"no answer within {self.timeout:g}s")
        except aiohttp.ClientError as exc:
            return SendResult.retry(f"{type(exc).__name__}: {exc}")
        if 200 <= status < 300:
            return SendResult.sent(delivery.key)
        if status == 429 or status >= 500 or status == 408:
            return SendResult.retry(f"HTTP {status}", retry_after=retry_after)
        if 300 <= status < 400:
            return SendResult.failed(f"HTTP {status}: redirects are not followed; give the "
                                     "final URL")
        return SendResult.failed(f"HTTP {status}")

    async def find_sent(self, delivery: Delivery) -> str | None:
        # A receiver cannot be asked; the repeat carries the same delivery key for it to drop.
        return None
