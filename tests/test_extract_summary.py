"""The summary: the lead, plus the sentences naming what matched, as written."""

from __future__ import annotations

import pytest

from bot.extract import extract
from bot.models import Article, EntityMatch, TopicMatch

TEXT = ("A handout picture released by the press office shows the minister arriving. "
        "(Photo by GPO / AFP)\n\n"
        "The court issued arrest warrants on Thursday for two leaders.\n\n"
        "The hearing lasted two hours. Lawyers left the building.\n\n"
        "Mohammed Deif, the military chief, was also named in the ruling.")


def topics(*evidence: str) -> tuple[TopicMatch, ...]:
    return (TopicMatch("t", tuple(EntityMatch("person", e, 1, (e,)) for e in evidence)),)


def test_the_lead_skips_a_photo_caption_and_adds_the_next_sentence() -> None:
    assert extract(Article("t", TEXT)).summary == (
        "The court issued arrest warrants on Thursday for two leaders.",
        "The hearing lasted two hours.")


def test_a_match_further_down_brings_its_sentence_after_the_storys_second() -> None:
    assert extract(Article("t", TEXT), topics("Deif")).summary == (
        "The court issued arrest warrants on Thursday for two leaders.",
        "The hearing lasted two hours.",
        "Mohammed Deif, the military chief, was also named in the ruling.")


def test_a_match_in_the_lead_brings_its_sentence_before_the_storys_second() -> None:
    text = ("The court issued arrest warrants on Thursday for two leaders. Mohammed Deif, the "
            "military chief, was named too. The hearing lasted two hours.")
    match = (TopicMatch("t", (EntityMatch("person", "Deif", 1, ("Deif",), prominence="lead"),)),)
    assert extract(Article("t", text), match).summary == (
        "The court issued arrest warrants on Thursday for two leaders.",
        "Mohammed Deif, the military chief, was named too.")


@pytest.mark.parametrize(("text", "topic", "last"), [
    # "His pass ..." needs the sentence before it, which the summary does not show.
    ("Wales secured their first away win in Rome with a six-try victory. Italy had led early in "
     "the game. The crowd was small. His pass to Tom Shanklin appeared forward but Michael "
     "Owen's pass set up the try. Michael Owen later said the team had deserved the win.",
     "Michael Owen", "Michael Owen later said the team had deserved the win."),
    # a sentence inside a quotation is someone's words, not the story's
    ("Rick Parry says Steven Gerrard will have the final say on his future. He told BBC Five "
     "Live: \"Steven is above money. He is the future of Liverpool. \"We will not accept "
     "offers.\" Parry also revealed Liverpool is ready to explore a stadium sponsorship deal.",
     "Liverpool", "Parry also revealed Liverpool is ready to explore a stadium sponsorship deal."),
], ids=["leans-on-one-not-shown", "inside-a-quotation"])
def test_the_sentence_naming_the_match_stands_alone_and_is_the_storys(
        text: str, topic: str, last: str) -> None:
    assert extract(Article("t", text), topics(topic)).summary[-1] == last


def test_a_sentence_opening_on_a_time_leans_on_nothing() -> None:
    text = ("Ministers met on Monday to agree the plan for the new year. Italy had led early. "
            "This year's Budget from Gordon Brown cut taxes for working families.")
    assert extract(Article("t", text), topics("Gordon Brown")).summary[-1] == (
        "This year's Budget from Gordon Brown cut taxes for working families.")


def test_a_line_up_is_no_sentence_of_the_summary() -> None:
    text = ("England beat Italy 39-7 in Rome on Saturday. The visitors led at half-time.\n\n"
            "England: J Robinson (capt); M Cueto, J Noon, O Barkley; C Hodgson, H Ellis; "
            "G Rowntree, S Thompson.\n\nJason Robinson scored two tries in the first half.")
    assert extract(Article("t", text), topics("J Robinson", "Jason Robinson")).summary == (
        "England beat Italy 39-7 in Rome on Saturday.", "The visitors led at half-time.",
        "Jason Robinson scored two tries in the first half.")


def test_no_more_than_three_sentences() -> None:
    summary = extract(Article("t", TEXT), topics("hearing", "Lawyers", "Deif")).summary
    assert len(summary) == 3
    assert summary[0].startswith("The court issued")


def test_empty_text_gives_an_empty_summary() -> None:
    assert extract(Article("t", "")).summary == ()


def test_a_headline_with_a_date_before_the_story_is_no_lead() -> None:
    text = ("Parents prosecuted after treatment Friday, May 1, 2015\n\n"
            "The parents were charged with neglect after refusing treatment for their son. "
            "The court heard the case on Monday morning.")
    assert extract(Article("t", text)).summary == (
        "The parents were charged with neglect after refusing treatment for their son.",
        "The court heard the case on Monday morning.")


def test_a_subheading_and_an_image_credit_are_skipped() -> None:
    text = ("Political activist Noam Chomsky\n\nFormica fusca, from file. Image: M. Krumbholz.\n\n"
            "Noam Chomsky is a professor of linguistics in Boston. He spoke to us at length.")
    assert extract(Article("t", text)).summary[0] == (
        "Noam Chomsky is a professor of linguistics in Boston.")


@pytest.mark.parametrize("dateline", [
    "(AFP) - ", "LONDON, Jan 5 (Reuters) - ", "WASHINGTON -- ", "Thursday, March 15, 2012 ",
])
def test_a_wire_dateline_is_cut_from_the_lead(dateline: str) -> None:
    text = f"{dateline}The Senate passed the bill on Monday night. It goes to the House next."
    assert extract(Article("t", text)).summary[0] == "The Senate passed the bill on Monday night."


def test_a_hyphen_inside_the_first_words_is_no_dateline() -> None:
    text = "US - led forces entered the city today. They met no resistance there at all."
    assert extract(Article("t", text)).summary[0] == "US - led forces entered the city today."


def test_a_one_line_dek_gives_way_to_the_sentence_sharing_hyphenated_words_with_the_headline(
) -> None:
    text = (
        "PizzaExpress is more romantic than it sounds.\n\n"
        "Proving that 5-year-olds are not too young to woo one another, Freddie and Dee Dee "
        "went on a date to a pizza restaurant last week. Their mothers arranged it."
    )
    summary = extract(Article("Five-year-olds go on a date", text)).summary
    assert summary[0].startswith("Proving that 5-year-olds")


def test_a_sentence_that_opens_a_quotation_it_does_not_close_is_left_out() -> None:
    # Alone it reads as nobody's words: the speaker and the rest come in the next sentences.
    text = ("The party expects its best results at the next election, a frontbencher said.\n\n"
            'Mr Davey said: "We are going to win more seats. "I think this is our best chance '
            'under Charles Kennedy. "I could not think of a stronger endorsement."\n\n'
            "Charles Kennedy will tour the country from Monday.")
    summary = extract(Article("t", text), topics("Charles Kennedy")).summary
    assert summary[0] == ("The party expects its best results at the next election, a "
                          "frontbencher said.")
    assert summary[-1] == "Charles Kennedy will tour the country from Monday."


def test_a_photo_credit_set_as_a_sentence_is_no_summary() -> None:
    text = ("The ruling comes after months of back-and-forth between the administration and the "
            "trust. (Image credit: Alex Wong)\n\nThe court will hear the case again in June.")
    assert extract(Article("t", text)).summary == (
        "The ruling comes after months of back-and-forth between the administration and the "
        "trust.",
        "The court will hear the case again in June.")


@pytest.mark.parametrize("stop", [". ", " "])
def test_a_credit_closing_a_caption_is_left_out_of_the_summary(stop: str) -> None:
    text = ("President Donald Trump holds a gavel after he signed the bill at the White House, "
            f"Friday, July 4, 2025, in Washington{stop}(AP Photo/Julia Demaree Nikhinson)")
    assert extract(Article("t", text)).summary == (
        "President Donald Trump holds a gavel after he signed the bill at the White House, "
        f"Friday, July 4, 2025, in Washington{stop.strip()}",)


@pytest.mark.parametrize("note", [
    "This post was originally published on Public Books.",
    "This article first appeared in The Conversation.",
    "This article was updated on Monday, November 27 to add in new deals.",
    "Welcome to Edition 9.07 of the Rocket Report!",
    "Welcome back to another edition of Closer Updates.",
    "Update 11/28/17: Added a note about limited availability of the 64GB model.",
    "Editor’s note: We have updated this post to correct the launch date.",
    "Warning: Contains spoilers from Game of Thrones Season 6, Episode 8.",
    "Spoiler alert: the butler did it.",
    "Trigger warning: I am about to discuss a Todd Solondz film.",
])
def test_a_sentence_about_the_post_is_no_summary(note: str) -> None:
    # A republication note, a newsletter's greeting or an update note says nothing of the news.
    text = (f"{note}\n\nThe city council voted on Monday to close the old bridge to traffic. "
            "Repairs will take two years.")
    summary = extract(Article("Council closes bridge", text)).summary
    assert summary[0] == "The city council voted on Monday to close the old bridge to traffic."
    assert note not in summary


@pytest.mark.parametrize("lead", [
    "Earlier this year, Square debuted a virtual card case for the merchants who accept it.",
    "Square had debuted a virtual card case for the merchants who accept it in the spring.",
])
def test_a_background_lead_gives_way_to_what_happens_now(lead: str) -> None:
    text = (f"{lead} These cards include locations, coupons and purchase history. "
            "Today, Square is launching a new version of its Card Case app with hands-free "
            "payments.")
    summary = extract(Article("Square’s Card Case app adds hands-free payments", text)).summary
    assert summary[0].startswith("Today, Square is launching")
    assert summary[1] == lead


def test_a_background_lead_gives_way_to_what_happened_on_a_named_day() -> None:
    lead = ("Although several women had accused the host of harassment, Fox News stood by O’Reilly "
            "until April of this year.")
    text = (f"{lead} A document published by the British government on Wednesday revealed that "
            "O’Reilly’s contract barred Fox from firing him unless claims were proven in court.")
    title = "Doc: O'Reilly Contract Barred Fox From Firing Him Unless Claims Proven In Court"
    assert extract(Article(title, text)).summary == (text[len(lead) + 1:], lead)


def test_a_background_lead_stays_when_the_later_sentence_is_further_from_the_headline() -> None:
    text = ("Last week the paper revealed thousands of patients are struggling to get a booster "
            "jab. This week they tell their stories.")
    summary = extract(Article("Patients complain about booster jab chaos", text)).summary
    assert summary[0].startswith("Last week the paper revealed")


def test_a_standfirst_reporting_a_claim_gives_way_to_the_story_lead() -> None:
    text = ("Yu Hu, 32, claims staff at Henan hospital held him forcibly and tried to ‘cure’ his "
            "homosexuality with medicine and abuse\n\n"
            "A gay man from northern China is suing a psychiatric hospital he alleges attempted "
            "to “cure” him of homosexuality with drugs, confinement and beatings.\n\n"
            "Continue reading...")
    title = "Gay man sues Chinese psychiatric hospital over 'sexuality correction'"
    summary = extract(Article(title, text)).summary
    assert summary[0].startswith("A gay man from northern China is suing")


def test_a_standfirst_that_reports_no_claim_stays_first() -> None:
    text = ("The Dutchman is moving to a bigger club with a large fanbase but he may soon realise "
            "a big budget brings its own problems\n\n"
            "The pessimistic view when Ronald Koeman moved to Southampton in 2014 was that he had "
            "accepted a hospital pass.")
    summary = extract(Article("Ronald Koeman moves to Everton's bigger club", text)).summary
    assert summary[0].startswith("The Dutchman is moving")


def test_a_lead_with_had_and_no_participle_is_no_background() -> None:
    text = ("Square had a busy spring with its virtual card case for the merchants who accept "
            "it. Today, Square is launching a new version of its Card Case app with hands-free "
            "payments.")
    summary = extract(Article("Square’s Card Case app adds hands-free payments", text)).summary
    assert summary[0].startswith("Square had a busy spring")


@pytest.mark.parametrize(("lead", "title"), [
    # A claim that is not the standfirst's first verb: the lead says something of its own.
    ("The star is used to criticism but insists the sexism row over his interview was blown "
     "out of proportion", "Chris Gayle interview row: star insists"),
    # A sentence with its full stop is the story's lead, not a standfirst.
    ("Chief Bruce Shisheesh says his community of 2000 is struggling after 100 suicide "
     "attempts.", "Chris Gayle interview row: star insists"),
    # The body's lead is further from the headline than the claim.
    ("• World No2 says being defending champion will help ‘if I get into contention’",
     "Defending champion World No2 says he will be in contention"),
])
def test_a_standfirst_stays_first_unless_it_only_reports_a_claim(lead: str, title: str) -> None:
    text = (f"{lead}\n\nChris Gayle doesn’t trust the interview row but blunt honesty is "
            "preferable, the star insists.")
    assert extract(Article(title, text)).summary[0] == lead


@pytest.mark.parametrize(("lead", "second", "first"), [
    ("Could Half-Life 2 possibly live up to the hype?",
     "After two years of previews and delays, the shooter is out and it is a triumph.", 1),
    # A statement that ends asking says something itself.
    ("Tony Blair has told Labour supporters he is back - but does the party agree?",
     "The electorate are keener on the government than the party, one analyst says.", 0),
    # Two questions in a row: the second says no more than the first.
    ("Has there been a better Six Nations match than Saturday's epic in Paris?",
     "And can the Welsh revival continue all the way to a first Grand Slam?", 0),
])
def test_a_lead_that_asks_a_question_gives_way_to_the_next_sentence(
    lead: str, second: str, first: int
) -> None:
    text = f"{lead} {second} The rest follows."
    summary = extract(Article("Review of the week", text)).summary
    assert summary[0] == (lead, second)[first]


def test_a_standfirst_bullet_that_is_only_a_quotation_is_no_summary() -> None:
    text = ("• ‘It’s true some Russian fans rushed English sector but it was nothing bad’\n\n"
            "Russian officials have played down the violence over the weekend in Marseille. One "
            "official said the fans should be forgiven.")
    summary = extract(Article("Russian officials praise fans", text)).summary
    assert summary[0].startswith("Russian officials have played down")
    assert not any("It’s true" in s for s in summary)


def test_a_related_link_bullet_is_no_summary_even_alone() -> None:
    text = "• Opinion: Chappelle's Trumpian claims of 'cancel culture' are laughable"
    assert extract(Article("Netflix fired employee who leaked information", text)).summary == ()


@pytest.mark.parametrize("sign_off", ["CNN's Sam Kiley reports.", "The Calvert Journal reports"])
def test_a_broadcasters_sign_off_is_no_summary(sign_off: str) -> None:
    text = ("Russian President Vladimir Putin has been accused of making a sexist remark to a "
            f"female journalist at an event this week. {sign_off}")
    assert extract(Article("t", text)).summary == (
        "Russian President Vladimir Putin has been accused of making a sexist remark to a female "
        "journalist at an event this week.",)


def test_a_lead_of_what_was_noted_before_gives_way_to_what_was_just_reported() -> None:
    lead = ("I’ve previously noted the chatter that AT&T may need to give the president "
            "assurances before his Justice Department approves the deal.")
    text = (f"{lead} The Financial Times has just reported that the Justice Department is "
            "telling AT&T that it needs to sell CNN.")
    summary = extract(Article("Boom - Watch This Closely", text)).summary
    assert summary[0].startswith("The Financial Times has just reported")
    assert summary[1] == lead


def test_the_news_further_down_a_feature_opening_must_share_three_headline_words() -> None:
    opening = ("Our leading hypothesis for how our memories are stored is that when you learn "
               "something, the connections among neurons get stronger. The trouble is that "
               "these connections change over time. Researchers wanted to know why. They "
               "looked at how that could work.")
    title = "Putting mice into hibernation causes a major loss of synapses"
    news = ("In a recent study, they induced a hibernation-like state in mice, which erased "
            "more than half of their synapses.")
    summary = extract(Article(title, f"{opening} {news} The mice kept their memories.")).summary
    assert summary[0] == news
    # One headline word that far down is no news.
    weak = "In a recent study, they looked at mice in the laboratory."
    summary = extract(Article(title, f"{opening} {weak} The mice kept their memories.")).summary
    assert summary[0].startswith("Our leading hypothesis")


def test_a_first_person_lead_stays_before_a_later_first_person_sentence() -> None:
    lead = ("Last night, feeling barely equipped to understand the world, I made a reluctant "
            "journey to Westeros.")
    text = (f"{lead} I love “Game of Thrones”, we all love “Game of Thrones”, but last night I "
            "did not want to watch it. But here we are.")
    summary = extract(Article("“Game of Thrones”: The Things We Do for Love", text)).summary
    assert summary[0] == lead


def test_a_warning_glued_to_the_news_is_no_note_about_the_post() -> None:
    lead = "WARNING: GRAPHIC CONTENT At least 13 people were shot at the airport this afternoon."
    summary = extract(Article("Airport shooting", f"{lead} Police closed the terminal.")).summary
    assert summary[0] == lead


def test_a_long_paragraph_that_ends_with_a_date_is_the_lead() -> None:
    # A dateline is short; a lead can end on the date of what it tells.
    lead = ("The people from the hill tribes of Manipur were gathering outside the Manipur Bhawan "
            "to protest against three land bills that the state legislature had passed on "
            "31 August 2015.")
    text = (f"{lead}\n\nIn a special session, the Manipur State Assembly had passed three bills. "
            "All three were passed unopposed.")
    summary = extract(Article("Protest outside the Manipur Bhawan", text)).summary
    assert summary[0] == lead


def test_a_standfirst_reporting_what_several_say_gives_way_to_the_story_lead() -> None:
    text = ("Russian lawyer’s supporters say documentary is ‘full of lies’ and is an attempt to "
            "undermine White House sanctions\n\n"
            "A film about Sergei Magnitsky, the Russian lawyer who died in prison, is set to be "
            "shown in Washington after legal threats.\n\nContinue reading...")
    title = "Controversial film on Sergei Magnitsky’s death set for US screening"
    assert extract(Article(title, text)).summary[0].startswith("A film about Sergei Magnitsky")


_TEASER = ("Movie studio efforts to stop pirated films being shared on peer-to-peer networks "
           "have claimed a high-profile victim.")


def test_a_lead_naming_no_one_gives_way_to_the_next_that_names_the_news() -> None:
    text = (f"{_TEASER} The campaign of legal action is thought to be behind the closure of the "
            "widely used Suprnova.org website. The site was the most popular place for links.")
    summary = extract(Article("Hollywood campaign hits websites", text)).summary
    assert summary[0].startswith("The campaign of legal action")


@pytest.mark.parametrize("lead, following", [
    # The lead names someone: it is a news lead.
    ("Movie studios led by Warner Bros have claimed a high-profile victim in their fight.",
     "The campaign of legal action is thought to be behind the closure of Suprnova.org websites."),
    # The lead reports what someone said.
    (_TEASER.replace(".", ", lawyers said."),
     "The campaign of legal action is thought to be behind the closure of Suprnova.org websites."),
    # The next sentence names no one either.
    (_TEASER,
     "The campaign of legal action is thought to be behind the closure of several websites."),
])
def test_a_lead_stays_when_the_next_names_no_one_or_the_lead_names_someone(
        lead: str, following: str) -> None:
    text = f"{lead} {following} The site was the most popular place for links."
    assert extract(Article("Hollywood campaign hits websites", text)).summary[0] == lead


@pytest.mark.parametrize("lead", [
    "If you’ve found yourself yearning for a new memory card, then Monster and SDJ Technologies "
    "may have just brightened your day.",
    "Over a year passed since we covered Monster and SDJ Technologies, but they kept at it.",
])
def test_a_lead_speaking_to_the_reader_gives_way_to_the_next_much_closer_to_the_headline(
        lead: str) -> None:
    text = (f"{lead} The two companies have announced a licensing deal that means Monster Digital "
            "flash memory products will soon hit store shelves. Prices are not known yet.")
    title = "Monster Partners With SDJ For “Monster Digital” Flash Memory Products"
    assert extract(Article(title, text)).summary[0].startswith("The two companies")


def test_a_lead_speaking_to_the_reader_stays_before_a_sentence_little_closer() -> None:
    lead = ("Henceforth, if you litter within the Namma Metro premises, be prepared to pay fines "
            "of up to Rs. 1,000.")
    text = (f"{lead} On Monday, a group of people was loitering around the Mysore Road Metro "
            "Station parking lot.")
    title = "Rs. 1,000 fine for sticking ads on bikes in metro parking lot"
    assert extract(Article(title, text)).summary[0] == lead


def test_a_turn_with_but_closer_to_the_headline_comes_first() -> None:
    text = ("The mass shooting in Orlando, Florida, was the deadliest mass shooting in modern "
            "American history. But the chances that Congress will pass meaningful gun control "
            "reform as a result are highly unlikely. The Senate is polarized.")
    title = "This graphic shows why it is so impossible to get gun reform through Congress"
    assert extract(Article(title, text)).summary[0].startswith("But the chances")


@pytest.mark.parametrize("lead, turn", [
    # The lead reports what someone said: a news lead, the turn a reaction to it.
    ("Gun reform is dead in this Congress, the Senate leader said on Monday.",
     "But the chances that Congress will pass gun control reform are not nil, aides said."),
    # The turn leans on the lead ("it").
    ("Los Angeles will soon require all city employees to be vaccinated.",
     "But it remains unclear what will happen to Congress gun reform."),
])
def test_a_turn_with_but_stays_second_after_a_reported_lead_or_leaning_on_it(
        lead: str, turn: str) -> None:
    text = f"{lead} {turn} The Senate is polarized."
    title = "Why it is so impossible to get gun reform through Congress"
    assert extract(Article(title, text)).summary[0] == lead


@pytest.mark.parametrize("turn, first", [
    ("But Republican National Committee chair Ronna Romney McDaniel pushed back on that claim.",
     "But Republican National Committee chair"),
    # A short turn is a remark, not the news.
    ("But the RNC chair balked.", "President Donald Trump was quick"),
])
def test_a_turn_opening_the_paragraph_after_a_two_sentence_lead(turn: str, first: str) -> None:
    text = ("President Donald Trump was quick to distance himself from the candidate he endorsed "
            "following Ed Gillespie’s defeat Tuesday evening. Trump tweeted from South Korea that "
            f"the candidate “worked hard, but did not embrace me.”\n\n{turn}\n\n"
            "“Ed did work with the President,” she said.")
    title = "RNC Chair Challenges Trump’s Claims That Gillespie Didn’t ‘Embrace Me’"
    assert extract(Article(title, text)).summary[0].startswith(first)


def test_a_quotation_running_past_a_summary_sentence_is_closed_there() -> None:
    # A quotation that runs on into the next paragraph opens its next part with a mark of
    # its own and leaves the first unclosed, as the BBC writes it.
    text = ('Announcing the plans, Mr Redwood said: "Mr Blair has forgotten the interests of '
            'taxpayers.\n\n"He has broken the pledges he made," he added.')
    assert extract(Article("t", text)).summary[0] == (
        'Announcing the plans, Mr Redwood said: "Mr Blair has forgotten the interests of '
        'taxpayers."')
    german = ("Die Frage lautete: „Sprechen Sie denn auch akzentfrei Deutsch?“ Tolle Frage in "
              "einem Gespräch, oder? Die Antwort kam schnell und war sehr klar.")
    assert all(s.count("„") == s.count("“") for s in extract(Article("t", german)).summary)


def test_a_blog_platforms_footer_is_no_sentence_of_the_summary() -> None:
    text = ("Das iPhone wurde vor zehn Jahren vorgestellt und hat eine Branche verändert.\n\n"
            "Der Beitrag Das Lehrstück der Disruption – 10 Jahre iPhone erschien zuerst auf "
            "derbrutkasten.com.")
    assert extract(Article("t", text)).summary == (
        "Das iPhone wurde vor zehn Jahren vorgestellt und hat eine Branche verändert.",)


def test_a_report_updated_with_news_is_news() -> None:
    summary = extract(Article("Toll rises", "The review was updated on Tuesday to include 300 "
                                            "more deaths in the region.")).summary
    assert summary == ("The review was updated on Tuesday to include 300 more deaths in the "
                       "region.",)


def test_a_name_matched_only_in_passing_brings_no_sentence() -> None:
    text = ("The orchestra's conductor is to lead the Oscars show for a 17th time. He started "
            "out as a jazz trombonist in Rhode Island. The band plays during the breaks too. "
            "The show is watched by some of the industry's biggest names, Clint Eastwood "
            "among them.")
    passing = (TopicMatch("t", (EntityMatch("person", "Clint Eastwood", 1, ("Clint Eastwood",),
                                            prominence="passing"),)),)
    summary = extract(Article("Music man", text), passing).summary
    assert summary[1].startswith("He started out") and len(summary) == 2
    body = (TopicMatch("t", (EntityMatch("person", "Clint Eastwood", 1, ("Clint Eastwood",),
                                         prominence="body"),)),)
    assert "Clint Eastwood" in extract(Article("Music man", text), body).summary[-1]


def test_a_sentence_opening_with_and_leans_on_the_one_before() -> None:
    text = ("A British terror suspect held for 33 months plans to sue the government. Martin "
            "Mubanga told a newspaper he was held in Zambia. The Foreign Office would not "
            "comment. And Home Secretary Charles Clarke said he would not look into it. Charles "
            "Clarke spoke on television on Sunday.")
    assert extract(Article("t", text), topics("Charles Clarke")).summary[-1] == (
        "Charles Clarke spoke on television on Sunday.")


@pytest.mark.parametrize("line", [
    "Listen to the full interview on Sport on Five and the BBC Sport website from 1900 GMT.",
    "Listen again to the interview on the Radio Five Live website.",
])
def test_a_line_sending_the_reader_to_a_broadcast_is_no_sentence_of_the_summary(line: str) -> None:
    text = (f"{line}\n\nParry admits Gerrard will have the final say on his future.\n\nHe told "
            "BBC Five Live: \"Steven is above money.\"")
    summary = extract(Article("Parry firm over Gerrard", text)).summary
    assert summary[0].startswith("Parry admits") and not any("Listen" in s for s in summary)


def test_a_byline_leading_into_a_quoted_report_is_no_sentence_of_the_summary() -> None:
    text = ("The latest news in the Apple-FBI legal fight has resulted in much confusion. John "
            "Paczkowski, reporting for BuzzFeed:\n\nThe FBI has claimed that the password was "
            "changed by someone at the county health department.")
    assert extract(Article("San Bernardino suspect's Apple ID reset", text)).summary == (
        "The latest news in the Apple-FBI legal fight has resulted in much confusion.",
        "The FBI has claimed that the password was changed by someone at the county health "
        "department.")
