"""HTTP fetching with conditional GET, timeouts, a redirect limit, a body-size cap and the
network guard (see ``watchers.netguard``) on every hop."""

from __future__ import annotations

import asyncio
import email.utils
import time
from dataclasses import dataclass

import aiohttp
from aiohttp.abc import AbstractResolver
from yarl import URL

from bot.errors import FetchError
from watchers.netguard import BlockedAddress, GuardedResolver, NetPolicy

__all__ = ["FetchLimits", "FetchResult", "Fetcher", "parse_retry_after"]


@dataclass(frozen=True)
class FetchLimits:
    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 45.0
    max_bytes: int = 10 * 1024 * 1024
    """Largest body accepted, counted after decompression."""
    max_redirects: int = 5


_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class FetchResult:
    url: str
    """The final URL, after redirects."""
    status: int
    body: bytes | None
    """None when the server answered 304 Not Modified."""
    etag: str | None = None
    last_modified: str | None = None
    content_type: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


class Fetcher:
    """One aiohttp session shared by every fetch; use ``async with Fetcher(...)``.

    Every hop is checked against ``policy`` (no private, loopback or link-local addresses
    unless allowed), so the same fetcher can serve config feeds and user-given URLs. ``dns``
    replaces the system resolver under the guard.
    """

    def __init__(self, user_agent: str, limits: FetchLimits | None = None,
                 policy: NetPolicy | None = None, dns: AbstractResolver | None = None) -> None:
        self.user_agent = user_agent
        self.limits = limits or FetchLimits()
        self._policy = policy or NetPolicy()
        self._dns = dns
        self._session: aiohttp.ClientSession | None = None
        self._retired: list[aiohttp.ClientSession] = []

    @property
    def policy(self) -> NetPolicy:
        return self._policy

    @policy.setter
    def policy(self, policy: NetPolicy) -> None:
        """Take a new allow-list at once (a config reload): later fetches go through a new
        session, so no address resolved or connection opened under the old list is reused."""
        if policy == self._policy:
            return
        self._policy = policy
        if self._session is not None:
            self._retired.append(self._session)  # closed with the fetcher: fetches may be on it
            self._session = self._open_session()

    async def __aenter__(self) -> Fetcher:
        self._session = self._open_session()
        return self

    def _open_session(self) -> aiohttp.ClientSession:
        limits = self.limits
        connector = aiohttp.TCPConnector(limit=100, limit_per_host=4, ttl_dns_cache=300,
                                         resolver=GuardedResolver(self._policy, self._dns))
        return aiohttp.ClientSession(
            connector=connector, trust_env=False,
            timeout=aiohttp.ClientTimeout(total=limits.total_timeout,
                                          sock_connect=limits.connect_timeout,
                                          sock_read=limits.read_timeout),
            headers={"User-Agent": self.user_agent},
        )

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        for session in (*self._retired, self._session):
            if session is not None:
                await session.close()
        self._session, self._retired = None, []

    async def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None,
                    accept: str = "application/rss+xml, application/atom+xml, "
                                  "application/feed+json, application/xml;q=0.9, "
                                  "text/xml;q=0.9, application/json;q=0.9, */*;q=0.5",
                    max_bytes: int | None = None) -> FetchResult:
        """GET ``url``, conditionally when validators are given; FetchError says why not.

        ``max_bytes`` lowers the body cap for this request. Redirects are followed here rather
        than by aiohttp, so that each new location is checked against the policy before
        anything is sent to it. The total timeout covers every hop together.
        """
        if self._session is None:
            raise RuntimeError("Fetcher used outside 'async with'")
        headers = {"Accept": accept, "Accept-Encoding": "gzip, deflate"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            async with asyncio.timeout(self.limits.total_timeout):
                return await self._follow(URL(url), headers, etag, last_modified,
                                          max_bytes or self.limits.max_bytes)
        except FetchError:
            raise
        except (aiohttp.InvalidURL, ValueError) as exc:
            raise FetchError(f"invalid URL: {exc}", retryable=False) from None
        except TimeoutError:
            raise FetchError("timed out") from None
        except aiohttp.ClientConnectorError as exc:
            if isinstance(exc.os_error, BlockedAddress):
                raise FetchError(f"refused: {exc.os_error}", retryable=False) from None
            raise FetchError(f"cannot connect: {exc.os_error or exc}") from None
        except aiohttp.ClientPayloadError as exc:
            raise FetchError(f"broken response body: {exc}") from None
        except aiohttp.ClientError as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}") from None

    async def _follow(self, url: URL, headers: dict[str, str], etag: str | None,
                      last_modified: str | None, cap: int) -> FetchResult:
        assert self._session is not None
        for _hop in range(self.limits.max_redirects + 1):
            problem = self.policy.check_url(url)
            if problem:
                raise FetchError(f"refused: {problem}", retryable=False)
            async with self._session.get(url, headers=headers, allow_redirects=False) as response:
                if response.status in _REDIRECTS and "Location" in response.headers:
                    url = url.join(URL(response.headers["Location"]))
                    continue
                if response.status == 304:
                    return FetchResult(str(url), 304, None, etag, last_modified)
                if response.status >= 400:
                    raise _http_error(response)
                body = await self._read_capped(response, cap)
                return FetchResult(
                    str(url), response.status, body,
                    response.headers.get("ETag"), response.headers.get("Last-Modified"),
                    response.headers.get("Content-Type"),
                )
        raise FetchError(f"more than {self.limits.max_redirects} redirects")

    async def _read_capped(self, response: aiohttp.ClientResponse, cap: int) -> bytes:
        declared = response.content_length
        if declared is not None and declared > cap and "gzip" not in (
                response.headers.get("Content-Encoding") or ""):
            raise FetchError(f"body of {declared} bytes is larger than the {cap}-byte limit",
                             retryable=False)
        chunks, size = [], 0
        async for chunk in response.content.iter_chunked(65536):
            size += len(chunk)
            if size > cap:
                raise FetchError(f"body is larger than the {cap}-byte limit", retryable=False)
            chunks.append(chunk)
        return b"".join(chunks)


def _http_error(response: aiohttp.ClientResponse) -> FetchError:
    status = response.status
    retry_after = parse_retry_after(response.headers.get("Retry-After"))
    permanent = status in (404, 410) or (400 <= status < 500 and status not in (408, 429))
    return FetchError(f"HTTP {status} {response.reason or ''}".strip(),
                      retryable=not permanent, retry_after=retry_after)
