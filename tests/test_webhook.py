"""The webhook adapter against a real local HTTP receiver that verifies each post as
docs/webhooks.md tells receivers to, through the real outbox and a real SQLite file."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from pathlib import Path

import pytest
from aiohttp import web

from adapters.webhook import WebhookAdapter
from bot.app import App
from bot.config import WebhookSettings, load_config
from bot.delivery.deliverer import Deliverer
from bot.errors import ConfigError
from bot.storage import SQLiteStore, Store
from tests.test_store import alert, entry
from watchers.netguard import NetPolicy

SECRET = "whsec-test-0123456789abcdef"
LOCAL = NetPolicy.allowing(["127.0.0.1"])


# -- the receiver's side, as docs/webhooks.md shows it ----------------------------------------

def verify(secret: str, timestamp: str, signature: str, body: bytes,
           now: float | None = None, tolerance: float = 300) -> bool:
    """True when ``body`` was signed with ``secret`` at ``timestamp``, within ``tolerance``."""
    if not timestamp.isdigit() or abs((now or time.time()) - int(timestamp)) > tolerance:
        return False
    expected = hmac.new(secret.encode(), timestamp.encode() + b"." + body,
                        hashlib.sha256).hexdigest()
    return hmac.compare_digest("sha256=" + expected, signature)


class Receiver:
    """Answers with the statuses queued in ``answers`` (then 204), verifying every post."""

    def __init__(self, secret: str = SECRET) -> None:
        self.secret = secret
        self.answers: list[web.Response] = []
        self.requests: list[tuple[dict[str, str], bytes, bool]] = []
        self.accepted: dict[str, dict] = {}

    async def handle(self, request: web.Request) -> web.Response:
        body = await request.read()
        ok = verify(self.secret, request.headers.get("X-Newsalert-Timestamp", ""),
                    request.headers.get("X-Newsalert-Signature", ""), body)
        self.requests.append((dict(request.headers), body, ok))
        if not ok:
            return web.Response(status=401)
        if self.answers:
            return self.answers.pop(0)
        key = request.headers["X-Newsalert-Delivery"]
        self.accepted.setdefault(key, json.loads(body))  # a repeat of a key is dropped
        return web.Response(status=204)


async def moved(request: web.Request) -> web.Response:
    return web.Response(status=302, headers={"Location": "/hook"})


@pytest.fixture
async def receiver(http_server) -> tuple[Receiver, str]:
    got = Receiver()
    app = web.Application()
    app.router.add_post("/hook", got.handle)
    app.router.add_post("/other", got.handle)
    app.router.add_post("/moved", moved)
    return got, await http_server(app)


def hook_store(tmp_path: Path, *numbers: int, channel: str = "webhook:desk") -> Store:
    store = SQLiteStore.open(tmp_path / "bot.db")
    store.commit_entries("wire", [entry(n) for n in numbers],
                         [(alert(n), [channel]) for n in numbers], now=time.time())
    return store


async def deliver(store: Store, url: str, now: list[float], secret: str = SECRET) -> None:
    adapter = WebhookAdapter({"desk": WebhookSettings("desk", url, secret)},
                             user_agent="newsalert-test", policy=LOCAL, clock=lambda: now[0])
    await adapter.start(None)  # type: ignore[arg-type]
    try:
        await Deliverer(store, {"webhook": adapter}, lambda: now[0]).drain(timeout=10)
    finally:
        await adapter.stop()


async def test_an_alert_is_posted_signed_and_verifiable(receiver, tmp_path: Path) -> None:
    got, base = receiver
    store = hook_store(tmp_path, 1, 2)
    await deliver(store, f"{base}/hook", [time.time()])
    assert [ok for _, _, ok in got.requests] == [True, True]
    headers, body, _ = got.requests[0]
    assert headers["Content-Type"] == "application/json"
    payload = json.loads(body)
    assert payload["type"] == "alert" and payload["delivery"] == headers["X-Newsalert-Delivery"]
    [sent] = payload["alerts"]
    assert sent["title"] == "Title 1" and sent["url"] == "https://example.org/1"
    assert sent["extraction"]["quotes"][0]["speaker"] == "Agnes Callamard"
    assert payload["text"].startswith("Title 1 (example.org)\n")
    # Sent: never posted again.
    await deliver(store, f"{base}/hook", [time.time()])
    assert len(got.requests) == 2
    assert store.channel_stats()["webhook:desk"] == {"pending": 0, "sent": 2, "failed": 0}
    store.close()


async def test_a_wrong_secret_or_a_stale_timestamp_fails_verification(receiver,
                                                                      tmp_path: Path) -> None:
    got, base = receiver
    store = hook_store(tmp_path, 1)
    await deliver(store, f"{base}/hook", [time.time()], secret="not-the-secret-at-all")
    assert [ok for _, _, ok in got.requests] == [False]
    assert store.channel_stats()["webhook:desk"]["failed"] == 1  # 401: failed for good
    headers, body, _ = got.requests[0]
    stamp = headers["X-Newsalert-Timestamp"]
    right = "sha256=" + hmac.new(SECRET.encode(), stamp.encode() + b"." + body,
                                 hashlib.sha256).hexdigest()
    assert verify(SECRET, stamp, right, body)
    assert not verify(SECRET, stamp, right, body + b" ")
    assert not verify(SECRET, stamp, right, body, now=int(stamp) + 301)
    store.close()


async def test_429_waits_for_retry_after_and_posts_once(receiver, tmp_path: Path) -> None:
    got, base = receiver
    got.answers.append(web.Response(status=429, headers={"Retry-After": "30"}))
    store = hook_store(tmp_path, 1)
    now = [time.time()]
    await deliver(store, f"{base}/hook", now)
    [waiting] = store.pending_for_channel("webhook:desk")
    assert waiting.attempts == 1 and "HTTP 429" in (store.last_error(waiting.id) or "")
    await deliver(store, f"{base}/hook", now)  # not due yet: nothing sent
    assert len(got.requests) == 1
    now[0] += 31
    await deliver(store, f"{base}/hook", now)
    assert len(got.requests) == 2 and len(got.accepted) == 1
    assert store.channel_stats()["webhook:desk"]["sent"] == 1
    store.close()


async def test_server_errors_are_retried_and_client_errors_fail(receiver,
                                                                tmp_path: Path) -> None:
    got, base = receiver
    got.answers += [web.Response(status=503), web.Response(status=400)]
    store = hook_store(tmp_path, 1)
    now = [time.time()]
    await deliver(store, f"{base}/hook", now)
    assert store.channel_stats()["webhook:desk"]["pending"] == 1
    now[0] += 5
    await deliver(store, f"{base}/hook", now)
    assert store.channel_stats()["webhook:desk"] == {"pending": 0, "sent": 0, "failed": 1}
    store.close()


async def test_redirects_are_not_followed_and_private_addresses_are_refused(
        receiver, tmp_path: Path) -> None:
    got, base = receiver
    store = hook_store(tmp_path, 1)
    await deliver(store, f"{base}/moved", [time.time()])
    [row] = store.db.execute("SELECT status, last_error FROM deliveries").fetchall()
    assert row[0] == "failed" and "redirects are not followed" in row[1]
    assert got.requests == []
    guarded = WebhookAdapter({"desk": WebhookSettings("desk", f"{base}/hook", SECRET)},
                             user_agent="newsalert-test")
    other = tmp_path / "other"
    other.mkdir()
    second = hook_store(other, 2)
    [delivery] = second.pending_for_channel("webhook:desk")
    await guarded.start(None)  # type: ignore[arg-type]
    try:
        result = await guarded.send(delivery)
    finally:
        await guarded.stop()
        second.close()
    assert result.status == "failed" and "refused: 127.0.0.1" in (result.error or "")
    assert got.requests == []
    store.close()


def test_config_reads_webhooks_with_their_secret_from_the_environment(write_config) -> None:
    text = """
        [bot]
        admin_channel = "webhook:ops"

        [adapters.webhook.ops]
        url = "https://hooks.example.org/newsalert"
        secret = "${HOOK_SECRET}"

        [topics.icc]
        people = ["Benjamin Netanyahu"]

        [[subscriptions]]
        channel = "webhook:ops"
        topics = ["icc"]
        """
    config = load_config(write_config(text), environ={"HOOK_SECRET": SECRET})
    assert config.webhooks["ops"] == WebhookSettings("ops", "https://hooks.example.org/newsalert",
                                                     SECRET)
    assert "webhook" in config.enabled_platforms
    with pytest.raises(ConfigError) as caught:
        load_config(write_config(text.replace('channel = "webhook:ops"',
                                              'channel = "webhook:other"')), environ={})
    problems = str(caught.value)
    assert "adapters.webhook.ops.secret: environment variable HOOK_SECRET is not set" in problems
    assert "subscriptions[0].channel: no usable [adapters.webhook.other]" in problems
    assert SECRET not in problems


async def test_the_app_builds_the_adapter_and_keeps_the_secret_out_of_logs(
        receiver, write_config, tmp_path: Path, caplog) -> None:
    got, base = receiver
    path = write_config(f"""
        [bot]
        allow_hosts = ["127.0.0.1"]

        [adapters.console]
        enabled = false

        [adapters.webhook.desk]
        url = "{base}/hook"
        secret = "${{HOOK_SECRET}}"

        [topics.icc]
        people = ["Benjamin Netanyahu"]

        [[subscriptions]]
        channel = "webhook:desk"
        topics = ["icc"]
        format = "headline"
        mention = "here"
        """)
    app = App(load_config(path, environ={"HOOK_SECRET": SECRET}), hook_store(tmp_path, 1))
    await app.adapters["webhook"].start(app.commands)
    try:
        await app.deliverer.drain(timeout=10)
    finally:
        await app.adapters["webhook"].stop()
        app.store.close()
    [(_, body, ok)] = got.requests
    payload = json.loads(body)
    assert ok and payload["format"] == "headline" and payload["mention"] == ["here"]
    assert payload["alerts"][0]["extraction"]["quotes"] == []
    assert payload["text"] == "Title 1 (example.org)\nWire · 2024-11-21 15:20 UTC\nhttps://example.org/1"
    assert SECRET not in caplog.text


async def test_a_reload_applies_a_changed_url_and_secret(receiver, write_config,
                                                         tmp_path: Path) -> None:
    got, base = receiver
    text = f"""
        [bot]
        allow_hosts = ["127.0.0.1"]

        [adapters.console]
        enabled = false

        [adapters.webhook.desk]
        url = "{base}/old"
        secret = "an-old-secret-0123456789"

        [topics.icc]
        people = ["Benjamin Netanyahu"]
        """
    path = write_config(text)
    app = App(load_config(path), hook_store(tmp_path, 1))
    path.write_text(text.replace("/old", "/other").replace("an-old-secret-0123456789", SECRET),
                    encoding="utf-8")
    assert app.reload()[0]
    await app.adapters["webhook"].start(app.commands)
    try:
        await app.deliverer.drain(timeout=10)
    finally:
        await app.adapters["webhook"].stop()
        app.store.close()
    [(headers, _, ok)] = got.requests
    assert ok and headers["X-Newsalert-Delivery"] == "newsalert-1-1"
