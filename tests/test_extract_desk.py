"""Rules from a news desk's reading of real alerts: captions above the story, speakers named
through an apposition, a reflexive or a participle phrase, and figures a reader would not sign."""

from __future__ import annotations

import dataclasses

from bot.analysis import analyze
from bot.extract.figures import find_figures
from bot.extract.layout import story_first
from bot.extract.quotes import find_quotes
from bot.matching.matcher import compile_topics
from bot.models import Article, Extraction
from bot.render import render_text
from tests.conftest import DATA
from tests.test_matching import org, person, topic
from tests.test_store import alert

AFP = (DATA / "afp-icc-warrants.txt").read_text(encoding="utf-8")


def speakers(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotes(text)]


def test_a_caption_opening_the_text_is_read_after_the_story() -> None:
    moved = story_first(AFP)
    assert moved.startswith("(AFP) - Israeli Prime Minister")
    assert moved.rstrip().endswith("(Photo by GPO / AFP)")
    plain = "Ministers met today.\n\nThey agreed on a plan."
    assert story_first(plain) is plain


def test_a_line_pointing_to_another_story_alerts_for_nothing() -> None:
    matcher = compile_topics([topic([person("Bill Gates")])])
    text = ("Researchers trained a network to add sound to silent video clips.\n\n"
            "People could not tell the fake sounds from the real ones in a test.\n\n"
            "SEE ALSO: Bill Gates: AI is the holy grail\n\n"
            "The team will present the work next month.")
    assert analyze(Article("AI fools humans", text), matcher).topics == ()
    # the same name in the story's own words alerts
    story = text.replace("SEE ALSO: ", "The work was praised by Microsoft founder ").replace(
        "holy grail", "close")
    assert analyze(Article("AI fools humans", story), matcher).topics != ()
    # a marker with no colon opens the story's own sentence
    own = text.replace("SEE ALSO: Bill Gates: AI is the holy grail",
                       "Related work by Bill Gates and his foundation was cited")
    assert analyze(Article("AI fools humans", own), matcher).topics != ()


def test_prominence_is_read_from_the_story_not_the_caption_above_it() -> None:
    matcher = compile_topics([topic([person("Benjamin Netanyahu"),
                                     org("Amnesty International"),
                                     org("Government Press Office")])])
    (found,) = analyze(Article("", AFP), matcher).topics
    prominence = {m.name: m.prominence for m in found.matches}
    # Amnesty speaks in the story's first sentence; the press office only credits the photo.
    assert prominence["Amnesty International"] == "lead"
    assert prominence["Government Press Office"] == "passing"


def test_an_alert_with_no_title_is_headed_by_its_lead() -> None:
    lead = ("Israeli Prime Minister Benjamin Netanyahu is wanted after the court's decision "
            "Thursday to issue arrest warrants for the Israeli leader, Amnesty International said.")
    untitled = dataclasses.replace(alert(1), title="", extraction=Extraction(summary=(lead,)))
    first = render_text(untitled).splitlines()[0]
    assert first.startswith("Israeli Prime Minister Benjamin Netanyahu is wanted")
    assert "(untitled)" not in first and len(first) < len(lead)


def test_a_reflexive_after_the_name_keeps_the_speaker() -> None:
    text = ('Coach Mike Ruddock praised him. "He settled in well," Mike Ruddock said. '
            'Gavin Henson himself says he is relishing the hype. '
            '"I thrive on it and think it makes me perform better," he said.')
    assert speakers(text)[-1][1] == "Gavin Henson"


def test_the_name_before_an_apposition_speaks_the_next_quote() -> None:
    text = ('Peter Knight, director of Context, says 24 companies reported this year. '
            '"The corporate lexicon of homilies and soft assurances is on its way out."')
    assert speakers(text) == [(speakers(text)[0][0], "Peter Knight")]


def test_a_participle_phrase_names_no_subject() -> None:
    text = ('Alex Sutton said: "I am looking forward to it." '
            "Progressing through the Academy ranks, Matty Nicholson was named player of the "
            'year. "Coming back on loan will give me a chance to play," he said.')
    assert speakers(text)[-1][1] == "Matty Nicholson"


def test_a_relative_clause_after_a_partial_quote_is_no_attribution() -> None:
    text = ("In an email, Vermont senator Bernie Sanders told his fans that although “the voting "
            "is done” after the primary, “our revolution continues” - and previewed his address, "
            "in which it is speculated that he will suspend his campaign.")
    assert [s for _, s in speakers(text)] == ["Bernie Sanders", "Bernie Sanders"]


def test_a_colon_gives_the_speaker_of_an_exclamation_before_a_new_sentence() -> None:
    text = ("The MP Igor Lebedev said he saw nothing wrong with the scenes: “Quite the opposite "
            "lads, keep it up!” The official Vladimir Markin said the fans were “real men”.")
    assert speakers(text)[0] == ("Quite the opposite lads, keep it up!", "Igor Lebedev")


COLLINS = (
    "Kim Collins will compete in the 60m in Birmingham. Collins ran in Birmingham in 2003. "
    '"I\'m looking forward to competing against such a strong field," he said. '
    '"I got a great reception from the crowd when I won my silver medal in 2003." '
    "The world champion says he's in good shape but he isn't underestimating the home "
    'competition. "Jason Gardener is an Olympic gold medallist now and he will be aiming to win. '
    '"I\'m looking forward to competing against Britain\'s best sprinters." '
    "Collins was sixth in the Olympic final in Athens but is hoping for a better result this "
    'summer. "This will be a big year for me and I plan to defend my world title."'
)


def test_a_description_in_reported_speech_stands_for_the_last_speaker() -> None:
    quotes = speakers(COLLINS)
    assert quotes[2] == (quotes[2][0], "Kim Collins")  # "The world champion says"


def test_a_quote_after_a_sentence_about_someone_quoted_goes_on_with_them() -> None:
    assert speakers(COLLINS)[-1][1] == "Kim Collins"  # "Collins was sixth ..."
    # Someone never quoted before is not taken for the speaker.
    other = ("Kim Collins was sixth in the final in Athens but is hoping for more. "
             '"This will be a big year for the sport and its fans."')
    assert speakers(other)[-1][1] is None


def test_a_scale_letter_before_a_currency_word_is_money() -> None:
    (first, *_) = find_figures("Profits fell to 785m euros ($1bn) from 2.4bn euros in 2003.")
    assert (first.value, first.currency) == (785_000_000, "EUR")
    assert not find_figures("He ran the 60m in Birmingham last winter.")


def test_a_share_of_a_whole_counts_what_the_whole_counts() -> None:
    (figure,) = find_figures("More than 70 of 113 countries surveyed report a fall in rights.")
    assert (figure.value, figure.unit) == (70, "countries")
    assert figure.text.startswith("More than 70 of 113 countries")


def test_a_number_inside_a_quote_below_the_lead_is_the_speaker_s() -> None:
    text = ("Kim Collins will run in Birmingham against 12 sprinters.\n\n"
            "He is in good shape. “I'm sure the 60 metres will be one of the races of the year,” "
            "he said. Organisers expect 8,000 spectators.")
    quote = text.index("I'm sure")
    figures = find_figures(text, quoted=[(quote, text.index("” he said"))])
    assert {f.value for f in figures} == {12, 8000}


def figures(text: str) -> list[tuple[float, float | None, str | None]]:
    return [(f.value, f.upper, f.currency) for f in find_figures(text, limit=8)]


def test_a_hyphenated_scale_word_scales_its_amount() -> None:
    # "$1-million" was read as one dollar.
    assert figures("In Cher's $1-million lawsuit against Mary Bono, she accuses the widow.") == [
        (1_000_000, None, "USD")
    ]


def test_a_range_of_percentages_is_one_figure_with_both_ends() -> None:
    assert figures("Apple could lose 3% to 5% of its sales in China, an analyst says.") == [
        (3, 5, None)
    ]
    assert figures("Growth of 2.5%-3% is expected this year.") == [(2.5, 3, None)]


def test_conversions_after_or_about_and_after_a_semicolon_are_merged() -> None:
    assert figures("The company paid $4m, or about €3.9m, to settle the claim.") == [
        (4_000_000, None, "USD")
    ]
    assert figures("The deal is worth $5bn (£2.7bn; €3.9bn) to the group.") == [
        (5_000_000_000, None, "USD")
    ]
