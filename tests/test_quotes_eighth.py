"""Attributions read in the eighth round, where a wrong name is worse than none: a person named
after their country's post, a time opening the sentence that names them, someone's "line" or
"quip", a court paper as the speaker, "as he told ..." after a quote, the one an event
"saw" act, and "..., he claimed," after the words it reports."""

from __future__ import annotations

from bot.extract.quotes import find_quotes


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in find_quotes(text)]


def test_a_post_after_a_country_names_the_one_who_holds_it() -> None:
    text = ("\"I never intended to offend anyone,\" Luis Aragones said. But the storm grew after "
            "the game. Spain's minister of sport Jaime Lissavetzky was quick to give his backing "
            "to the decision. \"Everyone who has a public function has to consider their "
            "declarations,\" he said.")
    assert speakers(text) == ["Luis Aragones", "Jaime Lissavetzky"]


def test_a_time_opening_the_sentence_is_not_its_subject() -> None:
    text = ("The conference was long. By now Mr Blair had moved from irritation mode to his "
            "barely disguised fury setting. Although in the next breath he declared: \"I get "
            "increasingly alarmed by what I read in the newspapers.\"")
    assert speakers(text) == ["Blair"]


def test_someones_line_or_quip_is_theirs() -> None:
    texts = [
        "Ed Colligan’s line for the ages — “PC guys are not going to just figure this out. "
        "They’re not going to just walk in.” — was also about an industry.",
        "I remember Ed Colligan’s quip: “PC guys are not going to just figure this out.”",
        "Apple’s product line “is the strongest it has ever been”, the analysts wrote.",
    ]
    assert [speakers(t) for t in texts] == [["Ed Colligan"], ["Ed Colligan"], [None]]


def test_a_court_paper_speaks_for_its_filers() -> None:
    texts = [
        "But the suit claims the chips shut down. \"The smart chip is dually engineered to "
        "prematurely register ink depletion,\" the suit said.",
        "\"The defendants knowingly misled investors for years,\" the complaint said.",
        "\"The defendants knowingly misled investors for years,\" the filing in a suit said.",
    ]
    assert [speakers(t) for t in texts] == [["the suit"], ["the complaint"], [None]]


def test_as_he_told_after_a_quote_is_the_one_he_stands_for() -> None:
    texts = [
        "Mr Blair started in full irritation mode. \"I am not interested in what goes in and "
        "out of newspapers,\" as he told journalists.",
        "Mr Blair started in full irritation mode. \"I am not interested in what goes in and "
        "out of newspapers,\" as he walked out.",
    ]
    assert [speakers(t) for t in texts] == [["Blair"], [None]]


def test_the_one_an_event_saw_act_is_its_subject() -> None:
    texts = [
        "It dominated the news conference, which saw Mr Blair start in full irritation mode. "
        "As he told journalists: \"I am not interested in what goes in and out of newspapers.\"",
        "The match, which saw Chelsea beat Arsenal, was tense. As he told journalists: \"I am "
        "not interested in what goes in and out of newspapers.\"",
    ]
    assert [speakers(t) for t in texts] == [["Blair"], [None]]


def test_a_pronoun_speech_verb_after_the_words_is_not_their_subject() -> None:
    texts = [
        "\"Britain is heading in the wrong direction,\" Michael Howard said. He pledged to act."
        "\n\nMr Blair has failed to tackle these problems, he claimed, saying he has the "
        "\"wrong solution to all of them\".\n\n\"The result is big government and higher taxes.\"",
        "\"Prices are too high,\" Jane Smith said.\n\nMr Brown will not cut them, she said, "
        "adding the delay was \"long overdue for an answer\".",
        # the one "he" stands for is Blair himself, who is no one's "he" here: unknown
        "\"We will win the vote,\" Tony Blair said.\n\nMr Blair has failed to tackle these "
        "problems, he claimed, saying he has the \"wrong solution to all of them\".",
        "\"We will win the vote,\" the union said.\n\nMr Blair has failed to tackle these "
        "problems, they claimed, saying he has the \"wrong solution to all of them\".",
    ]
    assert [speakers(t) for t in texts] == [
        ["Michael Howard", "Michael Howard", "Michael Howard"],
        ["Jane Smith", "Jane Smith"],
        ["Tony Blair", None],
        [None, None],
    ]
