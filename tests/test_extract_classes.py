"""Rules for classes of faults seen in several kinds of text: someone the text describes but
does not name speaking before a quote, an owner ending in "s'" before a name, and proportions
("one in four homes")."""

from __future__ import annotations

from bot.extract.figures import find_figures
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
    ) == [("one in four homes could not get", 4)]
    assert figures(
        "Most couples settle, and in nine out of 10 separations there is no court case."
    ) == [("nine out of 10 separations", 9)]
    assert figures("Republicans won 4 out of 4 House seats in the state.") == [
        ("4 out of 4 House seats", 4)
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
