"""How much of each feed field is read: a bound on the memory and the analysis time of one entry
whatever a feed holds.

A feed may be small enough to fetch and still carry one item with a title of megabytes, or a
description of millions of characters full of quotes and figures; every later step (HTML to text,
matching, extraction, the alert, the store) grows with it. Each field is cut here, before any of
that, and the entry records which fields were cut so the alert can say so.
"""

from __future__ import annotations

__all__ = ["MAX_ID", "MAX_LINK", "MAX_TEXT", "MAX_TITLE", "RAW_FACTOR", "cut", "cut_raw"]

MAX_TITLE = 1_000
"""Characters of a title: headlines run to a few hundred at most."""
MAX_TEXT = 100_000
"""Characters of an entry's text: the longest articles in the corpora are under half of this,
and extraction reads this much in well under a second (bench/entry_limits.py)."""
MAX_LINK = 2_048
"""Characters of a link: longer ones are not shown as links at all."""
MAX_ID = 1_000
"""Characters of an entry id or guid."""
RAW_FACTOR = 4
"""Markup read before conversion to text, per character of text kept: tags and entities
take room, but no reading of the whole of a huge field is needed to fill the cap."""


def cut(text: str, limit: int) -> tuple[str, bool]:
    """``text`` cut to at most ``limit`` characters (at a space near the end when there is one,
    ending in an ellipsis), and whether it was cut."""
    if len(text) <= limit:
        return text, False
    head = text[:limit - 1]
    space = head.rfind(" ", max(0, limit - 200))
    return (head[:space] if space > 0 else head).rstrip() + "…", True


def cut_raw(markup: str, limit: int) -> tuple[str, bool]:
    """The start of ``markup`` that can hold ``limit`` characters of text, and whether it was
    cut; converting it to text and calling ``cut`` gives the field."""
    room = limit * RAW_FACTOR
    return (markup, False) if len(markup) <= room else (markup[:room], True)
