"""SSRF protection: fetches never reach loopback, private, link-local or other internal
addresses unless the config allows them, checked at connect time and after every redirect."""

from __future__ import annotations

import ipaddress
import socket

import pytest
from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult

from adapters.console import ConsoleAdapter
from bot.app import App
from bot.commands import Command
from bot.config import load_config
from bot.errors import FetchError
from bot.storage import SQLiteStore
from watchers.fetch import Fetcher
from watchers.netguard import BlockedAddress, GuardedResolver, NetPolicy, forbidden_reason

REFUSED = [
    "127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "0.0.0.0", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
    "192.0.2.1", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "fec0::1",
    "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "2002:7f00:1::1",
    "64:ff9b::a9fe:a9fe", "2001:db8::1",
]
PUBLIC = ["93.184.216.34", "8.8.8.8", "151.101.1.69", "2606:4700:4700::1111",
          "2a00:1450:4001:80b::200e", "::ffff:8.8.8.8"]


@pytest.mark.parametrize("address", REFUSED)
def test_internal_addresses_are_refused(address: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) is not None


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_allowed(address: str) -> None:
    assert forbidden_reason(ipaddress.ip_address(address)) is None


def test_policy_checks_scheme_literal_hosts_and_allow_list() -> None:
    strict = NetPolicy()
    assert "only http and https" in (strict.check_url("file:///etc/passwd") or "")
    assert "only http and https" in (strict.check_url("ftp://example.org/feed") or "")
    assert "only http and https" in (strict.check_url("gopher://127.0.0.1:25/") or "")
    assert "link-local" in (strict.check_url("http://169.254.169.254/latest/meta-data/") or "")
    assert "loopback" in (strict.check_url("http://[::ffff:127.0.0.1]:8080/") or "")
    assert strict.check_url("https://example.org/feed.xml") is None  # names: checked on resolve
    dev = NetPolicy.allowing(["127.0.0.1", "10.0.0.0/8", "Feeds.LAN"])
    assert dev.check_url("http://127.0.0.1:8000/") is None
    assert dev.check_url("http://10.20.30.40/") is None
    assert dev.check_url("http://192.168.0.1/") is not None
    assert dev.address_problem("feeds.lan", "192.168.0.7") is None
    assert dev.address_problem("other.lan", "192.168.0.7") is not None


class FakeDNS(AbstractResolver):
    """The network edge: answers every name with fixed addresses."""

    def __init__(self, *addresses: str) -> None:
        self.addresses = addresses
        self.asked: list[str] = []

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        self.asked.append(host)
        return [ResolveResult(hostname=host, host=a, port=port,
                              family=socket.AF_INET6 if ":" in a else socket.AF_INET,
                              proto=0, flags=socket.AI_NUMERICHOST) for a in self.addresses]

    async def close(self) -> None:
        return None


async def test_resolver_keeps_only_public_addresses() -> None:
    resolver = GuardedResolver(NetPolicy(), FakeDNS("10.0.0.5", "93.184.216.34", "::1"))
    results = await resolver.resolve("mixed.example", 443)
    assert [r["host"] for r in results] == ["93.184.216.34"]
    with pytest.raises(BlockedAddress, match="resolves to 169.254.169.254, a link-local"):
        await GuardedResolver(NetPolicy(), FakeDNS("169.254.169.254")).resolve("meta.example")


class Recorder:
    """A local HTTP server that records every path it is asked for."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.routes: dict[str, bytes | str] = {}

    def app(self, routes: dict[str, bytes | str]) -> web.Application:
        """Serve ``routes``: a path maps to a body, or (a string) to a redirect location."""
        self.routes = routes

        async def handle(request: web.Request) -> web.StreamResponse:
            self.paths.append(request.path)
            target = self.routes.get(request.path)
            if isinstance(target, str):
                raise web.HTTPFound(target)
            if target is None:
                raise web.HTTPNotFound()
            return web.Response(body=target, content_type="application/rss+xml")

        app = web.Application()
        app.router.add_get("/{tail:.*}", handle)
        return app


FEED = b"<rss version='2.0'><channel><title>x</title></channel></rss>"


async def test_loopback_server_is_refused_without_the_allow_list(http_server) -> None:
    server = Recorder()
    base = await http_server(server.app({"/feed": FEED}))
    port = base.rsplit(":", 1)[1]
    async with Fetcher("t") as fetcher:
        for url in (f"{base}/feed", f"http://localhost:{port}/feed",
                    f"http://[::ffff:127.0.0.1]:{port}/feed", f"http://0.0.0.0:{port}/feed",
                    f"http://2130706433:{port}/feed", f"http://127.1:{port}/feed",
                    f"http://0177.0.0.1:{port}/feed", f"http://0x7f.0.0.1:{port}/feed",
                    f"http://user:pw@127.0.0.1:{port}/feed"):
            with pytest.raises(FetchError, match="refused") as caught:
                await fetcher.fetch(url)
            assert not caught.value.retryable
    assert server.paths == []  # nothing was ever sent to the server
    async with Fetcher("t", policy=NetPolicy.allowing(["127.0.0.1"])) as fetcher:
        assert (await fetcher.fetch(f"{base}/feed")).status == 200
    assert server.paths == ["/feed"]


async def test_name_is_resolved_once_and_the_checked_address_is_used(http_server) -> None:
    """A name that resolves to an internal address is refused at connect time; with the
    address allowed, the connection goes to exactly the address the guard checked."""
    server = Recorder()
    base = await http_server(server.app({"/feed": FEED}))
    port = base.rsplit(":", 1)[1]
    dns = FakeDNS("127.0.0.1")
    async with Fetcher("t", dns=dns) as fetcher:
        with pytest.raises(FetchError, match="rebind.example resolves to 127.0.0.1, a loopback"):
            await fetcher.fetch(f"http://rebind.example:{port}/feed")
    assert server.paths == []
    policy = NetPolicy.allowing(["127.0.0.1"])
    async with Fetcher("t", policy=policy, dns=FakeDNS("127.0.0.1")) as fetcher:
        result = await fetcher.fetch(f"http://feeds.example:{port}/feed")
    assert result.status == 200 and server.paths == ["/feed"]


async def test_every_redirect_is_checked(http_server) -> None:
    server = Recorder()
    base = await http_server(server.app({
        "/to-loopback": "/secret",  # same host, still allowed by name
        "/secret": FEED,
        "/to-metadata": "http://169.254.169.254/latest/meta-data/",
        "/to-file": "file:///etc/passwd",
    }))
    port = base.rsplit(":", 1)[1]
    server.routes["/to-literal"] = f"http://127.0.0.1:{port}/secret"
    # The allow-list names the host "localhost" only, not the loopback address itself.
    policy = NetPolicy.allowing(["localhost"])
    async with Fetcher("t", policy=policy, dns=FakeDNS("127.0.0.1")) as fetcher:
        assert (await fetcher.fetch(f"http://localhost:{port}/to-loopback")).status == 200
        for path, reason in (("/to-metadata", "169.254.169.254 is a link-local"),
                             ("/to-file", "only http and https"),
                             ("/to-literal", "127.0.0.1 is a loopback")):
            with pytest.raises(FetchError, match=reason):
                await fetcher.fetch(f"http://localhost:{port}{path}")
    # Each redirect was asked for; none of the refused locations was fetched.
    assert server.paths == ["/to-loopback", "/secret", "/to-metadata", "/to-file", "/to-literal"]


@pytest.fixture
async def preview_app(write_config, tmp_path):
    config = load_config(write_config("""
        [[feeds]]
        id = "wire"
        path = "feed.xml"
        [topics.icc]
        organizations = ["International Criminal Court"]
    """))
    app = App(config, SQLiteStore.open(tmp_path / "db.sqlite"),
              adapters={"console": ConsoleAdapter()})
    async with app.fetching():
        yield app
    app.store.close()


async def test_preview_cannot_reach_internal_addresses_or_files(preview_app, http_server,
                                                                tmp_path) -> None:
    server = Recorder()
    base = await http_server(server.app({"/page": FEED}))
    secret = tmp_path / "secret.txt"
    secret.write_text("International Criminal Court secret")

    async def preview(arg: str) -> str:
        reply = await preview_app.commands.handle(
            Command("slack", "slack:C1", "U1", "preview", arg))
        return reply.text + (reply.alert.title if reply.alert else "")

    assert "refused" in await preview(f"{base}/page")
    assert "refused" in await preview("http://169.254.169.254/latest/meta-data/")
    text = await preview(f"file://{secret}")
    assert "secret" not in text.replace("file://", "").replace(str(secret), "")
    assert "No topic would alert" in text  # read as text, the file was not opened
    assert server.paths == []


async def test_reload_changes_the_allow_list_at_once(preview_app, http_server) -> None:
    server = Recorder()
    base = await http_server(server.app({"/page": b"<html><title>ICC</title>ok</html>"}))
    port = base.rsplit(":", 1)[1]
    url = f"http://localhost:{port}/page"
    config = preview_app.config.path.read_text()

    async def preview() -> str:
        reply = await preview_app.commands.handle(Command("slack", "slack:C1", "U1", "preview",
                                                          url, is_admin=True))
        return reply.text

    assert "refused" in await preview()
    preview_app.config.path.write_text('[bot]\nallow_hosts = ["localhost"]\n' + config)
    assert preview_app.reload()[0]
    assert "refused" not in await preview() and server.paths == ["/page"]
    preview_app.config.path.write_text(config)  # allowed no more: the cached address goes too
    assert preview_app.reload()[0]
    assert "refused" in await preview() and server.paths == ["/page"]
