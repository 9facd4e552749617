"""Pieces that have an event as their backdrop: an explainer whose headline asks a question of
a subject, and pieces that recall an event of years ago (see docs/stories.md, "Explainers and
recalled events")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import Entry
from bot.stories.dedup import SURVEY, explainer, recalled_years
from bot.stories.grouping import Candidate, StoryMark, judge, story_mark

AT = datetime(2024, 3, 5, 9, 0, tzinfo=UTC)


def mark(feed: str, title: str, text: str, hours: float = 0.0) -> StoryMark:
    entry = Entry(feed, title, title, None, AT + timedelta(hours=hours), text)
    return story_mark(entry, "raw")


def joins(a: StoryMark, b: StoryMark) -> bool:
    return judge(a, Candidate(1, b.fingerprint, b.terms, 1, b.feed, b.published)).same


REPORT_LEAD = ("The rebel commander Yusuf al-Tamrani of the Sahel Liberation Front was killed "
               "in a drone strike near Gao, officials in Bamako said on Tuesday.")
EXPLAINER_LEAD = ("The rebel commander Yusuf al-Tamrani of the Sahel Liberation Front, killed "
                  "near Gao on Tuesday, recruited villagers by the hundred. What makes ordinary "
                  "farmers take up arms for such a movement?")


def test_a_headline_that_asks_a_question_marks_an_explainer() -> None:
    assert explainer("Why ordinary farmers join armed movements", "raw") == {"?whi"}
    assert explainer("How the drone strike near Gao unfolded", "raw") == {"?how"}
    assert explainer("whi ordinari farmer join arm movement", "stemmed") == {"?whi"}
    # A headline that labels its event first opens with the event, not with the question.
    assert explainer("Gao drone strike: why the commander mattered", "raw") == frozenset()
    assert explainer("Rebel commander killed in drone strike near Gao", "raw") == frozenset()
    assert explainer("Gao drone strike: A look at other attacks on rebel leaders",
                     "raw") == {"?" + SURVEY}


def test_an_explainer_with_the_event_only_in_its_lead_stays_apart() -> None:
    report = mark("wire", "Sahel rebel commander killed in drone strike", REPORT_LEAD)
    essay = mark("magazine", "Why ordinary farmers join armed movements", EXPLAINER_LEAD, 3)
    assert not joins(essay, report)
    assert not joins(report, essay)
    # The same lead under a headline that tells the news joins: the question is what parts it.
    told = mark("magazine", "Ordinary farmers join armed movements", EXPLAINER_LEAD, 3)
    assert joins(told, report)
    # An explainer whose headline names the event shares it in both headlines, and joins.
    named = mark("magazine", "Why the Tamrani drone strike matters", REPORT_LEAD, 3)
    assert joins(named, report)


def test_a_look_at_other_attacks_beside_the_attack_is_two_stories() -> None:
    report = mark("wire", "Gao drone strike: rebel commander Yusuf al-Tamrani killed",
                  REPORT_LEAD)
    survey = mark("wire2", "Gao drone strike: A look at other drone strikes on Sahel rebels",
                  "The drone strike near Gao that killed the rebel commander Yusuf al-Tamrani "
                  "on Tuesday follows others on Sahel Liberation Front leaders.", 2)
    assert not joins(survey, report)
    assert not joins(report, survey)
    # Without "a look at" the same headline reports another strike of that day, and joins.
    told = mark("wire2", "Gao drone strike: other drone strikes on Sahel rebels",
                "The drone strike near Gao that killed the rebel commander Yusuf al-Tamrani "
                "on Tuesday follows others on Sahel Liberation Front leaders.", 2)
    assert joins(told, report)


def test_a_year_shared_two_years_back_is_recalled() -> None:
    now = AT.timestamp()
    assert recalled_years({"2022", "attentat"}, (now, now)) == {"2022"}
    assert recalled_years({"2023", "2024"}, (now, now)) == frozenset()  # last year is news
    assert recalled_years({"2022"}, (now, None)) == frozenset()  # no date, no verdict


MEMORIAL = ("Deux ans après l'attentat contre la mairie de Rouvray, un «Espace Vasseur» va "
            "être inauguré",
            "Pour rendre hommage à Hélène Vasseur, tuée pendant l'attentat du 12 mars 2022, les "
            "initiatives se multiplient, notamment à Auxerre. La ville natale de la secrétaire "
            "accueillera prochainement un espace célébrant la militante.")
RETROSPECTIVE = ("LONG FORMAT. Deux ans après, retour sur les attentats de mars 2022",
                 "Il y a deux ans jour pour jour, deux hommes se réclamant d'un groupe armé "
                 "entraient dans le bureau où travaillait Hélène Vasseur et faisaient feu. "
                 "Les frères Karim et Samir Belhadj tuaient quatre employés...")


def test_two_pieces_recalling_an_old_attack_are_two_stories() -> None:
    assert not joins(mark("francetv", *RETROSPECTIVE, 2), mark("lemonde", *MEMORIAL))
    # The same two texts published in the year they name share the attack's news, and join.
    then = AT - timedelta(days=365)
    memorial = story_mark(Entry("lemonde", "a", MEMORIAL[0], None, then, MEMORIAL[1]), "raw")
    retrospective = story_mark(Entry("francetv", "b", RETROSPECTIVE[0], None,
                                     then + timedelta(hours=2), RETROSPECTIVE[1]), "raw")
    assert joins(retrospective, memorial)
