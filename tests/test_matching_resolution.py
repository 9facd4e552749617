"""Who and what an article really names: surnames resolved in the article, nicknames, names that
are common words, events by form and sense, prominence, and the check-config report."""

from __future__ import annotations

import dataclasses
import json

import pytest

from bot.config import ConfigError, load_config
from bot.matching.matcher import ambiguous_entries, compile_topics, employs_commentator
from bot.models import Article, Entity, EntityMatch, Topic, TopicMatch
from bot.pipeline import Subscribers
from bot.textnorm import tokenize
from tests.conftest import REPO
from tests.test_cli import newsalert
from tests.test_matching import event, matches, org, person, seed

BROWN = person("Gordon Brown")


def names(found: dict[str, EntityMatch]) -> set[str]:
    return set(found)


# --- people: a surname is the person the article introduced with it ----------------------

@pytest.mark.parametrize("text", [
    "He is working with Steve Brown, who wrote the musical. Mr Brown's success followed.",
    "Former Scotland manager Craig Brown backed him. Brown said: \"Walter is outstanding.\"",
    "Subs Not Used: Orr, Brown. Hill scored twice.",
    "Pole vaulter Zoe Brown and Paul McKee watched on TV.",
])
def test_someone_else_with_the_surname_is_not_the_watched_person(text: str) -> None:
    assert matches(text, BROWN) == {}


@pytest.mark.parametrize("text", [
    "He made his debut for England on 27 May and scored twice.",
    "Approvals rose in March, the Bank said, and again in May.",
    "Talks resume on Sunday, when the union meets.",
])
def test_a_month_or_day_is_no_surname_when_no_one_of_that_name_is_introduced(text: str) -> None:
    watched = [person("Theresa May"), person("Fredric March"), person("Mike Sunday")]
    assert matches(text, *watched) == {}


@pytest.mark.parametrize("text", [
    "The firm's shares rose in London and in Houston.",
    "Talks with Jordan and Israel resumed on Monday.",
    "Washington has asked allies to send more troops.",
])
def test_a_place_is_no_surname_when_no_one_of_that_name_is_introduced(text: str) -> None:
    watched = [person("Jack London"), person("Jim Jordan"), person("Denzel Washington"),
               person("Paul Houston")]
    assert matches(text, *watched) == {}
    found = matches("Rep. Jim Jordan spoke. Later, Jordan said he would stay.", *watched)
    assert found["Jim Jordan"].count == 2


def test_major_and_general_in_lowercase_are_no_titles() -> None:
    london = person("Jack London")
    assert matches("Booths were set up in a major London department store.", london) == {}
    assert set(matches("Major London led the regiment.", london)) == {"Jack London"}


@pytest.mark.parametrize(("text", "prominence"), [
    ("The assault was caught on a Facebook video, police said.", "passing"),
    ("The minister posted on his Facebook page that the drone was destroyed.", "passing"),
    ("The killer posted video of the attack on Facebook, prosecutors said.", "passing"),
    ("Shares rose after the results, putting pressure on Facebook to respond.", "lead"),
    ("Facebook said on Tuesday that its profits rose by a fifth.", "lead"),
    ("The firm launched Facebook Live in more countries on Tuesday.", "lead"),
])
def test_a_company_named_as_the_medium_of_a_post_is_named_in_passing(
        text: str, prominence: str) -> None:
    found = matches(text, org("Facebook"), title="News of the day")
    assert found["Facebook"].prominence == prominence


@pytest.mark.parametrize(("text", "prominence"), [
    ("The app can be downloaded from Google Play Store on Android phones.", "passing"),
    ("The game is available on Google Play and the App Store.", "passing"),
    ("Google Play Store removed the app on Tuesday, the developer said.", "lead"),
])
def test_a_store_an_app_is_downloaded_from_is_named_in_passing(text: str,
                                                               prominence: str) -> None:
    found = matches(text, org("Google"), title="News of the day")
    assert found["Google"].prominence == prominence


@pytest.mark.parametrize(("text", "prominence"), [
    ("The seat held by Adam Kinzinger, a Donald Trump antagonist, would be eliminated.",
     "passing"),
    ("Two Donald Trump allies lost their primaries on Tuesday.", "passing"),
    ("On Tuesday, Donald Trump said that the seat would be eliminated.", "lead"),
])
def test_a_name_that_describes_someone_else_is_named_in_passing(text: str,
                                                                 prominence: str) -> None:
    found = matches(text, person("Donald Trump"), title="News of the day")
    assert found["Donald Trump"].prominence == prominence


_PAST_THE_LEAD = "The row went on all week. Ministers met on Monday to discuss it. "


@pytest.mark.parametrize(("sentence", "name", "prominence"), [
    ("Foreign Secretary Jack Straw said the toll had reached 440.", "Jack Straw", "body"),
    ("Tory leader Michael Howard, asked about Mr Livingstone's remark by reporters, said it "
     "was wrong.", "Michael Howard", "body"),
    ("His party leader, Michael Howard, argued a change was needed.", "Michael Howard", "body"),
    ("Reds skipper Steven Gerrard also revealed he is an admirer.", "Steven Gerrard", "body"),
    ("The player and his captain Jason Robinson have both said it was an accident.",
     "Jason Robinson", "body"),
    ("\"It was never going to happen,\" said Clare Short.", "Clare Short", "body"),
    ("Hansard records the reply. Said Clare Short: no.", "Clare Short", "body"),
    ("She has finished second to Paula Radcliffe in both races.", "Paula Radcliffe", "passing"),
    ("Despite Kelly Holmes' golden double, the team failed.", "Kelly Holmes", "passing"),
    ("Only one in six knew who Michael Howard was.", "Michael Howard", "passing"),
    ("The return of Wayne Rooney is expected in March.", "Wayne Rooney", "passing"),
    ("The clubs paid £27m for Wayne Rooney, the report said.", "Wayne Rooney", "passing"),
    ("But the director award went to Clint Eastwood for Million Dollar Baby.", "Clint Eastwood",
     "body"),  # a prize's winner is its news
    ("The team went to Clint Eastwood's ranch.", "Clint Eastwood", "passing"),
])
def test_a_person_named_once_who_acts_or_speaks_is_in_the_body(
        sentence: str, name: str, prominence: str) -> None:
    found = matches(_PAST_THE_LEAD + sentence, person(name), title="News of the day")
    assert found[name].count == 1 and found[name].prominence == prominence


def test_an_organization_named_once_is_passing_whatever_it_does() -> None:
    found = matches(_PAST_THE_LEAD + "Barclays said the fee was fair.", org("Barclays"),
                    title="News of the day")
    assert found["Barclays"].prominence == "passing"


def test_a_mans_title_before_a_post_is_someone_else_for_a_watched_woman() -> None:
    may = person("Theresa May")
    assert matches("Lord Justice May ruled that the protest could not go ahead.", may) == {}
    assert set(matches("Home Secretary May ruled it out.", may)) == {"Theresa May"}


def test_a_month_surname_counts_once_the_person_is_named() -> None:
    may = person("Theresa May")
    assert matches("Mrs May said the talks would go on.", may)["Theresa May"].count == 1
    found = matches("Theresa May spoke first. Later, May said she would stay.", may)
    assert found["Theresa May"].count == 2


@pytest.mark.parametrize("text", [
    "Nick Clark reports from Cairo.\n- Find us on Facebook: https://www.facebook.com/aljazeera/",
    "Our guests this week. Amazon: http://www.amazon.co.uk/dp/0143127748",
    "FOLLOW US ON SOCIAL MEDIA Facebook: https://www.facebook.com/1NewsNZ/",
])
def test_a_name_that_labels_a_link_to_its_own_site_is_no_mention(text: str) -> None:
    watched = [org("Facebook"), org("Amazon")]
    assert matches(text, *watched) == {}
    # The same names as news still count, a link elsewhere beside them too.
    assert set(matches("Facebook said on Tuesday it would close its office: "
                       "https://www.reuters.com/facebook-office", *watched)) == {"Facebook"}
    assert set(matches("Buy it on Amazon (https://amzn.to/2x).", *watched)) == {"Amazon"}


def test_someone_in_jail_is_not_being_sentenced() -> None:
    sentenced = event("sentenced", "jailed")
    assert matches("The former boss, who is currently in jail, was not at the meeting.",
                   sentenced) == {}
    assert matches("Staff misusing the data would face up to two years in jail.",
                   sentenced) == {}
    assert set(matches("He was jailed for six years on Friday.", sentenced)) == {"sentenced"}


@pytest.mark.parametrize("form", ["raw", "stemmed"])
def test_a_cardiac_arrest_is_no_arrest(form: str) -> None:
    arrested = event("arrested")
    text = "A cardiac arrest survivor tells of his battle to live."
    if form == "stemmed":
        text = "a cardiac arrest survivor tell of hi battl to live ."
    assert matches(text, arrested, form=form) == {}
    assert set(matches("He had a cardiac arrest after his arrest.", arrested)) == {"arrested"}


@pytest.mark.parametrize(("text", "counted"), [
    ("However, Blair said he would stay.", True),
    ("In London, Blair said he would stay.", True),
    ("Take say on Blair, Blair's adviser said so.", True),
    ("Subs Not Used: Orr, Blair.", False),
    ("Mr Howard, Blair and Kennedy met.", False),
    ("Danaher for Gustard (66), Blair for Murphy (47).", False),
])
def test_a_surname_in_running_text_is_no_list_of_names(text: str, counted: bool) -> None:
    # alone in the body a bare surname no one is introduced with needs another mention anyway;
    # a headline's counts on its own, unless it stands in a list of names
    assert bool(matches("The match was played.", person("Tony Blair"), title=text)) == counted


def test_surname_resolves_to_the_full_name_and_the_alert_shows_it() -> None:
    found = matches("Chancellor Gordon Brown invited him. Mr Brown introduced the guest.", BROWN)
    assert found["Gordon Brown"].count == 2
    assert found["Gordon Brown"].resolved == ("Mr Brown → Gordon Brown",)


def test_a_headline_surname_before_the_full_name_counts() -> None:
    found = matches("Gordon Brown will say so in a speech.", BROWN,
                    title="Brown to outline presidency goals")
    assert found["Gordon Brown"].in_title and found["Gordon Brown"].prominence == "headline"
    clarke = [person("Charles Clarke"), person("Kenneth Clarke")]
    found = matches("Home Secretary Charles Clarke has said so. Mr Clarke will add more.", *clarke,
                    title="Clarke plans migrant point scheme")
    assert names(found) == {"Charles Clarke"}


def test_the_last_person_introduced_is_the_one_meant() -> None:
    robinson = [person("Jason Robinson"), person("Andy Robinson")]
    found = matches("Coach Andy Robinson picked Jason Robinson. Robinson will lead the side.",
                    *robinson)
    assert found["Jason Robinson"].count == 2 and found["Andy Robinson"].count == 1


def test_a_different_initial_is_a_different_person_and_the_same_initial_is_not() -> None:
    assert matches("M Blair (Edinburgh), A Craig (Glasgow).", person("Tony Blair")) == {}
    assert matches("K Holmes (Ealing, Southall and Middlesex AC).", person("Kelly Holmes"))
    assert matches("Keywords: Lee Harvey Oswald, John F. Kennedy.",
                   person("Charles Kennedy")) == {}


def test_a_first_name_is_not_the_surname() -> None:
    howard = person("Michael Howard")
    assert matches("The biopic of Howard Hughes. Sir Howard Newby spoke.", howard) == {}
    assert matches("Her father, Murray Rainey, raced.", person("Andy Murray")) == {}


def test_a_title_of_the_other_gender_is_not_the_watched_person() -> None:
    howard, kennedy, holmes = person("Michael Howard"), person("Charles Kennedy"), \
        person("Kelly Holmes")
    found = matches("Michael Howard's wife, Sandra, will campaign. Mrs Howard said so.", howard)
    assert found["Michael Howard"].count == 1 and found["Michael Howard"].resolved == ()
    assert matches("Labour peer Baroness Kennedy said people thought so.", kennedy) == {}
    assert matches("Mr. Holmes, the headmaster, said so.", holmes) == {}
    assert matches("Lady Kennedy spoke. Mrs Howard spoke.", person("Charles Kennedy"),
                   form="stemmed") == {}
    assert matches("Mr Howard said so.", howard) and matches("Sir Charles said so. Mr Kennedy "
                                                            "agreed.", kennedy)
    assert matches("Ms Holmes won the race.", holmes)


def test_a_surname_in_a_label_or_a_longer_name_needs_another_mention() -> None:
    straw = person("Jack Straw")
    assert matches("The band's third album Final Straw sold well.", straw) == {}
    assert matches("The album Final Straw sold well. Foreign Secretary Jack Straw liked it.", straw)
    owen = person("Michael Owen")
    assert matches("They won the 2004 Jesse Owens Awards.", owen,
                   title="Gatlin and Hayes win Owen awards") == {}
    assert matches("This won't go down as one of Paula's greatest marathons.",
                   person("Paula Radcliffe"), title="Radcliffe proves doubters wrong")


def test_a_name_the_body_spells_with_capitals_is_no_surname_in_a_title_case_title() -> None:
    found = matches("Tim Henman has retired from Great Britain's Davis Cup team.",
                    person("David Davis"), person("Tim Henman"),
                    title="Henman Decides To Quit Davis Cup")
    assert names(found) == {"Tim Henman"}


@pytest.mark.parametrize(("text", "watched", "shown"), [
    ("Former WorldCom chief Bernie Ebbers denied it. Mr Ebbers spoke.", "Bernard Ebbers",
     "Bernie Ebbers → Bernard Ebbers"),
    ("Tories Ken Clarke and Sir George Young backed it. Mr Clarke said so.", "Kenneth Clarke",
     "Ken Clarke → Kenneth Clarke"),
    ("Captain Jeremy Bates named Andrew Murray.", "Andy Murray", "Andrew Murray → Andy Murray"),
    ("The trial of Bernad Ebbers began.", "Bernard Ebbers", "Bernad Ebbers → Bernard Ebbers"),
])
def test_nicknames_and_misspelt_first_names(text: str, watched: str, shown: str) -> None:
    found = matches(text, person(watched))
    assert shown in found[watched].resolved


def test_a_misspelt_first_name_needs_a_rare_surname() -> None:
    assert matches("Gordan Brown opened the shop.", BROWN) == {}


# --- organizations named by common words and short acronyms -------------------------------

NEXT = Entity("organization", "Next")


def retail(entity: Entity = NEXT, context: tuple[str, ...] = ("retailer", "high street")
           ) -> Topic:
    return Topic("retail", "retail", organizations=(entity,), context=context)


def next_matches(text: str, title: str = "", context: tuple[str, ...] = ("retailer",)) -> bool:
    result = compile_topics([retail(context=context)]).match(Article(title, text))
    return bool(result)


def test_a_common_word_name_needs_a_sign_of_the_company() -> None:
    assert next_matches("Mid-market retailers like Next cut prices.")
    assert not next_matches("Mid-market shops like Next cut prices.")
    assert next_matches("Shares in Next's owner rose.", context=())  # a possessive


@pytest.mark.parametrize("text", [
    "Next, the retailer said, came a surprise.",  # sentence start
    "Click Find Next to go on; the retailer said so.",  # a title-cased label
    "A spin-off of the series The Next Generation, a retailer said.",
    "The Next Generation Secure Computing Base, a retailer said.",
])
def test_a_common_word_name_where_its_capital_says_nothing(text: str) -> None:
    assert not next_matches(text)


@pytest.mark.parametrize(("title", "expected"), [
    ("The Next Step for the retailer", False),
    ("Your Next Desktop could be a retailer's", False),
    ("What's Next? Shares of the retailer", False),
    ("Shares in the retailer Next fell", True),
])
def test_a_common_word_name_after_a_determiner_is_the_word(title: str, expected: bool) -> None:
    assert next_matches("", title=title) is expected
    orange = Topic("orange", "Orange", organizations=(org("Orange"),), context=("mobile",))
    found = compile_topics([orange]).match(Article("", "Phones like the Orange E200 are mobile."))
    assert found and found[0].matches[0].name == "Orange"


def test_a_two_letter_acronym_needs_the_full_name_or_a_sign() -> None:
    ba = org("British Airways", "BA")
    assert matches("She received her BA with honours.", ba) == {}
    found = matches("BA's profits fell. Rod Eddington, BA's chief, spoke.", ba)
    assert found["British Airways"].count == 2


def test_mixed_case_names_match_their_case_variants_only() -> None:
    worldcom = org("WorldCom")
    assert matches("Formerly known as Worldcom, MCI rose.", worldcom)["WorldCom"].evidence == (
        "Worldcom",)
    assert matches("WORLDCOM SHARES", worldcom)
    assert matches("See worldcom.example for more.", worldcom) == {}


def test_check_config_lists_ambiguous_entries() -> None:
    topics = [retail(), Topic("air", "air", organizations=(org("British Airways", "BA"),)),
              Topic("uk", "uk", people=(BROWN, person("Tony Blair", surname=False)))]
    lines = ambiguous_entries(topics)
    assert any(line.startswith("topics.retail.organizations[0]: \"Next\" is a common word")
               and "retailer" in line for line in lines)
    assert any(line.startswith("topics.air.organizations[0]: \"BA\" is a two-letter acronym")
               and "British Airways" in line and "context" in line for line in lines)
    assert any(line.startswith("topics.uk.people[0]: the surname \"Brown\"") for line in lines)
    assert not any("people[1]" in line for line in lines)  # no bare surname: nothing to guard


def test_check_config_rejects_an_entry_of_stop_words(write_config, tmp_path) -> None:
    path = write_config('[topics.t]\npeople = ["Gordon Brown"]\norganizations = ["The"]\n'
                        'context = ["of the"]\n')
    result = newsalert("check-config", "--config", str(path), cwd=tmp_path)
    assert result.returncode == 2
    assert "topics.t.organizations[0]: 'The' has only stop words" in result.stderr


# --- events by form and sense ----------------------------------------------------------------

FINED = event("fined")


@pytest.mark.parametrize("text", [
    "Bellamy was fined £80,000 by Newcastle.",
    "The regulator fined the bank.",
    "He was ordered to pay a fine of $16m.",
    "Viacom has five days to pay the $3.5m fine, according to the deal.",
    "The firm was hit with a bill for back taxes and fines.",
    "The firm could now face a fine of up to 200,000 yuan.",
    "The party could be fined up to £5,000 under the law.",
])
def test_fined_in_its_penalty_sense(text: str) -> None:
    assert "fined" in matches(text, FINED)


@pytest.mark.parametrize("text", [
    "It was fine weather for the match.",
    "That is a fine example of the art.",
    "The data looks just fine.",
    "The sand was finely ground.",
    "The West End honours its finest shows.",
    "Money goes to the Fine Art Student Award Fund.",
    "He made two very fine saves in the match.",
    "The bill sets out penalties, such as fines and curfews.",
    "Firms could face huge fines under a new law.",
    "Councils will get powers to hand out fines for littering.",
])
def test_fine_in_other_senses(text: str) -> None:
    assert matches(text, FINED) == {}


def test_a_topics_lawsuit_finds_sued_but_not_a_name() -> None:
    lawsuit = event("lawsuit")
    assert matches("Rapper Snoop Dogg has been sued for $25m.", lawsuit)
    assert matches("Yukos said it will sue Baikal.", lawsuit)
    assert matches("Commentator Sue Barker presented it.", lawsuit) == {}


# --- prominence ----------------------------------------------------------------------------

LSE = org("London Stock Exchange", "LSE")


@pytest.mark.parametrize(("title", "text", "level"), [
    ("Deutsche Boerse set to woo LSE", "Bosses met the London Stock Exchange.", "headline"),
    ("Bid talks", "A bid for the LSE is near. It may rise. The LSE said no.", "lead"),
    ("Bid talks", "Markets rose. Oil fell. Later the LSE said no. The LSE met.", "body"),
    ("Bid talks", "The LSE rejected a bid on Monday. Shares rose.", "lead"),  # once, in the lead
    ("Bid talks", "Markets rose. Oil fell. Later the LSE said no.", "passing"),
    ("Arsenal may list", "The club may list on the London Stock Exchange.", "passing"),
])
def test_prominence_levels(title: str, text: str, level: str) -> None:
    assert matches(text, LSE, title=title)["London Stock Exchange"].prominence == level


def test_min_prominence_drops_passing_mentions() -> None:
    topic = Topic("bid", "bid", organizations=(LSE,), min_prominence="body")
    matcher = compile_topics([topic])
    assert matcher.match(Article("Arsenal may list", "It may list on the LSE.")) == ()
    assert matcher.match(Article("Bid talks", "Markets rose. Oil fell. The LSE and the LSE."))


# --- stemmed text: a stem two names share ------------------------------------------------

def test_stemmed_seed_fires_hamas_and_not_the_city_of_hama() -> None:
    topics = [*load_config(REPO / "config.example.toml").topics,
              Topic("syria", "Syrian cities", organizations=(org("Hama"), org("Homs")))]
    result = compile_topics(topics).match(seed("bbc-gallant-rejects-stemmed.txt"))
    assert [t.topic for t in result] == ["icc"]
    assert "Hamas" in {m.name for m in result[0].matches}
    city = compile_topics(topics).match(Article("", "power return to hama and hom after the "
                                                    "storm .", text_form="stemmed"))
    assert [t.topic for t in city] == ["syria"]


def test_both_seeds_fire_only_their_topic_under_the_evaluation_watchlists() -> None:
    topics = [*load_config(REPO / "config.example.toml").topics,
              *load_config(REPO / "eval" / "watchlist-newsroom.toml").topics,
              *(t for t in load_config(REPO / "eval" / "watchlist-surnames.toml").topics
                if t.id != "opposition")]  # it shares Michael Howard with uk-politics
    matcher = compile_topics(topics)  # the seeds are about arrest warrants: "legal" is right
    for name in ("afp-icc-warrants.txt", "bbc-gallant-rejects-stemmed.txt"):
        assert [t.topic for t in matcher.match(seed(name))] == ["icc", "legal"], name


# --- config, routing and rendering -------------------------------------------------------

def test_config_reads_context_and_min_prominence(write_config) -> None:
    path = write_config('''
        [topics.retail]
        organizations = ["Next"]
        context = ["retailer", "high street"]
        min_prominence = "lead"

        [[subscriptions]]
        channel = "console:desk"
        topics = ["retail"]
        min_prominence = "headline"
        ''')
    config = load_config(path)
    assert config.topics[0].context == ("retailer", "high street")
    assert config.topics[0].min_prominence == "lead"
    assert config.subscriptions[0].min_prominence == "headline"
    bad = write_config('[topics.t]\npeople = ["Gordon Brown"]\nmin_prominence = "top"\n', "b.toml")
    with pytest.raises(ConfigError, match=r"topics\.t\.min_prominence: expected one of passing, "
                                          r"body, lead, headline, got 'top'"):
        load_config(bad)


def test_a_subscription_asks_for_a_prominence() -> None:
    subscribers = Subscribers([("console:desk", "uk"), ("console:wire", "uk")], ["console"],
                              {("console:desk", "uk"): "headline"})
    body = TopicMatch("uk", (EntityMatch("person", "Gordon Brown", 2, ("Mr Brown",),
                                         prominence="body"),))
    headline = TopicMatch("uk", (dataclasses.replace(body.matches[0], prominence="headline"),))
    assert subscribers.channels_for([body]) == ["console:wire"]
    assert subscribers.channels_for([headline]) == ["console:desk", "console:wire"]


def test_the_alert_says_how_prominent_an_event_is() -> None:
    from bot.render import match_notes
    fined = EntityMatch("event", "fined", 1, ("fined",), prominence="passing")
    brown = EntityMatch("person", "Gordon Brown", 2, ("Mr Brown",), prominence="body")
    # an alert on events alone says the fine was only recalled; people and organizations first
    assert match_notes((TopicMatch("legal", (fined,)),)) == ["fined: in passing"]
    assert match_notes((TopicMatch("uk", (fined, brown)),)) == [
        "Gordon Brown: in the body", "fined: in passing"]


def test_the_alert_says_how_prominent_and_who_a_mention_is(tmp_path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Brown to outline goals\nGordon Brown will say so. Mr Brown added more.\n",
                       encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text('[topics.uk]\npeople = ["Gordon Brown"]\n', encoding="utf-8")
    text = newsalert("analyze", str(article), "--config", str(config), cwd=tmp_path)
    assert "Why: Gordon Brown: in the headline; Brown → Gordon Brown; Mr Brown → Gordon Brown" \
        in text.stdout
    data = json.loads(newsalert("analyze", str(article), "--config", str(config), "--json",
                                cwd=tmp_path).stdout)
    match = data["topics"][0]["matches"][0]
    assert match["prominence"] == "headline" and match["count"] == 3
    assert match["resolved"] == ["Brown → Gordon Brown", "Mr Brown → Gordon Brown"]


def test_a_stem_alone_is_no_event_word() -> None:
    lawsuit = event("lawsuit")
    assert matches("Apartments at http://example.org/su/pq5p, close to the lab.", lawsuit) == {}
    assert matches("C'è l'attenzione di Roma su di lui.", lawsuit) == {}


def test_slack_and_discord_alerts_say_why() -> None:
    from adapters.discord_embeds import alert_embed
    from adapters.slack_blocks import alert_message
    from tests.test_store import alert

    match = EntityMatch("person", "Gordon Brown", 2, ("Gordon Brown", "Mr Brown"), True,
                        "headline", ("Mr Brown → Gordon Brown",))
    sent = dataclasses.replace(alert(1), topics=(TopicMatch("uk", (match,)),))
    blocks = json.dumps(alert_message(sent)["blocks"], ensure_ascii=False)
    assert "*Why:* Gordon Brown: in the headline; Mr Brown → Gordon Brown" in blocks
    why = next(f for f in alert_embed(sent).fields if f.name == "Why")
    assert why.value == "Gordon Brown: in the headline; Mr Brown → Gordon Brown"


# --- knights, line-ups, nicknames, firms, threats, listings, other languages --------------

def test_sir_and_a_first_name_is_no_surname() -> None:
    howard = person("Michael Howard")
    text = "Sir Howard Newby ran the study. Sir Howard said the divisions were entrenched."
    assert matches(text, howard) == {}
    assert matches("Michael Howard spoke. Sir Howard Newby replied.", howard)


def test_an_initial_in_a_line_up_of_initials_needs_another_mention() -> None:
    owen = person("Michael Owen")
    line_up = "Wales: R Jones, M Williams, M Owen. Replacements: R McBryde, J Yapp."
    assert matches(line_up, owen) == {}
    assert matches("Michael Owen is rested. " + line_up, owen)["Michael Owen"].count == 2


def test_a_quoted_nickname_keeps_the_first_name() -> None:
    johnson = person("Alan Johnson")
    assert matches('Dwayne "The Rock" Johnson stars in the film.', johnson) == {}
    assert matches("Dwayne \u201cThe Rock\u201d Johnson stars in the film.", johnson) == {}
    assert matches('Alan "AJ" Johnson spoke.', johnson)


def test_a_surname_after_at_is_a_firm_without_another_mention() -> None:
    gerrard = person("Steven Gerrard")
    assert matches("Simon Rubinsohn, chief economist at Gerrard, said output rose.", gerrard) == {}
    assert matches("Steven Gerrard scored. The fans cheered at Gerrard.", gerrard)


def test_a_threatened_lawsuit_below_the_lead_is_no_lawsuit() -> None:
    lawsuit = event("lawsuit")
    lead = "Jones won five medals. She denies using drugs. "
    assert matches(lead + "She says she will take legal action over the claims.", lawsuit) == {}
    assert matches(lead + "She has taken legal action over the claims.", lawsuit)
    assert matches("UKIP could take legal action against them.", lawsuit,
                   title="UKIP could sue defectors")


def test_a_stem_only_event_in_another_language_does_not_count() -> None:
    lawsuit = event("lawsuit")
    spanish = ("Los vecinos de la ciudad presentaron sus quejas ante el ayuntamiento por el "
               "ruido de las obras que duran ya varios meses en el centro.")
    assert matches(spanish, lawsuit) == {}
    english = ("The residents of the city said that they sued the council over the noise of "
               "the works, which have lasted for months in the centre.")
    assert matches(english, lawsuit)


def test_in_another_language_an_event_counts_only_in_the_topics_own_wordings() -> None:
    italian = ("Il tecnico della Primavera ha parlato dopo la partita contro la Roma. Ecco le sue "
               "parole: la squadra ha giocato bene e adesso pensiamo alla prossima gara.")
    assert matches(italian, event("lawsuit")) == {}  # "sue" is a built-in wording of lawsuit
    assert matches(italian, event("lawsuit", "sue"))  # one the topic gives counts
    german = ("Das Gericht hat am Donnerstag einen Haftbefehl gegen den früheren Minister "
              "erlassen, wie die Staatsanwaltschaft in der Hauptstadt mitteilte.")
    assert matches(german, event("arrest warrant", "Haftbefehl"))
    english = ("Residents of the city said they would sue the council over the noise of the "
               "works, which have lasted for months in the centre of town.")
    assert matches(english, event("lawsuit"))


def test_an_exchange_named_only_as_where_shares_trade_is_passing() -> None:
    lse = org("London Stock Exchange", "LSE")
    listing = ("Its shares fell in trading on the London Stock Exchange. The firm, which floated "
               "on the London Stock Exchange in 1995, is owned by a tycoon. Sales fell.")
    assert matches(listing, lse)["London Stock Exchange"].prominence == "passing"
    bid = ("Deutsche Boerse made a bid for the London Stock Exchange. The London Stock Exchange "
           "rejected it. Sales fell.")
    assert matches(bid, lse)["London Stock Exchange"].prominence == "lead"


def test_a_bare_surname_in_stemmed_text_needs_another_mention() -> None:
    davis = person("David Davis")
    assert matches("spain won the davi cup final in sevill .", davis, form="stemmed") == {}
    found = matches("david davi spoke . davi said so .", davis, form="stemmed")
    assert found["David Davis"].count == 2


def test_a_surname_that_is_all_a_quotation_holds_is_a_title() -> None:
    hamilton = person("Lewis Hamilton")
    text = "Broadway mourned and celebrated “Hamilton” at the ceremony."
    assert matches(text, hamilton) == {}
    assert matches("It was about the unstoppability of “Hamilton.” The cast sang.", hamilton) == {}
    found = matches("Lewis Hamilton won in Monaco. “Hamilton” was chanted all day.", hamilton)
    assert found["Lewis Hamilton"].count == 2


def test_cleared_of_is_an_acquittal_only_near_a_word_of_the_charge() -> None:
    acquitted = event("acquitted", "cleared of")
    assert matches("Nainital lake cleared of silt in fortnight-long drive", acquitted) == {}
    for text in ("The sprinters were cleared of doping offences by a tribunal.",
                 "He was eventually cleared of the charges."):
        assert set(matches(text, acquitted)) == {"acquitted"}


@pytest.mark.parametrize("text", [
    "The minister in-charge of the district said the roads would be repaired.",
    "Toshack takes charge of his first match on Wednesday.",
    "The eBook update is available free of charge to every reader.",
    "Wireless charging pads are built into the new desks.",
    "The council will install 200 charging points across the city.",
    "This emotionally charged installment is sure to be a rollercoaster.",
    "Labour let universities charge fees of up to £3,000 a year.",
    "The firm charged clients for access to Westminster.",
    "Soon Microsoft will be charging users for the anti-spyware tool.",
    "Record labels are charging more for the to-go service.",
    "Other sites, such as Pixagogo, charge a monthly fee.",
    "They'll charge you $1 for each image.",
    "The faster speeds will come at no extra charge.",
    "Officials look at reorganising car parking charges.",
    "Customers were charged £5 a month.",
    "Sky also charges a £10 subscription fee to the service.",
    "There is a charge of $10 for each call.",
])
def test_charged_in_another_sense_is_no_charge(text: str) -> None:
    assert matches(text, event("charged")) == {}


@pytest.mark.parametrize("text", [
    "Three men are charged in the death of Arbery, an unarmed Black man.",
    "The deputy will not be charged in the deadly crash.",
    "The councilman now faces federal charges.",
    "The senator is charged with accepting gifts from a friend.",
    "Prosecutors filed additional charges against the former mayor.",
    "He now faces a string of charges including fraud.",
    "Police charged a man with theft on Monday.",
    "Police have charged more than 20 people after the riot.",
])
def test_charged_counts_where_nothing_gives_it_another_sense(text: str) -> None:
    assert set(matches(text, event("charged"))) == {"charged"}


def test_released_from_jail_is_no_sentence() -> None:
    sentenced = event("sentenced", "jailed")
    assert matches("He was held for theft a week after his release from jail.", sentenced) == {}
    assert set(matches("He was jailed for two years.", sentenced)) == {"sentenced"}


def test_a_surname_in_capitals_in_running_text_is_an_acronym() -> None:
    kim = person("Kim Jong Un")
    assert matches("Israel cuts $6 million in UN funding over the settlements vote.", kim) == {}
    assert set(matches("Kim Jong Un met envoys. Later, Un said talks would go on.", kim)) == {
        "Kim Jong Un"}


def test_a_place_or_an_honour_named_after_someone_is_not_them() -> None:
    queen = person("Queen Elizabeth")
    assert matches("The boy was taken to the Queen Elizabeth University Hospital, police said.",
                   queen) == {}
    assert matches("Gatlin and Hayes were named winners of the 2004 Jesse Owens Awards.",
                   person("Jesse Owens")) == {}
    assert matches("A demonstration began at the Barclays Center on Sunday.", org("Barclays")) == {}
    assert matches("He flew into George Bush Intercontinental Airport.",
                   person("George Bush")) == {}
    assert set(matches("Barclays University trains the bank's staff, Barclays said.",
                       org("Barclays"))) == {"Barclays"}
    assert set(matches("Queen Elizabeth opened the hospital on Monday.", queen)) == {
        "Queen Elizabeth"}


@pytest.mark.parametrize(("text", "cited"), [
    ("Morgan Stanley equity strategist Naoki Kamiyama said stocks would rise.", True),
    ("HSBC hires analyst John Smith from a rival.", False),
    ("Barclays names new economist Jane Doe.", False),
])
def test_a_company_before_a_job_and_a_name_is_the_commentators_employer(text: str,
                                                                       cited: bool) -> None:
    tokens = tokenize(text)
    assert employs_commentator(tokens, 0, 2 if tokens[1] == "Stanley" else 1) is cited


def test_a_line_of_a_link_list_is_a_sentence_of_its_own() -> None:
    notes = ("Follow-up:\n\nTesla update\n\nWired article\n\nBundle\n\n"
             "Microsoft Edge is coming to macOS")
    found = matches(notes, org("Microsoft"), title="305: An Uneasy Peace")
    assert found["Microsoft"].prominence == "passing"
    # a paragraph whose last sentence ends in a stop and a quotation mark is one sentence
    report = ("Benitez said the win was \"one of the proudest nights of my career.\"\n\n"
              "The Reds won with a late Steven Gerrard strike.")
    found = matches(report, person("Steven Gerrard"), title="Liverpool revel in night of glory")
    assert found["Steven Gerrard"].prominence == "lead"


def test_a_title_that_names_another_office_is_another_person() -> None:
    hillary = person("Hillary Clinton")
    found = matches("Former Secretary of State Hillary Clinton is with the 42nd president.",
                    hillary, title="Former President Clinton recovering from an infection")
    assert found["Hillary Clinton"].count == 1
    assert found["Hillary Clinton"].prominence == "lead"
    text = ("President Bill Clinton signed the deal in 1998. Hillary Clinton said the former "
            "president Clinton was right.")
    assert matches(text, hillary)["Hillary Clinton"].count == 1
    text = "Senator Hillary Clinton spoke first. Sen. Clinton said the bill would pass."
    assert matches(text, hillary)["Hillary Clinton"].count == 2


def test_a_name_someone_else_goes_by_is_not_the_watched_person() -> None:
    charles = person("Prince Charles")
    assert matches("He asked Maoist Area Committee member Athram Shobhan alias Charles, to "
                   "surrender.", charles) == {}
    assert matches("The singer, better known as “Charles”, toured Europe.", charles) == {}
    found = matches("Prince Charles visited Leeds. Later, Charles met the mayor.", charles)
    assert found["Prince Charles"].count == 2


def test_a_family_name_that_comes_first_is_the_person_once_introduced() -> None:
    xi, kim = person("Xi Jinping"), person("Kim Jong Un")
    found = matches("Chinese president Xi Jinping arrived. Mr Xi met Modi, and Xi said talks "
                    "went well.", xi)
    assert found["Xi Jinping"].count == 3
    text = ("The village reminds leader Kim Jong-un of his uncle. It opened in 2012, with Kim "
            "describing it as the brainchild of his father Kim Jong-il.")
    assert matches(text, kim)["Kim Jong Un"].count == 2
    text = "Kim Jong Un met envoys. Later his sister Kim Yo Jong said Kim was tired."
    assert matches(text, kim)["Kim Jong Un"].count == 1
    assert matches("Trump wants talks.", kim, title="As Trump courts Kim, Pyongyang ups the "
                   "price") != {}
    assert matches("He beat Kim in the final on Sunday.", kim) == {}
    assert matches("NASA begs as a vendor drops out.", person("Moon Jae-in"),
                   title="Will someone dump our shizz on the Moon, NASA begs") == {}
    assert matches("Un giorno bisogna comprare e l'altro no.", kim) == {}


def test_a_surname_before_an_initial_or_a_particle_and_a_name_is_another_name() -> None:
    charles = person("Prince Charles")
    assert matches("Charles A Blixt, executive vice-president of RJ Reynolds, said the ruling "
                   "was right.", charles) == {}
    assert matches("Six candidates were interviewed, including the coach Charles van Commenee.",
                   charles) == {}
    found = matches("Gordon Brown spoke first. Later, Brown said a plan would work.", BROWN)
    assert found["Gordon Brown"].count == 2


@pytest.mark.parametrize(("text", "employer", "cited"), [
    # "the" between the link and the employer
    ("\"Rates will rise,\" said Jane Doe, an economist at the Commonwealth Bank.",
     "Commonwealth Bank", True),
    # a unit of the employer before its name
    ("Prices fell, said analysts at Brunswick UBS in Moscow.", "UBS", True),
    # a person's name and "at" with no job: the commentator only with a verb of speech
    ("\"Nothing has changed,\" said Jason Daw at Merrill Lynch.", "Merrill Lynch", True),
    ("Jason Daw, from Merrill Lynch, told Reuters prices were falling.", "Merrill Lynch", True),
    ("Jason Daw at Merrill Lynch was promoted on Monday.", "Merrill Lynch", False),
    ("Shares of Merrill Lynch rose after Smith at Merrill Lynch spoke.", "Merrill Lynch", False),
    # one capitalized word is no person's name ("said Tuesday")
    ("The deal was done, traders said Tuesday at Merrill Lynch.", "Merrill Lynch", False),
])
def test_an_employer_after_a_name_or_unit_is_the_commentators(text: str, employer: str,
                                                              cited: bool) -> None:
    tokens = tokenize(text)
    key = tokenize(employer)
    start = max(i for i in range(len(tokens)) if tokens[i:i + len(key)] == key)
    assert employs_commentator(tokens, start, start + len(key)) is cited


@pytest.mark.parametrize(("title", "text", "counted"), [
    # no one of the surname introduced, in the body only: anyone's of that surname
    ("Dawson joins England injury list", "If Dawson is not fit, Robinson will have to choose "
     "from Gomarsall or Ellis.", False),
    ("Oil prices fall", "Traders were upbeat. Oil prices fell after Robinson spoke.", False),
    # the headline, the full name or a title names the person
    ("Robinson back for Wales game", "Robinson will have to choose from Gomarsall.", True),
    ("England team named", "Jason Robinson is fit. Robinson will lead the side.", True),
    ("England team named", "Mr Robinson will lead the side.", True),
])
def test_a_bare_surname_no_one_is_introduced_with_needs_another_mention(
        title: str, text: str, counted: bool) -> None:
    assert bool(matches(text, person("Jason Robinson"), title=title)) == counted
