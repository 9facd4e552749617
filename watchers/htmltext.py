"""Plain text from the HTML found in feed entries, keeping paragraph breaks."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import ftfy

__all__ = ["html_to_text"]

_BLOCK = frozenset({
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote",
    "section", "article", "header", "footer", "tr", "table", "figure", "figcaption", "pre", "hr",
})
_TAG = re.compile(r"<[^<>]*>")
_SKIP = frozenset({"script", "style", "noscript", "template", "iframe", "object", "svg"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


# A start or end tag (quoted attribute values may hold ">") or a comment. Markup that is all
# tags of this shape and text is read with one scan; anything else goes to html.parser.
_SIMPLE_TOKEN = re.compile(
    r"""<(/?)([A-Za-z][A-Za-z0-9]*)"""
    r"""(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?)*\s*/?>|<!--.*?-->""",
    re.DOTALL)


def _simple_text(markup: str) -> str | None:
    """What ``_parsed_text`` gives for ``markup``, or None when the markup holds a
    construct the scan does not read the way html.parser does (a stray "<", a declaration,
    a script or style element, whose content html.parser reads as text). The content of
    embedded frames, drawings and objects is left out, as ``_TextCollector`` leaves it out."""
    parts: list[str] = []
    position = 0
    skipping = 0
    for token in _SIMPLE_TOKEN.finditer(markup):
        data = markup[position:token.start()]
        if "<" in data:
            return None
        if data and not skipping:
            parts.append(html.unescape(data) if "&" in data else data)
        position = token.end()
        name = token.group(2)
        if name is None:
            continue  # a comment
        name = name.lower()
        if name in _SKIP:
            if name in _RAW_TEXT:
                return None
            tag = token.group()
            if token.group(1):
                skipping = max(0, skipping - 1)
            elif not tag.endswith("/>"):
                skipping += 1
            elif _UNQUOTED_LAST.search(tag):
                return None  # html.parser reads "src=x/>" as the value "x/", not as "/>"
            # else "<iframe/>": opened and closed at once
        elif name in _BLOCK:
            parts.append("\n\n")
    rest = markup[position:]
    if "<" in rest:
        return None
    if not skipping:
        parts.append(html.unescape(rest) if "&" in rest else rest)
    return "".join(parts)


_UNQUOTED_LAST = re.compile(r"=\s*[^\s'\"]*/>$")
_RAW_TEXT = frozenset({"script", "style"})
"""Elements whose content html.parser reads as text up to their end tag, markup or not."""


def html_to_text(markup: str) -> str:
    """The readable text of ``markup``: tags dropped, entities decoded, text that was encoded
    twice repaired, paragraphs kept."""
    if "<" not in markup:
        return _paragraphs(_repair_encoding(html.unescape(markup)))
    simple = _simple_text(markup)
    return _paragraphs(_repair_encoding(simple if simple is not None else _parsed_text(markup)))


# A lead byte of a UTF-8 sequence read as Windows-1252 or Latin-1, then a continuation byte read
# the same way: "â€™" for "’", "Ã©" for "é", "Ð¸" for "и".
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030"
    "\u2039\u203a\u20ac\u2122]"
)


def _repair_encoding(text: str) -> str:
    """``text`` with UTF-8 that was decoded as Windows-1252 decoded again ("isnâ€™t" is
    "isn’t"): publishers' systems do this on the way to the feed, and the feed's declared
    encoding is then right for bytes that are already wrong. ftfy tells such text from real
    accented words; it is asked only when a suspect pair of characters is there."""
    if not _MOJIBAKE.search(text):
        return text
    return ftfy.fix_encoding(text)


def _parsed_text(markup: str) -> str:
    """What ``_TextCollector`` collects from ``markup``."""
    collector = _TextCollector()
    try:
        collector.feed(markup)
        collector.close()
        return "".join(collector.parts)
    except AssertionError:
        # html.parser gives up on some broken declarations ("<![<CDATA["); drop the tags.
        return html.unescape(_TAG.sub(" ", markup))


_BLANK_LINE = re.compile(r"\n\s*\n")
_PLAIN_LINE = re.compile(r"(?:[^\s\u00a0]| (?! ))*")
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")


def _paragraphs(text: str) -> str:
    """``text`` with runs of spaces made one and paragraphs separated by one blank line."""
    if _PLAIN_LINE.fullmatch(text):  # one line with single spaces: most titles
        return text.strip()
    cleaned = (_SPACES.sub(" ", p).strip() for p in _BLANK_LINE.split(text))
    return "\n\n".join(" ".join(p.split("\n")).strip() for p in cleaned if p.strip())
