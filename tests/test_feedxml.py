"""The lxml reader gives the entries feedparser gives, on every document it accepts, and leaves
to feedparser what it does not model."""

from __future__ import annotations

import urllib.parse

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import CORPORA
from tests.test_fuzz import ATOM, RDF, RSS, mutate, mutation
from watchers.feedxml import _URI_FIXER, _urljoin, read_feed
from watchers.htmltext import _paragraphs, _parsed_text, _simple_text, html_to_text
from watchers.parse import parse_feed, parse_feed_changes, parse_with_feedparser

BASE = "https://example.org/news/feed.xml"
FEEDS = CORPORA / "feeds"


def same_as_feedparser(data: bytes, content_type: str | None = "application/rss+xml") -> None:
    fast = parse_feed(data, BASE, "f", content_type)
    slow = parse_with_feedparser(data, BASE, "f", content_type)
    assert fast.entries == slow.entries
    assert fast.title == slow.title


def rss_items(items: str, channel_extra: str = "", root_extra: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"{root_extra} '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
            'xmlns:media="http://search.yahoo.com/mrss/" '
            'xmlns:atom="http://www.w3.org/2005/Atom">'
            f'<channel><title>Wire</title>{channel_extra}{items}</channel></rss>').encode()


WINDOWS_1251 = (b'<?xml version="1.0" encoding="windows-1251"?><rss version="2.0"><channel>'
                b"<item><title>\xcf\xf0\xe8\xe2\xe5\xf2</title><link>/w</link></item>"
                b"</channel></rss>")

SVG_ENTRY = (
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:svg</id><title>Drawn</title>'
    b'<summary>{summary}</summary><content type="xhtml">'
    b'<div xmlns="http://www.w3.org/1999/xhtml"><p>Before the chart.</p>'
    b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
    b'viewBox="0 0 10 10"><title>{label}</title><use xlink:href="#a"/><path d="M0 0L9 9"/>'
    b'</svg> After the chart, the text goes on.</div></content></entry></feed>')


def svg_entry(summary: str, label: str = "A chart") -> bytes:
    return SVG_ENTRY.replace(b"{summary}", summary.encode()).replace(b"{label}", label.encode())


ACCEPTED = {
    "guid is the link when there is none": rss_items(
        "<item><title>A</title><guid>/story/1</guid></item>"),
    "a link after the guid wins": rss_items(
        "<item><guid>https://example.org/g</guid><link>/story/2</link><title>B</title></item>"),
    "a guid that is not a permalink is neither resolved nor a link": rss_items(
        '<item><title>C</title><guid isPermaLink="false">abc-3</guid></item>'),
    "an empty link keeps the guid out": rss_items(
        "<item><title>D</title><link></link><guid>/story/4</guid></item>"),
    "links with query strings": rss_items(
        "<item><title>E</title><link>/s?a=1&amp;amp;b=2</link></item>"),
    "the first title wins, media:title only when there is none": rss_items(
        "<item><media:title>M</media:title><title>First</title><title>Second</title></item>"
        "<item><media:title>Only media</media:title><link>/x</link></item>"),
    "dates: pubDate over dc:date, broken dates skipped": rss_items(
        "<item><title>F</title><dc:date>2024-11-21T10:00:00Z</dc:date>"
        "<pubDate>Thu, 21 Nov 2024 15:20:00 GMT</pubDate></item>"
        "<item><title>G</title><pubDate>not a date</pubDate><dc:date>2024-01-02</dc:date></item>"),
    "content:encoded longer than the description": rss_items(
        "<item><title>H</title><description>short</description>"
        "<content:encoded><![CDATA[<p>The <b>longer</b> text &amp; more.</p>]]>"
        "</content:encoded></item>"),
    "atom:link inside an RSS item": rss_items(
        '<item><title>I</title><atom:link rel="self" href="/self"/>'
        '<atom:link href="/alternate"/></item>'),
    "xml:base on the channel and the item": rss_items(
        '<item xml:base="/deeper/"><title>J</title><link>story</link></item>',
        root_extra=' xml:base="https://other.example/base/"'),
    "mojibake and C1 controls as feedparser repairs them": rss_items(
        "<item><title>Price: \u00c2\u00a331 and \u0093quoted\u0094</title><link>/m</link></item>"),
    "Atom with ids, alternate links and xhtml-free content": ATOM.replace(
        b'<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Karim Khan spoke.'
        b'</p></div>\n</content>', b'<content type="html">&lt;p&gt;Karim Khan spoke.&lt;/p&gt;'
        b'</content><link rel="enclosure" href="/a.mp3"/>'),
    "RSS 1.0 with rdf:about": RDF,
    "media:content holding a title and a description": rss_items(
        '<item><title>R</title><media:content url="/v.mp4"><media:title>S</media:title>'
        "<media:description>A description longer than the rest</media:description>"
        "</media:content></item>"),
    "attribute names in any case": rss_items(
        '<item><title>T</title><guid isPermalink="false">123</guid></item>'
        '<item><title>U</title><atom:link REL="alternate" HREF="/u"/></item>'),
    "a media:group's title and description, one level deeper": rss_items(
        "<item><media:group><media:title>L</media:title><media:description>Longer one"
        "</media:description></media:group><title>K</title><description>Short</description>"
        "</item><item><title>N</title><media:group><media:title>O</media:title></media:group>"
        "<media:description>P</media:description><description>Q, the second</description>"
        "</item>"),
    "wrappers: an og block, a shop's variant, an author's job title": rss_items(
        "<item><og><title>OG title</title><description>The page's own description</description>"
        "<image>https://example.org/i.png</image><url>https://example.org/u</url></og>"
        "<title>Own</title><link>/o</link></item>"
        '<item><s:variant xmlns:s="https://shop.example/ns"><id>v-1</id><title>Variant</title>'
        "</s:variant><title>Product</title><guid>/p</guid></item>"
        "<item><author><name>A. Writer</name><title>Editor</title></author><link>/a</link>"
        "</item>"),
    "an item's image: its title counts, its link does not, titles start over": rss_items(
        "<item><image><url>/i.png</url><title>Image title</title><link>/image-page</link>"
        "<width>10</width></image><title>Item</title><link>/item</link></item>"
        "<item><title>First</title><image><title>Picture</title></image>"
        "<media:title>Later</media:title><link>/l</link></item>"
        "<item><title>Before</title><image><url>/p.png</url><title></title></image>"
        "<media:title>After</media:title><link>/m</link></item>"
        "<item><title>Before</title><image><url>/p.png</url></image>"
        "<media:title>After</media:title><link>/m</link></item>"
        "<item><link>/only-image</link><image><title>Only the image's</title></image></item>"),
    "RSS 2.0": RSS,
    "Atom with inline XHTML": ATOM,
    "inline XHTML: attributes, escaped text, a div that does not enclose it all": (
        b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>urn:x</id><title type="xhtml">'
        b'<div xmlns="http://www.w3.org/1999/xhtml">A &amp; <b>B</b></div></title>'
        b'<summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p CLASS="x">One'
        b'</p></div><div xmlns="http://www.w3.org/1999/xhtml">Two &lt;3</div></summary>'
        b'<content type="xhtml"><x:div xmlns:x="http://www.w3.org/1999/xhtml"><x:p>Three'
        b'<x:br/>four</x:p></x:div></content></entry></feed>'),
    "Windows-1251, read by Python's codec": WINDOWS_1251,
    "an SVG drawing in inline XHTML, in the longest block": svg_entry("Short."),
    "Latin-1 declared and sent": b'<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0">'
                                 b"<channel><item><title>Caf\xe9 cr\xe8me</title><link>/c</link>"
                                 b"</item></channel></rss>",
}

DECLINED = {
    "a DOCTYPE": b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "b">]><rss version="2.0">'
                 b"<channel><item><title>&a;</title></item></channel></rss>",
    "markup inside an HTML-typed element": ATOM.replace(b'type="xhtml"', b'type="html"'),
    "an item outside the channel": b'<rss version="2.0"><channel><title>T</title></channel>'
                                   b"<item><title>Stray</title></item></rss>",
    "base64 content": ATOM.replace(b'type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
                                   b"<p>Karim Khan spoke.</p></div>",
                                   b'type="application/octet-stream">SGVsbG8='),
    "not RSS or Atom": b"<html><body><p>Hello</p></body></html>",
    "an item's image holding a description": rss_items(
        "<item><title>X</title><image><title>I</title><description>D</description></image>"
        "</item>"),
    "an item's image with a link href": rss_items(
        '<item><title>X</title><image><link href="/x"/><title>I</title></image></item>'),
    "a wrapper with its own base": rss_items(
        '<item><og xml:base="/elsewhere/"><link>page</link></og><title>X</title></item>'),
    "an SVG drawing in a block that may not be the longest": svg_entry("x" * 75),
    "an SVG drawing with text that is not ASCII": svg_entry("Short.", "Grafik für 2024"),
    "a text input inside an item": rss_items(
        "<item><title>X</title><textinput><title>T</title><link>/t</link></textinput></item>"),
    "not well-formed": RSS.replace(b"</channel>", b""),
}


@pytest.mark.parametrize("data", ACCEPTED.values(), ids=ACCEPTED.keys())
def test_accepted_documents_give_feedparsers_entries(data: bytes) -> None:
    assert read_feed(data, BASE, "application/rss+xml") is not None
    same_as_feedparser(data)


@pytest.mark.parametrize("data", DECLINED.values(), ids=DECLINED.keys())
def test_documents_it_does_not_model_go_to_feedparser(data: bytes) -> None:
    assert read_feed(data, BASE, "application/rss+xml") is None


def test_a_charset_header_that_contradicts_the_document_goes_to_feedparser() -> None:
    latin = ACCEPTED["Latin-1 declared and sent"]
    assert read_feed(latin, BASE, "text/xml; charset=iso-8859-1") is not None
    assert read_feed(latin, BASE, "text/xml; charset=utf-8") is None
    assert read_feed(RSS, BASE, "text/xml; charset=iso-8859-1") is None
    # text/* without a charset is ASCII to feedparser: other encodings are left to it.
    assert read_feed(WINDOWS_1251, BASE, "text/xml") is None
    assert read_feed(WINDOWS_1251, BASE, "text/xml; charset=windows-1251") is not None
    assert parse_feed(WINDOWS_1251, BASE, "f").entries[0].title == "Привет"


def test_whitespace_before_the_xml_declaration_is_not_a_problem() -> None:
    parsed = parse_feed(b"\n  " + RSS, BASE, "f")
    assert parsed.problem is None
    assert parsed.entries == parse_feed(RSS, BASE, "f").entries and parsed.entries


def test_resolved_fields() -> None:
    entries = parse_feed(ACCEPTED["xml:base on the channel and the item"], BASE, "f").entries
    assert entries[0].link == "https://other.example/deeper/story"
    first, = parse_feed(ACCEPTED["guid is the link when there is none"], BASE, "f").entries
    assert first.link == first.entry_id == "https://example.org/story/1"
    item, = parse_feed(ACCEPTED["a guid that is not a permalink is neither resolved nor a link"],
                       BASE, "f").entries
    assert (item.entry_id, item.link) == ("abc-3", None)


@pytest.mark.skipif(not FEEDS.is_dir(), reason=f"feed corpus not present at {FEEDS}")
@pytest.mark.corpus
def test_every_captured_feed_it_reads_gives_feedparsers_entries() -> None:
    files = sorted(p for p in FEEDS.rglob("*") if p.is_file() and p.suffix not in (".tsv", ".md"))
    read = 0
    for path in files:
        data = path.read_bytes()
        if read_feed(data, BASE, "application/xml") is None:
            continue
        read += 1
        fast = parse_feed(data, BASE, "f", "application/xml")
        slow = parse_with_feedparser(data, BASE, "f", "application/xml")
        assert (fast.title, fast.entries) == (slow.title, slow.entries), path.name
    # Most real feeds take the fast path; the corpus also holds parser test cases that do not.
    assert read >= 0.7 * len(files), f"{read} of {len(files)} read by lxml"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from([RSS, ACCEPTED["content:encoded longer than the description"],
                             ACCEPTED["wrappers: an og block, a shop's variant, an author's "
                                      "job title"],
                             ACCEPTED["an item's image: its title counts, its link does not, "
                                      "titles start over"],
                             svg_entry("Short."),
                             ACCEPTED["dates: pubDate over dc:date, broken dates skipped"]]),
       steps=st.lists(mutation, max_size=6))
def test_mutated_documents_either_read_alike_or_go_to_feedparser(seed: bytes, steps) -> None:
    data = mutate(seed, steps)
    if read_feed(data, BASE, "application/rss+xml") is not None:
        same_as_feedparser(data)


@settings(max_examples=500, deadline=None)
@given(scheme=st.sampled_from(["http://", "https://", "HTTP://", "http:", "ftp://", ""]),
       rest=st.text(st.sampled_from("aZ0.-~/%:@&=?#;[]\\ \t\né"), max_size=8),
       base=st.sampled_from(["", "https://example.org/news/", "http://other.example/a/b"]))
@example(scheme="http://", rest="a.b/?", base="")
@example(scheme="https://", rest="a.b/x#", base="http://other.example/")
def test_the_plain_address_shortcut_gives_what_urljoin_gives(scheme: str, rest: str,
                                                              base: str) -> None:
    uri = scheme + rest
    try:
        slow = urllib.parse.urljoin(base, _URI_FIXER.sub(r"\1\3", uri))
    except ValueError:
        slow = ""
    assert _urljoin(base, uri) == slow


def test_partial_documents_take_the_fast_path_too() -> None:
    first = parse_feed_changes(RSS, BASE, "f")
    newer = RSS.replace(b"<item>", b"<item><title>New one</title><link>/n</link></item><item>", 1)
    changed = parse_feed_changes(newer, BASE, "f", known=first.item_digests)
    assert [e.title for e in changed.entries] == ["New one"]
    assert changed.entries[0].link == "https://example.org/n"


markup = st.lists(st.one_of(
    st.sampled_from(["<p>", "</p>", "<br/>", "<b>", "</b>", "<a href='x>y'>", "<a href=x>",
                     '<img alt="a" src=b.png />', "<!-- note -->", "&amp;", "&", "&lt;",
                     "&nbsp;", "<", ">", "'", '"', "\n", " ", "<div class=\"c\">", "</div>",
                     "<script>x<y</script>", "<o:p>", "</ p>", "<![CDATA[x]]>", "<!x>",
                     "<iframe src='v'>", "</iframe>", "<IFRAME/>", "<iframe src=x/>",
                     "<svg viewBox='0 0 1 1'>", "</svg>", "<noscript>", "</noscript>",
                     "<style>", "</style>"]),
    st.text(max_size=8)), max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=markup)
def test_the_one_scan_reading_of_html_agrees_with_html_parser(text: str) -> None:
    simple = _simple_text(text)
    if simple is not None:
        assert _paragraphs(simple) == _paragraphs(_parsed_text(text))
    assert isinstance(html_to_text(text), str)


def test_common_markup_takes_the_one_scan_reading() -> None:
    text = '<p>One &amp; <a href="/x?a=1&b=2" title=\'t\'>two</a>.</p><br/><p>Three</p>'
    assert _simple_text(text) is not None
    assert html_to_text(text) == "One & two.\n\nThree"
    assert _simple_text("<p>x</p><script>if (a < b) {}</script>") is None
    video = '<p>Watch:</p><iframe src="https://v.example/1"><p>No frames</p></iframe> Done.'
    assert _simple_text(video) is not None
    assert html_to_text(video) == "Watch:\n\nDone."



def test_only_the_first_items_up_to_the_cap_are_read() -> None:
    items = "".join(f"<item><title>T{i}</title><link>/{i}</link></item>" for i in range(30))
    data = rss_items(items)
    capped = parse_feed(data, BASE, "f", max_entries=7)
    assert [e.title for e in capped.entries] == [f"T{i}" for i in range(7)]
    assert capped.entries == parse_with_feedparser(data, BASE, "f", max_entries=7).entries


CAPTIONED = ('<item><title>Recovery yields gains for pay</title><link>/jobs</link>'
             '<media:content url="https://img.example/jobs.jpg" medium="image"/>'
             '<media:description>A job fair in Brighton, Colo., on Dec. 14. For all his criticism '
             'of the economy during the campaign, the president-elect inherits a solid one.'
             '</media:description>'
             '<description>Average hourly earnings rose by 2.9 percent last year.</description>'
             '</item>'
             '<item><title>Carbon capture</title><link>/video</link><media:group>'
             '<media:description>Carbon capture and storage is one such idea.</media:description>'
             '</media:group></item>')


@pytest.mark.parametrize("broken", [False, True])
def test_an_items_own_description_is_its_text_and_not_its_pictures_caption(broken: bool) -> None:
    data = rss_items(CAPTIONED + ("<item><title>Fish & chips</title></item>" if broken else ""))
    parsed = parse_feed(data, BASE, "f")
    assert (parsed.problem is not None) == broken  # a broken document goes to feedparser
    texts = [e.text for e in parsed.entries[:2]]
    assert texts == ["Average hourly earnings rose by 2.9 percent last year.",
                     "Carbon capture and storage is one such idea."]  # a video's only text
    if not broken:
        same_as_feedparser(data)
