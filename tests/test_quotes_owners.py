"""Words the text gives as someone's suggestion, claim or promise are theirs ("thrown by Mr
MacKenzie's suggestion that drunks should “given a good beating”"), while the quotes after
them stay with the sentence's speaker; a statement speaks for its owner ("Mr Tanzi's statement
said"); and an unusual verb inverted before a description and a
name ("“...?”, implored guitar-toting campaigner Barry Lim") names its speaker."""

from __future__ import annotations

import pytest

from bot.extract.quotes import find_quotes


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotes(text)]


def test_a_suggestion_s_owner_says_its_words() -> None:
    text = (
        "Irfan Hanif made a good impression, even if he was thrown by Mr MacKenzie's "
        "suggestion that young drunks should be \"given a good beating\" and left alone."
    )
    assert speakers(text) == [("given a good beating", "MacKenzie")]


def test_the_quote_after_a_claim_s_words_stays_with_the_speaker() -> None:
    text = (
        "\"The race is open,\" said Charles Kennedy. And he brushed off Labour suggestions a "
        "vote for his party would let the Tories in \"by the back door\". \"If you look at the "
        "last four by-elections, we won them all.\""
    )
    assert [s for _, s in speakers(text)] == ["Charles Kennedy", "Labour", "Charles Kennedy"]


def test_words_said_of_a_claim_or_of_remarks_are_not_their_owner_s() -> None:
    text = (
        "Cruz spokeswoman Catherine Frazier said that Rubio's claim that Cruz backs an amnesty "
        "is \"simply not true at all.\" Hollande denounced Trump's remarks as \"hurtful and "
        "humiliating for all\" at the meeting."
    )
    assert [s for _, s in speakers(text)] == ["Catherine Frazier", "Hollande"]


def test_an_unusual_verb_before_a_description_and_a_name_inverts() -> None:
    text = (
        "The panel met. \"Do you not care about the Inuit?\", implored guitar-toting "
        "environmental campaigner Barry Lim."
    )
    assert speakers(text) == [("Do you not care about the Inuit?", "Barry Lim")]


def test_a_verb_after_a_quote_in_a_relative_or_subordinate_clause_is_not_its_attribution() -> None:
    texts = [
        "Cruz says he is \"effectively tied for second place\" with Senator Marco Rubio, in a "
        "finish that he said defied expectations.",
        "Sims says he was \"kind of riding the fence\" until Haley said she was backing the "
        "senator.",
        "Rubio said that over the last five days he has begun \"to unmask the true nature\" of "
        "Trump, whom he called a fraud.",
    ]
    assert [[q.speaker for q in find_quotes(t)] for t in texts] == [["Cruz"], ["Sims"], ["Rubio"]]


@pytest.mark.parametrize(("text", "speaker"), [
    ('Calisto Tanzi issued a statement through his lawyer. "I apologise to all who have suffered '
     'so much damage," Mr Tanzi\'s statement said.', "Calisto Tanzi"),
    ('Calisto Tanzi issued a statement. "I apologise to all who have suffered so much damage," '
     "his statement said.", "Calisto Tanzi"),
    ('Chelsea sacked Adrian Mutu. Chelsea\'s statement added: "This applies to both '
     'performance-enhancing drugs or recreational drugs."', "Chelsea"),
    ("Things took a turn when the San Bernardino County's official Twitter account stated, "
     '"The County was working cooperatively with the FBI."', "San Bernardino County"),
    ('"We do intend to submit a modified offer to acquire MCI," the letter from Qwest said.',
     "Qwest"),
])
def test_a_statement_s_owner_speaks_through_it(text: str, speaker: str) -> None:
    assert [s for _, s in speakers(text)] == [speaker]


def test_a_lawyer_or_a_spokesman_is_not_the_one_he_speaks_for() -> None:
    text = ('Calisto Tanzi issued a statement. "I apologise to all who have suffered so much '
            'damage," said Mr Tanzi\'s lawyer.')
    assert [s for _, s in speakers(text)] == [None]
    text = 'Mr Blair\'s spokesman said: "We will not comment on that at all."'
    assert [s for _, s in speakers(text)] == [None]


def test_the_ministry_is_the_one_the_text_names_with_that_word() -> None:
    text = ("Bids have been invited, Iraq's Ministry of Communications said. The firms will "
            "install a network.\n\nThe ministry said it wanted to increase Iraq's \"very low "
            "telephone service penetration rate\".")
    assert [s for _, s in speakers(text)] == ["Ministry of Communications"]
    # a sentence opening "The Commission" gives the word, not a name: no one is made up
    text = ("The Commission has met. The commission said \"we will look at this again soon\".")
    assert [s for _, s in speakers(text)] == [None]


def test_it_after_a_person_s_statement_is_that_statement() -> None:
    text = ("Mr Howard appointed Mr Crosby as his elections chief. Mr Crosby's statement said: "
            "\"The party has been making an impact this week.\" It added: \"The Labour Party "
            "will be wanting to distract attention.\"")
    assert [s for _, s in speakers(text)] == ["Crosby", "Crosby"]
    # after a quote no statement led into, "it" is no person
    text = ("Mr Crosby told reporters: \"The party has been making an impact this week.\" It "
            "added: \"The Labour Party will be wanting to distract attention.\"")
    assert [s for _, s in speakers(text)] == ["Crosby", None]
