"""An attribution after a quote that inverts its verb names the speaker behind a long post, an
age, a spokesperson's post, "one of", or before a time adverb ("said Nadal afterwards"); a
person named only as someone's relative or partner, or two people, are not the speaker."""

from __future__ import annotations

from bot.extract.quotes import find_quotes


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in find_quotes(text)]


def test_inverted_attributions_with_posts_ages_and_adverbs() -> None:
    texts = [
        "\"What a great way to finish the year,\" said Nadal afterwards.",
        "\"This is the first time gold has been mentioned,\" said UK Chancellor of the "
        "Exchequer Gordon Brown.",
        "\"Our mission was always to provide the best experience,\" said Opera spokeswoman, "
        "Berit Hanson.",
        "\"A decision is now expected by around the middle of March,\" said one of their "
        "lawyers, Michalis Dimitrakopoulos.",
        "\"It has been a fantastic few weeks,\" said 20-year-old politics student Nick Vaughan.",
    ]
    assert [speakers(t) for t in texts] == [
        ["Nadal"], ["Gordon Brown"], ["Berit Hanson"], ["Michalis Dimitrakopoulos"],
        ["Nick Vaughan"],
    ]


def test_a_relative_or_a_partner_is_not_the_speaker_two_people_speak_together() -> None:
    texts = [
        "The husband of missing Australian conwoman Melissa Caddick says his \"suspect list is "
        "long\" after her disappearance.",
        "\"I think a lot of bands should go through a bad patch,\" singer Gary Lightbody and "
        "drummer Jonny Quinn said.",
        "Suzann Pettersen, a golfing partner of Donald Trump, says the president \"cheats like "
        "hell\" on the course.",
    ]
    assert [speakers(t) for t in texts] == [
        [None], ["Gary Lightbody and Jonny Quinn"], ["Suzann Pettersen"]
    ]


def test_an_owner_s_post_or_a_post_of_a_field_before_the_name() -> None:
    texts = [
        "\"This picture was the story\", said De Telegraaf's image editor, Peter Schoonen.",
        "\"Monaco was a tough weekend for him,\" said Red Bull's team principal, Christian "
        "Horner.",
        "\"The decision to suspend the flights is a difficult one,\" said BA director of "
        "commercial planning, Robert Boyle.",
        "\"I think Wall Street has gotten a bit ahead of eBay.\" said Janco Partners analyst "
        "Martin Pyykkonen. Shares fell.",
    ]
    assert [speakers(t) for t in texts] == [
        ["Peter Schoonen"], ["Christian Horner"], ["Robert Boyle"], ["Martin Pyykkonen"]
    ]


def test_a_description_after_a_name_is_read_past_to_it() -> None:
    texts = [
        "\"The settlement is very significant,\" William Lerach, the lawyer leading the class "
        "action suit against Enron, said.",
        "\"He will be remembered with great affection,\" Dame Elizabeth Butler-Sloss, the "
        "president of the Family Justice Division, said.",
    ]
    assert [speakers(t) for t in texts] == [["William Lerach"], ["Elizabeth Butler-Sloss"]]
