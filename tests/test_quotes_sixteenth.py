"""Speakers read in the sixteenth round, from the part scored unseen last (fresh20): a quote
followed at once by another is not attributed by the words after that other one."""

from __future__ import annotations

from tests.conftest import quotes


def test_a_quote_followed_at_once_by_another_goes_on_from_the_speaker_before() -> None:
    text = ("\"Investors think inflation won't be a problem yet,\" Cary Leahy, an economist at "
            "Deutsche Bank, said. \"So there is still a lot of slack in the sector,\" \"Overall "
            "I'd say manufacturing continues to improve,\" economist Steven Wieting added.")
    assert [speaker for _, speaker in quotes(text)] == [
        "Cary Leahy", "Cary Leahy", "Steven Wieting"]


def test_a_straight_mark_before_a_number_after_a_sentence_opens_the_next_part() -> None:
    text = ("\"Poor children are paying with their lives. \"2005 offers the chance of a "
            "breakthrough, but leaders must act now,\" the charity's director added. The report "
            "said: \"Aid is an obligation and a matter of justice.\"")
    found = quotes(text)
    assert [q for q, _ in found] == [
        "Poor children are paying with their lives. 2005 offers the chance of a breakthrough, "
        "but leaders must act now",
        "Aid is an obligation and a matter of justice.",
    ]


def test_the_one_who_says_something_in_a_report_is_its_author() -> None:
    text = ("Some 45 million children will die needlessly, Oxfam says in a report. Many have "
            "not yet set a timetable, the report says. The report said: \"Global poverty "
            "threatens our shared prosperity and security.\"")
    assert quotes(text)[-1][1] == "Oxfam"


def test_a_constituency_before_mp_is_no_name() -> None:
    text = ("Tony Lloyd, the Manchester Central MP, whose constituency includes the ground, has "
            "pledged to take the matter \"to Tony Blair if necessary\".")
    assert quotes(text) == [("to Tony Blair if necessary", "Tony Lloyd")]


def test_an_acronym_speaker_goes_by_the_name_the_text_spells_out() -> None:
    text = ("The Qualifications and Curriculum Authority (QCA) has also written to ministers. "
            "The QCA said the \"step-change in participation and attainment\" lay in the whole "
            "diploma.")
    assert quotes(text) == [
        ("step-change in participation and attainment", "Qualifications and Curriculum Authority")
    ]


def test_an_adverb_after_the_pronoun_does_not_hide_it() -> None:
    text = ("Sir Nicholas Scott was deselected in 1996. After his sacking, he bitterly said that "
            "the Eurosceptics in his constituency were \"absolutely determined to get rid of "
            "me\".")
    assert quotes(text) == [("absolutely determined to get rid of me", "Nicholas Scott")]


def test_an_office_named_by_whom_it_serves_is_named_whole() -> None:
    text = ("Explaining the complaint, the US Trade Representative's Office said that it wants "
            "to tackle the issue \"early in the EU's process of dealing with enlargement\".")
    assert quotes(text)[0][1] == "US Trade Representative's Office"
    assert quotes("The Prime Minister's Office said: \"We will answer in the new year.\"") == [
        ("We will answer in the new year.", "Prime Minister's Office")]
