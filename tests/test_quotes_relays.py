"""Words an agency or a newspaper relays are not the agency's ("Reuters quoted an official as
saying", "Prosecutors said ... “...”, AP reported"), and a capitalized post with its field in
an apposition ("Lord Bach, Minister for Defence Procurement, said") is read past to the name."""

from __future__ import annotations

from bot.extract.quotes import find_quotes


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotes(text)]


def test_the_next_quote_after_quoted_as_saying_is_the_one_quoted() -> None:
    text = (
        "The bank changed the currency. \"It is above all a question of pride,\" Reuters "
        "quoted a central bank official as saying. \"It is a symbol of our independence.\"\n\n"
        "\"Our reforms have trained a new generation,\" the Gazette quoted Prince Faisal as "
        "saying. \"I am proud to say that this year we shall vote.\""
    )
    assert speakers(text) == [
        ("It is above all a question of pride", None),
        ("It is a symbol of our independence.", None),
        ("Our reforms have trained a new generation", "Faisal"),
        ("I am proud to say that this year we shall vote.", "Faisal"),
    ]


def test_an_agency_reporting_what_someone_described_said_is_no_speaker() -> None:
    text = (
        "A third defendant was acquitted. Prosecutors said Jaynes was \"a snake oil salesman "
        "in a new format\", using the internet to sell useless wares, news agency Associated "
        "Press reported."
    )
    assert speakers(text) == [("a snake oil salesman in a new format", None)]


def test_a_capitalized_post_with_its_field_is_read_past_to_the_name() -> None:
    text = (
        "Lord Bach, Minister for Defence Procurement, said he was \"still disappointed with the "
        "cost and time\", but insisted the work was done. It was likened to a star, Speaker of "
        "the House Paul Ryan said \"these images have no place in a campaign.\""
    )
    assert speakers(text) == [
        ("still disappointed with the cost and time", "Bach"),
        ("these images have no place in a campaign.", "Paul Ryan"),
    ]


def test_a_newspaper_before_a_description_is_not_the_one_it_describes() -> None:
    text = (
        "\"We believe the threat is real,\" a spokesman said. Earlier, writing in the Daily "
        "Telegraph, the prime minister conceded that the plans were \"difficult issues for any "
        "government\". When Lleyton Hewitt shook his hand, the Australian said: \"You are the "
        "best player.\""
    )
    assert [s for _, s in speakers(text)] == [None, None, "Lleyton Hewitt"]
