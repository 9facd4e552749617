"""Speakers read in the tenth round: a day opening a clause before its subject, a first name
given by a relative ("Nogar's son Stephen"), a full name spelled out only as an owner ("Clive
Woodward's"), a scare quote ending the sentence before a quote, a post in lowercase behind an
organization, reported speech by someone else between two quotes, a work's title set off
after the kind of work, a call quoted before who made it, and a speech verb after a quote
going with the subject before it."""

from __future__ import annotations

import pytest

from tests.conftest import quotes


def test_a_day_opening_the_clause_leaves_its_subject_the_one_he_stands_for() -> None:
    text = ("Former chief executive Bernie Ebbers has denied the claims.\n\n"
            "His finance chief Scott Sullivan told jurors he met Mr Ebbers every week. "
            "However during the hearing on Tuesday Mr Ebbers denied the allegations. "
            "\"Nobody ever told me that anything in the books was wrong,\" he told the court.")
    assert quotes(text)[-1] == (
        "Nobody ever told me that anything in the books was wrong", "Bernie Ebbers")


def test_a_first_name_given_by_a_relative_takes_the_relatives_surname() -> None:
    text = ("The tapes were kept by the studio engineer Thorne Nogar.\n\n"
            "\"We have looked after them for many years and people should hear them,\" "
            "Nogar's son Stephen, 57, said. Nogar died in 1994. \"He called them his safety "
            "tapes,\" his son said.")
    assert quotes(text) == [
        ("We have looked after them for many years and people should hear them",
         "Stephen Nogar"),
        ("He called them his safety tapes", "Stephen Nogar"),
    ]


def test_a_full_name_spelled_only_as_an_owner_names_the_surname_alone() -> None:
    text = ("The prop Trevor Brennan could be one of Clive Woodward's surprises.\n\n"
            "Brennan is highly rated at his club, where he plays in the back five. Woodward is "
            "making sure his plans for the tour are as thorough as possible. \"I have spoken to "
            "a lot of players about who they rate,\" he told the paper.")
    assert quotes(text) == [
        ("I have spoken to a lot of players about who they rate", "Clive Woodward")]


def test_an_age_or_a_nation_before_a_name_is_not_part_of_it() -> None:
    text = ("Fifteen-year-old Donald Young's first tour match was brief.\n\n"
            "Young lost in straight sets to fellow American Robby Ginepri's steady game. "
            "\"It was fun and I had my chances out there,\" Young said.")
    assert quotes(text) == [("It was fun and I had my chances out there", "Donald Young")]


def test_a_scare_quote_ending_the_sentence_before_leaves_its_subject_speaking() -> None:
    text = ("Bill Gates opened the trade show on Thursday.\n\n"
            "\"It is going faster than we expected,\" Mr Gates said. About 120,000 people are "
            "expected to attend the show this week.\n\nHe highlighted the trends "
            "that had driven the need to make sharing content \"seamless\". \"Gaming is "
            "becoming more of a social thing every year.\"")
    assert quotes(text)[-1] == ("Gaming is becoming more of a social thing every year.",
                                "Bill Gates")


def test_a_post_in_lowercase_behind_an_organization_names_the_subject() -> None:
    text = ("Thousands of car jobs may be cut, the company said.\n\n"
            "Transport & General Worker's Union general secretary Tony Woodley repeated his "
            "view on Friday that mergers led to cuts. He said investment was needed. \"This is "
            "a very delicate time for everyone at the plant,\" he said.")
    assert quotes(text) == [
        ("This is a very delicate time for everyone at the plant", "Tony Woodley")]


def test_a_quote_after_someone_elses_reported_speech_is_not_the_last_speakers() -> None:
    text = ("The carmaker's future is in doubt.\n\n"
            "\"Our efforts are targeted at securing new models,\" said union leader Tony "
            "Woodley. SAIC says none of its money will go to the owners, the FT reports. "
            "\"SAIC is extremely concerned that its money is used to invest in the business,\" "
            "the newspaper quotes a source close to the Chinese firm.")
    assert quotes(text)[-1] == (
        "SAIC is extremely concerned that its money is used to invest in the business", None)


def test_a_title_set_off_after_a_kind_of_work_is_no_speaker() -> None:
    text = ("The singer has released 25 albums.\n\n"
            "One of his most controversial songs, Pump Up, contains the lyrics \"burn the men "
            "who have sex with men\".")
    assert quotes(text) == [("burn the men who have sex with men", None)]


def test_a_programme_in_an_opening_phrase_leaves_the_name_after_it_the_subject() -> None:
    text = ("Trevor Phillips wants all-black shortlists.\n\n"
            "\"It would be terribly disappointing to have no minority candidate,\" Mr Phillips "
            "said. Appearing on BBC Radio 4's Today programme, Shahid Malik, who is running for "
            "Dewsbury, acknowledged that shortlists had failed. But he argued: \"There are "
            "things that parties can do and which they are not doing.\"")
    assert quotes(text)[-1] == (
        "There are things that parties can do and which they are not doing.", "Shahid Malik")


def test_a_call_quoted_before_who_made_it_is_theirs() -> None:
    text = ("New Home Secretary Charles Clarke has vowed to press on with ID cards despite a "
            "call for him to \"pause and think again\" from Charles Kennedy.")
    assert quotes(text) == [("pause and think again", "Charles Kennedy")]


def test_a_speech_verb_after_a_quote_goes_with_the_subject_before_it() -> None:
    text = ("Home Secretary Charles Clarke backed the plans, despite criticism from Liberal "
            "Democrat leader Charles Kennedy.\n\n"
            "\"ID cards are a means to a more secure society,\" Mr Clarke said. Earlier Mr "
            "Kennedy, whose party opposes the plan as \"deeply flawed\" said with Christmas "
            "coming up the new home secretary had time to think again. He told the Today "
            "programme that Mr Clarke had been reported to be less keen. \"Why do we need this "
            "legislation in the first place?\" he asked.")
    assert quotes(text)[-1] == ("Why do we need this legislation in the first place?",
                                "Charles Kennedy")


def test_a_quote_after_the_view_someone_outlined_is_theirs() -> None:
    text = ("The chancellor set out his plans.\n\n"
            "Writing in a newspaper, Mr Gordon Brown outlined his view of where the party "
            "should go. \"Our ambition is not simply tackling idleness but full employment.\"")
    assert quotes(text) == [
        ("Our ambition is not simply tackling idleness but full employment.", "Gordon Brown")]


def test_an_abbreviated_post_is_no_part_of_the_name() -> None:
    text = ("Hulu has a new look.\n\n\"You would never have to worry about it,\" said Hulu SVP "
            "Ben Smith.")
    assert quotes(text) == [("You would never have to worry about it", "Ben Smith")]


def test_a_stray_said_after_a_colon_leaves_the_attribution_before_it() -> None:
    text = ("Schools Minister Stephen Twigg said engaging young people was \"essential\".\n\n"
            "He added: said \"Young people who are engaged are essential to our democracy.\"")
    assert quotes(text)[-1] == ("Young people who are engaged are essential to our democracy.",
                                "Stephen Twigg")


def test_two_people_speaking_together_are_one_speaker() -> None:
    text = ("The band won two awards.\n\n\"A lot of bands should go through a wee bit of a "
            "kicking,\" singer Gary Lightbody and drummer Jonny Quinn said.")
    assert quotes(text) == [("A lot of bands should go through a wee bit of a kicking",
                             "Gary Lightbody and Jonny Quinn")]


def test_a_word_opening_an_owners_name_is_no_first_name() -> None:
    text = ("Despite Rubio's efforts the bill stalled.\n\n"
            "\"We need to fix the system now,\" Rubio said.")
    assert quotes(text) == [("We need to fix the system now", "Rubio")]


def test_words_relayed_by_reporters_are_the_speakers_before_them() -> None:
    text = ("The deal is in doubt.\n\nAT&T's chief executive, Randall Stephenson, refuted the "
            "claim and said \"throughout this process, I have never offered to sell the "
            "network,\" according to CNN's Brian Stelter and Politico's Michael Calderone.")
    assert quotes(text) == [("throughout this process, I have never offered to sell the network",
                             "Randall Stephenson")]


@pytest.mark.parametrize(("text", "speaker"), [
    ("In January Manchester United signed the striker. He said: \"I am delighted to be here "
     "at last.\"", None),
    ("Last Sunday Chelsea fans booed the manager. He said: \"I understand their frustration "
     "with us.\"", None),
    ("Ministers met on Monday.\n\n\"We will not accept this deal at all,\" aides to David "
     "Cameron and Nick Clegg said.", None),
    ("The Queen's son Andrew said: \"I have never met that woman and I never will.\"",
     "Andrew"),
])
def test_no_speaker_from_a_club_after_a_date_aides_to_two_people_or_a_title(
        text: str, speaker: str | None) -> None:
    assert [s for _, s in quotes(text)] == [speaker]


@pytest.mark.parametrize(("text", "speaker"), [
    ("\"We are long-term investors,\" said Atticus' David Slager.", "David Slager"),
    ("\"She is an icon in the American theatre,\" said Actors' Equity Association.",
     "Actors' Equity Association"),
])
def test_a_plural_owner_before_a_first_name_is_no_part_of_the_name(
        text: str, speaker: str) -> None:
    assert [s for _, s in quotes(text)] == [speaker]
