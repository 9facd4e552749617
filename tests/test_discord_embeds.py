"""Discord embeds: content, and Discord's size limits on any input."""

from __future__ import annotations

import dataclasses

import discord
from hypothesis import given, settings
from hypothesis import strategies as st

from adapters.discord_embeds import (
    LIMITS,
    alert_embed,
    digest_embed,
    embed_marker,
    followup_embed,
    topic_colour,
)
from bot.models import Alert, EntityMatch, Extraction, Figure, Quote, TopicMatch
from tests.test_store import alert


def within_limits(embed: discord.Embed) -> None:
    assert len(embed) <= LIMITS["total"]
    assert len(embed.title or "") <= LIMITS["title"]
    assert len(embed.description or "") <= LIMITS["description"]
    assert len(embed.fields) <= LIMITS["fields"]
    for field in embed.fields:
        assert 0 < len(field.name or "") <= LIMITS["field_name"]
        assert 0 < len(field.value or "") <= LIMITS["field_value"]
    assert len(embed.footer.text or "") <= LIMITS["footer"]
    assert len(embed.author.name or "") <= LIMITS["author"]


def huge(n: int = 1, words: int = 3000) -> Alert:
    text = " ".join(["word"] * words)
    matches = tuple(EntityMatch("person", f"Person {i} {text[:300]}", 2, ("x",)) for i in range(40))
    return dataclasses.replace(
        alert(n), title=text, source=text,
        topics=(TopicMatch("icc", matches), TopicMatch("un", matches[:3])),
        extraction=Extraction(
            summary=(text, text),
            figures=tuple(Figure(f"{i} {text[:400]}", i) for i in range(30)),
            quotes=tuple(Quote(text, f"Speaker {i}") for i in range(30))))


def test_alert_embed_says_why_it_matched_and_what_it_found() -> None:
    embed = alert_embed(alert(1), marker="newsalert-1-1")
    assert embed.title == "Title 1 (example.org)" and embed.url == "https://example.org/1"
    assert embed.author.name == "Wire"
    assert embed.timestamp is not None
    assert embed.timestamp.isoformat().startswith("2024-11-21T15:20")
    assert embed.description == "First. Second."
    fields = {f.name: f.value for f in embed.fields}
    assert fields["People"] == "Benjamin Netanyahu (3)"
    assert "• 44,056 people had been killed" in fields["Figures"]
    assert fields["Agnes Callamard"] == "“now officially a wanted man”"
    assert embed.colour == topic_colour("icc")
    assert embed.footer.text == "icc · newsalert-1-1"
    assert embed_marker(embed) == "newsalert-1-1"


def test_topic_colour_is_stable_and_varies() -> None:
    assert topic_colour("icc") == topic_colour("icc")
    topics = ["icc", "un", "echr", "icj", "ecj", "sanctions"]
    assert len({topic_colour(t).value for t in topics}) > 2


def test_stemmed_summary_is_labelled() -> None:
    embed = alert_embed(dataclasses.replace(alert(1), text_form="stemmed"))
    assert embed.description.startswith("*Summary of stemmed source text.*")


def test_feed_markdown_is_escaped() -> None:
    a = dataclasses.replace(alert(1), extraction=Extraction(summary=("**bold** and `code`",)))
    assert alert_embed(a).description == "\\*\\*bold\\*\\* and \\`code\\`"


def test_oversized_alert_is_trimmed_not_rejected() -> None:
    embed = alert_embed(huge(), marker="newsalert-7-9")
    within_limits(embed)
    assert embed.title.endswith("… (example.org)")
    assert embed_marker(embed) == "newsalert-7-9"
    names = [f.name for f in embed.fields]
    assert names[:3] == ["People", "Why", "Figures"]  # why it matched survives; quotes go first
    assert len(embed.description) >= 600


def test_followup_embed_names_the_other_source() -> None:
    embed = followup_embed(dataclasses.replace(alert(2), source="Reuters"), marker="k")
    assert embed.author.name == "Also reported by Reuters"
    assert [f.name for f in embed.fields] == ["Figures", "Agnes Callamard"]
    within_limits(followup_embed(huge(), marker="k"))


def test_digest_lists_every_alert_that_fits() -> None:
    embed = digest_embed([alert(i) for i in range(3)], marker="newsalert-3-4")
    assert embed.title == "3 new alerts"
    lines = embed.description.splitlines()
    assert lines[0] == "• Title 0 [example.org](https://example.org/0) — Wire · icc"
    assert len(lines) == 3 and embed_marker(embed) == "newsalert-3-4"

    many = digest_embed([huge(i, words=30) for i in range(200)])
    within_limits(many)
    assert many.description.splitlines()[-1].startswith("…and ")


@settings(max_examples=60, deadline=None)
@given(title=st.text(max_size=400), summary=st.lists(st.text(max_size=3000), max_size=3),
       figures=st.lists(st.text(min_size=1, max_size=600), max_size=12),
       quotes=st.lists(st.tuples(st.text(max_size=1500), st.none() | st.text(max_size=300)),
                       max_size=8))
def test_any_alert_fits_discord_limits(title: str, summary: list[str], figures: list[str],
                                       quotes: list[tuple[str, str | None]]) -> None:
    a = dataclasses.replace(alert(1), title=title, extraction=Extraction(
        summary=tuple(summary), figures=tuple(Figure(f, 1) for f in figures),
        quotes=tuple(Quote(t, s) for t, s in quotes)))
    within_limits(alert_embed(a, marker="newsalert-1-1"))
    within_limits(followup_embed(a, marker="newsalert-1-1"))


def test_a_summary_sentence_without_a_stop_gets_one_before_the_next() -> None:
    a = dataclasses.replace(alert(1), extraction=Extraction(
        summary=("Standfirst with no stop", "The news sentence.")))
    assert alert_embed(a).description == "Standfirst with no stop. The news sentence."
