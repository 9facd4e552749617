"""A figure's words say whose it is: an opening "he", "his", "its" or "the firm" is named when
the article makes plain who it stands for, and left alone when it does not."""

from __future__ import annotations

import pytest

from bot.extract.figures import find_figures


def phrases(text: str, headline: str = "", form: str = "raw") -> list[str]:
    return [f.text for f in find_figures(text, form, 5, headline=headline)]


def test_his_is_the_person_named_before() -> None:
    text = (
        "Malcolm Glazer has made a new approach to the club's board.\n\n"
        "Mr Glazer has already had one takeover attempt turned down by the Red Devils and "
        "responded by using his 28.1% shareholding to vote off three board members."
    )
    assert any(p.startswith("Malcolm Glazer's 28.1% shareholding") for p in phrases(text))


def test_its_is_the_organization_the_headline_names() -> None:
    text = (
        "Quarterly profits at Acme Media rose on advertising sales.\n\n"
        "Acme Media's results beat forecasts. But its film division saw profits slump 27% "
        "to $284m."
    )
    found = phrases(text, headline="Ad sales lift Acme Media profit")
    assert any(p.startswith("Acme Media's film division saw profits slump 27%") for p in found)


def test_the_firm_is_left_when_another_name_came_last() -> None:
    text = (
        "WMC said it made net profits of $1bn in 2004.\n\n"
        "It is fighting an offer from Swiss Xstrata, which the firm raised to A$8.4bn last "
        "week."
    )
    found = phrases(text, headline="WMC profits up amid bid")
    assert any("8.4bn" in p for p in found)
    assert not any(p.startswith("WMC") and "8.4bn" in p for p in found)


def test_a_subject_pronoun_is_named_from_the_clause_before() -> None:
    text = (
        "Hunt supporters gathered outside the meeting.\n\n"
        "Richard Dodd, regional director of the Countryside Alliance, said he expected "
        "between 2,000 and 4,000 supporters to make their protest."
    )
    assert any(p.startswith("Richard Dodd expected between 2,000 and 4,000") for p in phrases(text))


def test_the_subject_of_the_sentence_before_rather_than_the_last_name() -> None:
    text = (
        "David Mueller, the DJ sacked after Taylor Swift complained, has been hired by a radio "
        "station.\n\n"
        "Mueller lost his job after Swift's management told him he was no longer welcome. He "
        "subsequently sued Swift for $3m in damages."
    )
    found = phrases(text)
    assert any(p.startswith("David Mueller subsequently sued Swift for $3m") for p in found)


@pytest.mark.parametrize(
    "text",
    [
        # "she" after someone it does not fit: the one meant may be no one named
        "The regulator found that a subsidiary employed the wife of director John Bryson, and "
        "that she earned more than $1m a year.",
        # "he" after an unnamed spokesman: not the person named before him
        "Dean Boyd said the case was closed.\n\nA spokesman for the Business Software Alliance "
        'said: "They did profit." He said 29% of software in Britain was pirated.',
    ],
)
def test_no_name_where_the_text_gives_none(text: str) -> None:
    found = phrases(text)
    assert found
    assert not any(p.startswith(("John Bryson", "Dean Boyd")) for p in found)


def test_a_headline_figure_shown_in_the_words_of_the_text_is_named_too() -> None:
    text = (
        "Geoffrey Bennett, 67, kept horses and goats in filthy conditions on his farm. He has "
        "been jailed for 19 weeks."
    )
    found = phrases(text, headline="Horse trader jailed for 19 weeks")
    assert found[0] == "Geoffrey Bennett has been jailed for 19 weeks"


def test_stemmed_text_is_left_as_it_is() -> None:
    text = "malcolm glazer respond by use hi 28.1% sharehold to vote off three director ."
    assert not any(p.startswith("malcolm") for p in phrases(text, form="stemmed"))


def test_a_surname_is_named_with_the_first_name_that_says_a_sex() -> None:
    text = (
        "Rocker Doherty has been in a fight at a gig.\n\n"
        "Singer Pete Doherty traded blows with guitarist Patrick Walden. They were separated. "
        "On Monday Doherty faced charges in court, which he denies. He is out on £50,000 bail."
    )
    assert any(p.startswith("Pete Doherty is out on £50,000 bail") for p in phrases(text))


def test_a_pronoun_after_another_figure_s_words_is_left_to_that_figure() -> None:
    text = (
        "Donald Trump is ahead on the question. 59 percent of respondents in that poll thought "
        'he was a "strong leader," compared with just 38 percent.'
    )
    found = phrases(text)
    assert not any(p.startswith("Donald Trump was") for p in found)
    assert any("38 percent" in p and "59 percent" in p for p in found)
