"""Which quotations an alert shows, and the speakers of the fifth round of quote rules."""

from __future__ import annotations

from bot.extract import extract
from bot.extract.choose import choose_quotes
from bot.extract.quotes import FoundQuote, find_quotes
from bot.models import Article


def shown(text: str, title: str = "A story") -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in extract(Article(title, text)).quotes]


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in find_quotes(text, "raw")]


def test_a_phrase_of_three_words_is_not_shown() -> None:
    text = ('Fuel duty is frozen this year. The RAC called the move an "early Christmas '
            'present" for drivers. Mr Brown said: "It is our policy that each year duties rise."')
    assert [q for q, _ in shown(text)] == ["It is our policy that each year duties rise."]


def test_a_phrase_the_lead_quotes_is_shown() -> None:
    text = ('Tony Blair has promised that "sport is back" as a priority for schools.\n\n'
            'He launched the plan on Monday.')
    assert [q for q, _ in shown(text)] == ["sport is back"]


def test_a_short_fragment_no_one_speaks_is_not_shown() -> None:
    text = ('The show was based on "ripped from the headlines" stories. Critics were '
            'unkind. "It is the worst thing on television this year," said Jan Moss.')
    assert shown(text) == [("It is the worst thing on television this year", "Jan Moss")]


def test_a_web_address_does_not_make_a_name_a_common_word() -> None:
    text = ('The agency shut down fbi.gov accounts last month. "Recipients of these e-mails '
            'should delete them at once," the FBI said in a statement.')
    assert speakers(text) == ["FBI"]


def test_a_number_ends_a_broadcasters_name() -> None:
    text = ('The show is on Radio 1. Radio 1 said the three DJs were chosen for their '
            '"in-depth musical knowledge across a variety of genres".')
    assert speakers(text) == ["Radio 1"]


def test_the_station_is_the_broadcaster_last_named() -> None:
    text = ('The show is on Radio 1. Radio 1 said the show would go on. "It is widely accepted '
            'that John Peel can never be replaced," said the radio station.')
    assert speakers(text) == ["Radio 1"]


def test_the_report_is_its_authors() -> None:
    text = ('The divide is narrowing fast, according to a World Bank report.\n\n"People in the '
            'developing world are getting more access," said the report. "The divide is '
            'rapidly closing," the World Bank report said.')
    assert speakers(text) == ["World Bank", "World Bank"]


def test_the_report_is_the_one_last_brought_in() -> None:
    text = ('A World Bank report came out in May. The report\'s figures were welcomed.\n\n'
            '"Developing countries are catching up with the rich," the report said. Then the '
            'office released a public report on Monday. "We assess Moscow will apply lessons '
            'learned," the report concludes.')
    assert speakers(text) == ["World Bank", None]


def test_a_review_in_capitals_is_a_name_not_a_report() -> None:
    text = ('"Spending less time at your desk forces you to waste time," the Harvard Business '
            'Review said.')
    assert speakers(text) == ["Harvard Business Review"]


def test_a_surname_misspelt_by_one_letter_is_the_person_it_nearly_names() -> None:
    text = ('World number one Lindsay Davenport has criticised Wimbledon. "You hear about women '
            'playing only three sets while men play five," said Daveport.')
    assert speakers(text) == ["Lindsay Davenport"]


def test_a_surname_two_people_nearly_share_stays_as_written() -> None:
    text = ('Tom Davenport and Ann Davemport spoke. "You hear about women playing only three '
            'sets while men play five," said Daveport.')
    assert speakers(text) == ["Daveport"]


def test_the_title_of_a_story_is_no_quote() -> None:
    text = ('In his May 2016 cover story, ‘From Shadows to the Stars’, Praveen Donthi wrote '
            'about the campus.')
    assert speakers(text) == []


def test_titles_joined_by_and_are_no_quotes() -> None:
    text = ('The Graphic Freud Series adapts some of his works, such as “The Wolf Man” and '
            '“Studies in Hysteria.”')
    assert speakers(text) == []


def test_a_title_followed_by_its_year_is_no_quote() -> None:
    text = ('Harvard Business Publishing has released four case studies in graphic treatment: '
            '“iPremier Co. (A): Denial of Service Attack” (2009); “Jazzed Up: A Global '
            'Strategy Manga Novel” (2013).')
    assert speakers(text) == []


def test_the_one_recounting_what_someone_said_is_not_the_speaker() -> None:
    text = ('In her testimony, Akshita, an MSc student of physics, recounted that the police '
            'said, “You girls should behave like girls, not like that.”')
    assert speakers(text) == [None]


def test_the_one_told_what_someone_said_is_not_the_speaker() -> None:
    text = ('One student, Gautam Uyyala, who was filming, told me that a policeman said to him, '
            '“Why don’t you go home and stay there?”')
    assert speakers(text) == [None]


def test_a_clause_after_that_with_its_own_verb_keeps_the_subject() -> None:
    text = ('Mr Cheney admitted that the budget was the toughest but argued it was "fair and '
            'responsible for everyone".')
    assert speakers(text) == ["Cheney"]


def test_a_quote_ending_in_a_nested_one_ends_its_sentence() -> None:
    text = ('“The police said, ‘Go away,’” KY Ratnam recalled. “I said, ‘I am faculty here, '
            'you are beating my students without a reason.’ They said, ‘Take this fellow as '
            'well.’” When Sreerag Poickadath, a Dalit student from Kerala, asked the police why '
            'they were picking up a professor, he, too, was forced inside the police van.')
    assert speakers(text) == ["KY Ratnam", "KY Ratnam"]


def test_he_after_but_speaks_though_a_description_opens_the_sentence() -> None:
    text = ('Singleton said: “I think the lads have been great.”\n\nThe forward is in double '
            'figures for pre-season schedules but he admits it is all about the foundations: '
            '“It comes around quick, I think this is my 12th pre-season.”')
    assert speakers(text) == ["Singleton", "Singleton"]


def test_a_family_is_not_one_of_its_members() -> None:
    text = ('Sharon Osbourne hosts the show. "It is a cross between two shows we both like," '
            'the Osbournes said.')
    assert speakers(text) == ["Osbournes"]


def test_a_surname_used_more_than_a_near_spelling_is_kept() -> None:
    text = ('Labour MP Diane Abbot backs the plan. "I was elected along with three others," '
            'Abbott said. "The strategy works for women," Abbott added.')
    assert speakers(text) == ["Abbott", "Abbott"]


def test_a_clause_after_an_inverted_speaker_is_not_their_name() -> None:
    text = '“This,” says Emma Gao as she races through the countryside, “is the wine road.”'
    assert speakers(text) == ["Emma Gao"]


def test_a_description_by_what_someone_does_is_the_person_just_named() -> None:
    text = ('Emma Gao said: “This is where the wine is made.”\n\n“There are almost 40 different '
            'entrepreneurs – maybe more,” the Chinese winemaker explains.')
    assert speakers(text) == ["Emma Gao", "Emma Gao"]


def test_posts_joined_by_and_after_a_name_are_read_past() -> None:
    text = ('Revenue grew. Tim Armstrong, Chairman and CEO said in a statement: “We continue '
            'to build strong consumer experiences.”')
    assert speakers(text) == ["Tim Armstrong"]


def test_a_name_after_known_as_stays_the_speaker() -> None:
    text = '"There never was a stand-down order," said the base chief known as Bob, speaking.'
    assert speakers(text) == ["Bob"]


def test_a_numbered_label_opening_a_line_is_no_speaker() -> None:
    text = ('Scene 1: The painter-iconographer “describes any subject through drawing.” '
            'Working in a studio, they produce an image.')
    assert speakers(text) == [None]


def test_a_numbered_caption_label_is_no_speaker() -> None:
    text = ('Figure 1 shows it. Figure 1: “Cheetah chasing its prey across the plain” by '
            'Marlene Thyssen.')
    assert speakers(text) == [None]


def test_the_report_of_an_owner_before_an_adjective() -> None:
    text = ('The NAO\'s annual report showed costs rose. "Many problems can be traced to the '
            'assessment phase," the report says.')
    assert speakers(text) == ["NAO"]


def test_the_same_words_quoted_twice_are_shown_once() -> None:
    text = ("The chief executive denied the report and said \"throughout this process, I have "
            "never offered to sell the network,\" on Wednesday.\n\nThe company repeated it. "
            "\"Throughout this process, I have never offered to sell the network,\" he said.\n\n"
            "\"We are in active talks with the department,\" finance chief John Stephens said.")
    assert [q for q, _ in shown(text)] == [
        "throughout this process, I have never offered to sell the network",
        "We are in active talks with the department",
    ]


def test_a_part_quoted_first_keeps_the_whole_out_and_its_speaker_gets_another_quote() -> None:
    quotes = [
        FoundQuote("a betrayal of the people who voted for us", "Ann Smith", ((0, 10),)),
        FoundQuote("This is a betrayal of the people who voted for us", "Bob Jones", ((20, 30),)),
        FoundQuote("We will fight this all the way to the courts", "Bob Jones", ((40, 50),)),
        FoundQuote("I resign over this decision today", "Cy Young", ((60, 70),)),
        FoundQuote("sign over this", None, ((80, 90),)),
    ]
    assert [q.text for q in choose_quotes(quotes, 5)] == [
        "a betrayal of the people who voted for us",
        "We will fight this all the way to the courts",
        "I resign over this decision today",
        "sign over this",
    ]


def test_a_speakers_statements_are_shown_before_the_words_woven_into_sentences() -> None:
    text = ('Tony Blair has backed the aid plan.\n\nMr Blair insisted he had been involved in '
            '"all decisions at all times". He said "six or seven million" had been spent. '
            '"I think people feel shock and horror," he said. "My estimate is we will need to '
            'spend several hundred million pounds," he added. "We will far and away more than '
            'match the generosity of the British people," he said. "I am still looking the '
            'same as I always did," he joked.')
    assert [q for q, _ in shown(text)] == [
        "I think people feel shock and horror",
        "My estimate is we will need to spend several hundred million pounds",
        "We will far and away more than match the generosity of the British people",
        "I am still looking the same as I always did",
    ]
