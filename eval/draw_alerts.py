"""Draw a fresh part of alerts to label: the ids, picked by a hash, to label from the text alone.

    python eval/draw_alerts.py ../shared/corpora PREFIX [ID ...]

prints 30 BBC ids (six a category) and up to 20 captured feed entries (at most three a feed;
fewer once the feeds run out of entries no part holds: fresh9 got 9) that are
in no part labelled before ``PREFIX`` (the lines of ``eval/alerts.jsonl`` above its first
label of that part, or all of them for a new part), each with its title. The BBC
articles are those whose text holds a quotation mark; the feed entries are those of the English
news feeds below, as ``read_articles`` gives them, with 500 characters of text or more and a
quotation mark, and not a live blog, quiz, video, gallery or podcast by title. Each is ranked by
the SHA-256 of ``PREFIX|<id>``, lowest first. The IDs given after the prefix are passed over:
the articles of the reading notes in ``docs/alert-content.md`` that come up (``fresh3``:
``bbc:tech/155``, the Blu-ray article, again for ``fresh24``; ``fresh4`` to ``fresh23``:
none).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.inputs import read_articles  # noqa: E402

LABELS = Path(__file__).with_name("alerts.jsonl")
CATEGORIES = ("politics", "business", "sport", "tech", "entertainment")
FEEDS = (
    "gsidhu-prettyparser/theguardian_world.xml", "gsidhu-prettyparser/theguardian_football.xml",
    "rss-parser/guardian.rss", "gsidhu-prettyparser/vox.xml", "gsidhu-prettyparser/mashable.xml",
    "gsidhu-prettyparser/caravan.xml", "gsidhu-prettyparser/new_yorker.xml",
    "node-feedparser/tpm.atom", "feedjira/TechCrunch.xml", "feedjira/HuffPostCanada.xml",
    "jeffthomasweb-gitscrape/arstechnica.xml", "gesab001-headlines/aljazeeraenglish.xml",
    "gesab001-headlines/onenewsnz.xml", "codehollow-feedreader/AtomTheVerge.xml",
    "codehollow-feedreader/AtomWiganwarriors.xml", "netnewswire/macworld.rss",
)
QUOTE_MARKS = "“\"‘«"
NOT_NEWS = re.compile(r"\b(live|quiz|video|gallery|podcast)\b", re.IGNORECASE)


def _rank(prefix: str, ident: str) -> str:
    return hashlib.sha256(f"{prefix}|{ident}".encode()).hexdigest()


def _quoted(text: str) -> bool:
    return any(mark in text for mark in QUOTE_MARKS)


def draw(corpora: Path, prefix: str, passed_over: set[str]) -> list[tuple[str, str]]:
    """The drawn ids with their titles: BBC articles first, then feed entries."""
    labels = [json.loads(line) for line in LABELS.open(encoding="utf-8") if line.strip()]
    parts = [lab["part"] for lab in labels]
    before = labels[:parts.index(prefix)] if prefix in parts else labels
    taken = {lab["id"] for lab in before} | passed_over
    path = corpora / "articles" / "bbc-news-2225.jsonl"
    docs = [json.loads(line) for line in path.open(encoding="utf-8")]
    drawn = []
    for category in CATEGORIES:
        pool = [(f"bbc:{d['id']}", d["title"]) for d in docs
                if d["category"] == category and _quoted(d["text"])
                and f"bbc:{d['id']}" not in taken]
        drawn += sorted(pool, key=lambda item: _rank(prefix, item[0]))[:6]
    entries = []
    for feed in FEEDS:
        for index, article in enumerate(read_articles(corpora / "feeds" / feed)):
            ident = f"feed:{feed}#{index}"
            if (len(article.text) >= 500 and _quoted(article.text) and ident not in taken
                    and not NOT_NEWS.search(article.title)):
                entries.append((ident, article.title))
    per_feed: dict[str, int] = {}
    for ident, title in sorted(entries, key=lambda item: _rank(prefix, item[0])):
        feed = ident.rpartition("#")[0]
        if per_feed.get(feed, 0) < 3 and sum(per_feed.values()) < 20:
            per_feed[feed] = per_feed.get(feed, 0) + 1
            drawn.append((ident, title))
    return drawn


def main() -> None:
    corpora, prefix = Path(sys.argv[1]), sys.argv[2]
    for ident, title in draw(corpora, prefix, set(sys.argv[3:])):
        print(f"{ident}\t{title}")


if __name__ == "__main__":
    main()
