"""Suggestions from "not relevant" marks, checked with the real matcher on short articles written
for these tests: football reports a strikes desk does not want, and a football manager called
only "Brown" that a desk following Gordon Brown does not want."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

from bot.config import parse_config
from bot.matching.matcher import compile_topics
from bot.models import Article, Entity, Topic
from bot.suggestions import suggest

DATA = Path(__file__).parent / "data" / "desk" / "marked.jsonl"
STRIKES = Topic("strikes", "Strikes", events=(Entity("event", "strike"),))
LEADERS = Topic("leaders", "Party leaders", people=(Entity("person", "Gordon Brown"),
                                                    Entity("person", "Tony Blair")))


def desk(topic: str) -> tuple[list[tuple[int, Article]], set[int]]:
    """The articles of one topic by id, and the ids of those the desk marked."""
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines()]
    articles = [(n, Article(r["title"], r["text"])) for n, r in enumerate(rows)
                if r["topic"] == topic]
    return articles, {n for n, r in enumerate(rows) if r["topic"] == topic and
                      r["desk"] == "wrong"}


def alerting(topic: Topic, articles: list[tuple[int, Article]]) -> set[int]:
    matcher = compile_topics([topic])
    return {n for n, a in articles if matcher.match(a)}


def pasted(snippet: str, topic: Topic) -> Topic:
    """The topic as the config reads it once the suggestion's TOML is pasted over it."""
    data = tomllib.loads(snippet)
    table = data["topics"][topic.id]
    if "people" not in table:
        table["people"] = [e.name for e in topic.people]
    table.setdefault("events", [e.name for e in topic.events])
    loaded = parse_config(data, Path("config.toml"), {}).topic(topic.id)
    assert loaded is not None
    return loaded


def test_the_best_suggestion_removes_every_marked_alert_and_loses_none() -> None:
    articles, marked = desk("strikes")
    assert alerting(STRIKES, articles) == {n for n, _ in articles}  # all alert as configured
    found = suggest(STRIKES, articles, marked)
    assert set(found.marked) == marked and len(found.kept) == 3 and not found.unmatched
    best = found.suggestions[0]
    assert best.kind == "exclude" and set(best.removed) == marked and best.lost == ()
    # The snippet, pasted into a config, is the change that was checked.
    changed = pasted(best.toml(), STRIKES)
    assert changed.exclude == (best.value,)
    assert alerting(changed, articles) == {n for n, _ in articles} - marked


def test_a_suggestion_that_would_lose_unmarked_alerts_says_which() -> None:
    articles, marked = desk("strikes")
    found = suggest(STRIKES, articles, marked)
    headline = next(s for s in found.suggestions if s.kind == "min_prominence")
    assert headline.value == "headline" and set(headline.removed) == marked
    lost_title = {n: a.title for n, a in articles}[headline.lost[0]]
    assert headline.lost and lost_title == "Hospital talks resume"  # its strike is in the body
    assert found.suggestions.index(headline) > 0  # ranked below those that lose nothing
    assert found.together is None or headline not in found.together.parts
    assert pasted(headline.toml(), STRIKES).min_prominence == "headline"


def test_surname_false_removes_the_bare_surname_alerts_and_keeps_the_full_names() -> None:
    articles, marked = desk("leaders")
    found = suggest(LEADERS, articles, marked)
    surname = next(s for s in found.suggestions if s.kind == "surname")
    assert surname.value == "Gordon Brown"
    assert set(surname.removed) == marked and surname.lost == ()
    changed = pasted(surname.toml(), LEADERS)
    assert [p.surname for p in changed.people] == [False, True]
    assert alerting(changed, articles) == {n for n, _ in articles} - marked


def test_dropping_a_context_word_that_was_the_only_sign_is_suggested() -> None:
    topic = Topic("next", "Next, the retailer", organizations=(Entity("organization", "Next"),),
                  context=("shares", "retailer"))
    wrong = Article("Hong Kong stocks slip", "Markets in Hong Kong fell on Monday. Shares in "
                    "Next Digital lost 5% after the publisher's appeal failed.")
    also = Article("Publisher's founder bailed", "The founder of the Hong Kong publisher was "
                   "bailed on Friday. Shares in Next Digital rose 9% on the news.")
    right = Article("Next warns on sales", "The clothing retailer Next said sales fell 3% "
                    "over Christmas as shoppers stayed away.")
    articles = [(1, wrong), (2, also), (3, right)]
    assert alerting(topic, articles) == {1, 2, 3}
    found = suggest(topic, articles, {1, 2})
    drop = next(s for s in found.suggestions if s.kind == "context")
    assert drop.value == "shares" and set(drop.removed) == {1, 2} and drop.lost == ()
    assert drop.topic.context == ("retailer",)


def test_nothing_is_suggested_without_a_marked_alert_that_matches_again() -> None:
    articles, _ = desk("strikes")
    found = suggest(STRIKES, [*articles, (99, Article("Weather", "Sunny spells."))], {99})
    assert found.unmatched == (99,) and found.marked == () and found.suggestions == ()
