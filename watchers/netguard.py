"""Keeps fetches away from the machine's own network (server-side request forgery).

Feed URLs come from the config and page URLs from channel members (``/news preview``); either
could point at a loopback service, a private network or a cloud metadata endpoint
(169.254.169.254). Two checks together refuse them:

- ``NetPolicy.check_url`` runs before every request and after every redirect: http and https
  only, and a host written as an IP address must be a public address.
- ``GuardedResolver`` resolves host names for the connection and hands back only the public
  addresses, so the connection goes to an address that was checked, whatever the name resolves
  to a second later (no DNS rebinding between check and connect).

Hosts in the allow-list (``bot.allow_hosts``: names, addresses or networks such as
``"10.0.0.0/8"``) skip both checks, for feeds served on a local network or in development.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable
from dataclasses import dataclass

from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.resolver import ThreadedResolver
from yarl import URL

__all__ = ["BlockedAddress", "GuardedResolver", "NetPolicy", "forbidden_reason"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_SHARED = ipaddress.ip_network("100.64.0.0/10")  # carrier-grade NAT


class BlockedAddress(OSError):
    """A host that resolves only to addresses newsalert must not connect to."""


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for (mapped, 6to4, Teredo, NAT64), if any."""
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def forbidden_reason(ip: IPAddress) -> str | None:
    """Why a connection to ``ip`` is refused, or None for a public unicast address."""
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            reason = forbidden_reason(inner)
            return f"{reason} (inside {ip})" if reason else None
        if ip.is_site_local:
            return "a site-local address"
    checks = (
        (ip.is_unspecified, "the unspecified address"),
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private address"),
        (isinstance(ip, ipaddress.IPv4Address) and ip in _SHARED, "a shared (CGNAT) address"),
        (not ip.is_global, "not a public address"),
    )
    return next((text for hit, text in checks if hit), None)


def _ip(text: str) -> IPAddress | None:
    try:
        return ipaddress.ip_address(text.strip("[]").split("%", 1)[0])
    except ValueError:
        return None


@dataclass(frozen=True)
class NetPolicy:
    """Which hosts and addresses fetches may reach."""

    allow_hosts: tuple[str, ...] = ()

    @classmethod
    def allowing(cls, hosts: Iterable[str]) -> NetPolicy:
        return cls(tuple(h.strip().lower().rstrip(".") for h in hosts if h.strip()))

    def _allowed_networks(self) -> list[IPNetwork]:
        out = []
        for host in self.allow_hosts:
            try:
                out.append(ipaddress.ip_network(host.strip("[]"), strict=False))
            except ValueError:
                continue
        return out

    def host_allowed(self, host: str) -> bool:
        """Whether ``host`` (a name or an address) is on the allow-list."""
        name = host.lower().rstrip(".").strip("[]")
        if name in self.allow_hosts:
            return True
        ip = _ip(name)
        return ip is not None and any(ip in net for net in self._allowed_networks())

    def address_problem(self, host: str, address: str) -> str | None:
        """Why connecting to ``address`` (resolved from ``host``) is refused, or None."""
        if self.host_allowed(host) or self.host_allowed(address):
            return None
        ip = _ip(address)
        if ip is None:
            return f"{address} is not an IP address"
        reason = forbidden_reason(ip)
        return f"{host} resolves to {address}, {reason}" if reason else None

    def check_url(self, url: str | URL) -> str | None:
        """Why ``url`` may not be fetched, or None. Names are checked when they resolve."""
        parsed = url if isinstance(url, URL) else URL(url)
        if parsed.scheme not in ("http", "https"):
            return f"only http and https URLs are fetched, not {parsed.scheme or 'no scheme'}:"
        host = parsed.raw_host
        if not host:
            return "the URL has no host"
        if self.host_allowed(host):
            return None
        ip = _ip(host)
        if ip is not None:
            reason = forbidden_reason(ip)
            return f"{host} is {reason}" if reason else None
        return None


class GuardedResolver(AbstractResolver):
    """Resolves through the system resolver and keeps only the addresses the policy allows."""

    def __init__(self, policy: NetPolicy, inner: AbstractResolver | None = None) -> None:
        self.policy = policy
        self._inner = inner or ThreadedResolver()

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        results = await self._inner.resolve(host, port, family)
        allowed, problems = [], []
        for result in results:
            problem = self.policy.address_problem(host, result["host"])
            if problem is None:
                allowed.append(result)
            else:
                problems.append(problem)
        if not allowed:
            raise BlockedAddress(problems[0] if problems else f"{host} did not resolve")
        return allowed

    async def close(self) -> None:
        await self._inner.close()
