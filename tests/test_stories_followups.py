"""Follow-ups that retell an event in other words or in another language: they join the story
when published close to it and their headlines name its rare people or places (see
docs/stories.md, "How one event is recognized", rule 5)."""

from __future__ import annotations

import pytest

from bot.stories.dedup import (
    headline_agreement,
    headline_people,
    headline_phrases,
    language,
    named_days,
    rare_name,
)
from bot.stories.grouping import Candidate, judge
from eval.eval_dedup import Corpus, Marker
from tests.conftest import CORPORA
from tests.test_stories_event_rules import joins, mark

KILLING = ("David Amess, UK lawmaker, dies after being stabbed",
           "A British Conservative lawmaker died on Friday after he was stabbed several times "
           "at a meeting with constituents in a church in Leigh-on-Sea, police said.")
GRIEF = ("'David Amess was my best friend': Essex town in grief",
         "Flowers and candles line the seafront as residents remember a man "
         "they knew for decades.")


def test_a_reaction_piece_joins_the_report_when_both_headlines_name_the_victim() -> None:
    report = mark("cnn", *KILLING)
    grief = mark("bbc", *GRIEF, 0.7)
    # Their leads share nothing rare: only the headlines tell one event.
    score, shared = headline_agreement(grief.terms, report.terms)
    assert shared == {"david", "amess"} and score >= 0.45
    assert joins(grief, report)
    # Tributes come for days; beyond the close window the same headlines are a later story.
    assert joins(mark("bbc", *GRIEF, 40), report)
    assert not joins(mark("bbc", *GRIEF, 80), report)


def test_headlines_that_share_only_common_words_are_no_follow_up() -> None:
    report = mark("cnn", "Council approves budget after long debate",
                  "Councillors voted for the spending plan late on Thursday night.")
    other = mark("bbc", "Budget debate: residents react to council cuts",
                 "Shop owners and parents gathered outside the town hall on Friday morning.", 2)
    assert not joins(other, report)


def test_a_rare_name_that_shares_little_of_two_long_headlines_is_no_follow_up() -> None:
    report = mark("cnn", "Gallagher signs record transfer deal with Milan giants",
                  "The midfielder agreed a five-year contract after a medical in Italy.")
    other = mark("bbc", "Gallagher family feud over seaside hotel inheritance heads to court",
                 "A judge will hear the dispute between the brothers next month.", 3)
    assert headline_agreement(other.terms, report.terms)[0] < 0.45
    assert not joins(other, report)


def test_watched_names_in_both_headlines_are_no_follow_up() -> None:
    first = ("Priti Patel speaks to media in Folkestone",
             "The Home Secretary is talking ahead of the weekend.")
    second = ("Priti Patel aiming for 100,000 new officers by Saturday",
              "The government wants a record year of police recruitment.")
    watched = ("Priti Patel",)
    assert not joins(mark("rnz", *second, 3, watched), mark("tvnz", *first, 0, watched))
    # Were she not watched, her name in both headlines would make them a follow-up.
    assert joins(mark("rnz", *second, 3), mark("tvnz", *first))


def test_the_language_of_a_headline_and_lead() -> None:
    assert language("Fusillade à Fort Lauderdale : le tireur interrogé, l'aéroport rouvert",
                    "", "raw") == {"@fr"}
    assert language("Fünf Tote im Flughafen: Täter von Fort Lauderdale checkte Waffe legal ein",
                    "Der Mann hatte die Waffe im Gepäck aufgegeben.", "raw") == {"@de"}
    assert language("At least five dead in Fort Lauderdale airport shooting", "", "raw") \
        == frozenset()
    assert language("Fort Lauderdale", "", "raw") == frozenset()  # names only: not told
    # One word of another language is often a name's: an English headline stays English.
    assert language("La Liga: Real Madrid beat Barcelona", "", "raw") == frozenset()
    assert language("fusillad à fort lauderdal", "", "stemmed") == frozenset()


SHOOTING = ("At least five dead in Fort Lauderdale airport shooting",
            "A gunman opened fire in the baggage claim area of the terminal on Friday.")
FRENCH = ("Fusillade à Fort Lauderdale : le tireur interrogé, l'aéroport rouvert",
          "Cinq personnes ont été tuées et huit autres blessées par les tirs.")


def test_one_event_in_two_languages_joins_on_the_name_both_headlines_give() -> None:
    report = mark("reuters", *SHOOTING)
    assert joins(mark("lemonde", *FRENCH, 3.6), report)
    assert not joins(mark("lemonde", *FRENCH, 80), report)  # not close
    # Within one feed a shared place name is its beat, whatever the languages.
    assert not joins(mark("reuters", *FRENCH, 3.6), report)


def test_one_match_in_two_languages_joins_on_the_players_both_leads_name() -> None:
    # Their headlines share nothing: the Spanish one names the opponent and the stadium, the
    # French one the coach and the record. The players who scored are in both leads.
    spanish = mark("minutos", "El Real Madrid golea al Granada y sigue invicto en el Bernabéu",
                   "Isco, en dos ocasiones, Benzema, Cristiano y Casemiro marcaron los goles del "
                   "equipo de Zidane, que iguala el récord de partidos seguidos sin perder.")
    french = mark("leparisien", "Football : le Real égale le record d'invincibilité du Barça",
                  "En dominant Grenade (5-0) grâce à des buts de Benzema, Casemiro et à un "
                  "doublé d'Isco, le Real Madrid a enchaîné un 39e match sans défaite.", 0.6)
    assert joins(french, spanish)
    # In one language, the players' names are the team's, and the next match's news is held
    # to the rules above.
    preview = mark("marca", "Zidane da descanso a sus titulares ante el Alavés",
                   "Benzema, Casemiro e Isco se quedan fuera de la convocatoria para el partido "
                   "del miércoles en Vitoria, donde el técnico probará a los jóvenes del filial.",
                   20)
    assert not joins(preview, spanish)


def test_headlines_sharing_only_a_place_name_are_no_follow_up() -> None:
    report = mark("reuters", *SHOOTING)
    council = mark("sun-sentinel", "Fort Lauderdale commissioners approve new beach budget",
                   "The city commission voted 4-1 for the spending plan on Tuesday.", 3)
    assert headline_agreement(council.terms, report.terms)[0] >= 0.45
    assert not joins(council, report)


def test_the_people_a_headline_names() -> None:
    assert headline_people("'David Amess was my best friend': Essex town in grief", "raw") \
        == {"+david", "+amess"}
    assert headline_people("Councilman Mark Ridley-Thomas says he won't resign", "raw") \
        == {"+mark", "+ridley", "+thoma"}
    assert headline_people("Fort Lauderdale commissioners approve new beach budget", "raw") \
        == frozenset()
    assert headline_people("david amess was my best friend", "stemmed") == frozenset()


@pytest.mark.corpus
def test_one_desk_retelling_a_dispute_in_its_own_words_joins() -> None:
    if not CORPORA.is_dir():
        pytest.skip(f"{CORPORA} is absent")
    corpus, marker = Corpus(CORPORA), Marker()
    source = "articles/bbc-news-2225.jsonl"
    ballot, talks = (marker.mark(corpus.doc(source, i)) for i in ("politics/294", "politics/069"))
    verdict = judge(talks, Candidate(1, ballot.fingerprint, ballot.terms, 1, ballot.feed))
    # One feed: its rare terms agree too little for the usual rule, its wording a lot.
    assert talks.feed == ballot.feed and verdict.agreement < 0.25 and verdict.sketch >= 0.4
    assert verdict.same


def test_two_items_of_one_feed_are_no_follow_up_whatever_their_headlines() -> None:
    # A desk's items on one beat share its rare words ("indefinite strike", a project's name)
    # across different events: within a feed only rules 1 to 3 join.
    assert joins(mark("bbc", *GRIEF, 0.7), mark("cnn", *KILLING))
    assert not joins(mark("cnn", *GRIEF, 0.7), mark("cnn", *KILLING))


def test_a_word_every_report_of_a_pandemic_has_is_no_follow_ups_name() -> None:
    vaccinated = mark("bbc", "Covid vaccine: How many people in the UK have been vaccinated?",
                      "More than 45 million people have had two doses, figures show.")
    world = mark("bbc-world", "Covid map: Coronavirus cases, deaths, vaccinations by country",
                 "The virus has spread to almost every nation since it first appeared.", 6)
    assert headline_agreement(world.terms, vaccinated.terms)[1] >= {"covid", "vaccin"}
    assert not joins(world, vaccinated)


def test_headlines_sharing_only_a_persons_name_need_leads_that_agree_too() -> None:
    report = mark("bbc", "George Floyd death: protests spread to forty cities",
                  "Demonstrators marched in Minneapolis, Atlanta and Los Angeles on Saturday.")
    feature = mark("nyt", "George Floyd: what the data show about race and policing",
                   "Studies of traffic stops and arrests over two decades find wide gaps.", 2)
    _, shared = headline_agreement(feature.terms, report.terms)
    assert shared == {"georg", "floyd"} and not joins(feature, report)


COLLAPSE = ("Texas bridge collapse: investigators search for cause",
            "Engineers examined the wreckage on Tuesday as divers searched the river for the "
            "two missing workers.")


def test_reports_whose_headlines_name_the_event_in_the_same_words_join() -> None:
    report = mark("ap", *COLLAPSE)
    detours = mark("chron", "Texas bridge collapse leaves commuters facing long detours",
                   "Drivers who crossed the span every morning now face an hour around the bay, "
                   "the transport office said.", 5)
    # No rare name, and the leads tell each its own part: only the headlines' phrase is one.
    _, shared = headline_agreement(detours.terms, report.terms)
    assert shared == {"texa", "bridg", "collaps"} and not any(map(rare_name, shared))
    assert joins(detours, report)
    # Within one feed, or days apart beyond the close window, the phrase joins nothing.
    assert not joins(mark("ap", "Texas bridge collapse leaves commuters facing long detours",
                          "Drivers now face an hour around the bay.", 5), report)
    assert not joins(mark("chron", "Texas bridge collapse leaves commuters facing long detours",
                          "Drivers now face an hour around the bay.", 80), report)


def test_the_same_words_in_another_order_are_no_phrase() -> None:
    report = mark("ap", *COLLAPSE)
    other = mark("chron", "Collapse fears: Texas town to close its old bridge",
                 "The county will shut the span to lorries from Monday after an inspection.", 5)
    assert headline_agreement(other.terms, report.terms)[1] == {"texa", "bridg", "collaps"}
    assert not joins(other, report)


def test_the_phrases_of_a_headline() -> None:
    assert headline_phrases("Florida airport shooting: five dead", "raw") \
        == {"&florida_airport", "&airport_shoot", "&shoot_five", "&five_dead"}
    # A letter is no part of a phrase: the pieces of "U.S.", a model's letter.
    assert headline_phrases("U.S. veteran held over iPhone X thefts", "raw") \
        == {"&veteran_held", "&held_iphon"}


PREVIEW = ("Health chief set for Super Saturday as clinics stay open late",
           "Dozens of pop-up clinics will open across the motu, with buses taking people to "
           "their first jab.")
RESULTS = ("More than 9700 people vaccinated in Southland on Super Saturday",
           "The region's district health board said queues formed early at the stadium.")


def test_headlines_that_name_one_day_are_one_event() -> None:
    # The leads share nothing rare and the headlines one phrase, short of the terms a short
    # headline needs: only the day's name, capitalized in both headlines, tells one event.
    preview, results = mark("rnz", *PREVIEW), mark("odt", *RESULTS, 30)
    assert named_days(PREVIEW[0], "raw") == {"/super_saturday"}
    assert joins(results, preview)
    # Within one feed (a weekly slot), or beyond the close window, the name joins nothing.
    assert not joins(mark("rnz", *RESULTS, 30), preview)
    assert not joins(mark("odt", *RESULTS, 80), preview)


def test_a_weekday_is_a_named_day_only_after_a_capitalized_word_in_a_sentence_case_headline(
        ) -> None:
    assert named_days("Shoppers queue outside stores on Black Friday", "raw") \
        == {"/black_friday"}
    assert named_days("Protesters March Saturday in Brooklyn", "raw") == frozenset()  # title case
    assert named_days("Talks resume on Saturday in Geneva", "raw") == frozenset()
    assert named_days("Covid-19: What happened on Sunday, 17 October", "raw") == frozenset()
    assert named_days("super saturday vaccin", "stemmed") == frozenset()
