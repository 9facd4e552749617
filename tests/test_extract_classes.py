"""Rules for classes of faults seen in several kinds of text: someone the text describes but
does not name speaking before a quote, an owner ending in "s'" before a name, and proportions
("one in four homes")."""

from __future__ import annotations

from bot.extract.figures import find_figures
from bot.extract.names import Names
from bot.extract.quotes import find_quotes


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotes(text)]


def figures(text: str) -> list[tuple[str, float]]:
    return [(f.text, f.value) for f in find_figures(text)]


def test_a_quote_after_someone_unnamed_speaks_is_not_the_last_speaker_s() -> None:
    text = (
        "\"Sales rose this year and I am not surprised at all,\" says Mr Okafor. One leading "
        "city broker said the real reasons may be political. \"If you take them to court, the "
        "money will go somewhere else.\" Another trader agreed.\n\n"
        "\"We expect more of the same,\" the minister, Ana Ruiz, said. A spokesman said the "
        "plan would go ahead. \"There is no doubt about the timetable now.\""
    )
    assert speakers(text) == [
        ("Sales rose this year and I am not surprised at all", "Okafor"),
        ("If you take them to court, the money will go somewhere else.", None),
        ("We expect more of the same", "Ana Ruiz"),
        ("There is no doubt about the timetable now.", None),
    ]


def test_reported_speech_by_a_named_person_still_leads_to_their_quote() -> None:
    text = (
        "\"We are ready,\" said Tom Reyes. Carla Mendes said the real reasons may be political. "
        "\"If you take them to court, the money will go somewhere else.\""
    )
    assert speakers(text)[1][1] == "Carla Mendes"


def test_an_owner_ending_in_s_apostrophe_before_a_name_is_dropped() -> None:
    text = (
        "In court on Wednesday, Mr Ebbers' lawyer Reid Weingarten asked the witness: \"You "
        "are willing to lie, isn't that right?\"\n\n"
        "Sanders’ campaign manager Jeff Weaver said: \"We will go to the convention.\""
    )
    assert [s for _, s in speakers(text)] == ["Reid Weingarten", "Jeff Weaver"]


def test_a_proportion_is_one_figure_with_its_part() -> None:
    assert figures(
        "The report found that one in four homes could not get the service."
    ) == [("The report found that one in four homes could not get the service", 4)]
    assert figures(
        "Most couples settle, and in nine out of 10 separations there is no court case."
    ) == [("nine out of 10 separations", 9)]
    assert figures("Republicans won 4 out of 4 House seats in the state.") == [
        ("Republicans won 4 out of 4 House seats in the state", 4)
    ]


def test_it_speaks_for_the_organization_last_named_not_for_a_person() -> None:
    text = (
        "The phone was chosen by US magazine Gadget Week. \"We looked only at things people "
        "carry every day,\" said the magazine. \"In the end, we tried to find what makes a "
        "gadget a gadget,\" it concluded.\n\n"
        "The Foreign Office has warned travellers. \"We advise against all but essential travel "
        "to the region,\" it said.\n\n"
        "John Smith said profits fell sharply. \"We have had a difficult year in every market "
        "we serve,\" it said in a statement."
    )
    assert [s for _, s in speakers(text)] == [
        "Gadget Week", "Gadget Week", "Foreign Office", None
    ]


def test_a_day_between_a_subject_and_its_verb_is_read_past() -> None:
    text = (
        "The Security Council on Friday condemned the test and pledged sanctions against "
        "what it called \"a clear threat to international peace and security.\""
    )
    assert speakers(text)[0][1] is not None
    text = (
        "Senator Ann Cole last week condemned the test and pledged sanctions against what "
        "she called \"a clear threat to international peace and security.\""
    )
    assert speakers(text)[0][1] == "Ann Cole"


def test_a_post_after_a_name_with_no_comma_closing_it_is_read_past() -> None:
    text = (
        "\"We are encouraged that the board's announcement signals a new culture,\" Armando "
        "Falcon, OFHEO director said.\n\n"
        "Ann Simpson, marketing manager at Snappy Snaps believes shops will keep customers. "
        "\"Some people will want to do their own thing on their computer,\" she said."
    )
    assert [s for _, s in speakers(text)] == ["Armando Falcon", "Ann Simpson"]


def test_a_name_before_from_and_an_organization_is_the_speaker() -> None:
    text = (
        "\"Banks need to protect that network,\" Mr Thiemann said. But Mr Hirsch from Retail "
        "Banking Research said the number at risk was low. \"Most banks simply upgrade as "
        "part of their usual replacement cycle,\" he said."
    )
    assert [s for _, s in speakers(text)] == ["Thiemann", "Hirsch"]


def test_a_first_name_completes_to_its_full_name_when_another_has_the_surname() -> None:
    text = (
        "Tony Blair defended his plans on Monday. Sir Ian Blair, the police commissioner, "
        "spoke later. Sir Ian told a meeting it would be \"unwise\" to speculate. But he "
        "said: \"Terrorists have long memories and they know what happened in Madrid.\""
    )
    assert speakers(text)[-1][1] == "Ian Blair"


STORY = (
    "Tony Blair's big speech opened the campaign.\n\n"
    "There was little in terms of pledges, although the prime minister talked about a \"new "
    "manifesto aimed at all sections of society\". In a key section, he declared: \"In our "
    "third term we can widen opportunity.\""
)


def test_a_description_before_anyone_is_named_is_the_headline_s_person() -> None:
    found = find_quotes(STORY, headline="Blair looks to election campaign")
    assert [q.speaker for q in found] == ["Tony Blair", "Tony Blair"]
    lead = (
        "Scotland's justice minister has warned fans that she wants to hit them \"where it "
        "hurts most\".\n\nCathy Jamieson said bans were one of the measures."
    )
    (quote,) = find_quotes(lead, headline="Jamieson issues warning to bigots")
    assert quote.speaker == "Cathy Jamieson"


def test_the_headline_s_person_is_no_one_s_speaker_once_another_is_named() -> None:
    # Without the headline the description stays unknown; "he" after a sentence about Tony
    # Blair's speech is Blair (a sentence about one person's affairs).
    assert [q.speaker for q in find_quotes(STORY)] == [None, "Tony Blair"]
    text = (
        "Roger Federer - nice bloke, the ultimate sportsman.\n\nWhen Lleyton Hewitt shook his "
        "hand, the Australian said; \"You're the best of all of us.\" How right he is."
    )
    (quote,) = find_quotes(text, headline="Faultless Federer has no equal")
    assert quote.speaker != "Roger Federer"
    text = (
        "Tony Blair's view is clear.\n\nThe spokesman spoke after the "
        "Cardinal backed Michael Howard's stance. The Tory leader has said current rules are "
        "\"tantamount to abortion on demand\"."
    )
    (quote,) = find_quotes(text, headline="Abortion not a poll issue - Blair")
    assert quote.speaker != "Tony Blair"


def test_a_nationality_before_a_name_and_a_party_s_whole_name_are_kept_apart() -> None:
    text = (
        "The campaign is run by Australian Lynton Crosby. Australian Lynton Crosby said: \"We "
        "will win this election by a large margin.\"\n\n"
        "\"We will fight for every single seat in this election,\" the Lib Dems said.\n\n"
        "\"We will fight for every seat in the north of the country,\" said Brian Adams."
    )
    assert [s for _, s in speakers(text)] == ["Lynton Crosby", "Lib Dems", "Brian Adams"]


def test_he_after_a_spokesman_s_rebuttal_is_the_spokesman() -> None:
    text = (
        "Michael Howard accused the government of lying. The prime minister's official "
        "spokesman rejected the claim. \"That is simply not true and he knows it,\" he said."
    )
    assert speakers(text)[0][1] is None
    named = text.replace("The prime minister's official spokesman", "Tony Blair")
    assert speakers(named)[0][1] == "Tony Blair"


def test_he_is_never_the_organization_it_stood_for() -> None:
    text = (
        "\"Illegal file-sharers steal millions from the music business,\" the BPI said. "
        "\"We are sure advertisers would not put up with such theft,\" it said. The issue is "
        "more complicated, analysts say. \"This has been a problem for a long time,\" he "
        "told the website."
    )
    assert [s for _, s in speakers(text)] == ["BPI", "BPI", None]


def test_the_one_asked_or_told_is_not_the_speaker() -> None:
    text = (
        "Wheelchair user Kevin Donnellon was asked: \"Why on earth do you want our "
        "representatives to be disabled?\" \"Don't you care about the Inuit at all?\", "
        "shouted a man.\n\n"
        "In his first comments, Mr Blair spoke briefly. But told BBC News: \"As far as I'm "
        "concerned, we have drawn a line under that.\""
    )
    assert [s for _, s in speakers(text)] == [None, None, None]


def test_the_subject_of_a_passive_is_no_description_of_the_speaker() -> None:
    text = (
        "Rapper Eminem is to play a gig in London.\n\nThe rapper was criticised after a show "
        "led viewers to complain he was \"lewd\". \"The performer had been asked to tone his "
        "act down,\" a BBC statement read."
    )
    assert speakers(text)[-1][1] is None


def test_one_asked_a_question_answers_next_and_one_quoted_as_saying_speaks() -> None:
    text = (
        "Liam Fox spoke on Sunday. Dr Fox was asked if he would back the bid. \"I'm sure we "
        "would look at that sympathetically in the end.\"\n\n"
        "Arsene Wenger spoke to reporters later. \"I have no diplomatic relations with him,\" "
        "the Arsenal boss is quoted as saying."
    )
    assert [s for _, s in speakers(text)] == ["Liam Fox", "Arsene Wenger"]


def test_a_figure_phrase_ends_before_a_clause_of_its_own() -> None:
    text = ("The singer released a seven-minute song that began with a choir. The firm named two "
            "banks that later became partners. He faces up to 85 years if convicted. It is 20 "
            "years since that day, and the album sold 45 million copies since.")
    phrases = {f.text for f in find_figures(text, limit=10)}
    assert {"The singer released a seven-minute song", "The firm named two banks",
            "He faces up to 85 years", "20 years since that day",
            "the album sold 45 million copies"} <= phrases


def test_a_figure_phrase_starts_after_the_words_that_lead_up_to_it() -> None:
    text = ("The Mac mini has 80GB of storage for $599 and will be sold for £339 in the UK. "
            "The firm said it is now processing $2 billion in payments.")
    phrases = {f.text for f in find_figures(text, limit=10)}
    assert {"The Mac mini has 80GB of storage for $599 and will be sold for £339 in the UK",
            "The firm said it is now processing $2 billion in payments"} <= phrases


def test_reported_speech_ending_in_said_a_name_and_a_post_names_the_next_he() -> None:
    text = (
        "Rivals cut prices last week. Shoppers are still slow to switch, said Nadia Holm, "
        "head of research at Fenwick Data. \"People stay with what they know,\" she said. Buyers "
        "came back in March, said Carl Obi, a retail analyst at Brightline.\n\n"
        "\"It will take a year or more,\" he told the BBC."
    )
    assert [s for _, s in speakers(text)] == ["Nadia Holm", "Carl Obi"]


def test_a_quote_after_any_sentence_about_someone_quoted_goes_on_with_them() -> None:
    text = (
        "\"We were ready for this game,\" said Lena Okoro.\n\n"
        "Okoro is keen to rest her players before the final. \"At this stage there is nothing "
        "more to prove.\""
    )
    assert [s for _, s in speakers(text)] == ["Lena Okoro", "Lena Okoro"]


def test_a_surname_completes_from_a_full_name_that_ends_a_sentence() -> None:
    text = "The first call went to Lena Okoro. Okoro said no."
    assert Names(text, "raw").full_name("Okoro") == "Lena Okoro"


def test_the_subject_after_a_clause_with_a_speech_verb_speaks_a_quote_opened_by_a_comma() -> None:
    text = (
        "After Mayor Tom Ellis criticized the plan at the meeting, Councillor Ana Ruiz hit "
        "back, \"We have heard all of this before and the numbers say otherwise.\""
    )
    assert [s for _, s in speakers(text)] == ["Ana Ruiz"]


def test_a_month_or_a_weekday_after_a_first_name_is_a_surname() -> None:
    text = (
        "Prime Minister Theresa May met the leaders in Brussels. \"We will not be moved on this "
        "question,\" said May.\n\n"
        "England coach Mike Friday was pleased. \"We have won at last,\" said Friday. The squad "
        "flies home on Friday. \"It was a long trip for all of us,\" a player said on Friday."
    )
    assert [s for _, s in speakers(text)] == ["Theresa May", "Mike Friday", None]


def test_a_role_before_a_first_name_is_no_part_of_the_name() -> None:
    text = "Guitarist Brian Hale has said he expects to tour. \"We are on the road,\" Hale said."
    assert [s for _, s in speakers(text)] == ["Brian Hale"]


def test_a_surname_completes_from_a_full_name_after_an_owner() -> None:
    text = (
        "Kenya's Peter Odhiambo won the 800m in Leipzig.\n\n"
        "Odhiambo clocked a season's best. The world indoor champion said: \"I felt a little "
        "better on Sunday morning and it went perfectly.\""
    )
    assert Names(text, "raw").full_name("Odhiambo") == "Peter Odhiambo"
    assert [s for _, s in speakers(text)] == ["Peter Odhiambo"]


def test_reported_speech_with_no_comma_before_said_a_name_names_the_next_she() -> None:
    text = (
        "Traffic will matter more to providers if they want to keep gamers said Lindsay "
        "Marsh, an analyst with Fenwick Data. \"Operators will have to act,\" she said. The "
        "board has lost ground but now said Dan Cole had \"the duty to bring us all "
        "together.\" \"I think he can do that,\" he said."
    )
    # "said Dan Cole had ...": Cole is what was said, not who said it.
    assert [s for _, s in speakers(text)] == ["Lindsay Marsh", None, None]


def test_said_a_post_and_then_the_name_after_a_comma_is_the_name() -> None:
    text = (
        "\"There is no reason to wait any longer,\" said RNID technology director, Guido Ferri. "
        "\"We have asked for this for years.\""
    )
    assert [s for _, s in speakers(text)] == ["Guido Ferri", "Guido Ferri"]


def test_a_surname_that_is_a_common_word_is_a_name_when_spelled_out_after_a_first_name() -> None:
    text = (
        "The view was backed by the young side's coach, Dai Young.\n\n"
        "\"He has been on an upward curve all season,\" Young told reporters."
    )
    assert [s for _, s in speakers(text)] == ["Dai Young"]


def test_according_to_a_person_in_reported_speech_names_the_next_quote_and_pronoun() -> None:
    text = (
        "Voters are angry. The problem, according to council leader Ian Lane, is not the war "
        "but the prime minister himself. \"I have a new slogan for them all.\" Turnout will "
        "fall, according to Reuters. \"We have seen this before,\" he said."
    )
    assert [s for _, s in speakers(text)] == ["Ian Lane", "Ian Lane"]


def test_the_one_a_publication_quoted_as_saying_speaks_not_the_publication() -> None:
    text = (
        "\"He has been ripping people off for years,\" AP quoted prosecutor Russell Grant as "
        "saying. \"It is above all a question of sovereignty,\" Reuters quoted a central bank "
        "official as saying."
    )
    assert [s for _, s in speakers(text)] == ["Russell Grant", None]


def test_words_said_ahead_of_time_have_their_speaker() -> None:
    text = (
        "Michael Hart said Britain should take its fair share of refugees.\n\n"
        "\"We have a moral responsibility to those fleeing persecution,\" he was due to say. "
        "\"But we have to get a grip of the system,\" he will add.\n\n"
        "Ms Lane will say voters \"deserve better than this from all of us.\""
    )
    assert [s for _, s in speakers(text)] == ["Michael Hart", "Michael Hart", "Lane"]


def test_a_description_with_an_age_or_a_seat_stands_for_the_person_just_named() -> None:
    text = (
        "Ronnie Cole also criticised quiz shows. \"It is just laughing at each other and that is "
        "all,\" said the 74-year-old comedian.\n\n"
        "Former minister Frank Hale MP criticised the rivalry on Sunday.\n\n"
        "\"What sort of model does it give to the nation?\" the Labour MP for Birkenhead asked."
    )
    assert [s for _, s in speakers(text)] == ["Ronnie Cole", "Frank Hale"]


def test_a_quote_after_a_sentence_about_he_or_she_goes_on_with_the_one_it_stands_for() -> None:
    text = (
        "\"We are overwhelmed and cannot take it in yet,\" said Andrea Holm.\n\n"
        "And she will not commit to an opinion of Hollywood yet. \"I am just in the middle of "
        "it, living moment to moment.\""
    )
    assert [s for _, s in speakers(text)] == ["Andrea Holm", "Andrea Holm"]


def test_an_event_s_distance_in_a_descriptor_before_a_name_is_read_past() -> None:
    text = "But world 800m record holder Jolanda Cepak said: \"There is never an easy race.\""
    assert [s for _, s in speakers(text)] == ["Jolanda Cepak"]


def test_an_apposition_opening_with_an_owner_before_said_leaves_the_name_the_speaker() -> None:
    text = (
        "Adam Joll, IBM's world-wide Linux strategy manager, said the move was a genuine "
        "attempt. \"We believe that releasing these patents will help everyone.\""
    )
    assert [s for _, s in speakers(text)] == ["Adam Joll"]


def test_a_standfirst_line_that_is_only_a_quote_is_the_headline_person_s() -> None:
    title = "Gareth Bale says no England players would get into Wales team"
    text = (
        "• Wales forward stokes up rivalry before the showdown\n\n"
        "• ‘I didn’t say they didn’t have pride or passion. In my opinion we have more’\n\n"
        "Gareth Bale has continued his bullishness towards England."
    )
    assert [q.speaker for q in find_quotes(text, headline=title)] == ["Gareth Bale"]
    show = "American Ninja Warrior is back for a new series"
    text = "“We are disproving evolution, the T-Rex is still alive!”\n\nThe show returns."
    assert [q.speaker for q in find_quotes(text, headline=show)] == [None]


def test_a_bullet_line_naming_its_speaker_before_a_colon_is_theirs() -> None:
    text = (
        "• The winger will join the side on 1 July\n\n"
        "• Feghouli: ‘The history of the club is very important for me in my decision’\n\n"
        "The Algeria winger Sofian Feghouli has signed for West Ham United."
    )
    assert [q.speaker for q in find_quotes(text)] == ["Sofian Feghouli"]


def test_went_on_to_say_has_its_speaker() -> None:
    text = "Anna Bryne said she was leaving. She went on to say, “I know this to be true.”"
    assert [s for _, s in speakers(text)] == ["Anna Bryne"]


def test_a_person_named_right_before_a_colon_speaks_the_quote_after_it() -> None:
    text = (
        "The timing of the surge does not surprise Republican pollster Daron Shawe: "
        "“Lesser-known candidates have seen the biggest boost.”"
    )
    assert [s for _, s in speakers(text)] == ["Daron Shawe"]


def test_a_role_is_the_one_the_article_gives_it_as_a_title() -> None:
    text = (
        "Foreign Secretary Jack Strand met shadow chancellor Oliver Lett in Brussels. \"The "
        "rebate is fair,\" said Graham Bray. The foreign secretary said the rebate would stay. "
        "\"We have one of the lowest net receipts.\" The chancellor did not comment. \"We will "
        "not give way on this,\" the chancellor said."
    )
    found = [s for _, s in speakers(text)]
    assert found[1] == "Jack Strand"
    assert found[2] != "Oliver Lett"  # the shadow chancellor is not "the chancellor"


def test_an_age_between_a_name_and_who_leaves_the_name_the_speaker() -> None:
    text = (
        "Clive Owen was nominated. It is also a first nomination for Imelda Stan, 49, who told "
        "reporters she had not expected it. \"It was an extraordinary time,\" she said."
    )
    assert [s for _, s in speakers(text)] == ["Imelda Stan"]


def test_a_title_after_an_owner_is_no_name() -> None:
    text = "“We think the deal has tremendous promise,” Time Warner’s CEO said at the time."
    assert [s for _, s in speakers(text)] == [None]


def test_a_long_reported_clause_before_said_a_name_still_names_the_next_he() -> None:
    text = (
        "Information leaked in documents includes confidential contractual terms, competitive "
        "information that rivals would be keen to see and special deals for key customers, said "
        "Andrew Pears, European boss of Workshare. \"The internet has made it easy,\" he said."
    )
    assert [s for _, s in speakers(text)] == ["Andrew Pears"]


def test_a_name_after_an_organization_and_a_hyphenated_post_starts_at_its_first_name() -> None:
    text = (
        "“We had to admit we had a big issue with trade,” said United Auto Workers "
        "Secretary-Treasurer Gary Castle. “The New York Daily News called it a weapon,” said "
        "New York Daily News."
    )
    assert [s for _, s in speakers(text)] == ["Gary Castle", "New York Daily News"]


def test_a_chief_officer_s_title_before_a_name_is_no_part_of_it() -> None:
    text = (
        "“We are in active talks with the regulator,” AT&T CFO John Stevens told the paper. "
        "“I cannot comment on those talks.”"
    )
    assert [s for _, s in speakers(text)] == ["John Stevens", "John Stevens"]


def test_a_nationality_alone_is_no_speaker() -> None:
    text = ('The British producers of the show are taking legal action against a rival they '
            'claim is "a blatant and wholescale copycat" of their programme.')
    assert speakers(text) == [("a blatant and wholescale copycat", None)]
    text = ('When Lleyton Hewitt shook his hand after another defeat, the Australian said: '
            '"You\'re the best player in the world."')
    assert speakers(text) == [("You're the best player in the world.", "Lleyton Hewitt")]


def test_a_name_in_capitals_before_the_noun_it_names_is_no_quote() -> None:
    text = ("State Senator Amanda Chase spoke at a “Take Back Virginia” rally on Wednesday, "
            "wearing a “Make America Great Again” hat. She said it was “the start of something "
            "big for all of us”. “Only You, Dinesh,” she said. Trump posted “Thank You Georgia” "
            "moments after polls closed.")
    assert [q for q, _ in speakers(text)] == [
        "the start of something big for all of us", "Only You, Dinesh", "Thank You Georgia"]


def test_two_fragments_of_one_speaker_are_kept_apart_by_an_ellipsis() -> None:
    text = ('Tory leader Michael Howard sent Mr Bush his "warmest congratulations", saying: "We '
            'look to the president to be a unifying force." "It was," he added, "a fine win."')
    assert [q for q, _ in speakers(text)][0] == (
        "warmest congratulations … We look to the president to be a unifying force.")
