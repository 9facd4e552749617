"""Forms of an event's word that do not count (``not_as``): read from the config, left out by
the matcher as written, and suggested from the forms a desk's marked alerts were found in."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from bot.config import load_config, parse_config
from bot.errors import ConfigError
from bot.matching.matcher import compile_topics
from bot.models import Article, Entity, Topic
from bot.suggestions import suggest

FIRES = Topic("fires", "Fires", events=(Entity("event", "fire"), Entity("event", "explosion")))


def alerting(topic: Topic, articles: dict[int, Article]) -> set[int]:
    matcher = compile_topics([topic])
    return {n for n, a in articles.items() if matcher.match(a)}


def test_a_form_left_out_stops_counting_where_it_is_written(write_config) -> None:
    config = load_config(write_config("""
        [topics.fires]
        events = [{ name = "fire", not_as = ["Fired", "firing"] }, "explosion"]
    """))
    topic = config.topic("fires")
    assert topic is not None and topic.events[0].not_as == ("fired", "firing")
    articles = {1: Article("Coach goes", "The coach was fired on Monday after six defeats."),
                2: Article("Police act", "Police were firing rubber bullets at the crowd."),
                3: Article("Warehouse lost", "A fire destroyed a warehouse in Leeds overnight."),
                4: Article("Hills burn", "Fires raged across the hills for a third day."),
                5: Article("Blast", "The coach was fired, hours after an explosion at the plant.")}
    assert alerting(topic, articles) == {3, 4, 5}


@pytest.mark.parametrize(("entries", "problem"), [
    ('events = [{ name = "fire", not_as = ["burned"] }]',
     "topics.t.events[0].not_as[0]: 'burned' is no form of 'fire'"),
    ('people = [{ name = "Tony Blair", not_as = ["Blairs"] }]',
     "topics.t.people[0].not_as: unknown key"),
])
def test_a_form_that_cannot_apply_is_an_error_naming_its_key(write_config, entries: str,
                                                             problem: str) -> None:
    with pytest.raises(ConfigError) as exc:
        load_config(write_config(f"[topics.t]\n{entries}\n"))
    assert [p for p in exc.value.problems if "not_as" in p] == [
        p for p in exc.value.problems if p.startswith(problem)]
    assert any(p.startswith(problem) for p in exc.value.problems)


def test_the_verb_forms_of_marked_alerts_alone_are_suggested_as_a_broad_change() -> None:
    marked = {1: Article("Coach goes", "The club fired its coach on Monday, a firing that "
                         "followed six defeats."),
              2: Article("Clashes", "Police were firing rubber bullets at the crowd, and "
                         "protesters fired back with stones."),
              3: Article("Boom years", "An explosive rise in sales lifted the shares.")}
    kept = {4: Article("Warehouse lost", "A fire destroyed a warehouse in Leeds overnight."),
            5: Article("Hills burn", "Fires raged across the hills for a third day.")}
    found = suggest(FIRES, [*marked.items(), *kept.items()], set(marked))
    forms = [s for s in found.suggestions if s.kind == "not_as"]
    # not "explosive", a noun as often the desk's news
    assert [s.describe() for s in forms] == ['not_as = ["fired", "firing"] for fire']
    assert set(forms[0].removed) == {1, 2} and forms[0].lost == ()
    # A verb form may carry the desk's sense too ("the plane crashed"): listed, never applied
    # with the specific changes.
    assert not forms[0].specific
    assert found.together is None or all(s.kind != "not_as" for s in found.together.parts)
    # An alert the desk never read: a sacking goes, a fire stays.
    changed = forms[0].topic
    unread = {6: Article("Manager out", "United fired their manager after the derby defeat."),
              7: Article("Flat fire", "Firefighters put out a fire in a flat in Hull.")}
    assert alerting(changed, unread) == {7}
    # The snippet, pasted over the topic, is the change that was checked.
    table = tomllib.loads(forms[0].toml())["topics"]["fires"]
    pasted = parse_config({"topics": {"fires": table}}, Path("config.toml"), {}).topic("fires")
    assert pasted is not None and pasted.events == changed.events


def test_a_form_the_desks_own_news_is_written_in_counts_as_lost() -> None:
    marked = {1: Article("Coach goes", "The club fired its coach on Monday after six defeats."),
              2: Article("Clashes", "Troops fired on the crowd, the witnesses said.")}
    kept = {3: Article("Kiln blaze", "A kiln fired too hot set the pottery ablaze, and the "
                       "blaze spread to two houses.")}
    topic = Topic("fires", "Fires", events=(Entity("event", "fire"),))
    found = suggest(topic, [*marked.items(), *kept.items()], set(marked))
    forms = [s for s in found.suggestions if s.kind == "not_as"]
    assert [(s.value, s.removed, s.lost) for s in forms] == [("fire", (1, 2), (3,))]


def test_a_form_only_one_of_several_marked_alerts_was_found_in_is_no_candidate() -> None:
    marked = {1: Article("Coach goes", "The club fired its coach on Monday after six defeats."),
              2: Article("Boom", "Sales saw an explosion of interest, the firm said.")}
    found = suggest(FIRES, list(marked.items()), set(marked))
    assert not any(s.kind == "not_as" for s in found.suggestions)
