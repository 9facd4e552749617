"""The summary: the lead, plus the sentences naming what matched, as written."""

from __future__ import annotations

import pytest

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


def test_a_headline_with_a_date_before_the_story_is_no_lead() -> None:
    text = ("Parents prosecuted after treatment Friday, May 1, 2015\n\n"
            "The parents were charged with neglect after refusing treatment for their son. "
            "The court heard the case on Monday morning.")
    assert extract(Article("t", text)).summary == (
        "The parents were charged with neglect after refusing treatment for their son.",
        "The court heard the case on Monday morning.")


def test_a_subheading_and_an_image_credit_are_skipped() -> None:
    text = ("Political activist Noam Chomsky\n\nFormica fusca, from file. Image: M. Krumbholz.\n\n"
            "Noam Chomsky is a professor of linguistics in Boston. He spoke to us at length.")
    assert extract(Article("t", text)).summary[0] == (
        "Noam Chomsky is a professor of linguistics in Boston.")


@pytest.mark.parametrize("dateline", [
    "(AFP) - ", "LONDON, Jan 5 (Reuters) - ", "WASHINGTON -- ", "Thursday, March 15, 2012 ",
])
def test_a_wire_dateline_is_cut_from_the_lead(dateline: str) -> None:
    text = f"{dateline}The Senate passed the bill on Monday night. It goes to the House next."
    assert extract(Article("t", text)).summary[0] == "The Senate passed the bill on Monday night."


def test_a_hyphen_inside_the_first_words_is_no_dateline() -> None:
    text = "US - led forces entered the city today. They met no resistance there at all."
    assert extract(Article("t", text)).summary[0] == "US - led forces entered the city today."


def test_a_one_line_dek_gives_way_to_the_sentence_sharing_hyphenated_words_with_the_headline(
) -> None:
    text = (
        "PizzaExpress is more romantic than it sounds.\n\n"
        "Proving that 5-year-olds are not too young to woo one another, Freddie and Dee Dee "
        "went on a date to a pizza restaurant last week. Their mothers arranged it."
    )
    summary = extract(Article("Five-year-olds go on a date", text)).summary
    assert summary[0].startswith("Proving that 5-year-olds")


def test_a_sentence_that_opens_a_quotation_it_does_not_close_is_left_out() -> None:
    # Alone it reads as nobody's words: the speaker and the rest come in the next sentences.
    text = ("The party expects its best results at the next election, a frontbencher said.\n\n"
            'Mr Davey said: "We are going to win more seats. "I think this is our best chance '
            'under Charles Kennedy. "I could not think of a stronger endorsement."\n\n'
            "Charles Kennedy will tour the country from Monday.")
    summary = extract(Article("t", text), topics("Charles Kennedy")).summary
    assert summary == ("The party expects its best results at the next election, a frontbencher "
                       "said.", "Charles Kennedy will tour the country from Monday.")


def test_a_photo_credit_set_as_a_sentence_is_no_summary() -> None:
    text = ("The ruling comes after months of back-and-forth between the administration and the "
            "trust. (Image credit: Alex Wong)\n\nThe court will hear the case again in June.")
    assert extract(Article("t", text)).summary == (
        "The ruling comes after months of back-and-forth between the administration and the "
        "trust.",
        "The court will hear the case again in June.")


@pytest.mark.parametrize("stop", [". ", " "])
def test_a_credit_closing_a_caption_is_left_out_of_the_summary(stop: str) -> None:
    text = ("President Donald Trump holds a gavel after he signed the bill at the White House, "
            f"Friday, July 4, 2025, in Washington{stop}(AP Photo/Julia Demaree Nikhinson)")
    assert extract(Article("t", text)).summary == (
        "President Donald Trump holds a gavel after he signed the bill at the White House, "
        f"Friday, July 4, 2025, in Washington{stop.strip()}",)
