"""The summary: the lead, plus the sentences naming what matched, as written."""

from __future__ import annotations

from bot.extract import extract
from bot.models import Article, EntityMatch, TopicMatch

TEXT = ("A handout picture released by the press office shows the minister arriving. "
        "(Photo by GPO / AFP)\n\n"
        "The court issued arrest warrants on Thursday for two leaders.\n\n"
        "The hearing lasted two hours. Lawyers left the building.\n\n"
        "Mohammed Deif, the military chief, was also named in the ruling.")


def topics(*evidence: str) -> tuple[TopicMatch, ...]:
    return (TopicMatch("t", tuple(EntityMatch("person", e, 1, (e,)) for e in evidence)),)


def test_the_lead_skips_a_photo_caption_and_adds_the_next_sentence() -> None:
    assert extract(Article("t", TEXT)).summary == (
        "The court issued arrest warrants on Thursday for two leaders.",
        "The hearing lasted two hours.")


def test_a_match_missing_from_the_lead_brings_its_sentence_in_text_order() -> None:
    assert extract(Article("t", TEXT), topics("Deif")).summary == (
        "The court issued arrest warrants on Thursday for two leaders.",
        "Mohammed Deif, the military chief, was also named in the ruling.")


def test_no_more_than_three_sentences() -> None:
    summary = extract(Article("t", TEXT), topics("hearing", "Lawyers", "Deif")).summary
    assert len(summary) == 3
    assert summary[0].startswith("The court issued")


def test_empty_text_gives_an_empty_summary() -> None:
    assert extract(Article("t", "")).summary == ()
