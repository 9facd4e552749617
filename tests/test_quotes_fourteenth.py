"""Speakers read in the fourteenth round, from the part scored unseen last (fresh16) and a desk
reading: the field of a post after it ("IBM senior vice president, Technology and Intellectual
Property"), a post of several words after a name with no comma, a clause opened by "when" that
is not the one the quote sits in, scare quotes that end no one's turn, and the writer's
question before an interviewee's answer."""

from __future__ import annotations

import pytest

from tests.conftest import quotes


@pytest.mark.parametrize("post", [
    "IBM senior vice president, Technology and Intellectual Property",
    "chief executive, Europe and Asia",
])
def test_the_field_of_a_post_is_no_speaker(post: str) -> None:
    text = (f"In a statement, Dr John E. Kelly, {post}, said: \"True innovation is about more "
            "than just the numbers of patents.\"")
    assert quotes(text) == [("True innovation is about more than just the numbers of patents.",
                             "John E. Kelly")]


def test_a_post_of_several_words_after_the_name_with_no_comma() -> None:
    text = ("\"In the next generation HD support is mandatory,\" Dr Mark Tuffy games systems "
            "director at digital content firm THX told the BBC News website.")
    assert quotes(text) == [("In the next generation HD support is mandatory", "Mark Tuffy")]


@pytest.mark.parametrize("opener", ["When Carson died", "After Carson died"])
def test_a_when_clause_before_the_subject_does_not_speak(opener: str) -> None:
    text = ("Johnny Carson hosted The Tonight Show for 30 years. "
            f"{opener}, President Bush led the public tributes, saying the presenter \"had a "
            "profound influence on American life and entertainment\".")
    assert quotes(text) == [("had a profound influence on American life and entertainment",
                             "Bush")]


def test_a_word_in_scare_quotes_ends_no_ones_turn() -> None:
    text = ("Hazel Blears said innocent Muslims would be targeted. Her comments have been "
            "described as \"irresponsible\" and \"outrageous\" by the Islamic Human Rights "
            "Commission.\n\n\"The threat is most likely to come from those people associated "
            "with an extreme form of Islam,\" the Salford MP told the committee.")
    assert quotes(text)[-1] == ("The threat is most likely to come from those people "
                                "associated with an extreme form of Islam", "Hazel Blears")


def test_a_pronoun_after_scare_quotes_is_the_last_speaker() -> None:
    text = ("Steve Gallagher, US chief economist at SG Corporate & Investment Banking, said "
            "January's figures were \"decent numbers\".\n\n\"We are not seeing the numbers that "
            "we saw in the second half of 2004,\" he added.")
    assert quotes(text)[-1] == ("We are not seeing the numbers that we saw in the second half "
                                "of 2004", "Steve Gallagher")


def test_a_quote_answering_the_writers_question_is_not_the_questions_subjects() -> None:
    text = ("Dick Morris is a winner.\n\nSo is UKIP's job to destroy the Tories, as former "
            "member Robert Kilroy-Silk once notoriously declared? \"No. The aim of UKIP is to "
            "withdraw from the EU.\"")
    assert quotes(text) == [("No. The aim of UKIP is to withdraw from the EU.", None)]
    text = ("Robert Kilroy-Silk said the party would fight every seat. \"The aim of UKIP is to "
            "withdraw from the EU.\"")
    assert quotes(text)[0][1] == "Robert Kilroy-Silk"


def test_where_a_person_is_from_is_no_part_of_their_name() -> None:
    text = ("By any measure, New Yorker Dick Morris is a winner.\n\nSo why Britain? On this "
            "subject, Morris appears almost evangelical.\n\n\"I was on a cruise in the "
            "Mediterranean when I met the party's leader.\"")
    assert quotes(text) == [("I was on a cruise in the Mediterranean when I met the party's "
                             "leader.", "Dick Morris")]


def test_an_organizations_team_speaks_for_it_and_a_persons_for_no_one_named() -> None:
    text = ("Once Google started blocking the searches, infections fell.\n\n\"We will be "
            "reviewing our procedures to improve our response,\" the Google team said.")
    assert quotes(text)[-1][1] == "Google"
    text = ("John Smith was convicted on Monday.\n\n\"We will appeal against this verdict,\" "
            "Smith's legal team said.")
    assert quotes(text)[-1] == ("We will appeal against this verdict", None)


def test_an_age_before_a_nationality_is_the_one_just_named() -> None:
    text = ("Stefan Koubek says he has been banned for three months. Koubek believes an "
            "injection is to blame. \"I have acted correctly,\" the 27-year-old Austrian said.")
    assert quotes(text) == [("I have acted correctly", "Stefan Koubek")]


def test_a_capitalized_post_of_an_organization_after_a_name() -> None:
    text = ("Greg Rusedski said the supplements were late.\n\nDavid Higdon, Vice President of "
            "the ATP, admitted: \"I agree with Greg about the supplements.\"")
    assert quotes(text)[-1] == ("I agree with Greg about the supplements.", "David Higdon")


def test_a_name_after_but_is_the_speaker_of_its_clause() -> None:
    text = ("Ashley Cole has refused to blame Robin van Persie.\n\nThierry Henry is ruled out "
            "with an injury but Cole said: \"No-one is putting the blame on Robin.\"")
    assert quotes(text)[-1] == ("No-one is putting the blame on Robin.", "Ashley Cole")


def test_a_post_closing_a_clause_of_its_own_is_its_subject() -> None:
    text = ("Chancellor Gordon Brown and Tony Blair met.\n\nOn Wednesday Mr Blair denied it, and "
            "before he left for Africa on Tuesday the chancellor told reporters: \"Of course I "
            "trust the prime minister.\"")
    assert quotes(text)[-1] == ("Of course I trust the prime minister.", "Gordon Brown")


def test_a_later_piece_of_a_relative_clause_is_not_the_speaker() -> None:
    text = ("Mr Wilson, who was also involved with New Order, as well as the Happy Mondays, "
            "said he would \"rather not\" appear in the film. \"I'm not an actor and I did a "
            "lousy job playing my part,\" said the Factory Records founder.")
    assert quotes(text)[-1] == ("I'm not an actor and I did a lousy job playing my part",
                                "Wilson")


def test_a_name_after_its_descriptor_before_an_apposition_is_the_subject() -> None:
    text = ("Welsh legend Mervyn Davies, a member of two Grand Slam-winning sides of the 1970s, "
            "hailed it as \"one of the great performances of the past three decades\".")
    assert quotes(text) == [("one of the great performances of the past three decades",
                             "Mervyn Davies")]
