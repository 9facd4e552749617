"""OPML, the list of feeds every reader imports and exports.

``read_opml`` takes the feed outlines of an OPML 1.0 or 2.0 file (nested categories included)
and refuses what could hurt: a file over ``MAX_OPML_BYTES``, any DOCTYPE (entity declarations,
the "billion laughs" and external entities), markup that is not well-formed. ``import_toml``
turns the outlines into ``[[feeds]]`` tables for an admin to review and paste: ids made from
the titles and unique, feeds whose URL the config already has left out and reported.
``export_opml`` writes the configured feeds as OPML 2.0; their ids and intervals ride along in
the ``newsalert`` namespace, so an export imported back gives the same feeds.
Pure: bytes and config values in, values and text out.
"""

from __future__ import annotations

import json
import re
import unicodedata
import urllib.parse
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from email.utils import formatdate

from lxml import etree

from bot.config import FeedConfig, format_duration, parse_duration

__all__ = ["MAX_OPML_BYTES", "NAMESPACE", "Outline", "OpmlError", "OpmlImport", "check_size",
           "export_opml", "import_toml", "plan_import", "read_opml"]

MAX_OPML_BYTES = 5 * 1024 * 1024
"""Far above any reader's export (ten thousand feeds take about 2 MB)."""
NAMESPACE = "https://github.com/newsalert/newsalert/opml"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False,
                          huge_tree=False, remove_comments=True, remove_pis=True)


class OpmlError(ValueError):
    """The file is not OPML that can be read safely; the message says why."""


@dataclass(frozen=True)
class Outline:
    url: str
    title: str | None = None
    feed_id: str | None = None
    """The id a newsalert export gave the feed, if any."""
    interval: str | None = None


@dataclass(frozen=True)
class OpmlImport:
    feeds: tuple[FeedConfig, ...]
    """The new feeds, with ids unique among themselves and the config's."""
    duplicates: tuple[tuple[str, str], ...]
    """(url, the id of the feed that already has it) for every outline left out."""
    skipped: tuple[str, ...]
    """Outlines that are not web feeds, each with why."""


def read_opml(data: bytes) -> list[Outline]:
    """The feed outlines of an OPML document, in document order; OpmlError says what is
    wrong with it."""
    check_size(len(data))
    if b"<!DOCTYPE" in data or b"<!doctype" in data or b"<!ENTITY" in data:
        raise OpmlError("the file declares a DOCTYPE or entities, which OPML never needs; "
                        "refused (entity expansion could exhaust memory or read local files)")
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise OpmlError(f"not well-formed XML: {exc}") from None
    if root is None or etree.QName(root).localname != "opml":
        raise OpmlError("not an OPML file: the root element is not <opml>")
    body = next((child for child in root if _local(child) == "body"), None)
    if body is None:
        raise OpmlError("not an OPML file: it has no <body>")
    out = []
    for outline in body.iter("{*}outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if not url:
            continue  # a category
        feed_id = outline.get(f"{{{NAMESPACE}}}id")
        # A newsalert export writes a title only for a feed that has one of its own in the
        # config; its "text" is then the id, which OPML asks for.
        title = outline.get("title") if feed_id else \
            outline.get("title") or outline.get("text")
        out.append(Outline(url, (title or "").strip() or None, feed_id,
                           outline.get(f"{{{NAMESPACE}}}interval")))
    return out


def check_size(size: int) -> None:
    """OpmlError when a file of ``size`` bytes is too large to be read as OPML."""
    if size > MAX_OPML_BYTES:
        raise OpmlError(f"the file is {size:,} bytes, more than the "
                        f"{MAX_OPML_BYTES // 2**20} MB an OPML file may have")


def plan_import(outlines: Iterable[Outline], configured: Sequence[FeedConfig],
                default_interval: float) -> OpmlImport:
    """The feeds to add for ``outlines``, next to the ``configured`` ones."""
    known_urls = {_same_url(f.url): f.id for f in configured if f.url}
    taken = {f.id for f in configured}
    feeds: list[FeedConfig] = []
    duplicates: list[tuple[str, str]] = []
    skipped: list[str] = []
    for outline in outlines:
        scheme = urllib.parse.urlsplit(outline.url).scheme.lower()
        if scheme not in ("http", "https") or not urllib.parse.urlsplit(outline.url).netloc:
            skipped.append(f"{outline.url!r}: not an http(s) address")
            continue
        key = _same_url(outline.url)
        if key in known_urls:
            duplicates.append((outline.url, known_urls[key]))
            continue
        wanted = outline.feed_id if outline.feed_id and _ID.match(outline.feed_id) else \
            _slug(outline.title or "") or _slug(urllib.parse.urlsplit(outline.url).netloc)
        feed_id = _unique(wanted or "feed", taken)
        taken.add(feed_id)
        known_urls[key] = feed_id
        interval = default_interval
        if outline.interval:
            try:
                interval = parse_duration(outline.interval)
            except ValueError:
                skipped.append(f"{outline.url!r}: interval {outline.interval!r} ignored")
        feeds.append(FeedConfig(feed_id, outline.url, None, interval,
                                title=outline.title))
    return OpmlImport(tuple(feeds), tuple(duplicates), tuple(skipped))


def import_toml(plan: OpmlImport, source: str, default_interval: float) -> str:
    """The ``[[feeds]]`` tables of an import, with a header saying where they come from."""
    lines = [f"# {len(plan.feeds)} feeds from {source}: review them, then paste them into "
             "the config."]
    lines += [f"# left out, the config has it: {url} (feed {feed_id})"
              for url, feed_id in plan.duplicates]
    lines += [f"# skipped {why}" for why in plan.skipped]
    for feed in plan.feeds:
        lines += ["", "[[feeds]]", f"id = {_toml(feed.id)}", f"url = {_toml(feed.url or '')}"]
        if feed.title:
            lines.append(f"title = {_toml(feed.title)}")
        if feed.interval != default_interval:
            lines.append(f"interval = {_toml(format_duration(feed.interval))}")
    return "\n".join(lines) + "\n"


def export_opml(feeds: Sequence[FeedConfig], default_interval: float, title: str,
                now: float | None = None) -> bytes:
    """The feeds that have a URL as an OPML 2.0 document (local files cannot be shared)."""
    ns = {"newsalert": NAMESPACE}
    root = etree.Element("opml", version="2.0", nsmap=ns)
    head = etree.SubElement(root, "head")
    etree.SubElement(head, "title").text = title
    etree.SubElement(head, "dateCreated").text = formatdate(now, usegmt=True)
    body = etree.SubElement(root, "body")
    for feed in feeds:
        if feed.url is None:
            continue
        outline = etree.SubElement(body, "outline", type="rss", text=feed.title or feed.id,
                                   xmlUrl=feed.url)
        if feed.title:
            outline.set("title", feed.title)
        outline.set(f"{{{NAMESPACE}}}id", feed.id)
        if feed.interval != default_interval:
            outline.set(f"{{{NAMESPACE}}}interval", format_duration(feed.interval))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                          pretty_print=True).rstrip(b"\n") + b"\n"


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _same_url(url: str) -> str:
    """A URL as compared for duplicates: http and https alike, the host in lower case, no
    trailing slash (the same feed, as readers and sites write it)."""
    parts = urllib.parse.urlsplit(url.strip())
    return urllib.parse.urlunsplit(("", parts.netloc.lower(), parts.path.rstrip("/"),
                                    parts.query, ""))


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:40].rstrip("-")


def _unique(wanted: str, taken: set[str]) -> str:
    if wanted not in taken:
        return wanted
    n = 2
    while f"{wanted}-{n}" in taken:
        n += 1
    return f"{wanted}-{n}"


def _toml(text: str) -> str:
    """A TOML basic string: JSON's escapes are TOML's."""
    return json.dumps(text, ensure_ascii=False)
