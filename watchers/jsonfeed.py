"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1.1) read into the same fields as an RSS
or Atom item.

A feed is told by its content, not its address: a JSON object whose ``version`` is a
jsonfeed.org version URL. Every field is checked for its type, since a hostile or broken feed
may put a list where a string belongs; a field of the wrong type counts as absent. Dates are
RFC 3339; one without a zone is taken as UTC, one that does not parse is left out.
"""

from __future__ import annotations

import json
import urllib.parse
from datetime import UTC, datetime
from typing import Any

from watchers.feedxml import RawFeed, RawItem

__all__ = ["JsonFeedError", "is_json_feed", "looks_like_json", "read_json_feed"]

_VERSION_PREFIXES = ("https://jsonfeed.org/version/", "http://jsonfeed.org/version/")
_BOM = b"\xef\xbb\xbf"


class JsonFeedError(Exception):
    """The body is JSON but not a readable JSON Feed; the message says why."""


def looks_like_json(data: bytes) -> bool:
    """Whether ``data`` starts like a JSON object (after a BOM and blanks), so it is read as a
    JSON Feed and never handed to an XML parser."""
    return data[:4096].removeprefix(_BOM).lstrip()[:1] == b"{"


def is_json_feed(document: object) -> bool:
    """Whether a decoded JSON value is a JSON Feed: an object with a jsonfeed.org version."""
    version = document.get("version") if isinstance(document, dict) else None
    return isinstance(version, str) and version.startswith(_VERSION_PREFIXES)


def read_json_feed(data: bytes, base_url: str, max_items: int | None = None) -> RawFeed:
    """The feed's title and its first ``max_items`` items (all when None); JsonFeedError when
    ``data`` is not a JSON Feed."""
    try:
        document = json.loads(data.removeprefix(_BOM))
    except UnicodeDecodeError as exc:
        raise JsonFeedError(f"JSON Feed is not UTF-8 text ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise JsonFeedError(f"not valid JSON: {exc.msg} at line {exc.lineno} column "
                            f"{exc.colno}") from None
    except RecursionError:
        raise JsonFeedError("not a JSON Feed: nested too deeply") from None
    if not isinstance(document, dict):
        raise JsonFeedError("not a JSON Feed: the document is not a JSON object")
    if not is_json_feed(document):
        raise JsonFeedError("not a JSON Feed: no jsonfeed.org \"version\" in the JSON object")
    items = document.get("items")
    if not isinstance(items, list):
        raise JsonFeedError("JSON Feed without an \"items\" list")
    read = (_item(item, base_url) for item in items if isinstance(item, dict))
    out = []
    for raw in read:
        if max_items is not None and len(out) >= max_items:
            break
        out.append(raw)
    return RawFeed(_escaped(_string(document, "title")), out)


def _item(item: dict[str, Any], base: str) -> RawItem:
    link = _string(item, "url") or _string(item, "external_url")
    item_id = item.get("id")
    # 1.0 allowed a number for an id; 1.1 asks for a string and readers to take either.
    if isinstance(item_id, int | float) and not isinstance(item_id, bool):
        guid: str | None = str(item_id)
    else:
        guid = _string(item, "id")
    texts = [t for t in (_string(item, "content_html"), _escaped(_string(item, "content_text")),
                         _escaped(_string(item, "summary"))) if t]
    return RawItem(
        title=_escaped(_string(item, "title")),
        link=urllib.parse.urljoin(base, link) if link else None,
        guid=guid,
        texts=texts,
        dates={"published": _date(_string(item, "date_published")),
               "updated": _date(_string(item, "date_modified"))},
    )


def _string(mapping: dict[str, Any], key: str) -> str:
    value = mapping.get(key)
    return value.strip() if isinstance(value, str) else ""


def _escaped(text: str) -> str:
    """Plain text as the HTML the item reader expects (it reads every text as HTML), so that a
    "<" in a title is kept as a character, not taken for a tag."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _date(text: str) -> datetime | None:
    if not text:
        return None
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    if when.tzinfo is None:
        return when.replace(tzinfo=UTC)
    try:
        return when.astimezone(UTC)
    except (OverflowError, ValueError):
        return None
