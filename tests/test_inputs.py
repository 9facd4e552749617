"""Local files read as articles by ``newsalert analyze``."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from bot.errors import InputError
from bot.inputs import MAX_TITLE, read_articles
from tests.conftest import DATA


def test_a_short_first_line_is_the_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("ICC issues warrants\n\nThe court said on Thursday it had issued warrants.\n")
    [article] = read_articles(path)
    assert article.title == "ICC issues warrants"
    assert article.text == "The court said on Thursday it had issued warrants."
    assert article.text_form == "raw"


def test_a_caption_long_first_line_is_text_not_a_title() -> None:
    [article] = read_articles(DATA / "afp-icc-warrants.txt")
    assert article.title == ""
    assert article.text.startswith("This handout picture released by the Government Press Office")
    assert "now officially a wanted man" in article.text


def test_a_one_paragraph_file_is_all_text() -> None:
    [article] = read_articles(DATA / "bbc-gallant-rejects-stemmed.txt")
    assert article.title == ""
    assert article.text.startswith("isra defenc minist yoav gallant")
    assert article.text_form == "stemmed"


def test_a_first_line_at_the_limit_is_still_a_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("T" * MAX_TITLE + "\nbody\n")
    assert next(read_articles(path)).title == "T" * MAX_TITLE





def test_utf16_text_with_a_byte_order_mark_is_read(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes("ICC issues warrants\n\nThe court said so.\n".encode("utf-16"))
    [article] = read_articles(path)
    assert (article.title, article.text) == ("ICC issues warrants", "The court said so.")


def test_bad_json_lines_are_reported_and_the_others_read(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"title": "a", "text": "one"}\n{oops\n{"title": "c", "text": 5}\n'
                    '{"title": null, "text": "four"}\n')
    bad: list[InputError] = []
    articles = list(read_articles(path, on_bad_record=bad.append))
    assert [(a.title, a.text) for a in articles] == [("a", "one"), ("", "four")]
    assert [str(e) for e in bad] == [f"{path}: line 2: not JSON (Expecting property name "
                                     "enclosed in double quotes)",
                                     f"{path}: line 3: the object has no \"text\" string"]


def test_a_json_array_of_articles(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('[{"title": "a", "text": "one", "url": "https://x.org/a"}, 3]')
    bad: list[InputError] = []
    [article] = read_articles(path, on_bad_record=bad.append)
    assert (article.title, article.url) == ("a", "https://x.org/a")
    assert [str(e) for e in bad] == [f"{path}: item 2: expected a JSON object with title and "
                                     "text"]



def test_a_headline_in_brackets_is_text_not_json(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("[Updated] Court issues warrants\n\nThe court said so.\n")
    [article] = read_articles(path)
    assert article.title == "[Updated] Court issues warrants"


@pytest.mark.parametrize(("name", "content", "problem"), [
    ("a.jsonl", b'{"title": "a", "text": "b"}\n{"title": "c", "text": 5}\n',
     'line 2: the object has no "text" string'),
    ("empty.txt", b"  \n", "the file is empty"),
    ("empty.json", b"[]", "the JSON array is empty"),
    ("a.json", b'{\n  "title": "x",\n  "text": "y",,\n}\n',
     "not JSON (Expecting property name enclosed in double quotes at line 3, column 15)"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + bytes(range(256)),
     "a binary file, not a text, JSON or RSS/Atom file"),
    ("nul.txt", b"\x00\x01\x02 ICC", "a binary file, not a text, JSON or RSS/Atom file"),
    ("empty.xml", b"<rss version='2.0'><channel><title>T</title></channel></rss>",
     "the feed has no entries"),
])
def test_a_bad_file_is_named_with_its_problem(tmp_path: Path, name: str, content: bytes,
                                              problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        list(read_articles(path))
    assert str(caught.value) == f"{path}: {problem}"


def test_a_gzipped_feed_is_read(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml.gz"
    path.write_bytes(gzip.compress(b"<rss version='2.0'><channel><title>T</title><item>"
                                   b"<title>ICC news</title><description>The court said so."
                                   b"</description></item></channel></rss>"))
    [article] = read_articles(path)
    assert (article.title, article.text) == ("ICC news", "The court said so.")
    broken = tmp_path / "broken.gz"
    broken.write_bytes(gzip.compress(b"x" * 1000)[:20])
    with pytest.raises(InputError, match=r"broken\.gz: "):
        list(read_articles(broken))


def test_a_feed_starting_with_a_utf8_byte_order_mark_is_read_as_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    rss = (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>T</title>'
        "<item><title>Court issues warrants</title><link>https://example.org/a</link>"
        "<description>The court said on Thursday it had issued warrants.</description>"
        "</item></channel></rss>"
    )
    path.write_bytes(b"\xef\xbb\xbf" + rss.encode())
    [article] = read_articles(path)
    assert article.title == "Court issues warrants"
    assert article.text == "The court said on Thursday it had issued warrants."
    assert article.url == "https://example.org/a"


def test_character_references_left_in_a_record_are_decoded(tmp_path: Path) -> None:
    path = tmp_path / "scraped.jsonl"
    path.write_text('{"title": "Gadgets &amp; gizmos", "text": "A risqu&#233; radio, '
                    'and a caf&eacute; chair."}\n', encoding="utf-8")
    [article] = read_articles(path)
    assert article.title == "Gadgets & gizmos"
    assert article.text == "A risqué radio, and a café chair."
