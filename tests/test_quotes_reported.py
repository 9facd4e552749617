"""Reported speech whose subject is a person behind a long post or before an apposition names
the one a later "he" or "she" stands for: "Liberal Democrat leader Charles Kennedy, who backs
the constitution, said ...", "Conservative shadow home secretary David Davis was worried ..."."""

from __future__ import annotations

from bot.extract.quotes import find_quotes


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotes(text)]


def test_a_name_before_an_apposition_and_said_is_the_next_he() -> None:
    text = (
        "\"We will win this vote,\" said Ann Ford. Party leader Charles Kennedy, who backs the "
        "treaty, said he expected the vote soon. He told the Today programme: \"The sooner we "
        "get on with this, the better.\" Mr Brown's former adviser Ed Balls, now a candidate, "
        "said the plans showed a gap. He added: \"I do not accept there is any need for change.\""
    )
    assert speakers(text) == [
        ("We will win this vote", "Ann Ford"),
        ("The sooner we get on with this, the better.", "Charles Kennedy"),
        ("I do not accept there is any need for change.", "Ed Balls"),
    ]


def test_a_post_of_three_words_before_a_name_is_read_past_to_the_subject() -> None:
    text = (
        "\"We will win this vote,\" said Ann Ford. Conservative shadow home secretary David "
        "Davis was worried about extending the powers. He warned: \"Throughout history, "
        "internment has generally backfired.\""
    )
    assert speakers(text)[1] == ("Throughout history, internment has generally backfired.",
                                 "David Davis")


def test_an_apposition_naming_a_firm_is_not_the_speaker() -> None:
    text = (
        "\"It is spreading,\" said Ann Ford. David Stanley, UK managing director of filtering "
        "firm Ciphertrust, said the technique was the next step for spammers. \"They are adding "
        "to their armoury,\" he said."
    )
    assert speakers(text)[1] == ("They are adding to their armoury", "David Stanley")


def test_a_role_the_article_gives_as_a_capitalized_title_is_its_holder() -> None:
    text = (
        "Tory leader Michael Howard spoke first. \"He will not last,\" said Tony Blair. The "
        "Tory leader countered that such deals had been struck twice. He declared: \"He is the "
        "deals on meals prime minister.\""
    )
    assert speakers(text)[-1] == ("He is the deals on meals prime minister.", "Michael Howard")


def test_a_person_behind_a_capitalized_post_opens_the_clause() -> None:
    text = (
        "\"We will cut the waste,\" said Michael Howard. But Chief Secretary to the Treasury "
        "Paul Boateng attacked the Tory plans. \"Cuts on this scale cannot be found,\" he said. "
        "The News of the World picked up the story."
    )
    assert speakers(text)[1] == ("Cuts on this scale cannot be found", "Paul Boateng")


def test_a_sentence_about_someone_s_affairs_makes_them_the_next_he() -> None:
    text = (
        "\"We will see,\" said Tom Hale. Andre Agassi's involvement in the Open was put in "
        "doubt after he pulled out of the Kooyong Classic. \"My hip was cramping,\" he said.\n\n"
        "\"It is over,\" said Tom Hale. Mr Blair's government was a \"bossy, interfering "
        "government\", he said.\n\n"
        "\"It is over,\" said Tom Hale. Bridge's injury also means Jose Mourinho will not "
        "have a left-back. \"He has no chance of playing,\" he said."
    )
    assert [s for _, s in speakers(text)] == [
        "Tom Hale", "Andre Agassi", "Tom Hale", "Tom Hale", "Tom Hale", None
    ]


def test_words_woven_after_a_reported_condition_stay_the_reporter_s() -> None:
    text = (
        "Liberal Democrat Alan Beith - who chairs the select committee - said if the claims were "
        "true, Whitehall was \"acting entirely against the spirit of the new Act\"."
    )
    assert speakers(text) == [("acting entirely against the spirit of the new Act", "Alan Beith")]
    text = "When Trump asked about the plan, Rubio called it \"a disgrace to the whole party\"."
    assert [s for _, s in speakers(text)] == ["Rubio"]
