"""Attributions read in the seventh round, where a wrong name is worse than none: a title with
no name, a study's subject, a capitalized word before a plural noun, a sentence that opens with
its source, two people joined as one subject, the one spoken to in a passive, a post between
a name and its verb (and the county after a seat), and a role after a quote that ends the
sentence before."""

from __future__ import annotations

from bot.extract.quotes import find_quotes


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in find_quotes(text)]


def test_a_title_with_no_name_is_the_one_the_article_gives_it_to() -> None:
    ruling = ("In the ruling handed down by Superior Court Judge James Kleinberg, Apple can get "
              "the records. Judge Kleinberg said trade secrets came first. ")
    texts = [
        ruling + "The Judge wrote: \"An interested public is not the same as the public "
        "interest.\"",
        "The case was heard in Santa Clara. The Judge wrote: \"An interested public is not the "
        "same as the public interest.\"",
    ]
    assert [speakers(t) for t in texts] == [["James Kleinberg"], [None]]


def test_a_study_of_people_is_not_theirs() -> None:
    text = ("Young people who feel isolated are more at risk. One 2013 study of Dutch Muslims "
            "found that \"a feeling of being disconnected from society\" mattered most.")
    assert speakers(text) == [None]


def test_a_capitalized_word_before_a_plural_noun_and_its_verb_is_no_speaker() -> None:
    text = ("Church ministers are trying to prevent rapper Nelly performing in Arkansas, saying "
            "they do not want his \"vile and filthy lyrics\" in their town.\n\nMr Rodgers, of "
            "the Fullness of Joy Church, said he was concerned.")
    assert speakers(text) == [None]


def test_a_sentence_that_opens_with_its_source() -> None:
    texts = [
        "According to plaintiffs, Peter Castaneda and Haley Gelfand, Compass has bought so many "
        "firms that it maintains a monopoly, controlling \"over 80 percent of the rental unit "
        "listings in Manhattan.\"",
        "According to the report, Smith said the bank was \"in a very difficult place right "
        "now\".",
    ]
    assert [speakers(t) for t in texts] == [[None], ["Smith"]]


def test_two_people_joined_as_one_subject_are_neither() -> None:
    texts = [
        "Mr Howard and Mr Letwin said they would cut taxes: \"We will cut taxes for everyone "
        "in the country.\"",
        "Neither Mr Howard nor Mr Letwin would say how they would use that cash. \"We will cut "
        "taxes for everyone,\" he said.",
    ]
    assert [speakers(t) for t in texts] == [[None], [None]]


def test_the_one_told_is_not_the_speaker() -> None:
    texts = [
        "Nicole Lawler was told that the house was \"not safe to enter for several days\".",
        "David Blunkett has been accused of using the \"politics of confusion\" on migration.",
        "Nicole Lawler was quoted as saying the house was \"not safe to enter for several "
        "days\".",
    ]
    assert [speakers(t) for t in texts] == [[None], [None], ["Nicole Lawler"]]


def test_a_passive_with_by_gives_the_words_to_the_one_after_by() -> None:
    texts = [
        "Nicole Lawler was told by Dr John Smith: \"You must not go back to the house for "
        "several days.\"",
        "His mother, Nicole Lawler, was informed by medics that the \"agency had found small "
        "pockets of gas\" at the house.",
        "Chief executive Steve Jobs showed off the machine. The $499 Macintosh was described by "
        "Jobs as the \"most important Mac\" made by Apple.",
    ]
    assert [speakers(t) for t in texts] == [["John Smith"], [None], ["Steve Jobs"]]


def test_a_title_after_the_is_the_one_who_holds_it_not_a_name() -> None:
    text = ("Home Secretary Charles Clarke met Tony Blair on Monday. The Home Secretary said: "
            "\"We will not be deflected from this course at all.\"")
    organization = ("Nicola Sturgeon has demanded to know who signed off the leave. The Scottish "
                    "Executive said it would \"not be common practice\" to sign approval.")
    assert [speakers(text), speakers(organization)] == [["Charles Clarke"], ["Scottish Executive"]]


def test_a_post_between_a_name_and_its_verb_is_not_the_speaker() -> None:
    texts = [
        "Neil O'Brien, director of anti-constitution group Vote No, said: \"The reality is "
        "that the government does not want this.\"",
        "Andy Williams, chief executive of Powys Local Health Board, had said it was \"a "
        "totally unacceptable way to behave\".",
    ]
    assert [speakers(t) for t in texts] == [["Neil O'Brien"], ["Andy Williams"]]


def test_a_role_after_a_quote_ending_the_sentence_before_is_no_name() -> None:
    text = ("Labour MP Hazel Blears spoke. \"The threat is most likely to come from those "
            "people,\" the Salford MP told the Commons home affairs committee.\n\n\"It means "
            "that some of our powers will be used against them.\"")
    assert speakers(text) == ["Hazel Blears", "Hazel Blears"]


def test_the_county_after_a_seat_is_no_speaker() -> None:
    text = ("Mr Johnson, MP for Henley-on-Thames, Oxfordshire, said he suspected Labour was "
            "trying \"because of this curious way in which Labour seems\".")
    assert speakers(text) == ["Johnson"]
