"""The news sentence splitter: abbreviations, initials, acronyms, quotes and stemmed text."""

from __future__ import annotations

import pytest

from bot.extract.sentences import split_sentences


def texts(text: str, form: str = "raw") -> list[str]:
    return [s.text for s in split_sentences(text, form)]  # type: ignore[arg-type]


@pytest.mark.parametrize("text", [
    "Mr. Smith met Dr. Jones in the capital. They talked.",
    "The talks began on Jan. 5 in Geneva. They ended a week later.",
    "The prosecutor, Karim A. A. Khan, spoke first. The judges listened.",
    "The U.S. President spoke. The crowd cheered.",
    "Gen. Lt. Col. Ray Smith arrived at St. Paul's. He left.",
    "After District of Columbia v. Heller, in 2008, the law changed. Few noticed.",
    "Chelsea vs. Arsenal ended level on Sunday. Both sides were booed.",
])
def test_abbreviations_and_initials_do_not_end_sentences(text: str) -> None:
    assert len(texts(text)) == 2


def test_an_acronym_ends_a_sentence_when_a_sentence_starts_after_it() -> None:
    assert texts("Talks were held in the U.S. The deal failed.") == [
        "Talks were held in the U.S.", "The deal failed."]


def test_a_short_quote_of_two_sentences_stays_with_its_attribution() -> None:
    assert texts('"We will go. We will win," he said. Then he left.') == [
        '"We will go. We will win," he said.', "Then he left."]


def test_a_sentence_ending_inside_a_quote_keeps_its_closing_mark() -> None:
    assert texts('He said: "It is over." The crowd left.') == [
        'He said: "It is over."', "The crowd left."]


def test_paragraphs_always_end_sentences_and_offsets_point_into_the_text() -> None:
    text = "First paragraph without a stop\n\nSecond one. Third."
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == ["First paragraph without a stop", "Second one.",
                                          "Third."]
    assert [s.paragraph for s in sentences] == [0, 1, 1]
    assert all(text[s.start:s.end] == s.text for s in sentences)


def test_stemmed_text_splits_on_spaced_stops_and_keeps_a_closing_quote_token() -> None:
    text = ("mr khan said . `` no foot soldier can act with impun . ” in a statement , "
            "mr gallant insist . it wa 1 . 5 time more")
    assert texts(text, "stemmed") == [
        "mr khan said .", "`` no foot soldier can act with impun . ”",
        "in a statement , mr gallant insist .", "it wa 1 . 5 time more"]


def test_a_stop_glued_to_the_next_sentence_still_ends_one() -> None:
    assert texts("Xi received Modi in Wuhan last year in April.Previously, Modi hosted Xi.") == [
        "Xi received Modi in Wuhan last year in April.", "Previously, Modi hosted Xi."]
    assert len(texts("He met Dr.Smith in the city.Then he left.")) == 2
    assert texts("Police held a man on Saturday.A team of officials found the staff of "
                 "the institute (RIMS).The police said so.") == [
        "Police held a man on Saturday.", "A team of officials found the staff of the institute "
        "(RIMS).", "The police said so."]
    assert len(texts("Add using Newtonsoft.Json.Linq; then call client.GetStringAsync(url).")) == 1


def test_a_stop_glued_after_a_number_or_a_quote_still_ends_a_sentence() -> None:
    assert texts("The sentence will be given on June 17.As many as 69 people died.") == [
        "The sentence will be given on June 17.", "As many as 69 people died."]
    assert texts("Change will not come by changing “meat” or “videos”.Mr. Kumar said so.") == [
        "Change will not come by changing “meat” or “videos”.", "Mr. Kumar said so."]
    assert texts("He spoke here on Monday.Mr. Kanniah spoke later.") == [
        "He spoke here on Monday.", "Mr. Kanniah spoke later."]
    assert len(texts("The scores were level at 2.After the break they scored again.")) == 2
    assert len(texts("It rose by 3.5 per cent.")) == 1


def test_rupees_abbreviated_end_no_sentence() -> None:
    assert texts("The lorry was transporting Rs. 45 lakh worth of goods. Seven were held.") == [
        "The lorry was transporting Rs. 45 lakh worth of goods.", "Seven were held."]


def test_a_colon_left_by_a_missing_dateline_starts_no_sentence() -> None:
    assert texts(": BJP councillor Shobha Vijender on Monday hit out at the MLA.") == [
        "BJP councillor Shobha Vijender on Monday hit out at the MLA."]
