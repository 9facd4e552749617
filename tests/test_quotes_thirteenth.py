"""Speakers read in the thirteenth round, from the part scored unseen last (fresh15): an
organization described as "the organisation", "the charity" or "the watchdog", and one a
spokesperson speaks for; a quote left open before the sentence bringing in the next; a
speech verb read as a plural noun ("huge demands for bandwidth")."""

from __future__ import annotations

import pytest

from tests.conftest import quotes


@pytest.mark.parametrize("noun", ["organisation", "charity", "watchdog"])
def test_the_organisation_is_the_one_named_before(noun: str) -> None:
    text = ("Amnesty International criticised the sentence on Monday. \"The authorities are "
            f"trying to make an example of him,\" the {noun} said in a statement.")
    assert quotes(text) == [("The authorities are trying to make an example of him",
                             "Amnesty International")]


@pytest.mark.parametrize("between", [
    "described the sentence as \"harsh\".",
    "described the sentence as harsh.",
    ", which tracks press freedom across the globe, described the sentence as harsh.",
])
def test_the_organisation_a_spokesman_speaks_for(between: str) -> None:
    text = (f"A spokesman for Reporters Without Borders {between} \"The authorities are trying "
            "to make an example of him,\" the organisation said in a statement. \"We will go "
            "on campaigning for his release,\" he said.")
    assert [q for q in quotes(text) if q[0] != "harsh"] == [
        ("The authorities are trying to make an example of him", "Reporters Without Borders"),
        ("We will go on campaigning for his release", None),
    ]


def test_a_spokesman_for_a_person_gives_no_organisation() -> None:
    text = ("A spokesman for Mr Blair described the claims as false. \"The authorities are "
            "trying to make an example of him,\" the organisation said.")
    assert quotes(text) == [("The authorities are trying to make an example of him", None)]


def test_a_quote_left_open_ends_before_the_sentence_that_brings_in_the_next() -> None:
    text = ('Mr Mubanga said: "I have lost three years of my life. He added: "The authorities '
            'wanted to break me but they strengthened me." The US government denied the claims. '
            'Gunners boss Arsene Wenger said: "Freddie is an option but we need a striker."')
    assert quotes(text) == [
        ("I have lost three years of my life.", "Mubanga"),
        ("The authorities wanted to break me but they strengthened me.", "Mubanga"),
        ("Freddie is an option but we need a striker.", "Arsene Wenger"),
    ]


def test_a_speech_verb_read_as_a_plural_noun_is_no_verb_of_the_clause() -> None:
    text = ("But the surge in numbers and huge demands for bandwidth should be a wake-up call, "
            "said Sandvine's chief technology officer Marc Morin.\n\nProviders are making their "
            "networks smarter. \"The explosion in traffic should be seen as a clarion call,\" he "
            "said.")
    assert quotes(text) == [
        ("The explosion in traffic should be seen as a clarion call", "Marc Morin")]
