"""Suggestions for a desk that follows politicians and marks the stories that name them only in
passing: what the marks tell of the person, not of a namesake, is no change specific to them.
The sentences are those of BBC politics stories a politics desk marked not relevant, shortened."""

from __future__ import annotations

import dataclasses

from bot.matching.matcher import compile_topics
from bot.models import Article, Entity, Topic
from bot.suggestions import _mention_phrases, _says_who, suggest

LEADERS = Topic("politicians", "UK ministers and opposition", people=(
    Entity("person", "Michael Howard"), Entity("person", "Charles Kennedy"),
    Entity("person", "Clare Short")))

LEAD = "The row went on all week. Ministers met on Monday to discuss it. "
"""Two sentences before the politician is named: a single mention after them is passing."""


def _phrases(topic: Topic, article: Article) -> dict[str, tuple[bool, bool]]:
    """The phrases of the topic's mentions in one marked article, with no kept alert, each
    with whether it is only around a commentator's employer and only around an event."""
    matched = [(article, tuple(m for found in compile_topics([topic]).match(article)
                               for m in found.matches))]
    return _mention_phrases(topic, matched, [])


def test_surname_false_is_specific_only_for_a_surname_written_without_a_title() -> None:
    marked = {
        1: Article("Clarke plans migrant point scheme", LEAD + "Labour rejected the quota "
                   "idea. The Refugee Council said Mr Howard's proposals would leave no haven."),
        2: Article("Tories urge change at the top", LEAD + "The conference opened in Brighton. "
                   "Mr Howard is likely to defend his party's handling of the bill."),
        3: Article("Go Modules: the Short field", "The info form corresponds to a struct with a "
                   "Version "
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


def test_a_persons_own_minimum_drops_mentions_in_passing_not_what_they_say() -> None:
    marked = {
        1: Article("Lib Dems predict best ever poll", LEAD + "Party officials were upbeat. "
                   "Under Charles Kennedy the party expects its best results ever."),
        2: Article("Labour battle plan hides Blair", LEAD + "The campaign will be run from "
                   "the regions. The leaflets show Charles Kennedy beside a hospital."),
    }
    kept = {3: Article("Kennedy tours the regions", "Charles Kennedy began a tour of the "
                       "regions. Mr Kennedy said his party would win seats."),
            4: Article("Tax row grows", LEAD + "The Treasury stood firm. Liberal Democrat "
                       "leader Charles Kennedy said the plans would cost jobs.")}
    found = suggest(LEADERS, {**marked, **kept}.items(), set(marked), shown=50)
    own = next(s for s in found.suggestions if s.kind == "name_prominence")
    assert own.value == "Charles Kennedy" and set(own.removed) == {1, 2} and not own.lost
    # What he said, once past the lead, is his news: his own minimum spares it, so it is
    # specific to the marks and applied.
    assert own.specific
    assert found.together is not None and own in found.together.parts


def test_the_topics_minimum_is_specific_when_the_marks_name_people_in_passing() -> None:
    marked = {
        1: Article("Lib Dems predict best ever poll", LEAD + "Party officials were upbeat. "
                   "Under Charles Kennedy the party expects its best results ever."),
        2: Article("Quango row", LEAD + "The report was published. It was welcomed by "
                   "Clare Short, among others."),
    }
    kept = {3: Article("Tax row grows", LEAD + "The Treasury stood firm. Tory leader Michael "
                       "Howard said the plans would cost jobs.")}
    found = suggest(LEADERS, {**marked, **kept}.items(), set(marked), shown=50)
    body = next(s for s in found.suggestions if s.kind == "min_prominence" and s.value == "body")
    assert set(body.removed) == {1, 2} and not body.lost and body.specific
    # A topic that also watches an organization: its passing mentions may be news of it.
    mixed = dataclasses.replace(LEADERS, organizations=(Entity("organization", "Ofsted"),))
    found = suggest(mixed, {**marked, **kept}.items(), set(marked), shown=50)
    body = next(s for s in found.suggestions if s.kind == "min_prominence" and s.value == "body")
    assert not body.specific


def test_a_job_before_a_full_name_is_no_phrase_to_exclude() -> None:
    article = Article("Wilkinson fit to face Edinburgh", LEAD + "On Saturday captain "
                      "Michael Howard leads the side, the selectors said.")
    phrases = _phrases(LEADERS, article)
    # "captain Michael Howard" is how the man is named wherever he plays, not another sense.
    assert "Michael Howard leads" in phrases
    assert not any("captain" in p.split() for p in phrases)


def test_a_surname_alone_beside_a_title_is_no_namesake() -> None:
    marked = {1: Article("Howard keeps quiet", LEAD + "The vote was close. Mr Howard lost the "
                         "vote. Howard said he would try again.")}
    kept = {2: Article("Tax row", "Michael Howard set out his plans on Monday.")}
    found = suggest(LEADERS, {**marked, **kept}.items(), set(marked), shown=50)
    surname = next(s for s in found.suggestions if s.kind == "surname")
    # "Howard" after "Mr Howard" is the same man: no sign of another owner of the surname.
    assert surname.value == "Michael Howard" and surname.removed == (1,)
    assert not surname.specific


def test_a_phrase_that_ends_in_a_title_is_not_suggested() -> None:
    article = Article("Royal couple watch nation's mood", LEAD + "The engagement was "
                      "welcomed by Mr Howard and Mr Kennedy of the Liberal Democrats.")
    phrases = _phrases(LEADERS, article)
    assert "welcomed by Mr Howard" in phrases  # a phrase of the mark, as before
    # "Mr Howard and Mr" holds half of the next name and says nothing of the mention.
    assert not any(p.split()[-1] == "Mr" for p in phrases)


def test_a_phrase_that_ends_in_the_next_name_of_a_list_is_not_suggested() -> None:
    article = Article("Grammys honour soul star", LEAD + "The winners included Clare Short "
                      "and Franz Ferdinand, who played live.")
    phrases = _phrases(LEADERS, article)
    assert "included Clare Short" in phrases
    # "Clare Short and Franz" holds the first word of the next name, not a sense of hers.
    assert not any(p.split()[-1] == "Franz" for p in phrases)


def test_a_phrase_of_a_person_after_a_job_is_no_employers_phrase() -> None:
    article = Article("Markets steady", LEAD + "Shares held firm. \"Nothing has changed,\" "
                      "analyst Michael Howard told reporters.")
    phrases = _phrases(LEADERS, article)
    # A person is nobody's employer: only an organization's phrase is left out as the words of
    # a commentator's employer when ``commentators = false`` is applied.
    assert phrases["Michael Howard told reporters"] == (False, False)


def test_a_jobs_initials_before_a_full_name_is_no_phrase_to_exclude() -> None:
    article = Article("Tax row", LEAD + "Tory CEO Michael Howard leads the side, aides said.")
    phrases = _phrases(LEADERS, article)
    assert "Michael Howard leads" in phrases
    assert not any("CEO" in p.split() for p in phrases)


def test_changes_applied_together_lose_no_kept_alert() -> None:
    marked = {
        1: Article("Go Modules: the Short field", "The info form corresponds to a struct. A "
                   "pseudo-version is derived from the Time and Short fields of the struct."),
        2: Article("Quango row", LEAD + "The report was published. It was welcomed by "
                   "Clare Short, among others."),
        3: Article("Aid review", LEAD + "The review was long. It was praised by Clare Short "
                   "in a letter."),
    }
    kept = {4: Article("Debt relief plan", LEAD + "The plan was published. It was welcomed by "
                       "Clare Short in the Commons. Charities thanked Short for it.")}
    found = suggest(LEADERS, {**marked, **kept}.items(), set(marked), shown=50)
    alone = {s.kind for s in found.suggestions if s.specific and not s.lost}
    # Each loses nothing alone; together the surname's loss leaves one mention in passing.
    assert {"surname", "name_prominence"} <= alone
    together = found.together
    assert together is None or 4 not in together.lost


WORLD = Topic("leaders", "World leaders", people=(
    Entity("person", "George W Bush"), Entity("person", "Vladimir Putin")))


def test_a_title_before_a_name_or_a_noun_after_it_is_no_phrase_to_exclude() -> None:
    phrases = _phrases(WORLD, Article("Summit opens", LEAD + "Russian President Vladimir "
                                      "Putin arrived in Kiev. The Bush administration "
                                      "rejected the plan."))
    # How the news names the man the desk follows, and his office: in its own news too.
    assert "Vladimir Putin arrived" in phrases
    assert not any("President" in p.split() for p in phrases)
    assert "Bush administration" not in phrases


def test_words_that_make_a_surname_another_persons_name_stay_a_phrase() -> None:
    # "Kate Bush", "Kelly Holmes": a given name before the surname or a surname after it is
    # another person; a title, an office or a party before it is the one the desk follows.
    assert not _says_who(["Kate", "Bush"], "Bush")
    assert not _says_who(["Kelly", "Holmes"], "Kelly")
    assert _says_who(["President", "Bush"], "Bush")
    assert _says_who(["Democrat", "Charles", "Kennedy"], "Charles Kennedy")
    assert not _says_who(["Bush", "said", "it"], "Bush")  # what he did: his marked story's
