"""The rules that keep one thread to one event: what two items must share besides a name, within
one feed and across outlets (see docs/stories.md, "How one event is recognized")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.models import Entry
from bot.stories.dedup import event_terms, headline_terms, show_label
from bot.stories.grouping import Candidate, StoryMark, judge, story_mark

AT = datetime(2021, 10, 16, 12, 0, tzinfo=UTC)


def mark(feed: str, title: str, text: str, hours: float = 0.0,
         watched: tuple[str, ...] = ()) -> StoryMark:
    entry = Entry(feed, title, title, None, AT + timedelta(hours=hours), text)
    return story_mark(entry, "raw", frozenset(), watched)


def joins(a: StoryMark, b: StoryMark) -> bool:
    return judge(a, Candidate(1, b.fingerprint, b.terms, 1, b.feed, b.published)).same


def test_web_addresses_are_not_event_terms() -> None:
    text = ("'Watters' World' host discusses inflation. Subscribe to Fox News! "
            "https://bit.ly/2vBUvAS Watch more at www.foxnewsgo.com/live")
    terms = event_terms("Jesse Watters: lost touch with reality", text, "raw")
    assert "inflat" in terms and "watter" in terms
    assert not {"2vbuva", "foxnewsgo", "bit"} & terms


def test_the_number_of_a_numbered_name_is_not_a_rare_term_of_its_own() -> None:
    # Every number counts as rare: "Covid-19" would be two rare terms every pandemic report has.
    terms = event_terms("Covid-19 strategy not clear, says Greens MP",
                        "The Covid-19 outbreak in Auckland grew by 65 cases.", "raw")
    assert "covid" in terms and "19" not in terms
    assert "65" in terms  # a number of its own still counts
    assert "^19" not in headline_terms("Covid-19: 1000 tickets up for grabs", "raw")


def test_the_thousands_of_two_amounts_are_not_a_shared_term() -> None:
    a = event_terms("You may be fined Rs. 5,000 for littering", "", "raw")
    b = event_terms("Rs. 1,000 fine for sticking ads on bikes", "", "raw")
    assert "000" not in a | b
    assert a & b == {"rs", "fine"} and "litter" in a


LEAD = ("The exhibition at a London gallery shows how colonial plunder shaped the climate "
        "emergency, with maps of plantations, mines and the legacy of empire on display.")


def test_items_of_one_feed_from_different_programmes_stay_apart() -> None:
    report = mark("aljazeera", "New colonialism exhibition in London exposes climate role", LEAD)
    title = "Colonialism exhibition in London and the climate role"
    show = mark("aljazeera", f"{title} | Inside Story", LEAD, 3)
    assert show_label(f"{title} | Inside Story", "raw") == {"|insid_stori"}
    assert show_label(title, "raw") == frozenset()
    assert joins(mark("aljazeera", title, LEAD, 3), report)  # without a programme's name
    assert not joins(show, report)
    assert not joins(report, show)
    # Another outlet's programme is not held to it: the rule is about one feed's own shows.
    assert joins(mark("other", f"{title} | Inside Story", LEAD, 3), report)


def test_two_segments_of_one_host_share_his_name_and_not_an_event() -> None:
    footer = " https://bit.ly/2vBUvAS"
    first = mark("foxnews", "Jesse Watters: Biden's lost touch with reality",
                 "'Watters' World' host Jesse Watters discusses inflation and soaring gas prices."
                 + footer)
    second = mark("foxnews", "Jesse Watters hits the streets to find out who is the vice president",
                  "'Watters' World' host Jesse Watters asks New Yorkers about the vice president."
                  + footer, 1)
    assert not joins(second, first)
    # Two reports of his one interview share more than his name, and join.
    again = mark("foxnews", "Jesse Watters: Biden's lost touch with gas prices and inflation",
                 "'Watters' World' host Jesse Watters discusses inflation and soaring gas prices "
                 "with a Texas trucker." + footer, 1)
    assert joins(again, first)


def test_reporters_a_feed_credits_in_its_leads_do_not_make_one_event() -> None:
    credit = "Matt Apuzzo and Katie Benner, reporting for the NYT:"
    first = mark("fireball", "Absolutely Right",
                 f"{credit} officials said the locked phone of the attacker held nothing new "
                 "for investigators.")
    second = mark("fireball", "The Next Step in iPhone Impregnability",
                  f"{credit} engineers are building security that would defeat the same "
                  "court order.", 48)
    close_by = mark("fireball", "The Next Step in iPhone Impregnability",
                    f"{credit} engineers are building security that would defeat the same "
                    "court order.", 4)
    assert not joins(second, first)
    assert not joins(close_by, first)
    # Another outlet's post with the same lead is not a byline of one feed, and joins.
    assert joins(mark("elsewhere", "The Next Step in iPhone Impregnability",
                      f"{credit} engineers are building security that would defeat the same "
                      "court order.", 4), first)


def test_close_reports_joined_by_a_name_must_share_a_headline_word() -> None:
    report = mark("guardian", "Orlando gunman Omar Mateen was a regular at Pulse nightclub",
                  "Omar Mateen had visited the Pulse nightclub many times before the attack, "
                  "witnesses said, as FBI investigators examined his phone, his marriage and "
                  "trips to Saudi Arabia.")
    explainer = mark("vox", "Why average people decide to become terrorists",
                     "Psychologists studying radicalization, extremism and jihadist recruitment "
                     "find that ordinary men drift toward violence through grievance and "
                     "belonging; Omar Mateen, who attacked a nightclub, fits the pattern scholars "
                     "describe.", 6)
    follow = mark("vox", "Omar Mateen had been to Pulse before, say clubgoers",
                  "Omar Mateen had visited the Pulse nightclub many times, clubgoers told "
                  "reporters, as the investigation of the attack went on.", 6)
    assert not joins(explainer, report)
    assert joins(follow, report)


def test_a_shared_place_name_alone_joins_nothing() -> None:
    stabbing = mark("stuff", "Man arrested after stabbing in Palmerston North",
                    "A 55-year-old man is in hospital after an attack in Palmerston North.")
    feature = mark("onenews", "Good Sorts: Palmerston North man fixes up giant elephant",
                   "A Palmerston North man has restored a giant fibreglass elephant.", 5)
    assert not joins(feature, stabbing)


def test_reports_of_one_killing_a_day_apart_join_on_the_victims_name() -> None:
    death = mark("cnn", "David Amess, UK lawmaker, dies after being stabbed",
                 "British Conservative lawmaker David Amess has died after being stabbed multiple "
                 "times at a constituency surgery in Leigh-on-Sea, police said, as a "
                 "25-year-old man was arrested on suspicion of murder.")

    def grief(hours: float) -> StoryMark:
        return mark("guardian", "'David Amess was my best friend': a town in grief",
                    "Residents choke back tears on the streets as they remember their "
                    "compassionate neighbour and MP, David Amess, who was stabbed in a Methodist "
                    "church on Friday.", hours)

    assert joins(grief(20), death)  # a day's aftermath, on the name and one more rare word
    assert joins(grief(40), death)  # the third day's aftermath too
    assert not joins(grief(80), death)  # beyond the window


def test_years_alone_are_not_enough_shared_terms() -> None:
    # Every number counts as rare; two items that share only the years they look back and
    # forward to share no event.
    marketing = mark("hubspot", "Why you need to focus on video marketing in 2017",
                     "Video was the format of 2016, and it will matter even more in 2017: "
                     "people watch more clips on their phones every month, so plan your "
                     "budget, your team and your calendar around short films.")
    awards = mark("verge", "Our awards at CES 2017: the best gadgets of the show",
                  "The gadgets we liked most in Las Vegas, from 2016's favourites to 2017's "
                  "surprises: televisions that roll up, cars that talk back and a robot that "
                  "folds your laundry while you sleep.", 30)
    assert {"2016", "2017"} <= awards.terms & marketing.terms
    assert not joins(awards, marketing)


def test_the_common_words_of_another_language_are_not_event_terms() -> None:
    # Every word of another language is rare in English: two items of a Brazilian feed would
    # share "para", "com" and "está" whatever they report.
    title = "TECPUC oferece mais de 40 bolsas sociais de estudo em Curitiba"
    text = ("O centro de educação profissional do Grupo Marista está com o processo seletivo "
            "aberto para bolsas sociais de estudo para o primeiro semestre, com prova em "
            "dezembro.")
    terms = mark("massa", title, text).terms
    assert {"curitiba", "tecpuc", "bolsa", "marista", "^tecpuc"} <= terms
    assert not {"para", "com", "está", "em", "o", "^em", "^de"} & terms


def test_items_days_apart_share_more_than_a_product_name() -> None:
    # Two days apart, "Office 365" in both leads is the suite two pieces of news are about, not
    # one event: beyond 36 hours two articles share three event terms or more (a killing's
    # aftermath names the victim, the place and the stabbing).
    backup = mark("maurer", "Backup for Office 365 mailboxes is out",
                  "The new version copies the mail of every Office 365 account to a place you "
                  "choose and brings back a single message in a few clicks when someone deletes "
                  "the wrong one by mistake, the company said on Monday.")
    bots = mark("botframework", "Bots reach Office 365 users",
                "Developers can now offer their bots to the people who use Office 365 at work, "
                "so that colleagues find them in the store of their company and talk to them in "
                "any group they like, the company said in a post for the people who build "
                "them.", 50)
    assert bots.terms & backup.terms >= {"365", "offic"}
    assert not joins(bots, backup)
