"""Speakers read in the twelfth round, from the part labelled before it (fresh13) and a desk
reading: letters after a name, a "with" phrase naming who speaks, what "it" stands for after a
one-word or a company's name, a statement of an agency, "forecast", someone brought in without a
name, a line ending in a colon with no speech verb, and from PolNeAR's train split: a line
presenting someone ("Here is Clinton:"), an adverb in a "with" phrase, and a title that is a
surname the article spells out ("Billie Jean King"); and from fresh14: a nickname set off after
the name, a name before its post, a pronoun after a relative inside the clause, a spokeswoman of
a department, a name in capitals."""

from __future__ import annotations

from bot.extract.quotes import find_quotes
from tests.conftest import quotes


def test_letters_after_a_name_are_no_part_of_it() -> None:
    text = ("Chairman of the Environmental Audit Committee Peter Ainsworth MP, said: \"The "
            "housing policy is an alarming example of disjointed thinking.\"")
    assert quotes(text) == [("The housing policy is an alarming example of disjointed "
                             "thinking.", "Peter Ainsworth")]


def test_a_with_phrase_names_who_speaks() -> None:
    text = ("Berlin welcomed the decision. However Paris was more subdued, with finance "
            "minister Herve Gaymard telling parliament: \"We must continue along this path of "
            "saving money.\"")
    assert quotes(text) == [("We must continue along this path of saving money.",
                             "Herve Gaymard")]


def test_it_after_a_one_word_name_that_is_no_persons() -> None:
    text = ("Multiplex will have to win legal claims against subcontractors. These claims could "
            "take two years to resolve. \"Multiplex believes its claims are sound and will "
            "exceed the level needed,\" it said.")
    assert quotes(text) == [("Multiplex believes its claims are sound and will exceed the level "
                             "needed", "Multiplex")]


def test_it_after_a_companys_name() -> None:
    text = ("Shares in Multiplex Group fell. Multiplex Group will have to win legal claims. "
            "\"We believe our claims are sound and will exceed the level needed,\" it said.")
    assert quotes(text)[-1] == ("We believe our claims are sound and will exceed the level "
                                "needed", "Multiplex Group")


def test_it_is_no_plural_named_since() -> None:
    text = ("A petition was launched by the paper. On Monday, MPs will debate the aid target. "
            "It called on the government to \"provide money only for truly deserving causes\".")
    assert all(speaker != "MPs" for _, speaker in quotes(text))


def test_an_agency_statement_is_the_agencys() -> None:
    text = ("The IAEA estimates the total cost of the project will be $40m. \"Failure to "
            "replace the hardware and software will carry large risks,\" said an agency "
            "statement.")
    assert quotes(text) == [("Failure to replace the hardware and software will carry large "
                             "risks", "IAEA")]


def test_forecast_reports_speech() -> None:
    text = ("Mr Cherkasky forecast profitable growth for the year ahead \"with an operating "
            "margin in the upper-teens\".")
    assert quotes(text) == [("with an operating margin in the upper-teens", "Cherkasky")]


def test_someone_brought_in_without_a_name_is_no_one_named() -> None:
    text = ("\"The Earth goes round the Sun,\" said Professor Stephen Hawking. At the end, a "
            "little old lady at the back got up. \"You are very clever, young man, very "
            "clever,\" said the old lady.")
    assert quotes(text)[-1] == ("You are very clever, young man, very clever", None)


def test_a_line_ending_in_a_colon_gives_a_speaker_only_with_a_speech_verb() -> None:
    text = ("Stephen Hawking begins his book with this story:\n\n"
            "An old lady got up. \"But it's turtles all the way down!\"\n\n"
            "The simplest form is a command like:\n\n"
            "Print this, followed by its quotation:\n\n"
            "\"Print this, followed by its quotation:\"")
    assert all(speaker is None for _, speaker in quotes(text))


def test_a_line_presenting_someone_before_their_words() -> None:
    text = ("Hillary Clinton spoke often of this. Here is Clinton in December 1992: \"Our new "
            "direction must rest on an understanding of the new realities.\"")
    assert quotes(text) == [("Our new direction must rest on an understanding of the new "
                             "realities.", "Hillary Clinton")]


def test_an_adverb_between_the_name_and_the_verb_of_a_with_phrase() -> None:
    text = ("Donald Trump held a rally. Supporters kicked a protester, with Donald Trump "
            "reportedly yelling: \"Get him the hell out of here!\"")
    assert quotes(text) == [("Get him the hell out of here!", "Donald Trump")]


def test_a_title_that_is_the_surname_the_article_spells_out() -> None:
    text = ("Billie Jean King won 12 titles. King says Ali \"talked the talk and walked the "
            "walk.\"")
    assert quotes(text) == [("talked the talk and walked the walk.", "Billie Jean King")]


def test_a_nickname_set_off_after_the_name_is_no_speaker() -> None:
    text = ("Carlos Moya won the final rubber. And Moya, nicknamed Charly, admitted: \"The Davis "
            "Cup is my dream and I was a bit nervous.\"")
    assert quotes(text) == [("The Davis Cup is my dream and I was a bit nervous.",
                             "Carlos Moya")]


def test_a_name_before_its_post_with_no_comma() -> None:
    text = ("\"This area does need more appraisal drilling but it looks very strong,\" Dr Mike "
            "Watts head of exploration said.")
    assert quotes(text)[0][1] == "Mike Watts"


def test_a_pronoun_after_a_relative_in_the_middle_of_the_clause() -> None:
    text = ("Brendan Barber set out the plans. He also called for \"practical measures\" to help "
            "pensioners, especially women who he said \"are most likely to retire in poverty\".")
    assert quotes(text) == [("are most likely to retire in poverty", "Brendan Barber")]


def test_a_spokeswoman_of_a_department_speaks_for_it_not_for_the_one_named() -> None:
    text = ("Amit Yoran left his post at the US Department of Homeland Security. \"He has been a "
            "valuable contributor on cyber security issues,\" said a Department of Homeland "
            "Security spokeswoman.")
    assert quotes(text)[-1] == ("He has been a valuable contributor on cyber security issues",
                                "Department of Homeland Security")


def test_a_name_in_capitals_is_no_quote() -> None:
    text = ("Microsoft said it was working on \"Next Generation Secure Computing Base\" for "
            "the new system.")
    assert quotes(text) == []


def test_a_nationality_as_a_sentences_subject_is_the_person_the_headline_names() -> None:
    text = ("Mark Philippoussis is almost certain to miss the Australian Open.\n\n"
            "\"He has to strengthen it,\" said the team doctor Hamish Osborne. \"The injury is "
            "more common in Australian Rules football.\" The Australian has suffered a host of "
            "injury problems in his career. \"It's something I'll have to go by feel,\" he said.")
    found = find_quotes(text, headline="Philippoussis doubt over Open bid")
    assert (found[-1].text, found[-1].speaker) == ("It's something I'll have to go by feel",
                                                   "Mark Philippoussis")


def test_a_name_with_where_it_is_based_is_no_one_he_stands_for() -> None:
    text = ("\"Getting permission to dig the ground is a bit of a task,\" said Mr R. Sridharan, "
            "vice president of networks at Tata. \"Digging is uniquely difficult,\" he said. He "
            "said it was easier to put hardware on roofs. This has led Chennai-based Tata to turn "
            "to lasers that bridge Tata's core network and its customers. The bridges work over "
            "4km.\n\nTata is running its hardware at modest speeds. The lasers suit India's "
            "climate. \"It's particularly suitable as the rain rate is a little low,\" he said.")
    assert quotes(text)[-1] == ("It's particularly suitable as the rain rate is a little low",
                                "R. Sridharan")


def test_a_surname_stands_for_the_full_name_whose_first_name_says_a_sex() -> None:
    text = ("Euro-Sceptic Kilroy-Silk quit the party last week.\n\nRobert Kilroy-Silk said he "
            "would stand at the next election. \"I shall be leading a vigorous campaign,\" "
            "said Kilroy-Silk.")
    assert quotes(text)[-1] == ("I shall be leading a vigorous campaign", "Robert Kilroy-Silk")


def test_a_subheading_with_no_stop_ends_its_sentence() -> None:
    text = ("Omar Mateen had used dating apps for years.\n\n"
            "Several who recognize Mateen from Pulse and gay dating apps have stepped forward\n\n"
            "Pulse customer Cord Cedeno told MSNBC on Monday that he recognized Mateen from the "
            "app Grindr. He said he blocked Mateen from contacting him \"because he was creepy.\"")
    assert quotes(text)[-1] == ("because he was creepy.", "Cord Cedeno")
