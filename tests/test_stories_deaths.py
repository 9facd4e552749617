"""A person dies once: reports whose headlines tell one person's death join one story, however
little else they share (see docs/stories.md, "How one event is recognized", rule 6)."""

from __future__ import annotations

from bot.stories.dedup import deaths_told
from tests.test_stories_event_rules import joins, mark

REACTION = ("Mary Okafor death: why dockers in Apapa and Tin Can walked off the quays",
            "From unpaid overtime to broken cranes and missing harnesses, stevedores explain what "
            "brought them out.")
REPORT = ("Eleven seconds: how Mary Okafor was killed by a reversing forklift truck",
          "A reconstruction of the crash from CCTV footage, radio logs and witness accounts "
          "shows the alarm was disconnected.")


def test_the_person_whose_death_a_headline_tells() -> None:
    assert deaths_told(*REACTION, "raw") == {"!mari_okafor"}
    assert deaths_told(*REPORT, "raw") == {"!mari_okafor"}
    # The surname alone in the headline is the person the lead names in full.
    assert deaths_told("Dockers stop work over Okafor death",
                       "Unions called the stoppage after the death of Mary Okafor.", "raw") \
        == {"!mari_okafor"}
    assert deaths_told("Tributes after the killing of Sir Peter Hale", "", "raw") \
        == {"!peter_hale"}
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
