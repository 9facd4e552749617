"""Words whose other senses a desk does not want: common event words watched by name ("strike",
"fire", "crash", "hack", "explosion", "blaze", "collision", "derailment") count only in their
news senses, whatever topic lists them; a one-word organization after a first name is a
surname, and one ending a longer name ("Manchester United") is that name."""

from __future__ import annotations

import pytest

from tests.test_matching import event, matches, org, person


@pytest.mark.parametrize(("word", "text"), [
    ("strike", "Thousands of civil servants were on strike across Wales on Friday."),
    ("strike", "Up to 1.4m workers could take part in a strike over pensions."),
    ("strike", "Ten people were killed in a drone strike on the capital."),
    ("fire", "The jump followed a fire at the company's refinery in Texas."),
    ("fire", "Firefighters took six hours to put out the fire at the warehouse."),
    ("crash", "Three people died when their car left the road in the crash."),
    ("crash", "Investigators are examining the wreckage of the plane crash."),
    ("crash", "A light plane crashed over the weekend, killing both people on board."),
    ("hack", "A report on election hacking says Russia plans to do more."),
    ("explosion", "A small explosion occurred at a transformer station on Friday."),
    ("blaze", "The blaze destroyed most of the building overnight."),
    ("collision", "Two trains were involved in a collision near Leeds."),
    ("derailment", "Four people died when a high speed train derailed."),
])
def test_an_event_word_in_its_news_sense_counts(word: str, text: str) -> None:
    assert set(matches(text, event(word))) == {word}


@pytest.mark.parametrize(("word", "text"), [
    ("strike", "Bouba Diop's superb 25-yard strike cancelled out the lead."),
    ("strike", "The most striking thing about the pieces was their size."),
    ("strike", "The union is close to striking a deal with the management."),
    ("strike", "This strikes me as a very compelling argument."),
    ("strike", "Double injury blow strikes Wales before the Italy game."),
    ("fire", "The gunmen opened fire on the crowd outside the station."),
    ("fire", "The minister came under fire over the plans."),
    ("fire", "The company fired its chief executive on Monday."),
    ("fire", "Santa Ana winds bring critical fire danger to the region."),
    ("crash", "Shares fell sharply after the stock market crash of 1987."),
    ("crash", "Arsenal crashed out of the cup after a 2-1 defeat."),
    ("crash", "The program crashed twice while I was editing the file."),
    ("crash", "The referee spurned TV replays when England crashed over in the dying minutes."),
    ("hack", "The ultimate hack knocked out crime stories for 20 years."),
    ("hack", "A man was hacked to death on Sunday night, police said."),
    ("hack", "Break room hacks that make the office a better place."),
    ("explosion", "The gadget explosion signalled the strongest growth yet."),
    ("explosion", "There was an explosion of interest in the game last year."),
    ("blaze", "Henry blazed a shot high late on."),
    ("blaze", "The film opened to a blaze of publicity."),
    ("collision", "The two parties are on a collision course over tax."),
    ("derailment", "The dip in hiring was not enough to derail the world's biggest economy."),
])
def test_an_event_word_in_another_sense_does_not_count(word: str, text: str) -> None:
    assert matches(text, event(word)) == {}


def test_the_senses_hold_in_stemmed_text() -> None:
    strike = event("strike")
    assert matches("the most strike thing about the piec wa their size .", strike,
                   form="stemmed") == {}
    assert set(matches("thousand of worker went on strike over pai .", strike,
                       form="stemmed")) == {"strike"}


def test_a_phrase_of_another_sense_watched_as_an_event_counts_as_written() -> None:
    assert set(matches("He is entering the seventh week of a hunger strike.",
                       event("hunger strike"))) == {"hunger strike"}
    assert set(matches("Shares fell sharply after the stock market crash of 1987.",
                       event("market crash"))) == {"market crash"}


@pytest.mark.parametrize(("text", "found"), [
    ("Venezuelan businessman Alex Saab was released in a prisoner swap.", set()),
    ("The inventor Nikola Tesla died in New York in 1943.", set()),
    ("Saab said it would cut 500 jobs at its plant.", {"Saab"}),
    ("The Saab 9-3 convertible is selling well, Tesla said.", {"Saab", "Tesla"}),
])
def test_a_one_word_organization_after_a_first_name_is_someones_surname(
        text: str, found: set[str]) -> None:
    assert set(matches(text, org("Saab"), org("Tesla"))) == found


@pytest.mark.parametrize(("text", "count"), [
    ("Shares in Manchester United rose. United's board met.", 1),
    ("Dundee United's board met. United's fans were angry.", 1),
    ("United's board met. United's fans were angry.", 2),
])
def test_a_one_word_organization_ending_a_longer_name_is_not_it(text: str, count: int) -> None:
    assert matches(text, org("United"))["United"].count == count


@pytest.mark.parametrize(("text", "found"), [
    ("Air Sahara and Ryanair both cut fares.", {"Sahara", "Ryanair"}),
    ("On Monday Ryanair said it would cut fares.", {"Ryanair"}),
    ("But Ryanair said it would cut fares.", {"Ryanair"}),
])
def test_a_word_before_an_organization_that_is_no_other_name_leaves_it(
        text: str, found: set[str]) -> None:
    assert set(matches(text, org("Sahara"), org("Ryanair"))) == found


@pytest.mark.parametrize(("text", "found"), [
    ("Apple's new machine will compete with manufacturers like Dell.", set()),
    ("It takes on rivals such as HP, Dell and Acer.", set()),
    ("Stars like Beckham drew the crowds.", {"David Beckham"}),
    ("Michael Dell will step down. Dell said he was proud.", {"Michael Dell"}),
])
def test_a_surname_listed_among_companies_is_a_companys(text: str, found: set[str]) -> None:
    # in the headline, where a bare surname no one is introduced with counts on its own
    people = (person("Michael Dell"), person("David Beckham"))
    assert set(matches("It was reported.", *people, title=text)) == found


@pytest.mark.parametrize(("text", "found"), [
    ("The Dell provides enough power for basic gaming.", set()),
    ("He bought a Dell, which soon broke.", set()),
    # a surname before a noun is still the person's
    ("Critics of the Blair government said it had failed.", {"Tony Blair"}),
    ("The seat is held by a Blair loyalist.", {"Tony Blair"}),
    ("Staff in the Blair camp denied it.", {"Tony Blair"}),
])
def test_a_surname_after_an_article_is_a_thing_unless_it_describes_a_noun(
        text: str, found: set[str]) -> None:
    people = (person("Michael Dell"), person("Tony Blair"))
    assert set(matches("It was reported.", *people, title=text)) == found
