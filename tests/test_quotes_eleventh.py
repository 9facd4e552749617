"""Speakers read in the eleventh round: a phrase after a quote whose verb describes its noun,
an organization described as "the company", a scare quote inside the description of the
sentence's subject, an owner whose name holds "and", a statement opening the clause, a post
"for" a field, a verb joined by "and" after a quote, an organization's own clause, a post
after the name, a clause after "but" with a post before its name, a passive clause's agent,
"went on", and an adverb after the subject's apposition."""

from __future__ import annotations

from tests.conftest import quotes


def test_a_phrase_after_the_quote_names_no_one_else() -> None:
    text = ("Tory spokesman David Davis said the proposals were \"little more than a "
            "taxpayer-funded PR exercise\" ahead of a general election predicted for next May.")
    assert quotes(text) == [("little more than a taxpayer-funded PR exercise", "David Davis")]


def test_a_name_after_the_phrase_still_speaks() -> None:
    text = ("Next year will be \"make or break\" for development in poorer countries Gordon "
            "Brown will say as he sets out goals. \"That is why next year is a test for all "
            "of us,\" he said.")
    assert quotes(text)[-1] == ("That is why next year is a test for all of us", "Gordon Brown")


def test_the_company_is_the_organization_named_before() -> None:
    text = ("Renault said the outlook for the industry in Europe was stable. The firm will "
            "benefit from the launch of a new Clio model. \"In a sluggish market, Renault "
            "intends to continue to grow its global sales,\" the company said in a statement.")
    assert quotes(text) == [
        ("In a sluggish market, Renault intends to continue to grow its global sales",
         "Renault"),
    ]


def test_the_company_with_no_organization_before_stays_unknown() -> None:
    text = ("Shoppers were warned of delays. \"We are working hard to restore the service "
            "for everyone,\" the company said.")
    assert quotes(text) == [
        ("We are working hard to restore the service for everyone", None)]


def test_a_scare_quote_in_the_subjects_description_leaves_the_subject_speaking() -> None:
    text = ("Barbara Follet, one of the so-called \"Blair Babes\" elected in 1997, told "
            "researchers: \"I remember some Conservatives heckling whenever a Labour woman "
            "got up to speak.\"")
    assert quotes(text) == [
        ("I remember some Conservatives heckling whenever a Labour woman got up to speak.",
         "Barbara Follet"),
    ]


def test_a_subject_after_the_scare_quote_is_the_one_speaking() -> None:
    text = ("And, in a clip that District Judge Michael Mosman called \"distasteful,\" "
            "Santilli expressed a desire to \"try, convict and shoot the former minister.\"")
    assert quotes(text)[-1][1] != "Michael Mosman"


def test_an_owner_whose_name_holds_and() -> None:
    text = ("\"The relaxation could really ignite interest in the industry,\" added Ernst and "
            "Young's Sanjay Mehta.")
    assert quotes(text) == [
        ("The relaxation could really ignite interest in the industry", "Sanjay Mehta")]


def test_an_organization_past_the_statement_it_spoke_in() -> None:
    text = ("Critics were unhappy. In a statement Google said the feature was still in beta. "
            "It said: \"The user can choose never to click on the button at all.\"")
    assert quotes(text) == [("The user can choose never to click on the button at all.",
                             "Google")]


def test_a_post_for_a_field_before_the_name() -> None:
    text = ("Deputy minister for women Jacqui Smith criticised the plan. She said: \"These "
            "proposals would increase the costs to the public purse.\"")
    assert quotes(text) == [
        ("These proposals would increase the costs to the public purse.", "Jacqui Smith")]


def test_a_verb_joined_by_and_after_a_scare_quote_goes_on_from_the_subject() -> None:
    text = ("Jacqui Smith accused the Lib Dems of offering \"false promises\" to women and said "
            "their sums did not add up. She said: \"These proposals would increase the costs "
            "to the public purse.\"")
    assert quotes(text) == [
        ("These proposals would increase the costs to the public purse.", "Jacqui Smith")]


def test_an_organizations_own_clause_does_not_go_on_with_the_last_speaker() -> None:
    text = ("Jacqui Smith said: \"These proposals would increase the costs to the public "
            "purse\". The Labour party has committed itself to \"universal, affordable and "
            "flexible\" childcare for parents.")
    assert ("universal, affordable and flexible", "Jacqui Smith") not in quotes(text)


def test_a_post_after_the_name_before_the_verb() -> None:
    text = ("\"These figures show beyond doubt the slowdown in the housing market,\" Peter "
            "Williams, CML deputy director, said.")
    assert quotes(text) == [
        ("These figures show beyond doubt the slowdown in the housing market", "Peter Williams")]


def test_a_clause_after_but_with_a_post_before_the_name_is_its_own() -> None:
    text = ("France have been criticised but captain Fabien Pelous sees hope on the horizon. "
            "\"I get the impression we are getting better,\" he said.")
    assert quotes(text) == [("I get the impression we are getting better", "Fabien Pelous")]


def test_the_agent_of_a_passive_clause_is_the_one_he_stands_for() -> None:
    text = ("The report was welcomed by shadow pensions secretary David Willetts. \"The "
            "pensioners' voice must be heard in the next election,\" he said.")
    assert quotes(text) == [
        ("The pensioners' voice must be heard in the next election", "David Willetts")]


def test_an_agent_inside_a_relative_clause_is_not() -> None:
    text = ("Tony Wilson said he would rather not appear. He made a cameo in a film in which "
            "his role was played by Steve Coogan. \"I'm not an actor and I did a lousy job,\" "
            "he said.")
    assert quotes(text)[-1][1] != "Steve Coogan"


def test_went_on_is_a_speech_verb() -> None:
    text = ("Ms Roche believes migration is welcome. She went on: \"What I would like to see is "
            "a body which looked at the figures.\"")
    assert quotes(text) == [
        ("What I would like to see is a body which looked at the figures.", "Roche")]


def test_a_verb_joined_by_and_after_a_quote_goes_on_from_the_subject() -> None:
    text = ("Bill O'Reilly said he would be \"watching to see if the money gets to the "
            "victims\" and warned the celebrities \"had better be involved all the way down "
            "the line\".")
    assert [speaker for _, speaker in quotes(text)] == ["Bill O'Reilly", "Bill O'Reilly"]


def test_an_adverb_after_the_subjects_apposition() -> None:
    text = ("Gavin Henson was ready. Henson, surveying his date with destiny, positively relished "
            "the responsibility. \"I knew I was going to get it before I took the kick,\" he said "
            "later.")
    assert quotes(text) == [("I knew I was going to get it before I took the kick",
                             "Gavin Henson")]
