"""The outbox loop with a real SQLite store; the adapter stands in for the platform's network."""

from __future__ import annotations

from adapters.base import SendResult
from bot.delivery.deliverer import Deliverer, retry_delay
from bot.storage import Delivery, SQLiteStore
from tests.test_store import alert, entry


class Platform:
    """Records posts; answers each send with the next scripted result."""

    platform = "slack"
    min_interval = 0.0

    def __init__(self, *script: SendResult) -> None:
        self.script = list(script)
        self.posts: list[tuple[str, str]] = []
        self.messages: dict[str, str] = {}

    async def start(self, commands: object) -> None: ...

    async def stop(self) -> None: ...

    async def send(self, delivery: Delivery) -> SendResult:
        result = self.script.pop(0) if self.script else SendResult.sent(f"m{len(self.posts)}")
        if result.status == "sent":
            self.posts.append((delivery.target, delivery.alert.title))
            self.messages[delivery.key] = result.ref or ""
        return result

    async def find_sent(self, delivery: Delivery) -> str | None:
        return self.messages.get(delivery.key)


def queue(store: SQLiteStore, n: int, channels: list[str]) -> None:
    store.commit_entries("wire", [entry(i) for i in range(n)],
                         [(alert(i), channels) for i in range(n)], now=0.0)


async def test_posts_in_order_per_channel(store: SQLiteStore) -> None:
    platform = Platform()
    queue(store, 3, ["slack:C1", "slack:C2"])
    deliverer = Deliverer(store, {"slack": platform}, clock=lambda: 0.0)
    await deliverer.drain(timeout=10)
    assert [p for p in platform.posts if p[0] == "C1"] == [("C1", "Title 0"), ("C1", "Title 1"),
                                                            ("C1", "Title 2")]
    assert len(platform.posts) == 6
    assert store.channel_stats()["slack:C2"] == {"pending": 0, "sent": 3, "failed": 0}


async def test_retry_after_then_success_posts_once(store: SQLiteStore) -> None:
    now = [0.0]
    platform = Platform(SendResult.retry("HTTP 429", retry_after=30), SendResult.retry("HTTP 500"))
    queue(store, 1, ["slack:C1"])
    deliverer = Deliverer(store, {"slack": platform}, clock=lambda: now[0])
    assert await deliverer.run_once() == 1
    assert await deliverer.run_once() == 0  # waiting out Retry-After
    now[0] = 30.0
    assert await deliverer.run_once() == 1  # 500: backoff of 4 s after the second attempt
    now[0] = 33.0
    assert await deliverer.run_once() == 0
    now[0] = 34.0
    assert await deliverer.run_once() == 1
    assert platform.posts == [("C1", "Title 0")]
    assert store.channel_stats()["slack:C1"]["sent"] == 1


async def test_permanent_failure_is_recorded_not_retried(store: SQLiteStore) -> None:
    platform = Platform(SendResult.failed("channel_not_found"))
    queue(store, 2, ["slack:C404"])
    deliverer = Deliverer(store, {"slack": platform}, clock=lambda: 0.0)
    await deliverer.drain(timeout=5)
    assert store.channel_stats()["slack:C404"] == {"pending": 0, "sent": 1, "failed": 1}
    assert platform.posts == [("C404", "Title 1")]


async def test_post_before_crash_is_not_repeated(store: SQLiteStore) -> None:
    """A delivery left "sending" whose message exists is marked sent without a second post."""
    platform = Platform()
    queue(store, 1, ["slack:C1"])
    d, = store.due_deliveries(0.0, ["slack"])
    store.mark_sending(d.id, 0.0)
    platform.messages[d.key] = "1700000000.0001"  # the post went out, then the process died
    await Deliverer(store, {"slack": platform}, clock=lambda: 5.0).drain(timeout=5)
    assert platform.posts == []
    assert store.channel_stats()["slack:C1"]["sent"] == 1


async def test_unposted_sending_delivery_is_posted(store: SQLiteStore) -> None:
    platform = Platform()
    queue(store, 1, ["slack:C1"])
    d, = store.due_deliveries(0.0, ["slack"])
    store.mark_sending(d.id, 0.0)  # died before the post went out
    await Deliverer(store, {"slack": platform}, clock=lambda: 5.0).drain(timeout=5)
    assert platform.posts == [("C1", "Title 0")]


async def test_adapter_exception_is_retried(store: SQLiteStore) -> None:
    class Broken(Platform):
        async def send(self, delivery: Delivery) -> SendResult:
            raise RuntimeError("bug")

    queue(store, 1, ["slack:C1"])
    await Deliverer(store, {"slack": Broken()}, clock=lambda: 0.0).run_once()
    d, = store.pending_for_channel("slack:C1")
    assert d.status == "pending" and d.attempts == 1
    assert store.last_error(d.id) == "RuntimeError: bug"


def test_retry_delay() -> None:
    assert retry_delay(1) == 2 and retry_delay(5) == 32 and retry_delay(50) == 600
    assert retry_delay(3, retry_after=7.5) == 7.5
