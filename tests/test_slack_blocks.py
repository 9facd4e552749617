"""Block Kit rendering: escaping of feed text and Slack's size limits, for any input."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.slack_blocks import (
    MAX_BLOCKS,
    MAX_HEADER,
    MAX_SECTION,
    alert_message,
    clip_escaped,
    digest_message,
    escape,
    followup_message,
    link,
    text_message,
)
from bot.models import Alert, EntityMatch, Extraction, Figure, Quote, TopicMatch

# Slack's special syntax: <...> spans. Only links and dates written by the renderer may appear.
SPAN = re.compile(r"<([^>]*)>")
OURS = re.compile(r"^((?i:https?)://[^|\s<>]+\|[^<>]*|!date\^\d+\^\{date_short_pretty\} \{time\}\|"
                  r"[\d: -]+UTC)$")
ENTITY_CUT = re.compile(r"&(a|am|amp|l|lt|g|gt)?…$")

SPECIAL = st.sampled_from(list("<>&|!@#*_~`^ \n\tabcXYZ:/.-é😀"))
feed_text = st.text(alphabet=SPECIAL | st.characters(), max_size=400)


@st.composite
def alerts(draw: st.DrawFn, items: int = 30) -> Alert:
    names = st.lists(feed_text, min_size=1, max_size=4)
    matches = tuple(EntityMatch(kind, name, draw(st.integers(1, 5)), (name,))
                    for kind in ("person", "organization", "event") for name in draw(names))
    return Alert(
        feed_id="f", entry_id="e", source=draw(feed_text), title=draw(feed_text),
        url=draw(st.one_of(st.none(), feed_text, feed_text.map(lambda t: "https://x.org/" + t))),
        published=draw(st.one_of(st.none(), st.datetimes(
            datetime(2000, 1, 1), datetime(2100, 1, 1), timezones=st.just(UTC)))),
        text_form=draw(st.sampled_from(["raw", "stemmed"])),
        topics=(TopicMatch(draw(feed_text), matches),),
        extraction=Extraction(
            summary=tuple(draw(st.lists(feed_text, max_size=items))),
            figures=tuple(Figure(t, 1) for t in draw(st.lists(feed_text, max_size=items))),
            quotes=tuple(Quote(t, s) for t, s in draw(st.lists(
                st.tuples(feed_text, st.one_of(st.none(), feed_text)), max_size=2 * items))),
        ),
    )


def texts(message: dict) -> list[str]:
    found = [message["text"]]
    for block in message["blocks"]:
        if "text" in block:
            found.append(block["text"]["text"])
        found += [e["text"] for e in block.get("elements", [])]
    return found


def check(message: dict) -> None:
    assert 0 < len(message["blocks"]) <= MAX_BLOCKS
    for block in message["blocks"]:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= MAX_SECTION
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= MAX_HEADER
        for element in block.get("elements", []):
            assert len(element["text"]) <= MAX_SECTION
    for text in texts(message):
        for span in SPAN.findall(text):
            assert OURS.match(span), f"feed text made a Slack span: <{span}>"
        assert not ENTITY_CUT.search(text)
    for block in message["blocks"]:
        text = block.get("text", {}).get("text", "")
        if text.startswith(">“"):  # a quote stays one quoted paragraph and its speaker
            assert all(line.startswith(">") for line in text.split("\n"))
            assert text.count("\n") == 1


@settings(max_examples=60, deadline=None)
@given(alerts())
def test_alert_is_inert_and_within_limits(alert: Alert) -> None:
    message = alert_message(alert)
    check(message)
    assert "\n" not in message["blocks"][0]["text"]["text"]  # the headline is one line
    check(followup_message(alert, [alert]))
    check(text_message("Preview <!here>", alert))


@settings(max_examples=10, deadline=None)
@given(st.lists(alerts(items=0), min_size=1, max_size=55))
def test_digest_is_inert_and_within_limits(many: list[Alert]) -> None:
    message = digest_message(many)
    check(message)
    assert message["blocks"][0]["text"]["text"] == f"{len(many)} new alert" + \
        ("s" if len(many) != 1 else "")


@given(feed_text, st.integers(2, 500))
def test_clip_escaped_keeps_the_limit_and_whole_escapes(text: str, limit: int) -> None:
    clipped = clip_escaped(text, limit)
    assert len(clipped) <= limit
    assert "<" not in clipped and ">" not in clipped
    if len(escape(text)) <= limit:
        assert clipped == escape(text)
    else:
        assert clipped.endswith("…") and escape(text).startswith(clipped[:-1])
        assert not ENTITY_CUT.search(clipped)


def test_escape_neutralizes_mentions() -> None:
    assert escape("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"


def test_link_accepts_only_web_urls_and_cannot_be_broken_out_of() -> None:
    assert link("https://a.org/x?a=1&b=2", "T") == "<https://a.org/x?a=1&amp;b=2|T>"
    assert link("https://a.org/x|<!channel>", "T") == "<https://a.org/x%7C%3C!channel%3E|T>"
    assert link("javascript:alert(1)", "<b>") == "&lt;b&gt;"
    assert link("HTTP:", "no host") == "no host"
    assert link("https://a.org/a page", "T") == "<https://a.org/a%20page|T>"
    assert link("https://a.org/\ud800x", "T") == "T"  # not a character: no link
    assert link("https://a.org/\x1b[2Jx", "T") == "T"
    assert link(None, "plain") == "plain"


def test_stemmed_summary_is_flagged_and_figures_are_a_list() -> None:
    alert = Alert("f", "e", "Src", "T", None, None, "stemmed",
                  (TopicMatch("t", (EntityMatch("event", "war crimes", 1, ("war crime",)),)),),
                  Extraction(("isra forc attack",), (Figure("35 , 640 peopl", 35640),), ()))
    message = alert_message(alert)
    assert message["blocks"][0]["text"]["text"] == "*T*"
    assert ":scales: *Events:* war crimes\n*Why:* war crimes: in the body" in texts(message)
    assert "isra forc attack\n_The source text is stemmed._" in texts(message)
    assert ":bar_chart: *Key figures*\n• 35 , 640 peopl" in texts(message)


def test_followup_of_a_stemmed_article_says_so() -> None:
    alert = Alert("f", "e", "Archive", "gallant reject icc", "https://a.org/2", None, "stemmed",
                  (), Extraction())
    message = followup_message(alert)
    assert message["blocks"][0]["text"]["text"] == \
        ":heavy_plus_sign: Also reported by *Archive*: <https://a.org/2|gallant reject icc> (a.org)"
    assert message["blocks"][1] == {"type": "context", "elements": [
        {"type": "mrkdwn", "text": "stemmed source text", "verbatim": True}]}
    assert message["text"] == "Also reported by Archive: <https://a.org/2|gallant reject icc>"


def test_a_summary_sentence_without_a_stop_gets_one_before_the_next() -> None:
    alert = Alert("f", "e", "Src", "T", None, None, "raw", (),
                  Extraction(("Standfirst with no stop", "The news sentence."), (), ()))
    assert "Standfirst with no stop. The news sentence." in texts(alert_message(alert))
