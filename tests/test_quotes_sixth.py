"""Attributions read in the sixth round: organizations whose names "and", "of" or "for" join
or that open with a number, an age before a name, a hyphenated title that is no surname, a
pronoun right before its verb with no comma after an opening clause, and a participle after a
clause whose subject is "he" or "she"."""

from __future__ import annotations

from bot.extract.quotes import find_quotes


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in find_quotes(text)]


def test_an_organization_joined_by_and_of_or_for_after_the() -> None:
    texts = [
        "The target is in danger. \"Internal and external economic conditions are likely to "
        "remain unfavourable,\" the Finance and Economy Ministry said in a statement.",
        "\"Rates will have to rise again before the summer is out,\" the Bank of England said.",
        "\"We will publish the figures for every region next month,\" the Department for Work "
        "and Pensions said.",
    ]
    assert [speakers(t) for t in texts] == [
        ["Finance and Economy Ministry"], ["Bank of England"],
        ["Department for Work and Pensions"],
    ]


def test_two_parties_or_a_post_joined_by_of_are_no_organization() -> None:
    texts = [
        "\"We will not support the bill in its present form at all,\" the Tories and Labour "
        "said.",
        "\"I am pleased that the couple have chosen to marry in church,\" the Archbishop of "
        "Canterbury said.",
    ]
    assert [speakers(t) for t in texts] == [[None], [None]]


def test_a_name_that_opens_with_a_number() -> None:
    text = ("Not everyone is convinced. \"Our primary worry is the government's optimistic view "
            "of the budget,\" consultancy 4Cast said in a report.")
    assert speakers(text) == ["4Cast"]


def test_an_age_before_a_name_the_article_gives_in_full() -> None:
    text = ("Charlie Simpson held a press conference in London. \"This has been a really "
            "difficult decision,\" 19-year-old Simpson revealed, \"I hope the fans will "
            "understand.\"")
    assert speakers(text) == ["Charlie Simpson"]


def test_an_age_before_a_nationality_names_no_one() -> None:
    text = ("The former world number one will play in Pattaya. Speaking to Le Matin, the "
            "24-year-old Swiss added: \"There will not be as many people at this one.\"")
    assert speakers(text) == [None]


def test_a_hyphenated_title_is_no_surname() -> None:
    text = ("The Lib Dems say they will look at his plans. The Conservative Party Co-Chairman "
            "said voters had a choice between a government that had \"done nothing for eight "
            "years and will not set a limit\" and one that would.")
    assert speakers(text) == [None]


def test_a_pronoun_right_before_its_verb_after_an_opening_clause() -> None:
    text = ("Jerry Springer attended the opening night. \"I wouldn't have written it,\" he "
            "said.\n\nAsked whether he thought the BBC should have screened the musical he "
            "said: \"I don't know if they should have had it on television at all.\"")
    assert speakers(text) == ["Jerry Springer", "Jerry Springer"]


def test_a_participle_after_a_clause_whose_subject_is_a_pronoun() -> None:
    text = ("Muhammad Ali, who died last Friday, was superb value outside the ring too. Here he "
            "talks with Howard Cosell, and in 1971, he memorably sat down with Michael "
            "Parkinson, asking: \"Why is Jesus white?\"")
    assert speakers(text) == ["Muhammad Ali"]


def test_the_company_is_the_organization_its_sentence_names_before_it() -> None:
    text = ("In a statement from Lycos Europe announcing the end of the scheme, the company "
            "denied that this was its fault. \"There is nothing to suggest that the screensaver "
            "has brought down any of the sites,\" it said.")
    assert speakers(text) == ["Lycos Europe"]


def test_a_sentence_ending_the_paragraph_before_a_quote_paragraph_names_its_speaker() -> None:
    text = ("Jurors finished a second day of deliberations without a verdict.\n\nOutside the "
            "courthouse, Bob Menendez expressed confidence.\n\n\"I have every expectation that "
            "we will be exonerated, and that's worth waiting for.\"")
    assert speakers(text) == ["Bob Menendez"]


def test_a_quote_paragraph_signed_below_is_not_the_paragraph_befores() -> None:
    text = ("The rally went on into the night. Barack Obama spoke to supporters.\n\n"
            "\u201cWe will not give up on this fight for one more day.\u201d\n\n"
            "- Hillary Clinton.")
    assert speakers(text) == [None]


def test_a_sentence_inside_a_paragraph_names_a_speaker_only_once_quoted() -> None:
    text = ("Jurors finished a second day of deliberations. Outside the courthouse, Bob "
            "Menendez expressed confidence. \"I have every expectation that we will be "
            "exonerated, and that's worth waiting for.\"")
    assert speakers(text) == [None]


def test_it_as_the_subject_of_a_partial_quote_is_the_organization_quoted_last() -> None:
    text = ("\"Internal and external economic conditions are likely to remain unfavourable,\" "
            "the Finance and Economy Ministry said in a statement.\n\nIt blamed \"continuing "
            "uncertainties such as fluctuating oil prices and stagnant domestic demand\".")
    assert speakers(text) == ["Finance and Economy Ministry"] * 2


def test_it_after_an_organization_named_only_as_a_subject_is_not_it() -> None:
    text = ("\"We are watching the markets closely every day,\" the Finance Ministry said.\n\n"
            "The Nasdaq lost 1.3% on the day. It issued a statement that \"the bank will not "
            "change the portfolio of currencies in its reserves\".")
    assert speakers(text)[1] is None


def test_a_handle_signing_a_quote_is_the_person_its_letters_spell() -> None:
    text = ("\"They are more than a list of names. They are people who loved.\" - "
            "@andersoncooper #Orlando\n\nAnderson Cooper read the names on air.")
    assert speakers(text) == ["Anderson Cooper"]
