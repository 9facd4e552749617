"""Fourth round of speaker classes: the frames around reported speech that say who speaks
(a progressive "was telling", ...) and those that say someone is only spoken to or about."""

from __future__ import annotations

from bot.extract.quotes import find_quotes


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotes(text)]


def test_a_progressive_speech_verb_names_the_next_quotes_speaker() -> None:
    text = (
        "The club still backed coach Ann Ford, Tom Rockliff was telling a radio station on "
        "Friday. \"Within the four walls the boys have faith in the system and the way we play.\""
    )
    assert speakers(text) == [
        ("Within the four walls the boys have faith in the system and the way we play.",
         "Tom Rockliff"),
    ]


def test_a_partial_quote_opening_with_a_passive_speech_verb_is_not_its_subjects() -> None:
    text = (
        "The FA will take no action against Jose Mourinho. Mourinho, who was sent from the "
        "touchline, has been \"reminded of his responsibilities to the game\". Ann Ford said "
        "she was \"deeply saddened by the news today\"."
    )
    assert speakers(text) == [
        ("reminded of his responsibilities to the game", None),
        ("deeply saddened by the news today", "Ann Ford"),
    ]


def test_he_said_after_a_clause_about_someone_is_not_that_someone() -> None:
    text = (
        "Alan Milburn said the party was ready. \"Nobody talks about those years as the good "
        "old days,\" he declared. Voters could picture Tony Blair doing it. And Tony Blair "
        "would be in the front line of that campaign, he said. \"He will be leading the debate "
        "from the front,\" he promised."
    )
    assert speakers(text)[1] == ("He will be leading the debate from the front", "Alan Milburn")


def test_he_said_after_a_clause_about_someone_with_a_rival_is_unknown() -> None:
    text = (
        "Alan Milburn said the party was ready. \"Nobody talks about those years as the good "
        "old days,\" he declared. Voters could picture Michael Howard or Tony Blair doing it. "
        "And Tony Blair would be in the front line of that campaign, he said. \"He will be "
        "leading the debate from the front,\" he promised."
    )
    assert speakers(text)[1] == ("He will be leading the debate from the front", None)


def test_the_subject_of_a_when_clause_speaks_not_the_main_clauses() -> None:
    text = (
        "Frank Capra was the butt of one gaffe in 1934 when the host opened the envelope and "
        "declared \"come on up and get it, Frank\" to which Capra bounded up to the stage. Ann "
        "Ford was at home when Tom Hale called and said \"you have won the prize\" to her."
    )
    assert speakers(text) == [
        ("come on up and get it, Frank", None),
        ("you have won the prize", "Tom Hale"),
    ]


def test_a_description_whose_head_follows_a_name_names_no_one() -> None:
    text = (
        "Mr Sayeed was suspended for two weeks. The Commons standards and privileges committee "
        "said his conduct had fallen \"well below the standards expected\". Mr Sayeed was "
        "suspended after the Commons standards and privileges committee said he had been "
        "\"careless with the rules of the house\"."
    )
    assert speakers(text) == [
        ("well below the standards expected", None),
        ("careless with the rules of the house", None),
    ]


def test_a_sentence_opening_for_a_person_gives_their_view_and_the_next_he() -> None:
    text = (
        "Yahoo has reached the age of ten. For Jupiter analyst Olivier Beauvillain, Yahoo's "
        "initial decision to put search on hold was an error. \"Yahoo was busy building a portal "
        "and they made a big mistake,\" he said. For Ann Ford, who built the site, the need grew "
        "out of frustration. \"I went to a store and did not have a clue what I wanted,\" she said."
    )
    assert [s for _, s in speakers(text)] == ["Olivier Beauvillain", "Ann Ford"]


def test_a_standfirst_description_is_the_person_before_the_headlines_colon() -> None:
    headline = "Nick Dougherty: my best day in golf was playing with Tiger Woods at US Open"
    text = (
        "The Englishman will be analysing for television rather than competing at Oakmont this "
        "week but remembers the third round as ‘playing with a bit of history and better than "
        "any of the wins’\n\nNick Dougherty is at least spared the question."
    )
    quotes = find_quotes(text, headline=headline)
    assert [(q.text, q.speaker) for q in quotes] == [
        ("playing with a bit of history and better than any of the wins", "Nick Dougherty"),
    ]


def test_the_headline_person_is_no_he_once_someone_else_he_fits_is_named() -> None:
    headline = "One of the best election models predicts a Trump victory"
    text = (
        "The model says Donald Trump will win the election, by a fair margin.\n\nAlarmed? Well, "
        "Abramowitz isn't — in fact, he thinks Clinton will win easily.\n\nTrump's nomination "
        "means Hillary Clinton is almost certain to win.\n\n— Alan Abramowitz May 4, 2016\n\n"
        "Abramowitz just thinks his model is wrong this year. \"The model is based on the "
        "assumption that the parties nominate mainstream candidates,\" he told me."
    )
    assert [q.speaker for q in find_quotes(text, headline=headline)] == [None]


def test_his_son_is_the_one_son_the_article_names() -> None:
    text = (
        "\"We've had them for a lot of years, and people should enjoy them,\" Mr Nogar's son "
        "Stephen, 57, said. Mr Nogar always made two tapes. \"He called them his back-up "
        "tapes,\" his son said. \"They were never meant to be sold,\" his lawyer said."
    )
    assert [s for _, s in speakers(text)] == ["Stephen Nogar", "Stephen Nogar", None]
