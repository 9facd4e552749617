"""Direct quotes and their speakers, one rule at a time."""

from __future__ import annotations

import pytest

from bot.extract import extract
from bot.extract.quotes import find_quotes
from bot.models import Article


def speakers(text: str, form: str = "raw") -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotes(text, form)]  # type: ignore[arg-type]


@pytest.mark.parametrize(("text", "speaker"), [
    ('"We will appeal the ruling," Maria Lopez said.', "Maria Lopez"),
    ('"We will appeal the ruling," said Maria Lopez.', "Maria Lopez"),
    ('“We will appeal the ruling,” Maria Lopez told reporters.', "Maria Lopez"),
    ('"We will appeal the ruling," Karim Khan, the ICC\'s prosecutor, said.', "Karim Khan"),
    ('"We will appeal the ruling," said the ICC\'s prosecutor, Karim Khan.', "Karim Khan"),
    ('The US ambassador, Jack Lew, said: "We will appeal the ruling."', "Jack Lew"),
    ('"We will appeal the ruling," according to Maria Lopez.', "Maria Lopez"),
    ('Maria Lopez insisted that the court "will hear our appeal soon".', "Maria Lopez"),
    ('"We will appeal the ruling," Sen. Ted Cruz (R-Texas) said.', "Ted Cruz"),
])
def test_speaker_patterns(text: str, speaker: str) -> None:
    assert speakers(text) == [(speakers(text)[0][0], speaker)]


def test_a_sentence_final_attribution_covers_every_quote_before_it() -> None:
    text = ('His backing will carry "a great deal of weight" and bring "real grass-roots '
            'firepower" to the race, DFA spokesman Neil Sroka said.')
    assert [s for _, s in speakers(text)] == ["Neil Sroka", "Neil Sroka"]


def test_a_new_sentence_after_a_question_is_not_its_attribution() -> None:
    text = ('Maria Lopez said: "We have won the vote." "Is that all there is?" Her critics '
            'cited the polls.')
    assert [s for _, s in speakers(text)] == ["Maria Lopez", "Maria Lopez"]


def test_titles_are_kept_out_of_the_name() -> None:
    text = ('"Prime Minister Netanyahu is now officially a wanted man," Amnesty Secretary General '
            'Agnes Callamard said in a statement.')
    assert speakers(text)[0][1] == "Agnes Callamard"


def test_a_surname_is_completed_from_the_article() -> None:
    text = ('Agnes Callamard spoke in London.\n\n"We urge all member states to act," '
            'Callamard added.')
    assert speakers(text) == [("We urge all member states to act", "Agnes Callamard")]


@pytest.mark.parametrize(("text", "expected"), [
    # a pronoun stands for the last named speaker
    ('"The law applies to all," Karim Khan said.\n\nLater, the court met again.\n\n'
     '"No one is above it," he said.', ["Karim Khan", "Karim Khan"]),
    # a quoted paragraph right after a quoted paragraph keeps its speaker
    ('"We urge all states to act," Callamard added.\n\n'
     '"The whole international community must stop at nothing."', ["Callamard", "Callamard"]),
])
def test_the_speaker_carries_over(text: str, expected: list[str]) -> None:
    assert [s for _, s in speakers(text)] == expected


def test_a_quote_broken_by_its_attribution_is_one_quote() -> None:
    text = '"The law applies to all," Karim Khan said, "and no one can act with impunity."'
    assert speakers(text) == [
        ("The law applies to all, and no one can act with impunity.", "Karim Khan")]


def test_a_quote_running_over_paragraphs_is_one_quote_with_its_speaker() -> None:
    text = ('"ICC member states must stop at nothing," Agnes Callamard said. "They must act.\n\n'
            '"The whole international community must help."')
    quotes = find_quotes(text)
    assert quotes[-1].speaker == "Agnes Callamard"
    assert quotes[-1].text == "They must act. The whole international community must help."
    assert len(quotes[-1].spans) == 2


def test_a_lead_in_ending_with_a_colon_names_the_next_paragraphs_speaker() -> None:
    text = 'Ted Cruz continued:\n\n"You look at the questions they asked tonight."'
    assert speakers(text)[0][1] == "Ted Cruz"


def test_scare_quotes_are_not_quotes() -> None:
    assert speakers('Mr Gallant called the parallel "despicable" and "deeply wrong".') == []


def test_no_named_speaker_means_unknown_not_a_guess() -> None:
    text = 'Officials in Paris met on Monday. "We will not give in," a spokesman said.'
    assert speakers(text) == [("We will not give in", None)]
    text = 'The court met. "The ruling stands," officials said, citing Karim Khan.'
    assert speakers(text)[0][1] is None


def test_curly_quotes_nest() -> None:
    text = '“He called it a “disgrace” and left the room,” Maria Lopez said.'
    assert speakers(text) == [
        ("He called it a “disgrace” and left the room", "Maria Lopez")]


def test_stemmed_quote_tokens_and_speakers() -> None:
    text = ("the prosecutor , karim khan , spoke . '' intern law and the law of arm conflict "
            "appli to all , '' mr khan said . `` no foot soldier can act with impun . ” "
            "the us ambassador to israel , jack lew , said `` thi is not about our leader `` .")
    assert speakers(text, "stemmed") == [
        ("intern law and the law of arm conflict appli to all", "karim khan"),
        ("no foot soldier can act with impun .", "karim khan"),
        ("thi is not about our leader", "jack lew"),
    ]


def test_a_pronoun_stands_for_the_last_person_named_in_reported_speech() -> None:
    text = ('Mr Cheney argued it was "fair and responsible". John McCain, a Republican Senator, '
            'said he was pleased with the plan. "With the deficits we have, this is the right '
            'call," he said. However, Democratic Senator Kent Conrad said the plan was a '
            'mistake. "The cost of everything he advocates explodes," he said.')
    assert [s for _, s in speakers(text)] == ["Cheney", "John McCain", "Kent Conrad"]


def test_a_pronoun_of_the_other_sex_than_the_last_speaker_is_unknown() -> None:
    text = ('Ms Kelly said: "We will set out the plans soon." Her comments did not impress '
            'Tim Collins. "She has absolutely no idea what to put in its place," he said.')
    assert [s for _, s in speakers(text)] == ["Kelly", None]


def test_a_quote_left_open_at_a_run_together_paragraph_ends_where_the_next_one_opens() -> None:
    text = ('"This year we will see that come to life around the house. "Some exhibitors will '
            'show how you can take that content anywhere," said Mr Joseph. He said the '
            'products which will be making waves will be about the "democratisation" of '
            'content.')
    found = speakers(text)
    assert found == [("This year we will see that come to life around the house. Some exhibitors "
                      "will show how you can take that content anywhere", "Joseph")]


def test_the_article_s_own_words_are_never_a_quote() -> None:
    text = ('"But everyone is impressed with it. "France is the poorest market," Mr Gerolami '
            'added in remarks quoted by Variety. TNT aims to reach 35% of homes. The regulator '
            'said: "We think free DTT could put brakes on pay-TV."')
    found = speakers(text)
    assert all("Gerolami added" not in q and "TNT aims" not in q for q, _ in found)
    assert found[-1] == ("We think free DTT could put brakes on pay-TV.", None)


def test_a_quote_holding_an_attribution_is_dropped() -> None:
    text = 'He wrote that "the deal is done, said Mr Joseph. He said the rest" was open.'
    assert speakers(text) == []


@pytest.mark.parametrize(("text", "speaker"), [
    ('Vice-President Dick Cheney said it was "fair and responsible and right".', "Dick Cheney"),
    ('Earlier Conservative Graham Brady said the rebate was a "crucial test of resolve".',
     "Graham Brady"),
    ('Meanwhile Labour MP John Smith said it was "fair and responsible and right".',
     "John Smith"),
    ('"We will fight it all the way," Labour said.', "Labour"),
    ('Princes William and Harry said they wish the couple "all the luck in the future".', None),
])
def test_titles_parties_and_opening_adverbs_are_not_part_of_a_speaker(
    text: str, speaker: str | None
) -> None:
    assert [s for _, s in speakers(text)] == [speaker]


def test_he_after_a_but_clause_is_its_named_subject() -> None:
    text = (
        'Hewitt said he had had a "gutful" of the slow courts but Tennis Australia\'s Geoff '
        'Pollard rejected his comments. "We did ask for it to be made faster," he said.'
    )
    assert speakers(text)[-1][1] == "Geoff Pollard"


def test_an_organization_as_a_subject_is_no_he() -> None:
    text = (
        '"We will send help to every coast," said Jack McConnell. The Scottish Executive has '
        'seconded 11 staff to the aid agencies. But he said Scotland was "in it for the long '
        'term" with more help planned.'
    )
    assert speakers(text)[-1] == ("in it for the long term", "Jack McConnell")


def test_a_description_as_a_subject_is_the_person_its_sentence_names() -> None:
    text = (
        '"He is too good for us," Lleyton Hewitt said after the final. According to all the '
        'players and even Roger Federer himself, the Swiss star is in a different league.\n\n'
        '"Right now I feel that a little bit," he told BBC Sport.'
    )
    assert speakers(text)[-1][1] == "Roger Federer"


def test_a_title_inside_a_sentence_is_no_speaker() -> None:
    text = ('Remember how The Good Wife fell flat with episodes "ripped from the headlines '
            'every week"?')
    assert speakers(text) == [("ripped from the headlines every week", None)]


def test_one_person_is_shown_under_one_name() -> None:
    text = (
        '"We saved many lives on the battlefield," said M. Margaret Knudson, a surgeon. '
        '"Those techniques are now in our hospitals," Margaret Knudson said.'
    )
    names = {q.speaker for q in extract(Article("Trauma surgeons learn from war", text)).quotes}
    assert names == {"M. Margaret Knudson"}


def test_he_after_someone_telling_of_him_is_not_the_teller() -> None:
    text = (
        'Timothy Evans, a court clerk, showed the jurors a video. Crowds took photos of the former '
        'president. He obliged them and posed for photographs, '
        'Evans said.\n\n"Look at this. Did you know I was coming?" he asked one man.'
    )
    assert speakers(text)[-1] == ("Look at this. Did you know I was coming?", None)


def test_a_link_s_paragraph_break_inside_an_attribution_keeps_the_speaker() -> None:
    text = (
        "''We are being kept in the dark,'' Roy McCreadie told the\n\nNews Letter\n\n. "
        "''We want an explanation. There is no good sending us the same fax.''"
    )
    assert [s for _, s in speakers(text)] == ["Roy McCreadie", "Roy McCreadie"]


def test_a_band_with_a_digit_before_a_role_and_a_name() -> None:
    text = 'U2 frontman Bono said in French: "I will make a little confession to you."'
    assert speakers(text) == [("I will make a little confession to you.", "Bono")]


def test_more_verbs_put_before_their_speaker() -> None:
    text = '"We are delighted to offer free access," commented chief executive Magnus Byrne.'
    assert speakers(text)[0][1] == "Magnus Byrne"


def test_the_magazine_is_the_one_magazine_the_article_names() -> None:
    text = (
        "Prince earned more than any other star, according to US magazine Rolling Stone's "
        'annual list.\n\n"Prince returned to centre stage after a decade away," the magazine '
        "reported."
    )
    assert speakers(text)[-1][1] == "Rolling Stone"
    two = text.replace("annual list.", "annual list, ahead of magazine Billboard's.")
    assert speakers(two)[-1][1] is None


def test_as_he_put_it_and_a_deck_quote_the_story_attributes_later() -> None:
    text = (
        "“The only beneficiary of war is medicine.”\n\n"
        "Trauma surgeons are learning from the battlefield, said Todd Rasmussen. "
        'Or, as he put it in a recent paper, "the only beneficiary of war is medicine."'
    )
    quotes = extract(Article("Surgeons learn from war", text)).quotes
    assert [(q.text.lower().rstrip("."), q.speaker) for q in quotes] == [
        ("the only beneficiary of war is medicine", "Todd Rasmussen")
    ] * len(quotes)


def test_letters_after_a_name_are_not_the_name() -> None:
    text = '"Their sums do not add up at all," said Treasury minister Paul Boateng MP.'
    assert speakers(text)[0][1] == "Paul Boateng"


def test_you_addressing_the_reader_is_no_speaker() -> None:
    text = ("Donald Trump doesn't care what you say.\n\nYou can strongly hint that he needs to "
            'tone it down. You can call his comments "the very definition of racism." He will '
            "say them louder.")
    assert speakers(text) == [("the very definition of racism.", None)]


@pytest.mark.parametrize("code", [
    "wget #{url} || curl -O #{url}",
    "$(docker inspect -f '{{.State.Pid}}' 91c5c431ebb0)",
    "if fg OR g == fg then return the old value",
])
def test_a_program_in_quotation_marks_is_no_quote(code: str) -> None:
    text = (f'The build script now runs "{code}" before packing the gem. '
            '"It saves a lot of typing on every release," Matt Smith said.')
    assert [(q.text, q.speaker) for q in find_quotes(text)] == [
        ("It saves a lot of typing on every release", "Matt Smith")]
