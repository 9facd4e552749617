"""Suggestions for a desk that follows politicians and marks the stories that name them only in
passing: what the marks tell of the person, not of a namesake, is no change specific to them.
The sentences are those of BBC politics stories a politics desk marked not relevant, shortened."""

from __future__ import annotations

from bot.matching.matcher import compile_topics
from bot.models import Article, Entity, Topic
from bot.suggestions import _mention_phrases, suggest

LEADERS = Topic("politicians", "UK ministers and opposition", people=(
    Entity("person", "Michael Howard"), Entity("person", "Charles Kennedy"),
    Entity("person", "Clare Short")))

LEAD = "The row went on all week. Ministers met on Monday to discuss it. "
"""Two sentences before the politician is named: a single mention after them is passing."""


def test_surname_false_is_specific_only_for_a_surname_written_without_a_title() -> None:
    marked = {
        1: Article("Clarke plans migrant point scheme", LEAD + "Labour rejected the quota "
                   "idea. The Refugee Council said Mr Howard's proposals would leave no haven."),
        2: Article("Tories urge change at the top", LEAD + "The conference opened in Brighton. "
                   "Mr Howard is likely to defend his party's handling of the bill."),
        3: Article("Defining Go Modules", "The info form corresponds to a struct with a Version "
                   "and a Time field. A pseudo-version is derived from the Time and Short "
                   "fields of the struct."),
    }
    kept = {4: Article("Howard sets out tax plans", "Conservative leader Michael Howard set "
                       "out plans to cut taxes by £4bn. Mr Howard said the plans were costed.")}
    found = suggest(LEADERS, {**marked, **kept}.items(), set(marked), shown=50)
    surnames = {s.value: s for s in found.suggestions if s.kind == "surname"}
    # "Mr Howard" is the man the desk follows: the marks are about what was said of him.
    assert set(surnames["Michael Howard"].removed) == {1, 2}
    assert not surnames["Michael Howard"].specific
    # "Short" with no title is another owner of the surname (a Go struct's field).
    assert surnames["Clare Short"].removed == (3,) and surnames["Clare Short"].specific
    assert found.together is not None
    applied = {s.value for s in found.together.parts if s.kind == "surname"}
    assert applied == {"Clare Short"}


def test_a_persons_own_minimum_is_broad() -> None:
    marked = {
        1: Article("Lib Dems predict best ever poll", LEAD + "Party officials were upbeat. "
                   "Under Charles Kennedy the party expects its best results ever."),
        2: Article("Labour battle plan hides Blair", LEAD + "The campaign will be run from "
                   "the regions. In contrast Charles Kennedy will feature in every leaflet."),
    }
    kept = {3: Article("Kennedy tours the regions", "Charles Kennedy began a tour of the "
                       "regions. Mr Kennedy said his party would win seats.")}
    found = suggest(LEADERS, {**marked, **kept}.items(), set(marked), shown=50)
    own = next(s for s in found.suggestions if s.kind == "name_prominence")
    assert own.value == "Charles Kennedy" and set(own.removed) == {1, 2} and not own.lost
    # A politician's one mention past the lead is often what they said, which the desk wants.
    assert not own.specific
    assert found.together is None or own not in found.together.parts


def test_a_phrase_that_ends_in_a_title_is_not_suggested() -> None:
    article = Article("Royal couple watch nation's mood", LEAD + "The engagement was "
                      "welcomed by Mr Howard and Mr Kennedy of the Liberal Democrats.")
    matched = [(article, tuple(m for found in compile_topics([LEADERS]).match(article)
                               for m in found.matches))]
    phrases = _mention_phrases(LEADERS, matched, [])
    assert "welcomed by Mr Howard" in phrases  # a phrase of the mark, as before
    # "Mr Howard and Mr" holds half of the next name and says nothing of the mention.
    assert not any(p.split()[-1] == "Mr" for p in phrases)
