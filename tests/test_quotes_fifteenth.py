"""Speakers read in the fifteenth round, from the part scored unseen last (fresh19): a "he said"
after words about someone is someone else, a post on the publication's own staff, a speech verb
whose subject another one reports, a nationality noun for the person just named, an
organization described after its name was a clause's subject, and a stage name's real one."""

from __future__ import annotations

import pytest

from tests.conftest import quotes


def test_he_said_after_words_about_someone_is_the_speaker_before() -> None:
    text = ("The prime minister's enthusiasm for the job remains undimmed, Alan Milburn, the "
            "party's election strategist told the Today programme. Mr Blair has \"the same "
            "passion and the same commitments for the job\" as when he took office, he said.")
    assert quotes(text) == [("the same passion and the same commitments for the job",
                             "Alan Milburn")]


def test_he_said_after_a_colon_frame_is_still_the_one_who_opened_it() -> None:
    text = ("David Axelrod said the endorsement was weak. \"It is not enough,\" he said. "
            "Spokesman Brian Fallon expressed his support for his boss online.\n\nFallon fired "
            "back: \"As a guardian of the legacy,\" he wrote, \"we know you are rooting for us "
            "too.\"")
    assert quotes(text)[-1] == ("As a guardian of the legacy, we know you are rooting for us "
                                "too.", "Brian Fallon")


@pytest.mark.parametrize("staff", ["our correspondent", "our political correspondent"])
def test_our_correspondent_is_the_one_the_article_names_with_that_post(staff: str) -> None:
    text = ("Tony Smith said the party would fight on. BBC political correspondent James Hardy "
            "said the chancellor would draw \"sharp dividing lines\" with the Conservatives. "
            "\"Mr Brown will lay out his credentials as a reforming chancellor,\" "
            f"{staff} said.")
    assert quotes(text)[-1] == ("Mr Brown will lay out his credentials as a reforming "
                                "chancellor", "James Hardy")


def test_our_correspondent_with_no_one_named_so_is_unknown() -> None:
    text = ("\"We will not give in,\" Tony Smith said. \"It was the same projects, again and "
            "again,\" our correspondent said.")
    assert quotes(text)[-1] == ("It was the same projects, again and again", None)


def test_a_speech_verb_whose_subject_another_reports_is_not_the_reporters() -> None:
    text = ("Mr Kilroy-Silk said the man, who later disappeared, claimed he was \"doing it in "
            "the name of Islam\". Police are looking for him.")
    assert quotes(text) == [("doing it in the name of Islam", None)]


def test_a_speech_verb_after_one_that_tells_someone_keeps_its_subject() -> None:
    text = ("Mr Kilroy-Silk told the court he was angry and said \"I was totally covered in "
            "it\".")
    assert quotes(text) == [("I was totally covered in it", "Kilroy-Silk")]


@pytest.mark.parametrize("noun", ["Scot", "Swede", "Dane"])
def test_a_nationality_noun_is_the_person_just_named(noun: str) -> None:
    text = ("Manager Sir Alex Ferguson said the task was hard. Ruud van Nistelrooy is fit again, "
            f"but the {noun} admitted he was unsure whether to start him. \"Ruud is the best "
            "striker in Europe,\" he said.")
    assert quotes(text) == [("Ruud is the best striker in Europe", "Alex Ferguson")]


def test_the_airline_is_the_company_last_named_as_a_subject() -> None:
    text = ("\"They have a mutiny on their hands,\" said Michael Boyd, a consultant. US Airways "
            "had to cancel 65 flights on Thursday. The airline said it \"deeply regrets any "
            "inconvenience caused to customers\".")
    assert quotes(text)[-1] == ("deeply regrets any inconvenience caused to customers",
                                "US Airways")


def test_it_is_not_a_company_named_long_before_as_a_subject() -> None:
    text = ("The US Supreme Court heard the case on Tuesday. Intel filed a document with the "
            "court. It summed up the view of many firms in its submission which states that "
            "its products \"are essentially tools, like any other tools\".")
    assert quotes(text) == [("are essentially tools, like any other tools", None)]


def test_a_stage_name_is_given_the_real_name_the_article_goes_on_with() -> None:
    text = ("\"Radio 1's chart show is an institution,\" says JK, also known as Jason King. "
            "\"We are a double act,\" King says.")
    assert quotes(text) == [("Radio 1's chart show is an institution", "Jason King"),
                            ("We are a double act", "Jason King")]


def test_a_stage_name_the_article_keeps_to_stays() -> None:
    text = ("Rapper 50 Cent, real name Curtis Jackson, made peace with his protege. \"We're here "
            "today to show that people can rise above it,\" Cent said.")
    assert quotes(text)[0][1] == "Cent"


def test_a_quote_that_speaks_of_the_speaker_by_first_name_is_someone_elses() -> None:
    text = ("Chairman Milan Mandaric was disappointed. According to Mandaric, Harry Redknapp vowed "
            "he would not join their rivals when he left. \"I said to Harry 'I hope you don't "
            "go', and he told me no,\" he said.")
    assert quotes(text)[-1][1] != "Harry Redknapp"


@pytest.mark.parametrize(("quote", "speaker"), [
    ("If the teenage Michael Howard were applying today, they would love me.", "Michael Howard"),
    ("I will be the same Juan Carlos as I was before.", "Juan Carlos Ferrero"),
])
def test_a_speaker_may_speak_of_himself_as_he_was(quote: str, speaker: str) -> None:
    assert quotes(f"\"{quote}\" said {speaker}.") == [(quote, speaker)]


def test_a_first_name_another_person_shares_is_theirs() -> None:
    text = ("The body appointed psychologist Dave Collins. \"We searched long and hard,\" said "
            "chief executive David Moorcroft. \"I believe David will make a great leader.\"")
    assert quotes(text)[-1] == ("I believe David will make a great leader.", "David Moorcroft")


def test_a_quote_that_speaks_of_mr_surname_is_not_his() -> None:
    text = ("Tory MP Nigel Waterson was amazed Doug Smith was still in his job. Mr Smith said "
            "nothing. \"When Mr Smith came to give evidence, we were led to believe he was "
            "going,\" he said.")
    assert quotes(text)[-1][1] != "Doug Smith"
