"""Property tests over mutated feed bytes: the entry normalizer and the matcher never raise, and
what they return keeps its promises."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.matching.matcher import compile_topics
from bot.models import Article, Entity, Topic
from watchers.parse import parse_feed, parse_feed_changes

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Wire &amp; Co</title><link>https://example.org/</link>
<item><title>ICC issues arrest warrant for Netanyahu</title><link>/news/1</link>
<guid isPermaLink="false">urn:1</guid><pubDate>Thu, 21 Nov 2024 15:20:00 GMT</pubDate>
<description>&lt;p&gt;The International Criminal Court said &lt;b&gt;today&lt;/b&gt;.&lt;/p&gt;
</description></item>
<item><title><![CDATA[Floods <i>in</i> Italy]]></title><link>https://example.org/2</link>
<description>3,000 people left their homes.</description></item>
</channel></rss>"""

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://example.org/atom/">
<title type="html">Atom &lt;wire&gt;</title>
<entry><id>tag:example.org,2024:1</id><title>Hamas and the ICC</title>
<updated>2024-11-21T15:20:00Z</updated><link rel="alternate" href="1"/>
<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Karim Khan spoke.</p></div>
</content></entry></feed>"""

RDF = b"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"
 xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel rdf:about="https://example.org/"><title>RDF wire</title></channel>
<item rdf:about="https://example.org/r1"><title>War crimes trial opens</title>
<link>https://example.org/r1</link><dc:date>2024-11-21</dc:date>
<description>Prosecutors in The Hague opened the case.</description></item>
</rdf:RDF>"""

TRICKY = [b"<", b">", b"&", b"&amp;", b"&#0;", b"&#xD800;", b"&#55296;", b"&#x110000;",
          b"&#99999999999;", b"&nbsp;", b"]]>", b"<![CDATA[",
          b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\xe9", b"<item>", b"</item>", b"</channel>",
          b"<entry>", b"<title>", b"<guid></guid>", b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"&a;",
          b"<script>alert(1)</script>", b"\r\n", b" Netanyahu ", b"International Criminal Court"]

TOPICS = (
    Topic("icc", "ICC", people=(Entity("person", "Benjamin Netanyahu"),
                                Entity("person", "Karim Khan", ("Karim A. A. Khan",), False)),
          organizations=(Entity("organization", "International Criminal Court", ("ICC",)),
                         Entity("organization", "Hamas")),
          events=(Entity("event", "arrest warrant"), Entity("event", "war crimes"))),
    Topic("strict", "Strict", organizations=(Entity("organization", "Hamas"),),
          events=(Entity("event", "war crimes"),), exclude=("cricket",), require_event=True),
)
TOPIC_IDS = {t.id for t in TOPICS}
MATCHER = compile_topics(TOPICS)

mutation = st.tuples(
    st.sampled_from(["insert", "delete", "replace", "duplicate"]),
    st.floats(0, 1), st.integers(1, 40),
    st.one_of(st.sampled_from(TRICKY), st.binary(min_size=1, max_size=12)),
)


def mutate(data: bytes, steps: list[tuple[str, float, int, bytes]]) -> bytes:
    for op, where, size, payload in steps:
        at = int(where * len(data))
        if op == "insert":
            data = data[:at] + payload + data[at:]
        elif op == "delete":
            data = data[:at] + data[at + size:]
        elif op == "replace":
            data = data[:at] + payload + data[at + len(payload):]
        else:
            data = data[:at] + data[at:at + size] * 2 + data[at + size:]
    return data


def check_matches(article: Article) -> None:
    for topic in MATCHER.match(article):
        assert topic.topic in TOPIC_IDS and topic.matches
        for match in topic.matches:
            assert match.count >= 1 and match.evidence


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from([RSS, ATOM, RDF]), steps=st.lists(mutation, max_size=6),
       content_type=st.sampled_from([None, "application/rss+xml", "text/html; charset=koi8-r"]))
def test_mutated_feeds_parse_and_match(seed: bytes, steps, content_type) -> None:
    data = mutate(seed, steps)
    parsed = parse_feed(data, "https://example.org/feed", "fuzz", content_type, max_entries=50)
    assert len(parsed.entries) <= 50
    assert parsed.entries or parsed.problem is not None or b"<item" not in data
    for entry in parsed.entries:
        assert entry.feed_id == "fuzz"
        assert entry.entry_id and len(entry.entry_id) <= 1000
        assert entry.title or entry.text or entry.link
        assert isinstance(entry.title, str) and isinstance(entry.text, str)
        check_matches(Article(entry.title, entry.text, entry.link))
    # The same bytes give the same entries: ids are stable across polls.
    again = parse_feed(data, "https://example.org/feed", "fuzz", content_type, max_entries=50)
    assert [e.entry_id for e in again.entries] == [e.entry_id for e in parsed.entries]


words = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)


@settings(max_examples=150, deadline=None)
@given(before=words, after=words, title=words)
def test_a_watched_name_between_spaces_always_matches(before: str, after: str, title: str) -> None:
    text = f"{before} International Criminal Court {after}"
    matched = MATCHER.match(Article(title, text))
    check_matches(Article(title, text))
    assert "icc" in {t.topic for t in matched}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from([RSS, ATOM, RDF]), steps=st.lists(mutation, max_size=6))
def test_incremental_parse_of_a_mutated_poll_agrees_with_a_full_parse(seed: bytes,
                                                                      steps) -> None:
    """The second poll parses only the items that changed since the first: whatever the change,
    it raises nothing, and on a well-formed document it invents no entry a full parse lacks."""
    first = parse_feed_changes(seed, "https://example.org/feed", "fuzz")
    data = mutate(seed, steps)
    changed = parse_feed_changes(data, "https://example.org/feed", "fuzz",
                                 known=first.item_digests)
    full = parse_feed(data, "https://example.org/feed", "fuzz")
    if full.problem is None:
        assert {e.entry_id for e in changed.entries} <= {e.entry_id for e in full.entries}
    for entry in changed.entries:
        check_matches(Article(entry.title, entry.text, entry.link))
