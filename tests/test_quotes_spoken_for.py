"""A quote an organization's spokesperson or official gives out is shown as the organization's:
"a Jive spokeswoman said" is Jive speaking; a person's spokesman or an unnamed one is no one
named."""

from __future__ import annotations

import pytest

from bot.extract import extract
from bot.models import Article


def speakers(text: str) -> list[str | None]:
    return [q.speaker for q in extract(Article("Headline", text)).quotes]


@pytest.mark.parametrize(("text", "organization"), [
    ('"She obviously took a wrong step and blew out her knee," a Jive spokeswoman said at the '
     "time.", "Jive"),
    ("A BBC spokeswoman said: \"We share the committee's interest in ensuring the public money "
     'we receive is spent well."', "BBC"),
    ('"We are seeking opinion from industry on whether to allow it," said a spokesman for '
     "Ofcom.", "Ofcom"),
    ('"Calculators will have to wait for the reconstruction," said an IMF official in a '
     "briefing on Wednesday.", "IMF"),
])
def test_the_organization_a_spokesperson_speaks_for(text: str, organization: str) -> None:
    assert speakers(text) == [organization]


@pytest.mark.parametrize("text", [
    "Mr Blair's spokesman said: \"The Catholic church has a well-known position on this "
    'issue."',
    'A club spokesman confirmed: "It is a bilateral hernia, which was operated on yesterday."',
    'A spokeswoman said the plans were at "a very early stage with no cast or theatre yet".',
])
def test_no_organization_where_the_text_names_none(text: str) -> None:
    assert speakers(text) == [None]


def test_a_spokesperson_after_a_quote_s_last_sentence_speaks_next() -> None:
    text = (
        'The Darlington Council spokesman added: "Initially we had complaints from a couple of '
        'residents in Mowden. We then made further investigations." A spokeswoman for the '
        "Electoral Commission told BBC News that letters were being sent."
    )
    assert speakers(text) == ["Darlington Council"]
