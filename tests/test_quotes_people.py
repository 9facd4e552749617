"""Who a clause is about: a person behind a post written in lowercase ("But centre Jamie Noon
believes ..."), someone speaking for an organization ("A spokesman for the Association ...
said"), a first name Britain, Ireland or the US also give to men, which does not overrule the
last speaker for "he" ("Matty Nicholson"), the main clause after a subordinate one, a peer's
title, and a number of people ("Two big US names")."""

from __future__ import annotations

from bot.extract.quotes import find_quotes


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotes(text)]


def test_a_person_behind_a_lowercase_post_is_the_subject() -> None:
    text = (
        "\"We were beaten by a better side today,\" said Mark Dalton. But centre Jamie Noon "
        "believes the side showed better form. \"We definitely improved against them,\" he "
        "said.\n\n\"The changes are modest,\" said Nick Hale. But general secretary of the "
        "public services union Unison Dave Prentis criticised the plans. \"If you want good "
        "public services you do not cut pensions.\""
    )
    assert [s for _, s in speakers(text)] == [
        "Mark Dalton", "Jamie Noon", "Nick Hale", "Dave Prentis"
    ]


def test_a_spokesman_for_an_organization_is_no_one_named() -> None:
    text = (
        "\"The machines are safe,\" said Tom Hirsch. A spokesman for the Association of "
        "Payment Services (Apacs) which represents the industry said the risk was minimal. "
        "\"There is no concern about viruses here,\" he said."
    )
    assert speakers(text)[1] == ("There is no concern about viruses here", None)


def test_a_first_name_also_given_to_men_does_not_overrule_he() -> None:
    text = (
        "\"I am delighted to have the chance,\" said Darrell Goulding. Matty Nicholson said he "
        "was keen to play. \"Coming back on loan will give me an opportunity to play,\" he said."
    )
    assert speakers(text)[1] == ("Coming back on loan will give me an opportunity to play",
                                 "Matty Nicholson")


def test_the_main_clause_after_a_subordinate_one_names_the_speaker() -> None:
    text = (
        "\"I will stay,\" said Tom Bell. But even before Newcastle said the player would not be "
        "sold, Craig Bellamy insisted he had no intention of leaving. \"I do not want the fans "
        "to think that I would leave,\" he said."
    )
    assert speakers(text)[1] == ("I do not want the fans to think that I would leave",
                                 "Craig Bellamy")


def test_a_peer_s_title_tells_her_from_the_last_speaker() -> None:
    text = (
        "\"The campaign is abusive,\" said Liam Fox. Labour peer Baroness Kennedy, who chairs "
        "the inquiry, said people already thought politicians engaged in dirty tricks. \"This "
        "feeling of distrust is going to grow,\" she said."
    )
    assert speakers(text)[1] == ("This feeling of distrust is going to grow",
                                 "Baroness Kennedy")


def test_a_number_of_someones_is_no_one_named() -> None:
    text = (
        "Two big US names have launched campaigns to \"set the record straight\" about their "
        "products. The US Food and Drug Administration agreed."
    )
    assert speakers(text) == [("set the record straight", None)]


def test_a_nationality_s_man_is_a_description_not_a_name() -> None:
    text = (
        "Tottenham manager Martin Jol praised his players. \"We had the initiative but it was "
        "not easy,\" the Dutchman said.\n\n"
        "The Englishman will be analysing for television but remembers the round as \"playing "
        "with a bit of history\" all the same."
    )
    assert [s for _, s in speakers(text)] == ["Martin Jol", None]
