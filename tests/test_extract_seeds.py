"""The two seed articles give the summary, figures and quotes a reader would pick."""

from __future__ import annotations

from bot.extract import extract
from bot.models import Article, EntityMatch, TopicMatch
from tests.conftest import DATA

AFP = (DATA / "afp-icc-warrants.txt").read_text(encoding="utf-8")
BBC = (DATA / "bbc-gallant-rejects-stemmed.txt").read_text(encoding="utf-8")


def test_plain_seed_summary_skips_the_photo_caption() -> None:
    result = extract(Article("ICC warrants", AFP))
    # The wire dateline "(AFP) -" is not part of the lead.
    assert result.summary[0].startswith("Israeli Prime Minister Benjamin Netanyahu")
    assert not any("handout picture" in s for s in result.summary)
    assert 2 <= len(result.summary) <= 3


def test_plain_seed_summary_adds_the_sentence_naming_a_match_missing_from_the_lead() -> None:
    topics = (TopicMatch("icc", (EntityMatch("person", "Mohammed Deif", 2, ("Deif",)),)),)
    result = extract(Article("ICC warrants", AFP), topics)
    assert any("Mohammed Deif" in s for s in result.summary)


def test_plain_seed_figures() -> None:
    figures = {f.value: f for f in extract(Article("ICC warrants", AFP)).figures}
    assert figures[44056].unit == "people" and "44,056 people" in figures[44056].text
    assert figures[1206].unit == "people"
    assert figures[5000000].currency == "USD" and "$5 million" in figures[5000000].text
    assert figures[124].unit == "members" and "124 national members" in figures[124].text
    assert not {2023, 2024, 19, 20, 8, 7} & set(figures)


def test_plain_seed_quotes_and_speakers() -> None:
    quotes = extract(Article("ICC warrants", AFP)).quotes
    by_text = {q.text: q.speaker for q in quotes}
    assert by_text["Prime Minister Netanyahu is now officially a wanted man"] == "Agnes Callamard"
    urge = next(q for q in quotes if q.text.startswith("We urge all ICC member states"))
    assert urge.speaker == "Agnes Callamard"
    assert "now officially a wanted man" not in by_text  # repeated inside the longer quote


def test_plain_seed_figures_include_the_headline() -> None:
    # `newsalert analyze` reads the first line of a text file as its title.
    title, _, text = AFP.partition("\n")
    figures = {f.value: f for f in extract(Article(title, text)).figures}
    assert {5000000, 44056, 1206, 124} <= set(figures)


def test_stemmed_seed_figures() -> None:
    figures = {f.value: f for f in extract(Article("t", BBC, text_form="stemmed")).figures}
    assert figures[1200].unit == "people" and "1 , 200 peopl" in figures[1200].text
    assert figures[35640].unit == "people"
    assert figures[252].unit == "others"
    assert not any("octob" in f.text for f in figures.values())  # "7 octob" is a date
    assert 5 not in figures  # "the five men bore": people in the story, not a key figure


def test_stemmed_seed_quotes() -> None:
    quotes = extract(Article("t", BBC, text_form="stemmed")).quotes
    khan = next(q for q in quotes if q.text.startswith("intern law and the law of arm conflict"))
    assert khan.text == "intern law and the law of arm conflict appli to all"
    assert khan.speaker == "karim khan"
    assert all(q.text != "despic" for q in quotes)


def test_quotes_come_from_as_many_speakers_as_there_are() -> None:
    quotes = extract(Article("t", BBC, text_form="stemmed")).quotes
    assert len(quotes) == 4 and len({q.speaker for q in quotes}) == 4


def test_stemmed_seed_summary_is_written_as_in_the_source() -> None:
    summary = extract(Article("t", BBC, text_form="stemmed")).summary
    assert summary[0].startswith("isra defenc minist yoav gallant ha reject the arrest warrant")
    assert summary[0].endswith("benjamin netanyahu .")


def test_plain_seed_figures_lead_with_the_death_toll_not_the_caption_s_reward() -> None:
    figures = extract(Article("", AFP)).figures
    assert figures[0].value == 44056
    # "said Thursday at least 44,056 ...": the day belongs to the verb of saying
    assert figures[0].text == "at least 44,056 people had been killed in more than 13 months of war"
    assert figures[-1].value == 5000000  # the photo caption's figure comes last


def test_stemmed_seed_carries_the_headline_quote_and_netanyahu_s() -> None:
    by_text = {q.text: q.speaker for q in extract(Article("", BBC, text_form="stemmed")).quotes}
    despicable = next(t for t in by_text if "is despic" in t)
    assert by_text[despicable] == "yoav gallant"
    assert by_text["moral outrag of histor proport"] == "benjamin netanyahu"


def test_plain_seed_quotes_leave_out_the_photo_caption_s_quote() -> None:
    quotes = extract(Article("", AFP)).quotes
    assert all("Hamas does not rule in Gaza" not in q.text for q in quotes)
    assert len(quotes) == 4
