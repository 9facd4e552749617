"""Local files read as articles for ``newsalert analyze``.

A file may be a plain-text article (first line is the title, when it is short enough to be
one), a JSON object with title, text and url, a JSON array or JSON-lines file of such objects,
or an RSS, Atom or JSON Feed (every entry is an article), each possibly gzip-compressed.
"""

from __future__ import annotations

import codecs
import html
import json
import re
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from bot.errors import InputError
from bot.matching.textform import detect_text_form
from bot.models import Article
from watchers.jsonfeed import is_json_feed
from watchers.parse import parse_feed

__all__ = ["MAX_TITLE", "read_articles"]

MAX_TITLE = 300
"""Characters beyond which a text file's first line is taken for text, not for a headline."""

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_GZIP_MAGIC = b"\x1f\x8b"
MAX_UNZIPPED = 100 * 1024 * 1024
"""Largest gzip-compressed file content read (a saved feed is far smaller)."""


def read_articles(path: Path, text_mode: str = "auto",
                  on_bad_record: Callable[[InputError], None] | None = None
                  ) -> Iterator[Article]:
    """Yield the articles in ``path``; InputError names the file and what is wrong.

    A bad record in a file of several (a JSON-lines line, a JSON array item) raises too, unless
    ``on_bad_record`` is given: it is then told, and the file's other records are still read.
    """
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    if data.startswith(_GZIP_MAGIC):
        data = _gunzip(path, data)
    if data.startswith(_UTF16_BOMS):
        text = data.decode("utf-16")
        if text.lstrip().startswith("<"):
            yield from _feed_articles(path, data, text_mode)
        else:
            yield from _text_articles(path, text, text_mode, on_bad_record)
        return
    if b"\x00" in data[:8192]:
        raise InputError(f"{path}: a binary file, not a text, JSON or RSS/Atom file")
    if data.removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"<"):
        # The feed parser reads the byte-order mark itself, as polling does.
        yield from _feed_articles(path, data, text_mode)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    yield from _text_articles(path, text, text_mode, on_bad_record)


def _gunzip(path: Path, data: bytes) -> bytes:
    unzip = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)
    try:
        out = unzip.decompress(data, MAX_UNZIPPED)
    except zlib.error as exc:
        raise InputError(f"{path}: a broken gzip file ({exc})") from None
    if unzip.unconsumed_tail:
        raise InputError(f"{path}: more than {MAX_UNZIPPED // 2**20} MB once unzipped")
    if not unzip.eof:
        raise InputError(f"{path}: a broken gzip file (it ends too soon)")
    return out


def _text_articles(path: Path, text: str, text_mode: str,
                   on_bad_record: Callable[[InputError], None] | None) -> Iterator[Article]:
    stripped = text.strip()
    if not stripped:
        raise InputError(f"{path}: the file is empty")
    if stripped.startswith(("{", "[")):
        records = _json_records(path, stripped)
        if records is not None and len(records) == 1 and is_json_feed(records[0][1]):
            yield from _feed_articles(path, stripped.encode("utf-8"), text_mode)
            return
        if records is not None:
            yield from _json_articles(path, records, text_mode, on_bad_record)
            return
    title, _, body = stripped.partition("\n")
    if not body.strip() or len(title) > MAX_TITLE:
        # One paragraph only, or a first line too long to be a headline (a photo caption, a
        # lead): the file has no title line, and all of it is the article's text.
        title, body = "", stripped
    yield _article(title, body, None, text_mode)


def _article(title: str, text: str, url: str | None, text_mode: str) -> Article:
    title, text = _decoded(title), _decoded(text)
    form = text_mode if text_mode in ("raw", "stemmed") else detect_text_form(f"{title}\n{text}")
    return Article(title=title.strip(), text=text.strip(), url=url, text_form=form)


_ENTITY = re.compile(r"&(?:#\d{2,7}|#[xX][0-9a-fA-F]{2,6}|[A-Za-z]{2,8});")


def _decoded(text: str) -> str:
    """Text with the HTML character references a scraper left in it decoded ("risqu&#233;" is
    "risqué"), as a feed's text is: no article means the code itself."""
    return html.unescape(text) if _ENTITY.search(text) else text


Record = tuple[str, Any]
"""Where a JSON value stands in its file ("line 3", "item 2", or "" for the whole file),
and the value, or the InputError that stands for a line that is not JSON."""


def _json_records(path: Path, text: str) -> list[Record] | None:
    """The JSON values of a JSON, JSON-array or JSON-lines file; None for text that only
    starts like JSON (a headline in brackets)."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as whole:
        first_line = text.split("\n", 1)[0]
        try:
            json.loads(first_line)
        except json.JSONDecodeError:
            if text.startswith("["):
                return None
            raise InputError(f"{path}: not JSON ({whole.msg} at line {whole.lineno}, "
                             f"column {whole.colno})") from None
        records: list[Record] = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append((f"line {number}", json.loads(line)))
            except json.JSONDecodeError as exc:
                records.append((f"line {number}", InputError(
                    f"{path}: line {number}: not JSON ({exc.msg})")))
        return records
    if isinstance(value, list):
        if not value:
            raise InputError(f"{path}: the JSON array is empty")
        return [(f"item {i}", item) for i, item in enumerate(value, start=1)]
    return [("", value)]


def _json_articles(path: Path, records: list[Record], text_mode: str,
                   on_bad_record: Callable[[InputError], None] | None) -> Iterator[Article]:
    for where, value in records:
        try:
            yield _json_article(f"{path}: {where}" if where else f"{path}", value, text_mode)
        except InputError as exc:
            if on_bad_record is None or len(records) == 1:
                raise
            on_bad_record(exc)


def _json_article(where: str, obj: Any, text_mode: str) -> Article:
    if isinstance(obj, InputError):
        raise obj
    if not isinstance(obj, dict):
        raise InputError(f"{where}: expected a JSON object with title and text")
    title, body, url = obj.get("title") or "", obj.get("text"), obj.get("url")
    if not isinstance(body, str) or not body.strip():
        raise InputError(f"{where}: the object has no \"text\" string")
    if not isinstance(title, str) or (url is not None and not isinstance(url, str)):
        raise InputError(f"{where}: \"title\" and \"url\" must be strings")
    return _article(title, body, url, text_mode)


def _feed_articles(path: Path, data: bytes, text_mode: str) -> Iterator[Article]:
    parsed = parse_feed(data, path.resolve().as_uri(), path.name)
    if not parsed.entries:
        raise InputError(f"{path}: no entries found in the feed ({parsed.problem})"
                         if parsed.problem else f"{path}: the feed has no entries")
    for entry in parsed.entries:
        yield _article(entry.title, entry.text or entry.title, entry.link, text_mode)
