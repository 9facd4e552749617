"""A figure's bullet says whose the figure is: its phrase starts with the subject of its clause,
and the figures of one sentence that only compare or restate are shown in one bullet."""

from __future__ import annotations

import pytest

from bot.extract.figures import find_figures

LEAD = "A report was published on Monday.\n\n"


def texts(sentence: str) -> list[str]:
    return [f.text for f in find_figures(LEAD + sentence, limit=10)]


@pytest.mark.parametrize(("sentence", "phrase"), [
    ("Computer failures at Comair left 30,000 passengers stranded.",
     "Computer failures at Comair left 30,000 passengers stranded"),
    ("Analysts said taxes need to rise by about £10bn.",
     "Analysts said taxes need to rise by about £10bn"),
    ("Analysts at the accountancy firm Ernst & Young said taxes need to rise by about £10bn.",
     "taxes need to rise by about £10bn"),
    ("In December, eurozone interest rates were at 2%.", "eurozone interest rates were at 2%"),
    ("The Hamas government's health ministry in Gaza said Thursday at least 44,056 people had "
     "been killed.",
     "at least 44,056 people had been killed"),
    ("Lord Scarman, who led the inquiry, left £3m to charity.",
     "Lord Scarman, who led the inquiry, left £3m to charity"),
    ("So far, more than 100,000 people have signed the petition.",
     "more than 100,000 people have signed the petition"),
])
def test_a_figure_starts_with_the_subject_of_its_clause(sentence: str, phrase: str) -> None:
    assert phrase in texts(sentence)


@pytest.mark.parametrize(("sentence", "phrase"), [
    # a pronoun the bullet cannot say
    ("Mr Kennedy spoke. He said he would put a new 50% tax on top earners.", "a new 50% tax"),
    # a clause that opens with a participle has no subject of its own
    ("Tourism is a key industry in the region, providing jobs for 19 million people.",
     "providing jobs for 19 million people"),
    # the subject more than a dozen words away
    ("The report from the independent body that advises the government on the pay of its "
     "lowest paid workers in every region of England and Wales recommends a rate of £5.05.",
     "a rate of £5.05"),
])
def test_the_phrase_stays_as_it_was_without_a_subject_to_show(sentence: str, phrase: str) -> None:
    assert any(phrase in text and not text.startswith(("He ", "he ", "The report"))
               for text in texts(sentence))


def test_a_comparison_goes_with_the_figure_it_compares() -> None:
    found = find_figures(LEAD + "Profits at TimeWarner jumped 76% to $1.13bn (£600m) for the "
                         "three months to December, from $639m a year earlier.")
    assert [f.value for f in found] == [1_130_000_000]
    assert found[0].text.endswith("from $639m a year earlier")


def test_a_comparison_larger_than_its_figure_still_goes_with_it() -> None:
    found = find_figures(
        "A mining firm has seen a fivefold rise in profits.\n\nWMC said it made net profits of "
        "1.33bn Australian dollars ($1bn; £550m) in 2004, up from A$246bn the year before. It "
        "is arguing against an offer of A$8.4bn from Xstrata.",
        headline="WMC profits up amid bid criticism",
    )
    joined = [f.text for f in found if "1.33bn" in f.text]
    assert joined and "up from A$246bn" in joined[0]
    assert not any(f.text.startswith("up from") for f in found)


def test_a_headline_figure_shown_in_the_texts_words_takes_the_sentences_other_figure() -> None:
    found = find_figures("The minimum wage will rise.\n\nAdults must be paid at least £5.05 an "
                         "hour, up from £4.85.", headline="Minimum wage to rise to £5.05")
    assert [(f.value, f.text) for f in found] == [
        (5.05, "Adults must be paid at least £5.05 an hour, up from £4.85")]


def test_a_share_of_a_whole_with_its_subject_keeps_the_shares_value() -> None:
    found = find_figures(LEAD + "Some 87% of the 1,000 adults quizzed by ICM said they would vote.")
    assert [(f.value, f.unit) for f in found] == [(87, "%")]


@pytest.mark.parametrize(("sentence", "phrase"), [
    # a clause running on past eight words after the number is cut
    ("Gross domestic product fell 0.5% in the last three months of the year to the end of the "
     "December quarter of 2004.",
     "Gross domestic product fell 0.5%"),
    ("Mitsubishi Motors has forecast a net loss of 472bn yen in its current financial year to "
     "the end of March 2005 for the group.",
     "Mitsubishi Motors has forecast a net loss of 472bn yen"),
])
def test_a_phrase_cut_short_does_not_end_on_a_determiner(sentence: str, phrase: str) -> None:
    assert phrase in texts(sentence)


def test_a_lists_dash_is_no_part_of_the_subject() -> None:
    assert "Hewitt has now won $2m in prize money" in texts(
        "- Hewitt has now won $2m in prize money.")


@pytest.mark.parametrize(("sentence", "phrase"), [
    # an acronym's brackets and a quotation closed before the figure leave its clause whole
    ("The National Institute of Economic and Social Research (NIESR) claims that taxes need "
     "to rise by about £10bn.", "taxes need to rise by about £10bn"),
    ("Mr Brown said he had met his \"golden rule\" with a £6bn surplus.",
     "Mr Brown said he had met his \"golden rule\" with a £6bn surplus"),
    # ", with" joins a clause with a subject of its own
    ("Opel has had trouble, with its management threatening to cut 12,000 jobs.",
     "its management threatening to cut 12,000 jobs"),
    # a relative clause whose verb follows it is about the name before it
    ("Arsene Wenger, who was fined £15,000 in December, spoke on Friday.",
     "Arsene Wenger, who was fined £15,000 in December"),
    # a name before its apposition is the subject, not an opening word
    ("HSBC, the biggest UK bank, will report profits of £9.4bn.",
     "HSBC, the biggest UK bank, will report profits of £9.4bn"),
])
def test_the_clause_reads_past_brackets_quotes_and_appositions(sentence: str,
                                                               phrase: str) -> None:
    assert phrase in texts(sentence)


@pytest.mark.parametrize(("sentence", "phrase"), [
    ("The firm confirmed the news, citing three people close to the $84.5 billion deal.",
     "the $84.5 billion deal"),
    ("Losses were halved in 2004 to $200m (£104m; 151m euros) from $500m the year before.",
     "Losses were halved in 2004 to $200m (£104m; 151m euros) from $500m"),
])
def test_no_clause_starts_inside_a_participle_phrase_or_brackets(sentence: str,
                                                                 phrase: str) -> None:
    assert any(text.startswith(phrase) for text in texts(sentence)) or phrase in texts(sentence)
    assert not any(text.startswith(("the news", "151m")) for text in texts(sentence))


@pytest.mark.parametrize(("sentence", "phrase"), [
    ("Its sales have slid 41% in the past financial year.",
     "Its sales have slid 41% in the past financial year"),
    ("GDP fell 0.5% in the last three months of 2004, the ONS said.",
     "GDP fell 0.5% in the last three months of 2004"),
])
def test_a_phrase_runs_to_the_end_of_a_short_clause(sentence: str, phrase: str) -> None:
    assert phrase in texts(sentence)


def test_phrases_that_share_words_are_one_bullet() -> None:
    found = find_figures(LEAD + "The health ministry of the territory's government said on "
                         "Thursday at least 44,056 people had been killed in more than 13 "
                         "months of war.")
    assert [(f.value, f.text) for f in found] == [
        (44056, "at least 44,056 people had been killed in more than 13 months of war")]


def test_a_percent_sign_is_no_word_of_the_phrase() -> None:
    found = find_figures(LEAD + "UK sportswear firm Umbro has posted a 222% rise in annual profit "
                         "after sales of replica England football kits were boosted by the "
                         "tournament.")
    assert found[0].text.endswith("222% rise in annual profit")


def test_a_short_clause_before_a_participle_says_whose_its_figure_is() -> None:
    [figure] = find_figures("Mr Murray is already Sunderland's leading shareholder, holding a "
                            "37.6% stake.")
    assert figure.text == ("Mr Murray is already Sunderland's leading shareholder, holding a "
                           "37.6% stake")
    # a list a participle opens is no clause of the figure's
    [figure] = find_figures("There were challenges, including the 10 years it took to build.")
    assert figure.text.startswith("10 years")
