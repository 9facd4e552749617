"""Speakers across clauses, sentences and paragraphs: descriptors before a name, subjects that
are things, findings and reports, pronouns with agreement, and quotes that are names of things."""

from __future__ import annotations

import pytest

from bot.extract.quotes import find_quotes


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotes(text)]


@pytest.mark.parametrize(("text", "speaker"), [
    # a post with its field before the name
    ('But Newcastle director of rugby Rob Andrew said: "He is fine and we hope to use him."',
     "Rob Andrew"),
    # an organization whose name holds "and"
    ('"It was very hard to choose this year," said Richard and Judy executive producer Amanda '
     'Ross.', "Amanda Ross"),
    ('"Rates will stay where they are for now," said Bank of England governor Mervyn King.',
     "Mervyn King"),
    # the one blamed for saying the words
    ('She criticised Florida Senator Marco Rubio for saying that the attack "could have '
     'happened anywhere in the world".', "Marco Rubio"),
    # a lead-in naming the speaker before a colon
    ('For Henry Reichhold, this is progress: "That is the whole thing about the immediacy."',
     "Henry Reichhold"),
    # a publication reporting the words
    ('As reported by the Daily Beast, "At 15 a process of radicalization appears to have '
     'started."', "Daily Beast"),
    # the source of a finding
    ('Gallup also found that "tips from the community are the largest single source of '
     'information."', "Gallup"),
    ('A recent study by New America found that since 2001, "nearly twice as many people have '
     'been killed by other extremists."', "New America"),
    # an inverted verb of demanding, with an article and an adjective before the name
    ('The two of them wrestled on the lawn. ("What have you got that you are going to give to '
     'my mum?" demanded a perturbed Corden), and they left.', "Corden"),
    # a number inside the descriptor after an inverted verb
    ('"The rationales do not hold weight," said 9/11 widow Terry Strada.', "Terry Strada"),
    # an apposition opening with "a" describes the name before it
    ('Jean-Marc Ayrault, the foreign minister of France, a permanent member of the Security '
     'Council, said the "provocation cannot be left without consequences" at all.',
     "Jean-Marc Ayrault"),
    # "as ... put it" with a longer description
    ('As the veteran terrorism analyst William McCants once put it, "Anyone can sympathize '
     'with a terrorist group."', "William McCants"),
])
def test_named_speakers(text: str, speaker: str) -> None:
    assert [s for _, s in speakers(text)] == [speaker]


def test_an_apposition_closed_by_its_verb_names_the_subject_for_a_later_pronoun() -> None:
    text = ('Paul Myers, chief executive of Wippit - a paid download service - believes it is '
            'time advertisers acted.\n\n"You may be surprised to know who advertises there," he '
            'said.')
    assert [s for _, s in speakers(text)] == ["Paul Myers"]


def test_after_an_unnamed_speaker_he_is_no_earlier_one() -> None:
    text = ('Tony Blair said the law would stay as it is.\n\nMr Blair\'s spokesman said: "The '
            'church has a position on this."\n\n"It is one of many issues," he said.')
    assert [s for _, s in speakers(text)] == [None, None]


def test_the_subject_of_an_as_clause_is_the_next_he() -> None:
    text = ('Mr Blair\'s spokesman said: "The church has a position on this."\n\nHis words came '
            'as Cardinal Cormac Murphy O\'Connor, the Archbishop of Westminster, backed the Tory '
            'stance. In a statement, he said abortion was "a very key issue" for voters.')
    assert [s for _, s in speakers(text)] == [None, "Cormac Murphy O'Connor"]


def test_the_addressees_of_a_letter_are_not_its_speakers() -> None:
    text = ('The letter sent to the IOC\'s president, Thomas Bach, and his Wada counterpart, Sir '
            'Craig Reedie, also warns that their "tried and tested procedures have been proved '
            'inadequate".')
    assert [s for _, s in speakers(text)] == [None]


def test_a_she_the_last_speaker_does_not_fit_is_the_last_one_it_fits() -> None:
    text = ('Maria Sharapova said she had done nothing wrong.\n\nTournament referee Bob Smith '
            'said: "We will look into the matter."\n\n"I have never missed a test in my life," '
            'she said.')
    assert [s for _, s in speakers(text)] == ["Bob Smith", "Maria Sharapova"]


def test_a_first_name_alone_never_leaves_the_only_speaker_unknown() -> None:
    # "Kim" is mostly a woman's name, but no one else is there for "he".
    text = 'Kim Collins said he was fit.\n\n"I am looking forward to the race," he said.'
    assert [s for _, s in speakers(text)] == ["Kim Collins"]


@pytest.mark.parametrize("text", [
    'Ravi Bhalla faced racist flyers in the last days of the campaign that read, "Do not let '
    'them take over our town."',
    'Richard Madeley coined the term "the Richard and Judy effect" on the show in 2004.',
    'Flea and Kiedis played "Californication," "Easily," and "Under the Bridge," then Corden '
    'took his shirt off to sing "The Zephyr Song."',
    'Look at the title of the pilot episode, which is real: "The Insanity Principle: How '
    'Extremism in Politics Is Threatening Democracy in the 21st Century."',
])
def test_names_of_things_are_no_quotes(text: str) -> None:
    assert speakers(text) == []


def test_a_numbered_headline_in_capitals_names_no_speaker() -> None:
    text = ('9\nSelenis Leyva Got Real About Being Called "A Real Woman."\n\nThe star opened up '
            'about it.')
    assert speakers(text) == []


def test_a_pronoun_opening_a_sentence_after_an_exclamation_is_no_attribution() -> None:
    text = ('Maria Lopez said she was hurt.\n\nDavid Axelrod emailed her, telling her, "you are '
            'an all-star player and we need you for the long run!" She replied that it was an '
            'honour.')
    assert [s for _, s in speakers(text)] == ["David Axelrod"]
