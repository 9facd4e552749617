"""Local files read as articles for ``newsalert analyze``.

A file may be a plain-text article (first line is the title, when it is short enough to be
one), a JSON object with title, text and url, a JSON-lines file of such objects, or an RSS/Atom
feed (every entry is an article).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bot.errors import InputError
from bot.models import Article
from bot.textform import detect_text_form
from watchers.parse import parse_feed

__all__ = ["MAX_TITLE", "read_articles"]

MAX_TITLE = 300
"""Characters beyond which a text file's first line is taken for text, not for a headline."""


def read_articles(path: Path, text_mode: str = "auto") -> Iterator[Article]:
    """Yield the articles in ``path``; InputError names the file and what is wrong."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror or exc}") from None
    head = data.lstrip()[:500].lower()
    if head.startswith(b"<"):
        yield from _feed_articles(path, data, text_mode)
        return
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    stripped = text.strip()
    if not stripped:
        raise InputError(f"{path}: the file is empty")
    if stripped.startswith("{"):
        yield from _json_articles(path, stripped, text_mode)
        return
    title, _, body = stripped.partition("\n")
    if not body.strip() or len(title) > MAX_TITLE:
        # One paragraph only, or a first line too long to be a headline (a photo caption, a
        # lead): the file has no title line, and all of it is the article's text.
        title, body = "", stripped
    yield _article(title, body, None, text_mode)


def _article(title: str, text: str, url: str | None, text_mode: str) -> Article:
    form = text_mode if text_mode in ("raw", "stemmed") else detect_text_form(f"{title}\n{text}")
    return Article(title=title.strip(), text=text.strip(), url=url, text_form=form)


def _json_articles(path: Path, text: str, text_mode: str) -> Iterator[Article]:
    try:
        objects: list[tuple[int | None, Any]] = [(None, json.loads(text))]
    except json.JSONDecodeError:
        objects = []
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                objects.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}: line {number}: not JSON ({exc.msg})") from None
    for number, obj in objects:
        where = f"{path}" + (f": line {number}" if number else "")
        if not isinstance(obj, dict):
            raise InputError(f"{where}: expected a JSON object with title and text")
        title, body, url = obj.get("title", ""), obj.get("text"), obj.get("url")
        if not isinstance(body, str) or not body.strip():
            raise InputError(f"{where}: the object has no \"text\" string")
        if not isinstance(title, str) or (url is not None and not isinstance(url, str)):
            raise InputError(f"{where}: \"title\" and \"url\" must be strings")
        yield _article(title, body, url, text_mode)


def _feed_articles(path: Path, data: bytes, text_mode: str) -> Iterator[Article]:
    parsed = parse_feed(data, path.resolve().as_uri(), path.name)
    if not parsed.entries:
        raise InputError(f"{path}: no entries found in the feed ({parsed.problem or 'empty'})")
    for entry in parsed.entries:
        yield _article(entry.title, entry.text or entry.title, entry.link, text_mode)
