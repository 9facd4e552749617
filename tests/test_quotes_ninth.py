"""Quotations read in the ninth round: headlines in a list, labels in a chain, a short
phrase joined by "&", a writer's rewording and a quote talked about as the subject of "is" are
no one's words; a text such as a licence is no speaker; a court paper described by several
words, someone's "full quote", "the assessment of X" and a role such as "the legal assistant"
keep or give the speaker."""

from __future__ import annotations

from tests.conftest import quotes


def test_a_headline_with_a_word_in_inner_capitals_is_a_title() -> None:
    text = ("Matthew Panzarino, TechCrunch, “Apple Pays Off Its Future-of-Computing Promise "
            "With iPad Pro”:\n\nAfter playing with the new iPad Pro for a few days, I am "
            "convinced.\n\nBrian X. Chen, The New York Times, “New iPad Pro Inches Toward "
            "Replacing PC, but Falls Short”:\n\nFive years later, the iPad went further.")
    assert quotes(text) == []


def test_labels_in_a_chain_from_one_to_the_next_are_not_speech() -> None:
    text = ("As we better understood the risks, our plan evolved from “use PCRE directly,” to "
            "“use PCRE but sandbox the parser,” to “write a new regular expression parser but "
            "keep the PCRE execution engine,” to “write a new parser and connect it to a "
            "different engine.” Later we rewrote the engine as well.")
    assert quotes(text) == []


def test_a_short_phrase_joined_by_an_ampersand_is_a_set_phrase() -> None:
    text = ("Why, Jimmy, NS stands for NeXTSTEP (but we'll cover that with \"the birds & the "
            "bees\" talk), and it's used to name classes.")
    assert quotes(text) == []


def test_a_licence_is_no_speaker() -> None:
    text = ("In an outage you will be the one debugging it. As the original GNU General Public "
            "License warned, “The entire risk as to the quality and performance of the program "
            "is with you.”")
    assert quotes(text) == [
        ("The entire risk as to the quality and performance of the program is with you.", None)
    ]


def test_a_court_paper_described_by_several_words_speaks() -> None:
    text = ("Austin Aitken is taking action against NBC. The hand-written, four-page lawsuit "
            "said: \"To have the individuals on the show eat and drink dead rats was crazy.\" "
            "He lives in Cleveland.")
    assert [s for _, s in quotes(text)] == ["the lawsuit"]


def test_someones_full_quote_is_theirs() -> None:
    text = ("That is a slanted truncation of Cook’s quote. Cook’s full quote: “Yes, the iPad "
            "Pro is a replacement for a notebook or a desktop for many, many people.” Chen’s "
            "version sounds different.")
    assert [s for _, s in quotes(text)] == ["Cook"]


def test_the_writers_rewording_of_a_question_is_no_quote() -> None:
    text = ("Ideally the language used by Pew would have been more precise. But basically what "
            "they were asking is “Do you think Apple should do whatever the FBI wants them to "
            "do?” For polling purposes, I don’t think it matters.")
    assert quotes(text) == []


def test_a_headline_with_a_word_quoted_inside_is_a_title() -> None:
    text = ("Andrew Cunningham, Ars Technica, “The 10.5-Inch iPad Pro Is Much More “Pro” Than "
            "What It Replaces”:\n\nOf all the computers Apple sells, none has such a screen.")
    assert quotes(text) == []


def test_an_assistant_or_a_plaintiff_as_a_role_is_the_one_just_named() -> None:
    lead = ("Austin Aitken is taking action against NBC over its programme Fear Factor. He said "
            "watching the show caused his blood pressure to rise. ")
    said = " said NBC was \"sending the wrong message to viewers that cash can buy anything\"."
    texts = [lead + "The legal assistant" + said, lead + "The plaintiff" + said]
    assert [[s for _, s in quotes(t)] for t in texts] == [["Austin Aitken"], ["Austin Aitken"]]


def test_a_quote_as_the_subject_of_is_is_talked_about() -> None:
    texts = [
        "“I prefer a laptop to an iPad Pro” is very different from what the review says.",
        "Some advice. \"This too shall pass\" is a mantra that says all things are temporary.",
    ]
    assert [quotes(t) for t in texts] == [[], []]


def test_the_assessment_of_someone_after_a_quote_is_theirs() -> None:
    text = ("Tony Blair has told Labour supporters he's \"back\" and still hungry for the job.\n\n"
            "\"The electorate are keener on the government than some Labour Party members,\" is "
            "the dry assessment of Graham Lane, leader of the Labour group on Newham Council.")
    assert [s for _, s in quotes(text)] == ["Graham Lane"]


def test_a_saying_set_off_by_a_comma_before_is_stays_a_quote() -> None:
    text = ("Fears run deep. \"In 2030, we'll all wake up and find ourselves speaking Chinese,\" "
            "is one common saying here.")
    assert [q for q, _ in quotes(text)] == [
        "In 2030, we'll all wake up and find ourselves speaking Chinese"
    ]
