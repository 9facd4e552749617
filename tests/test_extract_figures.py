"""Key figures: what counts as one, how its value is read, and how they are ranked."""

from __future__ import annotations

import pytest

from bot.extract import extract
from bot.extract.figures import find_figures, parse_number
from bot.models import Article


def only(text: str, form: str = "raw"):
    figures = find_figures(text, form)  # type: ignore[arg-type]
    assert len(figures) == 1, figures
    return figures[0]


@pytest.mark.parametrize(("token", "value"), [
    ("1,206", 1206), ("44,056", 44056), ("1 , 200", 1200), ("35 , 640", 35640), ("five", 5),
    ("2.5", 2.5),
])
def test_numbers_are_read_as_written(token: str, value: float) -> None:
    assert parse_number(token) == value


@pytest.mark.parametrize(("text", "value", "currency"), [
    ("Israel offered a reward of $5 million for each hostage.", 5_000_000, "USD"),
    ("Profits rose to £600m last year.", 600_000_000, "GBP"),
    ("The takeover is worth €1.2bn to the group.", 1_200_000_000, "EUR"),
    ("The company paid 8.2bn euros for the brand.", 8_200_000_000, "EUR"),
    ("A fine of US$300,000 was imposed.", 300_000, "USD"),
])
def test_money_has_a_value_and_a_currency_code(text: str, value: int, currency: str) -> None:
    figure = only(text)
    assert (figure.value, figure.currency, figure.unit) == (value, currency, None)


def test_counts_of_people_take_their_noun_and_qualifier() -> None:
    figure = only("The ministry said at least 44,056 people had been killed in the war.")
    assert (figure.value, figure.unit) == (44056, "people")
    assert figure.text == "The ministry said at least 44,056 people had been killed in the war"


@pytest.mark.parametrize(("text", "phrase"), [
    # A phrase starts after the conjunction that joins its clause to the one before.
    ("The poll found voters split, but only 40% think she should resign.", "only 40% think"),
    ("He sold his stake to TCI, which holds about 5% of the shares.",
     "holds about 5% of the shares"),
    # It ends before a pronoun or a possessive whose noun is left out.
    ("Some 47% of those polled believe she will stay on.", "Some 47% of those polled"),
    ("The trader made £26,000 per month from his sales.", "The trader made £26,000 per month"),
    ("The site now lists 283,000 entries on it.", "site now lists 283,000 entries"),
])
def test_a_phrase_stays_within_its_clause(text: str, phrase: str) -> None:
    assert phrase in only(text).text


def test_a_count_noun_may_follow_up_to_two_modifiers() -> None:
    figure = only("Any of the court's 124 national members would be obliged to act.")
    assert (figure.value, figure.unit) == (124, "members")


def test_percentages_multipliers_durations_and_ranges() -> None:
    assert only("Sales rose 2.5% in the quarter.").unit == "%"
    assert only("Turnout grew 12 per cent this year.").value == 12
    assert only("Prices are three times higher now.").unit == "times"
    assert (only("The war has lasted 13 months so far.").unit, 13) == ("months", 13)
    ranged = only("Between 10 and 20 people were hurt in the blast.")
    assert (ranged.value, ranged.upper, ranged.unit) == (10, 20, "people")


def test_a_number_word_counts_only_when_it_is_the_figure() -> None:
    assert find_figures("The five men bore responsibility.") == []
    assert only("Twelve countries signed the deal.").value == 12
    assert find_figures("One of the aims was to win.") == []


@pytest.mark.parametrize("text", [
    "The raid took place on October 7 last year.",
    "It was signed on 8 October 2023 in The Hague.",
    "The meeting starts at 10:30 in the morning.",
    "The suspect, a 45-year-old man, was held.",
    "Smith, aged 52 years, was released.",
    "He lives at 10 Downing Street in London.",
    "1. The first point of the plan is peace.",
    "The summit ended at 1200 GMT on Friday.",
])
def test_dates_times_ages_addresses_and_list_numbers_are_not_figures(text: str) -> None:
    assert find_figures(text) == []


def test_stemmed_text_rejoins_groups_and_names_the_unit_plainly() -> None:
    figures = find_figures("hama gunmen kill about 1 , 200 peopl and take 252 other back . "
                           "at least 35 , 640 peopl have been kill .", "stemmed")
    by_value = {f.value: f for f in figures}
    assert by_value[1200].unit == "people" and by_value[1200].text == "about 1 , 200 peopl"
    assert by_value[35640].unit == "people"
    assert by_value[252].unit == "others"


def test_figures_are_ranked_money_and_counts_first_and_capped() -> None:
    text = ("The talks lasted 3 days. Prices rose 4%. The deal is worth $2bn. "
            "About 300 workers lost their jobs. It took 5 weeks. Costs fell 2%. "
            "Exports grew 7%.")
    figures = find_figures(text, limit=3)
    assert [f.value for f in figures] == [2_000_000_000, 300, 4]


def test_a_headline_figure_is_its_unit_alone_or_the_text_s_words_for_it() -> None:
    assert [f.text for f in find_figures("Guidant will join the group.", headline=(
        "J&J agrees $25bn Guidant deal"))] == ["$25bn"]
    figures = find_figures("The bank will cut 2,850 jobs as a result of the merger.",
                           headline="Dutch bank to lay off 2,850 staff")
    assert [(f.text, f.unit) for f in figures] == [("The bank will cut 2,850 jobs", "jobs")]


def test_one_figure_per_value_and_a_range_in_a_currency_is_read_whole() -> None:
    figures = find_figures("Games will sell with prices ranging from £19 to £29. "
                           "The bank cut 2,850 staff. It said 2,850 jobs would go.")
    assert [(f.value, f.upper) for f in figures] == [(19, 29), (2850, None)]
    assert figures[0].text == "Games will sell with prices ranging from £19 to £29"


def test_a_figure_phrase_does_not_end_inside_a_name_or_start_at_a_verb() -> None:
    figure = only("Mr Chirac called the UK's £3bn rebate from the European Union unjustified.")
    assert figure.text == (
        "Mr Chirac called the UK's £3bn rebate from the European Union unjustified")
    assert only("More than 2.8 million DS consoles have been sold.").text == (
        "More than 2.8 million DS consoles have been sold")


def test_a_figure_inside_a_better_figure_s_phrase_is_not_repeated() -> None:
    figures = find_figures("Sales rose 2% to $11.1bn from $10.9bn. The firm paid a $900m fine.")
    assert [f.text for f in figures] == ["Sales rose 2% to $11.1bn from $10.9bn",
                                         "The firm paid a $900m fine"]


LEAD = "The club confirmed the signing of the midfielder on Monday.\n\n"


@pytest.mark.parametrize("sentence", [
    "Bogdanovic, three years Murray's senior, has had a more troubled time.",
    "His brother, two years his junior, also plays.",
    "It is part of a five-year plan to help build confidence in the system.",
    "The breakup of the monopoly was only 12 years in the past at the time.",
    "We could see an activist regulator over the next four years.",
])
def test_age_gaps_plans_and_time_frames_are_no_figures(sentence: str) -> None:
    assert find_figures(LEAD + sentence) == []


def test_a_span_of_time_inside_a_quote_is_the_speaker_s_not_a_figure() -> None:
    quote = 'He told the crowd: "In 14 years I have been clean. Now my drug is music."'
    assert extract(Article("Singer plays charity gig", LEAD + quote)).figures == ()
    # The same span of time told by the reporter is a figure.
    told = extract(Article("Singer plays charity gig", LEAD + "He has been clean for 14 years."))
    assert [f.value for f in told.figures] == [14]


def test_a_survey_s_sample_ranks_below_its_findings() -> None:
    text = (
        "A survey suggests 69% of over-55s always vote in a general election.\n\n"
        "A total of 3,028 adults aged 18 or over were interviewed for the study."
    )
    assert [f.value for f in find_figures(text)] == [69, 3028]
    poll = "In a poll of 2,000 voters last week, 41% backed the plan."
    assert [f.value for f in find_figures(poll)] == [41, 2000]


def test_the_lines_a_sponsor_heading_opens_give_no_figures() -> None:
    notes = (
        "Casey reviews the new watch and the team answers questions about Fusion drives.\n\n"
        "Sponsored by:\n\n"
        "Jamf Now: Set up and protect your Apple devices at work. First 3 devices are free.\n\n"
        "Backblaze: Online backup for $5/month. Unlimited."
    )
    assert find_figures(notes) == []


def test_an_amount_in_an_unlisted_currency_and_its_conversion_are_one_figure() -> None:
    text = "Mauricio Macri gave 16,666,000 pesos (slightly under $1.2m) to the foundation."
    assert [f.value for f in find_figures(text)] == [16666000]


def test_a_phrase_does_not_end_inside_a_number() -> None:
    text = "Raising the threshold to £150,000 would spare over 400,000 buyers the tax."
    shown = find_figures(text)[0].text
    assert "over 400,000 buyers" in shown and not shown.endswith("400")


@pytest.mark.parametrize("text", [
    "After the 9/11 attacks, the city was sealed off.",
    "The hotline is staffed 24/7 by volunteers.",
])
def test_numbers_joined_by_a_slash_are_no_counts(text: str) -> None:
    assert find_figures(text) == []


@pytest.mark.parametrize(("text", "phrase"), [
    ("Police said 3 mayors arrested in southern Turkey were held.", "3 mayors arrested"),
    ("Seventy scholars sign letter imploring president to intervene.", "Seventy scholars"),
    ("Donors raised more than $100,000 to help rebuild black churches.",
     "Donors raised more than $100,000"),
    ("The economy grew 3.7% in the third quarter.", "The economy grew 3.7%"),
    ("Shares surged 2.7% during the past week.", "Shares surged 2.7%"),
    ("Insurers said 800,000 jobs were lost during the recession.", "800,000 jobs were lost"),
    # a noun that says nothing without what it is of
    ("Rates will fall to 4% by the end of the year.", "fall to 4%"),
    ("It will need to raise about $10bn a year in order to cope.",
     "need to raise about $10bn a year"),
])
def test_a_phrase_cut_before_its_noun_ends_where_it_can_stop(text: str, phrase: str) -> None:
    assert phrase in only(text).text


def test_a_number_opens_the_phrase_a_figure_is_cut_before() -> None:
    # not "increased by 25% over the past"
    text = "Figures suggest TB in England has increased by 25% over the past 10 years."
    assert [f.text for f in find_figures(text)] == [
        "Figures suggest TB in England has increased by 25% over the past 10 years"]


def test_a_number_word_after_the_with_its_bare_noun_counts_things_named_already() -> None:
    text = ("India will let its airlines fly long-haul routes, the ministry said.\n\n"
            "Jet Airways and Air Sahara are the two companies that will benefit. The union backed "
            "the five suspended students on Monday.")
    assert [f.value for f in find_figures(text)] == [5]


def test_a_span_after_the_nth_time_in_is_a_frame_not_a_figure() -> None:
    text = ("Million Dollar Baby is the new favourite for best picture.\n\n"
            "Hilary Swank is the favourite to win best actress for the second time in six years.")
    assert find_figures(text) == []


@pytest.mark.parametrize(("title", "text", "value", "phrase"), [
    ("O'Gara revels in Ireland victory",
     "Ireland fly-half Ronan O'Gara hailed his side's 19-13 victory over England as a win.",
     19, "Ronan O'Gara's side's 19-13 victory"),
    ("Chiefs ruin Gatland's homecoming",
     "• Chiefs 40-7 Wales\n\nThere was no happy homecoming for Warren Gatland in Hamilton.",
     40, "Chiefs 40-7 Wales"),
    ("Ireland 21-19 Argentina", "An injury-time dropped goal won the game for Ireland.",
     21, "21-19"),
    ("Wales coach elated with win",
     "Mike Ruddock praised his side after they came from 15-6 down to beat France 24-18.",
     24, "beat France 24-18"),
])
def test_a_points_game_s_score_in_the_headline_or_lead_is_a_figure(
    title: str, text: str, value: int, phrase: str
) -> None:
    figures = find_figures(text, headline=title)
    assert [(f.text, f.value) for f in figures] == [(phrase, value)]


@pytest.mark.parametrize("text", [
    "Arsenal came back to secure a 2-1 victory over Chelsea at the Emirates.",
    "The clinic is open Monday from 10:30-11 for anyone who wins a place in the trial.",
    "Winning stalls are open 11-4 p.m. daily at the fair.",
    "The winner was announced on a call to 555-0123 with the victory confirmed.",
    "Mickael Barzalona wins the Champion Stakes on 12-1 Sealiway in a close finish.",
    "The winner was announced on a call to 703-3650 with the victory confirmed.",
    "The 2004-05 season ended with a victory for the home side.",
    "The shop keeps a 24-7 schedule for its staff.",
])
def test_what_is_no_points_score_gives_no_figure(text: str) -> None:
    assert find_figures(text) == []


def test_a_score_outside_the_lead_is_no_figure() -> None:
    text = ("Phil Vickery is staying positive despite a broken arm.\n\n"
            "He was hurt during Gloucester's 17-16 win over Bath on Saturday.")
    assert find_figures(text) == []


@pytest.mark.parametrize("text", [
    "As the 10-year gilt yield recorded a new low, traders sold.",
    "Switzerland sold 30-year debt offering a yield of 5 basis points.",
])
def test_a_bond_named_by_its_term_is_no_duration(text: str) -> None:
    assert [f for f in find_figures(text) if f.unit == "years"] == []


def test_an_age_range_is_no_duration() -> None:
    text = ("Officials met on Monday.\n\n"
            "The typical recruit is male, 18 to 24 years old, and angry.")
    assert find_figures(text) == []


def test_a_subscription_line_gives_no_figures() -> None:
    text = ("More than half of Africans could live in cities by 2050.\n\n"
            "If you would prefer to get it in your inbox every two weeks, register for the email "
            "edition\n\nThe report covers 54 countries.")
    assert [f.text for f in find_figures(text)] == ["The report covers 54 countries"]


def test_a_number_word_counting_the_dead_in_the_lead_is_a_figure() -> None:
    text = ("At least three people from Scotland died in the tsunami disaster, the first minister "
            "said.\n\nThe five men bore responsibility, he added. Two men were arrested later.")
    assert [(f.text, f.value) for f in find_figures(text)] == [
        ("At least three people from Scotland died in the tsunami disaster", 3)]


@pytest.mark.parametrize(("text", "value"), [
    ("Southampton's David Prutton faces a possible seven-match ban.", 7),
    ("Arsenal's 49-match unbeaten league run ended on Sunday.", 49),
])
def test_a_count_of_matches_is_a_figure(text: str, value: int) -> None:
    assert [f.value for f in find_figures(text)] == [value]


def test_several_hundred_is_no_number() -> None:
    text = "Some historians say several hundred people were killed in the massacre."
    assert find_figures(text) == []


def test_an_age_at_death_in_the_lead_is_a_figure() -> None:
    text = ("Distinguished lawyer Lord Scarman, who led the inquiry into the riots, has died "
            "aged 93.\n\nHis nephew said he would be sadly missed, aged 60 or not.")
    figures = extract(Article("Lord Scarman dies peacefully", text)).figures
    assert [(f.text, f.value) for f in figures] == [(
        "Distinguished lawyer Lord Scarman, who led the inquiry into the riots, has died aged 93",
        93)]


def test_a_hyphenated_count_of_players_is_a_figure() -> None:
    text = "England Women have named their 31-player performance squad for the World Cup."
    assert only(text).value == 31


@pytest.mark.parametrize(("text", "value"), [
    ("Baikal bought the unit for $9.4bn (261bn roubles, £4.8bn) on Sunday.", 9_400_000_000),
    ("Net profit was $186m (£98m; 143m euros) in the quarter.", 186_000_000),
    ("Sales should reach 300bn yen ($2.9bn, £1.5bn) by 2010.", 300_000_000_000),
])
def test_every_conversion_of_an_amount_is_part_of_it(text: str, value: int) -> None:
    assert [f.value for f in find_figures(text)] == [value]


def test_a_scaled_amount_in_an_unlisted_currency_before_its_conversion_is_money() -> None:
    text = ("The government wants the firm to make an annual investment of 400m pesos "
            "($136m; £72.3m) in improvements.")
    figure = only(text)
    assert (figure.value, figure.unit, figure.text) == (400_000_000, "pesos", text[:-1])


@pytest.mark.parametrize(("text", "phrase"), [
    ("More than 2,000 business and political leaders are arriving in Davos.",
     "More than 2,000 business and political leaders"),
    ("Delegates from 23 European and Arab countries met in Cairo.",
     "Delegates from 23 European and Arab countries"),
])
def test_modifiers_joined_by_and_lead_to_the_counted_noun(text: str, phrase: str) -> None:
    assert any(phrase in f.text for f in find_figures(text))


def test_a_pronoun_before_and_modifies_no_noun() -> None:
    text = "Version 9.1 itself and individual apps were updated."
    assert find_figures(text) == []


LEAD = "Ministers met in Brussels on Monday to agree the budget.\n\n"


@pytest.mark.parametrize("text", [
    LEAD + "Mr Chirac secured a slot two hours before Mr Blair speaks.",
    LEAD + "Radcliffe will run just 77 days after the Athens marathon.",
    "For five days, leaders will discuss trade.",
    "Apple's WWDC event in under 90 seconds",
    LEAD + "Wales chase a first Grand Slam in 27 years.",
    LEAD + "Giggs dragged a left-foot effort badly wide from 10 yards.",
    LEAD + "Rooney messed up a free-kick 20 yards out.",
    "There are usually two ways to disclose a flaw.",
])
def test_spans_that_place_an_event_and_shot_distances_are_no_figures(text: str) -> None:
    assert find_figures(text) == []


@pytest.mark.parametrize(("text", "value"), [
    (LEAD + "He was banned for six months after testing positive.", 6),
    (LEAD + "Gay stormed to his first major title in 21.01 seconds.", 21.01),
])
def test_spans_that_measure_stay(text: str, value: float) -> None:
    assert [f.value for f in find_figures(text)] == [value]


def test_a_span_before_or_after_an_event_in_the_headline_is_its_news() -> None:
    headline = "Fugitive capybara captured 19 days after zoo escape"
    figures = find_figures("Keepers caught it in a park on Monday.", headline=headline)
    assert [f.value for f in figures] == [19]


def test_a_name_opening_a_sentence_is_still_a_name() -> None:
    text = ("A US firm bought the rights to the Commodore name. Commodore 64 enthusiasts have "
            "written emulators for the PC.")
    assert find_figures(text) == []


def test_a_dated_title_is_no_count() -> None:
    text = "Oscar snubs included Henry Fonda in 12 Angry Men (1957)."
    assert find_figures(text) == []


@pytest.mark.parametrize(("text", "phrase"), [
    (LEAD + "Bosses of a fifth of the world's 500 largest companies scheduled to attend.",
     "the world's 500 largest companies"),
    (LEAD + "It could cost up to £1,700 over an 18-month period due to cartridge costs.",
     "18-month period"),
    (LEAD + "Five firms sign up to the scheme.", "Five firms sign up"),
])
def test_a_phrase_ends_on_its_noun_before_a_word_cut_from_its_complement(
    text: str, phrase: str
) -> None:
    assert any(phrase in f.text for f in find_figures(text))


def test_an_amount_that_says_what_it_is_starts_its_own_phrase() -> None:
    text = (LEAD + "Yukos will sue Baikal and others involved in the sale of Yuganskneftegas "
            "for $20bn in damages.")
    assert [f.text for f in find_figures(text)] == ["$20bn in damages"]


def test_a_bracketed_figure_takes_the_words_before_its_brackets() -> None:
    text = (LEAD + "Fewer Americans (38%) say Apple should not unlock the phone. Suez owns 40% "
            "of Aguas Argentinas (39.9%), the filing shows.")
    assert [f.text for f in find_figures(text)] == [
        "Fewer Americans (38%)", "Suez owns 40% of Aguas Argentinas"]


def test_a_bracketed_amount_after_another_is_its_conversion() -> None:
    text = LEAD + "The gadget will retail for £99 in the UK (149 euros) from March."
    assert [f.value for f in find_figures(text)] == [99]


@pytest.mark.parametrize(("headline", "phrase"), [
    ("The Star faces class action threat after $1b share price collapse",
     "$1b share price collapse"),
    ("Yukos unit fetches $9bn at auction", "$9bn"),
])
def test_a_headline_amount_takes_the_nouns_after_it(headline: str, phrase: str) -> None:
    figures = find_figures("The casino giant faces a lawsuit.", headline=headline)
    assert [f.text for f in figures] == [phrase]


def _quoted(text: str, words: str) -> list[tuple[int, int]]:
    start = text.index(words)
    return [(start, start + len(words))]


@pytest.mark.parametrize(("sentence", "words", "phrases"), [
    ("It maintains a monopoly, controlling “over 80 percent of the listings”.",
     "over 80 percent of the listings", ["over 80 percent of the listings"]),
    ("He now hopes to increase productivity \"by nearly 30%\".", "by nearly 30%",
     ["by nearly 30%"]),
    ("The minister said \"costs rose by 30% last year\".", "costs rose by 30% last year", []),
    ("Use language such as \"any revision will result in a $250 fee\".",
     "any revision will result in a $250 fee", []),
])
def test_a_quotation_woven_into_the_sentence_keeps_its_figure(
    sentence: str, words: str, phrases: list[str]
) -> None:
    text = LEAD + "Talks went on.\n\n" + sentence + "\n\nThe talks go on."
    figures = find_figures(text, quoted=_quoted(text, words))
    assert [f.text for f in figures] == phrases


BLOGGER = (
    "A US airline attendant suspended over images on her blog says she has been fired.\n\n"
    "Ellen Simonetti wrote an account of her life in the sky. She was suspended in September.\n\n"
    "She said she was taking legal action over her termination.\n\n"
)


def test_figures_closing_a_story_on_another_subject_are_not_shown() -> None:
    text = BLOGGER + (
        "Delta has been hit by rising fuel costs. It has said it needs to cut 6,000 jobs. "
        "The airline also agreed the terms of a $600m loan from American Express."
    )
    figures = find_figures(text, headline="US blogger fired by her airline")
    assert [f.text for f in figures] == [
        "The airline also agreed the terms of a $600m loan from American Express"]


def test_closing_figures_stay_when_the_lead_gives_one_or_the_paragraph_is_the_story() -> None:
    led = BLOGGER.replace("says she", "says 3,000 readers saw it and she")
    closing = "Delta has been hit by rising fuel costs. It has said it needs to cut 6,000 jobs."
    assert 6000 in [f.value for f in find_figures(led + closing, headline="Blogger fired")]
    on_story = "Her blog had been read by 6,000 people. Delta has been hit by rising fuel costs."
    assert 6000 in [f.value for f in find_figures(BLOGGER + on_story, headline="Blogger fired")]


def test_a_toll_closing_a_story_is_never_background() -> None:
    text = ("The court issued an arrest warrant for the leader on Thursday.\n\n"
            "Rights groups welcomed the ruling in statements from London.\n\n"
            "The health ministry said at least 44,056 people had been killed in more than 13 "
            "months of war.")
    figures = find_figures(text, headline="Court moves against a leader")
    assert figures[0].value == 44056


@pytest.mark.parametrize(("sentence", "phrase"), [
    ("A survey found that 90% of PCs are infested with the software.",
     "90% of PCs are infested"),
    ("Officials said 51 new community cases were reported, up from 40.",
     "51 new community cases were reported"),
    ("About 80% of the staff were fed up with the plan.", "About 80% of the staff were fed up"),
])
def test_a_figure_that_is_the_subject_keeps_its_verb(sentence: str, phrase: str) -> None:
    assert any(phrase in f.text for f in find_figures(LEAD + sentence))


@pytest.mark.parametrize(("sentence", "phrase"), [
    ("Gordon Brown has doubled the level at which buyers pay stamp duty to £120,000 as he put "
     "the economy first.", "stamp duty to £120,000"),
    ("A BBC poll of 1,313 people suggests two-thirds back the plan.", "BBC poll of 1,313 people"),
    ("The £178m winter schedule also includes a new drama.", "The £178m winter schedule"),
    ("Vouchers went out: a £20 Revolution Bars voucher for the winner.",
     "£20 Revolution Bars voucher"),
])
def test_a_figures_phrase_ends_where_another_clause_starts(sentence: str, phrase: str) -> None:
    # A subject pronoun or another subject's verb ("as he put", "suggests") opens a clause of
    # its own; a capitalized word is a name, no verb.
    assert any(phrase in f.text for f in find_figures(LEAD + sentence))


@pytest.mark.parametrize(("sentence", "phrase"), [
    ("The study found that 45% of people use it.", "45% of people use"),
    ("A poll showed that around £6bn will be available.", "around £6bn will be available"),
])
def test_a_figure_after_that_starts_its_phrase(sentence: str, phrase: str) -> None:
    assert any(phrase in f.text for f in find_figures(LEAD + sentence))


def test_a_share_opening_a_sentence_after_a_party_is_no_name() -> None:
    text = ("Ministers agreed a plan on Monday.\n\nLabour 40% of the vote was down on the "
            "forecast by the Labour party.")
    assert [f.value for f in find_figures(text, headline="Budget row")] == [40]


def test_a_conversion_in_capitalized_dollars_joins_its_amount() -> None:
    text = "The firm will invest 400m pesos (US$136m) in the plant, its chief said."
    figures = find_figures(text, headline="Firm invests in plant")
    assert len(figures) == 1 and figures[0].value == 400_000_000


@pytest.mark.parametrize(("text", "value", "phrase"), [
    ("Around 2m people have been displaced by the floods.", 2_000_000, "2m people"),
    ("Up to 1.4m workers could take part in the strike.", 1_400_000, "1.4m workers"),
    ("The site now has 20k users across Europe.", 20_000, "20k users"),
    ("Around 1.7m animal “trophies” were exported by hunters.", 1_700_000,
     "1.7m animal “trophies”"),
])
def test_m_or_k_before_what_is_counted_is_a_million_or_a_thousand(
        text: str, value: int, phrase: str) -> None:
    figure = only(text)
    assert figure.value == value and phrase in figure.text


@pytest.mark.parametrize("text", [
    "She won the 60m hurdles in Madrid on Saturday.",
    "He took both the 200m titles at the championships.",
    "The 5K displays are sharper than the old ones.",
])
def test_a_race_distance_or_a_resolution_is_no_million_or_thousand(text: str) -> None:
    assert [f.value for f in find_figures(text)] == []


def test_three_modifiers_before_a_known_count_noun_still_count() -> None:
    figure = only("Eighty large net service firms have switched on the software.")
    assert (figure.value, figure.unit) == (80, "firms")


def test_a_proportion_of_children_is_a_figure() -> None:
    figure = only("More than nine out of 10 refugee and migrant children arriving in Europe "
                  "are travelling alone, the agency said.")
    assert figure.value == 9 and "nine out of 10 refugee and migrant children" in figure.text


def test_and_joins_a_range_only_after_between() -> None:
    figures = find_figures("Shareholders lost about $180bn and 20,000 workers lost their jobs.")
    # one bullet: the clause of the second figure holds the first
    assert [(f.value, f.upper) for f in figures] == [(180_000_000_000, None)]
    assert figures[0].text == "Shareholders lost about $180bn and 20,000 workers lost their jobs"


def test_a_currency_joined_by_a_hyphen_is_the_amounts() -> None:
    figure = only("The bank must fill a 4bn-euro hole in its accounts.")
    assert (figure.value, figure.currency) == (4_000_000_000, "EUR")


def test_pounds_joined_by_a_hyphen_are_a_weight() -> None:
    assert all(f.currency is None for f in find_figures(
        "Scientists say 1,000-pound leatherback sea turtles are in decline."))


def test_a_milestone_in_the_lead_is_a_figure_a_minute_is_not() -> None:
    assert [f.text for f in find_figures(
        "Ryan Giggs will captain Wales as he wins his 50th cap on Wednesday.",
        headline="Giggs to lead Wales")] == [
        "Ryan Giggs will captain Wales as he wins his 50th cap"]
    assert find_figures("He scored in the 80th minute to win it.", headline="Late win") == []


def test_games_in_a_record_run_count_past_the_lead() -> None:
    text = ("Mexico topped their group on Monday.\n\nIt was a good night for the team.\n\n"
            "With that draw, Mexico extended their unbeaten run to 22 games.")
    assert [f.value for f in find_figures(text)] == [22]


@pytest.mark.parametrize(("text", "currency"), [
    ("The firm paid 500m zloty for the plant.", "PLN"),
    ("The woman was fined 3,000 riyal and deported.", None),  # Saudi or Qatari
    ("He was ordered to pay 100,000 kroner to the music industry.", None),  # Danish, Norwegian
])
def test_more_currencies_by_their_names(text: str, currency: str | None) -> None:
    figure = only(text)
    assert (figure.unit, figure.currency) == (None, currency)


def test_a_majority_cut_to_a_bare_number_is_a_figure() -> None:
    figure = only("MPs backed the bill, but Labour's majority was reduced to 14 on Monday.")
    assert figure.value == 14 and "majority was reduced to 14" in figure.text


def test_an_age_at_death_after_the_place_of_death() -> None:
    figure = only("Dame Alicia Markova, who has died in Bath aged 94, was a prima ballerina.")
    assert figure.value == 94 and figure.text == "Dame Alicia Markova, who has died in Bath aged 94"


def test_one_before_a_scale_is_a_number() -> None:
    figure = only("The cards will protect the one million seafarers estimated to be at sea.")
    assert figure.value == 1_000_000


def test_a_headlines_round_figure_is_the_texts_exact_one() -> None:
    figures = find_figures("The majority owner of Yukos has sued the Russian government for "
                           "$28.3bn over the break-up of the firm.",
                           headline="Yukos owner sues Russia for $28bn")
    assert [f.value for f in figures] == [28_300_000_000]


def test_the_paragraph_after_a_lead_with_no_figure_ranks_as_the_lead() -> None:
    text = ("A group of MPs has tried to raise the pressure over reform of the Lords.\n\n"
            "The group has unveiled a bill in which 70% of members would be elected. Reform "
            "has stalled since 1999 when 600 hereditaries lost their seats.\n\n"
            "The reform of the Lords would cost £30m a year, the group of MPs said.\n\n"
            "Ministers said they would study the plans.")
    values = [f.value for f in find_figures(text, headline="MPs tout plan")]
    assert values.index(70) < values.index(30_000_000)


@pytest.mark.parametrize("text", [
    "The storm brought 10m waves to the Cornish coast.",
    "Team GB named its 400m women for the relay.",
    "The 4k screens sold well in the shops.",
    "The majority of 52 Labour rebels backed the bill.",
])
def test_a_length_a_race_a_resolution_or_a_part_of_a_whole_is_no_figure(text: str) -> None:
    assert find_figures(text) == []


def test_a_headline_figure_the_text_gives_as_it_is_stays_itself() -> None:
    figures = find_figures("The retailer, which runs 196 stores, said 200 jobs would go.",
                           headline="Retailer to cut 200 jobs")
    assert figures[0].value == 200


def test_an_ordinal_is_a_milestone_only_after_a_possessive() -> None:
    assert find_figures("She scored the winner in the 3rd round match.", headline="Cup") == []
    assert find_figures("Smith Died aged 93 on Monday, his family said.")[0].value == 93


def test_people_counted_by_a_short_title_are_counted() -> None:
    figure = only("Some 83 MPs gave their answers in taped interviews for the study.")
    assert (figure.value, figure.unit) == (83, "MPs")


def test_an_age_at_death_after_at() -> None:
    figure = only("Conductor Marcello Viotti has died in Germany at 50, the theatre said.")
    assert figure.value == 50 and "died in Germany at 50" in figure.text


@pytest.mark.parametrize("text", [
    "Both Scotland and Italy have lost their opening two Six Nations games.",
    "India attends the G7 meeting of seven leading industrialised nations on Friday.",
])
def test_a_count_of_what_a_name_holds_is_no_figure(text: str) -> None:
    assert find_figures(text) == []


def test_a_data_rate_written_against_its_number() -> None:
    figure = only("Many customers will now have download speeds of 2Mbps, the firm said.")
    assert (figure.value, figure.unit) == (2, "Mbps")


def test_lives_saved_or_lost_rank_as_a_toll() -> None:
    figures = find_figures("Cutting the limit would save 65 lives a year. It would also save "
                           "the country £119m a year, the report says.", headline="Drink limit")
    assert figures[0].value == 65


@pytest.mark.parametrize("text", [
    "The two listings were written at 03:42 and 03:47 by the cron job.",
    "Each record needs p+1 bytes of memory on the server.",
])
def test_the_minutes_of_a_time_and_a_term_of_code_are_no_figures(text: str) -> None:
    assert find_figures(text) == []


def test_millions_of_messages() -> None:
    figure = only("Between midnight on 31 December and 1 January, 133m text messages were sent.")
    assert figure.value == 133_000_000


def test_a_number_word_in_a_title_after_an_owner_is_no_figure() -> None:
    assert find_figures("The crime caper sequel went straight to number one.",
                        headline="Ocean's Twelve raids box office") == []


def test_an_age_at_death_after_at_the_age_of() -> None:
    figure = only("Actress Patsy Rowlands, known to millions, has died at the age of 71.")
    assert (figure.value, figure.text) == (
        71, "Actress Patsy Rowlands, known to millions, has died at the age of 71")


def test_a_players_tally_over_games_is_a_figure() -> None:
    text = ("Mia Hamm has played her final game.\n\nShe scored 3 goals on Sunday. She ends her "
            "career as the most prolific scorer, with 158 goals in 276 games for the US.")
    assert [f.value for f in find_figures(text, headline="Hamm bows out")] == [158]


@pytest.mark.parametrize("text", [
    "Support for a ban has fallen, a poll suggests. For the programme they asked 801 adults "
    "the same question. In the survey, 47% said they supported the ban.",
    "Sales fell in the quarter, the survey of 5,196 firms found. Growth will slow to 2.5%.",
])
def test_the_people_or_firms_a_survey_asked_rank_below_what_it_found(text: str) -> None:
    assert find_figures(text, headline="Survey")[0].unit == "%"


def test_the_span_a_story_looks_over_ranks_below_its_findings() -> None:
    figures = find_figures("Support for a ban has fallen in the past six years, a poll suggests."
                           "\n\nOnly 47% of adults now back a ban, the poll found.",
                           headline="Hunt ban support falls")
    assert [f.value for f in figures] == [47, 6]


def test_a_prison_term_ranks_first_in_a_legal_story() -> None:
    figures = find_figures("An Iranian weblogger has been jailed for 14 years for spying.\n\n"
                           "The authorities have arrested about 20 online journalists in all.",
                           headline="Iran jails blogger")
    assert [f.value for f in figures] == [14, 20]


def test_a_toll_in_words_after_its_verb() -> None:
    text = ("Mr Abbas said he would act.\n\nThe attack, which killed five, was the first since "
            "he took office. The drama tells of a mother wrongly convicted of killing two of "
            "her babies.")
    assert [(f.value, f.text) for f in find_figures(text, headline="Abbas")] == [
        (5, "killed five")]


def test_a_part_of_a_whole_counted_after_an_owner() -> None:
    figure = only("Henman leaves with an impressive record, having won 36 of his 50 matches.")
    assert (figure.value, figure.text) == (
        36, "Henman leaves with an impressive record, having won 36 of his 50 matches")


@pytest.mark.parametrize(("text", "phrase"), [
    ("Shares in Dr Reddy's fell 93% as research costs rose.", "Dr Reddy's fell 93%"),
    ("Maternity pay will rise by £1,400 as part of the plan.", "rise by £1,400"),
    ("The new chip is up to four times as fast as the old one.",
     "new chip is up to four times as fast"),
    ("He spent five years as CEO of the bank.", "He spent five years as CEO"),
])
def test_as_after_a_figure_ends_its_phrase_when_it_opens_a_clause(text: str, phrase: str) -> None:
    assert phrase in only(text).text


def test_a_better_figure_inside_anothers_phrase_is_shown_once_in_the_wider_words() -> None:
    text = ("Sales totalled 3.9 million units, the company said.\n\nA switch to new models hit "
            "Mercedes-Benz, with sales down 3.1% at 1.06 million.")
    figures = find_figures(text, headline="DaimlerChrysler sales rise")
    assert [(f.value, f.text) for f in figures] == [
        (3_900_000, "Sales totalled 3.9 million units"),
        (1_060_000, "sales down 3.1% at 1.06 million")]


def test_a_share_of_a_whole_keeps_the_shares_value() -> None:
    text = ("The poll was carried out last week.\n\nSome 87% of the 1,000 adults quizzed by ICM "
            "said they would vote.")
    assert [(f.value, f.unit) for f in find_figures(text, headline="Poll")] == [(87, "%")]


def test_the_games_of_a_tally_are_no_figure_of_their_own() -> None:
    text = ("Wilkinson is back.\n\nWilkinson, who has scored 817 points in 52 internationals, "
            "kicked the winning goal.")
    assert [f.value for f in find_figures(text, headline="Wilkinson back")] == [817]


def test_a_phrase_ending_on_an_owner_goes_on_to_what_it_owns() -> None:
    assert only("The fund already owns 6.7% of Circuit City's shares.").text == (
        "The fund already owns 6.7% of Circuit City's shares")


@pytest.mark.parametrize(("text", "value", "phrase"), [
    ("Holmes won the 1500m in four minutes 14.74 seconds.", 4,
     "four minutes 14.74 seconds"),
    ("Radcliffe won in two hours, 23 minutes and 10 seconds.", 2,
     "two hours, 23 minutes and 10 seconds"),
    ("The final took two hours and 40 minutes.", 2, "two hours and 40 minutes"),
])
def test_a_span_given_in_two_units_is_one_figure_of_the_larger(
        text: str, value: float, phrase: str) -> None:
    figure = only(text)
    assert figure.value == value and phrase in figure.text


def test_a_plural_that_is_also_a_verb_counts_after_an_adjective() -> None:
    figure = only("The lords ruled that the detention of 12 foreign terror suspects without "
                  "trial breached human rights.")
    assert (figure.value, figure.unit) == (12, "suspects")
    assert find_figures("The door has 19 firm handles.") == []


def test_a_converted_range_is_no_figure_of_its_own() -> None:
    figures = find_figures("The move would cut its profits by $3.8m to $4.9m (£2m to £2.6m).")
    assert [(f.value, f.upper, f.currency) for f in figures] == [(3_800_000, 4_900_000, "USD")]


def test_a_share_move_restated_in_money_is_one_figure() -> None:
    figures = find_figures("Shares in Krispy Kreme sank 14.87% - or $1.83 - on the news.")
    assert [(f.value, f.unit) for f in figures] == [(14.87, "%")]
    assert [f.text for f in find_figures(
        "Councils have spent more than £3bn - or £140 per household - on asylum.")] == [
        "Councils have spent more than £3bn", "£140 per household"]


def test_a_share_move_ranks_first_in_a_story_about_the_shares() -> None:
    text = ("Krispy Kreme will restate its accounts.\n\nThe company warned the move would cut "
            "its profits by $3.8m.\n\nIt may restate more results.\n\nShares in Krispy Kreme "
            "sank 14.87% to close at $10.48 on the news.")
    figures = find_figures(text, headline="Krispy Kreme shares hit")
    assert figures[0].value == 3_800_000 and figures[1].value == 14.87
    other = find_figures(text, headline="Krispy Kreme restates accounts")
    assert other[0].value == 3_800_000 and "14.87%" not in other[0].text


def test_storage_and_clock_speeds_are_figures_below_a_price() -> None:
    figure = only("The new iPod mini model can hold 6GB of music.")
    assert (figure.value, figure.unit) == (6, "GB")
    assert (only("It runs on a 1.8 GHz processor.").value, only("It runs on a 1.8 GHz "
                                                              "processor.").unit) == (1.8, "GHz")
    text = ("Telewest will offer a recorder.\n\nIt will have a 160GB hard drive and cost a £10 "
            "subscription fee.")
    assert [f.unit for f in find_figures(text, headline="Telewest recorder")] == [None, "GB"]


def test_what_a_figure_is_compared_with_is_no_part_of_its_phrase() -> None:
    assert only("Speeds of 18Mbps compared with the old lines.").text == "Speeds of 18Mbps"


def test_an_exchange_rate_is_a_figure() -> None:
    figure = only("The rupee climbed to 43.305 per US dollar on Thursday.")
    assert (figure.value, figure.unit) == (43.305, "per dollar")


@pytest.mark.parametrize("text", [
    "The unemployment rate fell to its lowest level in three years.",
    "Prices rose at the highest rate for more than five years.",
    "Exports had their best performance in two decades.",
])
def test_how_long_since_a_record_is_no_figure(text: str) -> None:
    assert find_figures(text) == []


@pytest.mark.parametrize(("text", "phrase"), [
    ("It suffered a net loss of more than 58,000 customers in January.",
     "net loss of more than 58,000 customers"),
    ("The gain was below market expectations of 190,000 new jobs.",
     "market expectations of 190,000 new jobs"),
])
def test_a_count_keeps_the_words_it_is_a_part_or_a_loss_of(text: str, phrase: str) -> None:
    assert phrase in only(text).text


def test_a_count_of_a_noun_past_a_quoted_word() -> None:
    figure = only("The party unveiled plans to build 100,000 new \"affordable\" homes.")
    assert (figure.value, figure.unit) == (100_000, "homes")
    assert find_figures("It ships with a 3.5\u201d drive bay.") == []


def test_an_age_in_the_lead_is_a_figure() -> None:
    figures = find_figures("Martina Navratilova has defended her decision to prolong her "
                           "career at the age of 48.", headline="Navratilova hits out")
    assert [(f.value, f.unit) for f in figures] == [(48, "years")]


def test_a_capitalized_unit_that_opens_a_title_is_no_figure() -> None:
    assert find_figures("He had a cameo in 24 Hour Party People, the film about Factory.") == []
    assert only("The strike will last 24 hours.").value == 24


@pytest.mark.parametrize(("text", "phrase"), [
    # a count or a span says what it counts with the words of its clause before it
    ("The player was suspended for three years.", "suspended for three years"),
    ("US firms added only 146,000 jobs in January.", "firms added only 146,000 jobs in January"),
    # not from before a speech verb, another number or only a preposition
    ("Analysts said 30 firms would close.", "30 firms would close"),
    ("The scheme began in 1998 with 46 states.", "46 states"),
    ("Output fell from 500,000 to 400,000 units.", "400,000 units"),
])
def test_a_count_or_a_span_takes_the_words_of_its_clause_before_it(text: str, phrase: str) -> None:
    assert phrase in only(text).text


@pytest.mark.parametrize(("text", "phrase"), [
    # a modifier with no verb before it opens the phrase; a clause's opener is no part of it
    ("During the same period almost 5,000 laptops were sold.", "almost 5,000 laptops were sold"),
    ("He crossed the line just 0.02 seconds behind.", "just 0.02 seconds behind"),
    ("Councils must create sites because 3,500 travellers have no place.",
     "3,500 travellers have no place"),
    ("Stuart spent just over four years at the club.",
     "Stuart spent just over four years at the club"),
])
def test_a_count_opens_at_its_modifier_or_after_a_clauses_opener(text: str, phrase: str) -> None:
    assert only(text).text == phrase


@pytest.mark.parametrize(("text", "phrase"), [
    # a share of a whole goes on to what is true of it
    ("A survey found 70% of local businesses were no worse off.",
     "A survey found 70% of local businesses were no worse off"),
    ("About 12% of users were based in Iran.", "About 12% of users were based in Iran"),
    # not to the verb alone
    ("Over 85% of the bids were, he said, too low.", "Over 85% of the bids"),
])
def test_a_share_of_a_whole_says_what_is_true_of_it(text: str, phrase: str) -> None:
    assert phrase in find_figures(text)[0].text


@pytest.mark.parametrize(("text", "phrase"), [
    # a phrase cut short ends before the words that lead up to what is cut
    ("The 30GB version has also come down in price.", "30GB version"),
    ("More than 100,000 people are believed to have died.", "More than 100,000 people"),
    # not down to a bare share
    ("A poll found 47% said they would vote.", "A poll found 47% said"),
])
def test_a_phrase_cut_short_ends_before_the_words_leading_up_to_the_cut(
        text: str, phrase: str) -> None:
    assert phrase in find_figures(text)[0].text


def test_a_count_does_not_start_with_the_day_of_a_verb_of_saying() -> None:
    text = "Rescuers searching the coast of the island said yesterday 2,000 homes were destroyed."
    assert only(text).text == "2,000 homes were destroyed"


def test_a_number_word_counts_a_plural_after_a_noun_that_describes_it() -> None:
    figure = only("Iraq is to invite bids for two telephone licences, saying it wants to boost "
                  "coverage.")
    assert (figure.value, figure.unit) == (2, "licences")
    assert find_figures("The door has 19 firm handles.") == []  # a digit may name a firm


def test_a_few_things_counted_in_passing_rank_below_the_news() -> None:
    text = ("Shares in music giant EMI have sunk by more than 16% after the firm issued a profit "
            "warning following disappointing sales and delays to two album releases.")
    assert [f.value for f in find_figures(text)] == [16, 2]
    # a sentence that opens with its count is about what it counts
    text = ("Two farmers committed suicide in Bidar district on Sunday. The 46-year-old farmer "
            "had taken Rs. 5 lakh from a lender.")
    assert find_figures(text)[0].value == 2


def test_a_count_of_what_the_lead_sells_needs_no_noun() -> None:
    text = ("Sony PlayStation 2's slimmer shape has proved popular with UK gamers, with 50,000 "
            "sold in its first week on sale.\n\nSales have tripled since launch.\n\nShops "
            "said 300 sold out later.")
    assert [(f.value, f.unit) for f in find_figures(text)] == [(50_000, "sold")]


def test_two_modifiers_joined_by_and_may_end_in_a_hyphened_one() -> None:
    figure = only("The company said it had to cancel 77 short and medium-distance flights.")
    assert (figure.value, figure.unit) == (77, "flights")


def test_an_obituary_gives_the_age_after_the_death() -> None:
    text = ("Sir Anthony Meyer, the Tory backbencher, has died.\n\nHe was 84, had been "
            "suffering from cancer for many months.")
    figures = find_figures(text, headline="Tory 'stalking horse' Meyer dies")
    assert [(f.text, f.value) for f in figures] == [("Anthony Meyer was 84", 84)]
    # no death, no obituary: an age in passing stays out
    text = "Sir Anthony Meyer has retired from the Commons.\n\nHe was 84, and still busy."
    assert find_figures(text) == []


def test_a_part_of_a_whole_counted_in_words_is_a_figure_past_the_lead() -> None:
    text = ("The pressure is on the coach.\n\nDespite the dip in form - they have lost eight of "
            "their last 13 matches - the Ireland coach is wary.")
    assert [(f.value, f.unit) for f in find_figures(text)] == [(8, "matches")]
    # the whole of a proportion is no part: "two in five of the 635,173 reports"
    text = ("Fraud grew.\n\nThe commission said two in five of the 635,173 reports it "
            "received were about fraud.")
    assert [f.value for f in find_figures(text)] == [635_173]


def test_a_second_verb_after_and_keeps_the_subject_of_the_first() -> None:
    text = ("Sony has billed the machine as the Walkman of the 21st Century and has sold more "
            "than 800,000 units in Japan.")
    assert only(text).text == text[:-1]
    text = ("Chelsea winger Arjen Robben has broken two metatarsal bones in his foot and will be "
            "out for at least six weeks.")
    assert [(f.text, f.value) for f in find_figures(text)] == [(text[:-1], 2)]


def test_a_phrase_reads_past_a_conversion_in_brackets_when_its_clause_goes_on() -> None:
    text = ("Two senior officials have disappeared after funds worth up to $120m (£64m) went "
            "missing.")
    assert [f.text for f in find_figures(text)] == [text[:-1]]
    assert only("Marsh posted a $676m (£352m) loss.").text == "Marsh posted a $676m (£352m) loss"
    assert only("The firm paid $5m (£2.7m).").text == "The firm paid $5m"
    # not into another clause
    text = "Rosneft bought the unit for $9.3bn (£5bn) after Yukos was forced to sell assets."
    assert only(text).text == "Rosneft bought the unit for $9.3bn"
