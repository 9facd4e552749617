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

# An attacks desk (violent attacks and explosions) that a football report's "attacking
# midfielder" or "attacked down the left" is no news for.
ATTACKS = Topic("attacks", "Attacks", events=(Entity("event", "attack"),
                                              Entity("event", "explosion")))


def alerting(topic: Topic, articles: dict[int, Article]) -> set[int]:
    matcher = compile_topics([topic])
    return {n for n, a in articles.items() if matcher.match(a)}


def test_a_form_left_out_stops_counting_where_it_is_written(write_config) -> None:
    config = load_config(write_config("""
        [topics.attacks]
        events = [{ name = "attack", not_as = ["Attacking", "attacker"] }, "explosion"]
    """))
    topic = config.topic("attacks")
    assert topic is not None and topic.events[0].not_as == ("attacking", "attacker")
    articles = {1: Article("New signing", "The club signed an attacking midfielder on Monday."),
                2: Article("Rovers win", "The new attacker scored twice for Rovers."),
                3: Article("Market attack", "A gunman's attack on a market killed five people."),
                4: Article("Convoys hit", "Attacks on aid convoys went on for a third day."),
                5: Article("Blast", "The club signed an attacking midfielder, hours after an "
                                    "explosion at the plant.")}
    assert alerting(topic, articles) == {3, 4, 5}


@pytest.mark.parametrize(("entries", "problem"), [
    ('events = [{ name = "attack", not_as = ["assaulted"] }]',
     "topics.t.events[0].not_as[0]: 'assaulted' is no form of 'attack'"),
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
    marked = {1: Article("Rovers go top", "Rovers attacked down the left all afternoon, an "
                         "attacking display that won the game."),
              2: Article("Derby win", "United were attacking from the start, and City attacked "
                         "back late on."),
              3: Article("Boom years", "An explosive rise in sales lifted the shares.")}
    kept = {4: Article("Market attack", "A gunman's attack on a market killed five people."),
            5: Article("Convoys hit", "Attacks on aid convoys went on for a third day.")}
    found = suggest(ATTACKS, [*marked.items(), *kept.items()], set(marked))
    forms = [s for s in found.suggestions if s.kind == "not_as"]
    # not "explosive", a noun as often the desk's news
    assert [s.describe() for s in forms] == ['not_as = ["attacked", "attacking"] for attack']
    assert set(forms[0].removed) == {1, 2} and forms[0].lost == ()
    # A verb form may carry the desk's sense too ("gunmen attacked a convoy"): listed, never
    # applied with the specific changes.
    assert not forms[0].specific
    assert found.together is None or all(s.kind != "not_as" for s in found.together.parts)
    # An alert the desk never read: a match report goes, an attack stays.
    changed = forms[0].topic
    unread = {6: Article("Late show", "Chelsea attacked relentlessly after the break."),
              7: Article("Checkpoint hit", "An attack on a checkpoint left two soldiers hurt.")}
    assert alerting(changed, unread) == {7}
    # The snippet, pasted over the topic, is the change that was checked.
    table = tomllib.loads(forms[0].toml())["topics"]["attacks"]
    pasted = parse_config({"topics": {"attacks": table}}, Path("config.toml"), {}).topic("attacks")
    assert pasted is not None and pasted.events == changed.events


def test_a_form_the_desks_own_news_is_written_in_counts_as_lost() -> None:
    marked = {1: Article("Rovers go top", "Rovers attacked down the left all afternoon."),
              2: Article("Derby win", "City attacked from the first whistle, fans said.")}
    kept = {3: Article("Convoy hit", "Gunmen attacked an aid convoy near the border, killing "
                       "two drivers.")}
    topic = Topic("attacks", "Attacks", events=(Entity("event", "attack"),))
    found = suggest(topic, [*marked.items(), *kept.items()], set(marked))
    forms = [s for s in found.suggestions if s.kind == "not_as"]
    assert [(s.value, s.removed, s.lost) for s in forms] == [("attack", (1, 2), (3,))]


def test_a_form_only_one_of_several_marked_alerts_was_found_in_is_no_candidate() -> None:
    marked = {1: Article("Rovers go top", "Rovers attacked down the left after six defeats."),
              2: Article("Boom", "Sales saw an explosive rise, the firm said.")}
    found = suggest(ATTACKS, list(marked.items()), set(marked))
    assert not any(s.kind == "not_as" for s in found.suggestions)
