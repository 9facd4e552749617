"""A person dies once, and a shooting named by its place is one attack: reports whose headlines
tell one person's death or name one shooting join one story, however little else they share
(see docs/stories.md, "How one event is recognized", rule 6)."""

from __future__ import annotations

from bot.models import Entry
from bot.stories.dedup import deaths_told, headline_label, plain_terms, shootings_told
from bot.stories.grouping import judge, story_mark
from bot.stories.index import RecentArticles
from tests.test_stories_event_rules import AT, joins, mark

REACTION = ("Mary Okafor death: why dockers in Apapa and Tin Can walked off the quays",
            "From unpaid overtime to broken cranes and missing harnesses, stevedores explain what "
            "brought them out.")
REPORT = ("Eleven seconds: how Mary Okafor was killed by a reversing forklift truck",
          "A reconstruction of the crash from CCTV footage, radio logs and witness accounts "
          "shows the alarm was disconnected.")


def test_the_person_whose_death_a_headline_tells() -> None:
    assert deaths_told(*REACTION, "raw") == {"!mari_okafor", "*mari_okafor"}
    assert deaths_told(*REPORT, "raw") == {"!mari_okafor", "*mari_okafor"}
    # The surname alone in the headline is the person the lead names in full.
    assert deaths_told("Dockers stop work over Okafor death",
                       "Unions called the stoppage after the death of Mary Okafor.", "raw") \
        == {"!mari_okafor", "*mari_okafor"}
    assert deaths_told("Tributes after the killing of Sir Peter Hale", "", "raw") \
        == {"!peter_hale", "*peter_hale"}
    # A death word that is not about the named person, or a name past a clause break, is none.
    assert deaths_told("Peter Hale condemns the killing", "", "raw") == frozenset()
    assert deaths_told("Killing of Hale: Boris Ward says", "", "raw") == frozenset()
    assert deaths_told("Mary Okafor: marchers fill the square", "", "raw") == frozenset()
    assert deaths_told("mari okafor death", "", "stemmed") == frozenset()


def test_two_headlines_that_tell_one_persons_death_join() -> None:
    reaction, report = mark("bbc", *REACTION), mark("nyt", *REPORT, 3)
    # Their leads share nothing, and their headlines only her name.
    assert not joins(mark("bbc", REACTION[0].replace(" death", ""), REACTION[1]),
                     report)
    assert joins(reaction, report)
    # Days later, or in another programme of one feed, it is another story.
    assert not joins(mark("bbc", *REACTION, 80), report)
    assert joins(mark("bbc", *REACTION, 20), mark("bbc", *REPORT))
    assert not joins(mark("bbc", *REACTION, 40), mark("bbc", *REPORT))


def test_a_lead_that_opens_on_the_death_joins_a_headline_that_tells_it() -> None:
    pictures = ("Pictures of the Mary Okafor marches across the coast",
                "Mary Okafor's death brought crowds to Apapa, Tema and Lomé. In each port "
                "the stevedores stopped the cranes.")
    data = ("Mary Okafor: what the figures say about safety in the ports",
            "We looked at the records of injuries at West African container terminals.")
    assert deaths_told(*pictures, "raw") == {"*mari_okafor"}
    report = mark("nyt", *REPORT)
    assert joins(mark("bbc", *pictures, 5), report)
    # An explainer that names her but tells no death is its own piece; two leads alone are
    # not enough either.
    assert deaths_told(*data, "raw") == frozenset()
    talks = ("Dock unions meet the harbour board on safety rules",
             "The death of Mary Okafor was the third at a terminal this year, and negotiators "
             "want helmets, lighting and inspections written into the contract.")
    assert deaths_told(*talks, "raw") == {"*mari_okafor"}
    assert not joins(mark("bbc", *pictures, 5), mark("nyt", *talks))


def test_the_place_of_a_shooting_a_headline_names() -> None:
    host = "Comedian Ada Vale on Tulsa shooting: 'we are numb'"
    assert shootings_told(host, "", "raw") == {"%tulsa", "$tulsa"}
    assert shootings_told("The Tulsa mass shooting is a test for the mayor", "", "raw") \
        == {"%tulsa", "$tulsa"}
    assert shootings_told("Scenes From Fort Lauderdale Airport Shooting", "", "raw") \
        == {"%lauderdal", "$lauderdal"}
    assert shootings_told("A massacre of Algerians in Paris", "", "raw") \
        == {"%algerian", "$algerian"}
    # The lead's first sentence names it too, before "shooting" only: a lead that introduces
    # "the shooting in Tulsa" most often makes it the backdrop of a feature.
    assert shootings_told("Why the mayor spoke", "He spoke after the Tulsa bar shooting. "
                          "The Orlando shooting came later.", "raw") == {"$tulsa"}
    assert shootings_told("Why gun laws stall", "The shooting in Tulsa was the worst in years.",
                          "raw") == frozenset()
    # A big city's name is no one event; a capital that only opens the headline is no place.
    assert shootings_told("Chicago shooting leaves three hurt", "", "raw") == frozenset()
    assert shootings_told("Alleged mastermind behind shooting arrested", "", "raw") == frozenset()
    assert shootings_told("tulsa shoot", "", "stemmed") == frozenset()


def test_two_headlines_that_name_one_shooting_by_its_place_join() -> None:
    host = mark("vox", "Comedian Ada Vale on Tulsa shooting: 'we are numb'",
                "The late-night host opened her monologue without jokes, reading the names.")
    pastor = mark("guardian", "Pastor Eli Moss on Tulsa shooting: forgive, but remember",
                  "In his Sunday sermon the preacher asked the congregation to pray for "
                  "families.", 6)
    assert joins(pastor, host)
    assert not joins(mark("guardian", "Pastor Eli Moss on forgiveness: forgive, but remember",
                          "In his Sunday sermon the preacher asked the congregation to pray "
                          "for families.", 6), host)
    assert not joins(mark("guardian", "Pastor Eli Moss on Tulsa shooting: forgive, but remember",
                          "In his Sunday sermon the preacher asked the congregation to pray "
                          "for families.", 80), host)
    # A lead that opens on the shooting joins a headline that names it; two leads do not.
    essay = ("What Eli Moss told his congregation on Sunday",
             "Pastor Eli Moss spoke of forgiveness after the Tulsa shooting. The choir sang.")
    assert joins(mark("guardian", *essay, 6), host)
    assert not joins(mark("guardian", *essay, 6), mark("vox", "Ada Vale on numbness",
                                                        "She spoke after the Tulsa shooting on "
                                                        "her late show."))


def test_a_victim_word_before_a_role_is_the_one_person_the_headline_names() -> None:
    assert deaths_told("Mary Okafor: a port renamed in honour of crushed docker", "", "raw") \
        == frozenset()
    assert deaths_told("Mary Okafor: a port renamed in honour of killed docker", "", "raw") \
        == {"!mari_okafor", "*mari_okafor"}
    # Two people named: the victim is not told; in a lead, "killed" is the killer's verb.
    assert deaths_told("Mary Okafor and Ade Bello: port renamed for killed docker", "",
                       "raw") == frozenset()
    assert deaths_told("Port renamed", "The driver, Ade Bello, killed two dockers on Monday.",
                       "raw") == frozenset()


def test_the_recent_articles_find_an_article_by_the_shooting_alone() -> None:
    # A feed whose every item covers the shooting has its words as house words: the host's
    # segment shares no event term with the pastor's sermon, only the shooting's place.
    host = story_mark(Entry("vox", "1", "Comedian Ada Vale on Tulsa shooting: 'we are numb'",
                            None, AT, "The late-night host opened her monologue without jokes."),
                      "raw", house=frozenset({"tulsa", "shoot"}))
    pastor = story_mark(Entry("guardian", "2", "Pastor Eli Moss on Tulsa shooting: forgive",
                              None, AT, "In his Sunday sermon the preacher asked for prayers."),
                        "raw")
    assert not plain_terms(host.terms) & plain_terms(pastor.terms)
    recent = RecentArticles()
    at = AT.timestamp()
    recent.add(1, 10, 1, at, at, host.fingerprint, host.terms, "vox")
    [found] = recent.candidates(pastor.terms, at, at - 3600, 72 * 3600)
    assert found.story_id == 10 and judge(pastor, found).same


def test_a_headline_labelled_by_a_person_joins_one_that_tells_his_death() -> None:
    tribute = ("Sir Peter Hale: Premier leads tributes to much-loved councillor",
               "Flags flew at half mast over the town hall as colleagues from every party "
               "remembered a man who served the ward for thirty years.")
    killing = ("Sir Peter Hale killing casts shadow over Marlow ward",
               "Residents laid flowers outside the library on Saturday morning.")
    assert headline_label(*tribute, "raw") == {"*peter_hale"}
    assert deaths_told(*tribute, "raw") == frozenset()
    # One desk tells the killing and heads its tributes with his name: one story, within a day
    # and a half; in another feed within three days.
    assert joins(mark("bbc", *tribute, 20), mark("bbc", *killing))
    assert not joins(mark("bbc", *tribute, 40), mark("bbc", *killing))
    assert joins(mark("guardian", *tribute, 40), mark("bbc", *killing))
    # A label without a told death beside it is a cast, not an event.
    assert not joins(mark("bbc", *tribute, 20),
                     mark("bbc", "Sir Peter Hale opens Marlow library extension",
                          "Residents laid flowers outside the library on Saturday morning."))


def test_a_label_that_asks_a_question_or_is_no_name_labels_no_one() -> None:
    assert headline_label("Sir Peter Hale: What do the figures say about council safety?", "",
                          "raw") == frozenset()
    assert headline_label("Sir Peter Hale: why the ward mourns", "", "raw") == frozenset()
    assert headline_label("Breaking news from the ward: Peter Hale", "", "raw") == frozenset()
    assert headline_label("Live: Peter Hale killing", "", "raw") == frozenset()
    assert headline_label("sir peter hale: tribut", "", "stemmed") == frozenset()
