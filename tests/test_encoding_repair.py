"""Feed text that a publisher's system encoded twice is repaired before matching and alerts."""

from __future__ import annotations

from bot.matching.matcher import compile_topics
from bot.models import Article, Entity, Topic
from watchers.htmltext import html_to_text
from watchers.parse import parse_feed


def _twice(text: str) -> str:
    """``text`` as it reads after its UTF-8 bytes were decoded as Windows-1252 (the five bytes
    that code page leaves undefined taken as Latin-1, as such systems do)."""
    out = []
    for byte in text.encode("utf-8"):
        try:
            out.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(byte))
    return "".join(out)


def _rss(title: str, description: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>t</title>'
        f"<item><title>{title}</title><link>https://example.org/a</link>"
        f"<description>{description}</description></item></channel></rss>"
    ).encode()


def test_a_feed_encoded_twice_reads_as_written() -> None:
    title = _twice("Trudeau’s advisers meet Trump’s team")
    body = _twice("<p>Prime Minister Justin Trudeau’s top advisers — in Montréal — met.</p>")
    assert "â€™" in title  # the fixture really is encoded twice
    entry = parse_feed(_rss(title, body.replace("<", "&lt;").replace(">", "&gt;")),
                       "https://example.org/", "twice").entries[0]
    assert entry.title == "Trudeau’s advisers meet Trump’s team"
    assert entry.text == "Prime Minister Justin Trudeau’s top advisers — in Montréal — met."


def test_cyrillic_encoded_twice_is_repaired() -> None:
    written = "Москва из-за сильных морозов закрыла школы"
    assert html_to_text(_twice(f"<p>{written}</p>")) == written


def test_real_accented_text_is_left_as_it_is() -> None:
    for text in ("Café Müller in São Paulo, naïve façade", "SÃO PAULO À LA CARTE",
                 "Zoë’s “déjà vu” – £5 or €6", "Ângela Âmbar, Åsa Öberg, Ñandú"):
        assert html_to_text(text) == text


def test_a_repaired_possessive_matches_the_watched_name() -> None:
    matcher = compile_topics([Topic("canada", "Canada",
                                    people=(Entity("person", "Justin Trudeau"),))])
    entry = parse_feed(_rss(_twice("Justin Trudeau’s advisers"), "Talks went on."),
                       "https://example.org/", "twice").entries[0]
    found = matcher.match(Article(entry.title, entry.text))
    assert [t.topic for t in found] == ["canada"]
