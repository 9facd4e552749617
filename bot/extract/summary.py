"""The summary: the lead sentence, plus the sentences that name what matched when the lead does
not, two or three sentences in the order and the words of the source."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.extract.layout import classify, has_link
from bot.extract.lexicon import DETERMINERS, FUNCTION_WORDS
from bot.extract.sentences import Sentence
from bot.extract.vocab import is_past_participle, words
from bot.extract.wordfind import has_word
from bot.models import TopicMatch
from bot.textnorm import stem

__all__ = ["summarize"]

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sep(?:t|tember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_DATE = rf"(?:{_WEEKDAY},? )?(?:{_MONTH} \d{{1,2}},? \d{{4}}|\d{{1,2}} {_MONTH},? \d{{4}})"
_ENDS_SENTENCE = re.compile(r"[.!?][\s\"'”’)\]]*$")
_ENDS_WITH_DATE = re.compile(rf"\b{_DATE}\W*$")
# What a wire story opens with before its first word: "(AFP) -", "LONDON, Jan 5 (Reuters) -",
# "WASHINGTON --", "Thursday, March 15, 2012".
_AGENCY = r"\((?:AFP|Reuters|AP|UPI|Bloomberg|dpa|DPA|Xinhua|IANS|PTI|ANI|Kyodo|Yonhap)\)"
_DATELINE = re.compile(
    rf"^(?:(?:[\w.'’-]+[ ,]+){{0,5}}?{_AGENCY}\s*(?:--|[-—–])\s*"
    rf"|[A-Z][A-Z.'’ ,-]{{1,40}}?\s(?:--|[-—–])\s+"
    rf"|{_DATE}\s+)(?=[A-Z“\"])"
)
_MAX_SENTENCES = 3
_NEWS_WITHIN = 4  # sentences of the body where the news is looked for
_NEWS_FURTHER = 6  # where it is looked for when none of those is close to the headline
_FURTHER_SHARED = 3  # headline words a sentence that far down shares to be the news
_WORD = re.compile(r"[a-z][a-z'’]+")  # "5-year-olds" and "Five-year-olds" share "year", "olds"
_SHORT_LEAD = 10
# A sentence that is a quotation and nothing else, on a standfirst's bullet or not: no one says it
# in the summary.
_QUOTE_ONLY = re.compile(r"(?:•\s*)?(?:[\"“‘«]|``|'')[^\"“”«»]*(?:[\"”’»]|'')[\s.,!?]*")
# "you", "we", "us" (not "US"), "I": a lead that speaks to the reader.
_ADDRESSES_READER = re.compile(r"\b(?:[Yy]ou|[Yy]our|[Ww]e|[Oo]ur|us|I|[Mm]e|[Mm]y)\b")
# "If you've found yourself yearning ...", "Over a year passed since we covered ...": a lead that
# speaks to the reader, or of what the writers said before.
_SPEAKS_TO_READER = re.compile(
    r"\b(?:[Yy]ou|[Yy]our)\b"
    r"|\b[Ww]e(?: \w+ly| last| first| already)? (?:covered|wrote|reported|featured|reviewed|"
    r"looked at|told you)\b"
    r"|\b[Ww]e['’]ve (?:\w+ly )?(?:covered|written|reported)\b"
)
_CLOSER_BY = 2  # headline words the next sentence shares beyond what such a lead shares
_WRITER = re.compile(r"\b(?:I|[Mm]e|[Mm]y|[Ww]e|[Oo]ur)\b")
# "But the chances that Congress will pass ...": a turn with a subject of its own ("But it
# remains unclear ..." leans on the lead).
_BUT = re.compile(r"But (?!(?:it|they|he|she|this|that|these|those|there)\b)")
# "This is because Windows interprets ...": a sentence that leans on the one before.
_REFERS_BACK = re.compile(
    r"(?:This|That|It|These|Those|They|He|She)\b(?: \w+)? (?:is|was|are|were|means)\b"
)
# A pronoun, a possessive or a demonstrative opening a sentence, after "But" or "And" too: the
# sentence leans on the one before ("His pass to Tom Shanklin ...", "But he said ...").
_LEANS_BACK = re.compile(
    r"(?:And|Finally,?|Also,?) |"  # "And Mr Clarke said he would look into it"
    r"(?:(?:But|And|Yet|So|However,?) )?(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er(?! Majesty)|[Ii]ts?|[Tt]hey|"
    r"[Tt]heir|[Tt]his|[Tt]hese|[Tt]hose)\b"
    # "This year's Budget", "This week": a time, not the sentence before
    r"(?! (?:year|week|month|morning|afternoon|evening|weekend|summer|winter|spring|autumn|"
    r"season|time)\b)"
)
# A capitalized word past the first (not "I"), or a report of someone's words: a sentence that
# tells who.
_NAME_PAST_FIRST = re.compile(r"(?<=[\w,;:)”’\"'] )(?!I\b)[A-Z]")
_REPORTED = re.compile(r"\b(?:says?|said|warns?|warned|reports?|reported)\b")
_HEADLINE_WORDS = 12
# Longer, a paragraph that ends with a date is prose ("... had passed on 31 August 2015.").
_DATELINE_WORDS = 25
_QUESTION = re.compile(
    r"(?:What|Who|Whom|Whose|Which|Why|How|When|Where|Could|Can|Is|Are|Was|Were|Do|Does|Did|"
    r"Will|Would|Should|Has|Have|Had)\b"
)
# A photo credit the source set as a sentence of its own: "(Image credit: Alex Wong)",
# "(AP Photo/Luca Bruno)".
_CREDIT = re.compile(
    r"\((?:[A-Z][\w.]* )?(?i:image|photo(?:graph)?|picture|video|illustration)s?"
    r"(?i: credits?)?[:/][^()]*\)+[.]?"
)

# A sentence about the post rather than the news: a republication or partnership note, a
# newsletter's greeting, an update or correction note ("This post was originally published on
# Public Books.", "This article was updated on Monday to add new deals.", "Welcome to Edition
# 9.07 of the Rocket Report!", "Update 11/28/17: Added a note about ...", "Editor's note: ...").
_ABOUT_THE_POST = re.compile(
    r"[\[(*]*(?:"
    r"(?:This|The) (?:post|article|story|piece|essay|interview|review|column|excerpt|report) "
    r"(?:was |is |has been |first |originally )+[^.!?]{0,40}?\b(?:published|appeared|posted|"
    r"adapted|excerpted|produced|part of)\b"
    r"|This (?:post|article|story|piece) (?:was|has been) updated\b"
    r"|Welcome (?:back )?to\b[^.!?]{0,60}?\b(?i:edition|issue|instal?ment|episode|newsletter|"
    r"round-?up|digest|column|podcast|briefing|report)\b"
    r"|(?:Update[ds]?|UPDATED?|Editor['’]s [Nn]ote|Correction|Clarification)\b[^:.!?]{0,40}:"
    r"|(?i:spoiler|trigger|content) (?i:warning|alert)s?\b"
    r"|(?i:warning):[^.!?]{0,20}?\b(?i:contains?|spoilers?)\b"
    # a blog platform's footer: "The post ... appeared first on Wired.", in German "Der Beitrag
    # ... erschien zuerst auf derbrutkasten.com."
    r"|The post .{1,200}? appeared first on\b|Der Beitrag .{1,200}? erschien zuerst auf\b"
    r")"
)
# A related link set as a bullet ("• Opinion: Chappelle's Trumpian claims ...") and a
# broadcaster's sign-off ("CNN's Sam Kiley reports."): no sentence of the story.
_RELATED = re.compile(
    r"•\s*(?i:opinion|analysis|related|read more|read|watch|listen|more|see also|explainer)\s*:"
)
_SIGN_OFF = re.compile(r"(?:[A-Z][\w&.-]*['’]s )?(?:[A-Z][\w.'’-]+ ){1,3}reports\.?")
# A lead that tells what came before the news ("Earlier this year, Square debuted ...",
# "Last month the council had voted ..."): background, when a sentence soon after says what
# happens now.
_BACKGROUND = re.compile(
    r"(?:Earlier (?:this|last) |Last |Late last |Early last )"
    r"(?:year|month|week|spring|summer|autumn|fall|winter)\b"
    r"|Back in\b|Previously\b|Years ago\b|Until (?:recently|now)\b"
)
_PAST_PERFECT = re.compile(r"\bhad (?:\w+ly )?([a-z]+)\b")
# "I've previously noted the chatter that ...": what the writer or the story said before.
_PREVIOUSLY = re.compile(r"(?:\b(?:has|have|had)|['’](?:ve|d)) previously\b")
_NOW = re.compile(
    rf"(?:Today|Now|Tonight|Yesterday|This (?:week|morning|afternoon|evening)|On {_WEEKDAY})\b"
    rf"|.*\b(?:today|tonight|this week|on {_WEEKDAY})\b"
    r"|.*\b(?:has|have) just [a-z]+ed\b"  # "The Financial Times has just reported that ..."
)
_BACKGROUND_WITHIN = 6  # sentences after a background lead where the news is looked for
# A standfirst that reports someone's claim ("Chief Bruce Shisheesh of the Attawapiskat First
# Nation says community of 2000 is struggling ...", "Yu Hu, 32, claims staff ..."): the claim
# comes first, no verb before it.
_CLAIM = re.compile(
    r"(?:[•\-–—]\s*)?((?:[\w’'.-]+,?\s+){1,9}?)"
    r"(?:says?|claims|insists?|warns?|admits?|argues?|alleges?|tells|said|claimed)\b"
)
_NOT_A_SUBJECT = words(
    """is are was were has have had will would can could may might must should does do did
    but and while as when after before if that which who"""
)

# A credit that closes a caption: "... in Washington. (AP Photo/Julia Demaree Nikhinson)".
_TRAILING_CREDIT = re.compile(
    r"\s*\((?:[A-Z][\w.]* )?(?i:photo|image|picture|video)s?(?:/|: )[^()]*\)+$"
)


# "John Paczkowski, reporting for BuzzFeed:": a byline that leads into a quoted report.
_REPORTING_FOR = re.compile(
    r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){1,3}, (?:reporting|writing) (?:for|at|in) [^.:]{2,60}:"
)


def summarize(
    text: str,
    sentences: Sequence[Sentence],
    topics: Sequence[TopicMatch] = (),
    paragraph_texts: Sequence[str] = (),
    title: str = "",
    quoted: Sequence[tuple[int, int]] = (),
) -> tuple[str, ...]:
    """Two or three sentences: the lead (photo captions, credits, bylines, embedded posts and
    promotion lines skipped), then the first sentence naming each entity matched more than in
    passing that the chosen sentences do not name yet (not a line-up, nor a sentence leaning
    on one not shown, nor one inside a ``quoted`` span); a quotation a sentence leaves open is
    closed where it ends."""
    captions = set(classify(paragraph_texts))
    # A headline, dateline or subheading before the first paragraph of prose is no lead.
    first_prose = next(
        (i for i, p in enumerate(paragraph_texts) if i not in captions and _is_prose(p)), 0
    )
    body = [
        s
        for s in sentences
        if s.paragraph not in captions
        and s.paragraph >= first_prose
        and len(s.text.split()) > 3
        and not has_link(s.text)
        and not _QUOTE_ONLY.fullmatch(s.text)
        and not _CREDIT.fullmatch(s.text)
        and not _ABOUT_THE_POST.match(s.text)
        and not _RELATED.match(s.text)
        and not _SIGN_OFF.fullmatch(s.text)
        and not _REPORTING_FOR.fullmatch(s.text.strip())
    ]
    if not body:
        body = [s for s in sentences if not _RELATED.match(s.text)]
    if not body:
        return ()
    chosen = [_news_first(body, title, paragraph_texts)]

    def add_naming(forms: tuple[str, ...]) -> None:
        if len(chosen) >= _MAX_SENTENCES or any(_names(s, forms) for s in chosen):
            return
        hit = next((s for i, s in enumerate(body) if _names(s, forms)
                    and not _opens_quote(s.text)
                    # "... “Steven is above money. He is the future of Liverpool.": a sentence
                    # of a quotation is someone's words, not the story's
                    and not any(a < s.start < b for a, b in quoted)
                    and not _list_line(s.text)
                    # "His pass to Tom Shanklin appeared forward": a sentence that leans on the
                    # one before is shown only after it
                    and not (_LEANS_BACK.match(s.text) and (i == 0 or body[i - 1] not in chosen))),
                   None)
        if hit is not None and hit not in chosen:
            chosen.append(hit)

    # A name matched in the headline or the lead is the news: the sentence naming it comes
    # next. One matched further down comes after the story's second sentence, which it would
    # otherwise push out; one matched only in passing brings no sentence (the alert's "why"
    # says where it is).
    matches = [(m.prominence, tuple(e.lower() for e in m.evidence))
               for t in topics for m in t.matches]
    for prominence, forms in matches:
        if prominence in ("headline", "lead"):
            add_naming(forms)
    if len(chosen) == 1 and len(body) > 1:
        second = body[1] if chosen[0] is body[0] else body[0]
        # "Each of the ...": a teaser cut off by the feed says nothing of its own
        if not _opens_quote(second.text) and not second.text.rstrip().endswith(("...", "…")):
            chosen.append(second)
    for prominence, forms in matches:
        if prominence == "body":
            add_naming(forms)
    # The news comes first; the other sentences follow in the source's order.
    ordered = [chosen[0], *sorted(chosen[1:], key=lambda s: s.start)]
    return tuple(
        _closed(_TRAILING_CREDIT.sub("", (_DATELINE.sub("", s.text, count=1) or s.text)
                                     if s is body[0] else s.text))
        for s in ordered
    )


def _closed(sentence: str) -> str:
    """A sentence that opens a quotation running on past it ("Mr Redwood said: “Mr Blair has
    forgotten the pledges he made.") with the quotation closed where the sentence ends; the
    only words of a summary that are not the article's."""
    if not re.search(r"[“\"„]\W*\w", sentence):
        return sentence
    if "„" in sentence:  # German: „...“
        return sentence + "“" if sentence.count("„") > sentence.count("“") else sentence
    if sentence.count("“") > sentence.count("”"):
        return sentence + "”"
    if sentence.count('"') % 2 == 1 and re.search(r'(?:^|[\s:(])"\S', sentence):
        return sentence + '"'
    return sentence


def _news_first(body: Sequence[Sentence], title: str,
                paragraph_texts: Sequence[str] = ()) -> Sentence:
    """The lead, unless it reads as a feature's opening (short, a question, an exclamation, or
    speaking to the reader: "Pause for a moment and listen.") and shares no word with the
    headline while one of the next sentences shares two or more (or, after a long opening, one
    a little further down shares three): that one says what happened, unless both speak in the
    first person, as a blog post does from its first sentence; failing that, a lead that asks a
    question gives way to the sentence after it. A lead that is background (an earlier time,
    the past perfect, "I've previously noted") gives way to the sentence that says what happens
    now, and a standfirst reporting a claim to the body's lead, when that one is as close to the
    headline. Failing all that, the second sentence comes first when it says what the lead only
    sets up (``_next_tells``)."""
    lead = body[0].text
    if len(body) < 2:
        return body[0]
    words = _content_stems(title)
    now = _after_background(body)
    if now is not None and len(_content_stems(now.text) & words) >= len(
        _content_stems(lead) & words
    ):
        return now
    if not title:
        return body[0]
    body_lead = _after_claim(body, paragraph_texts)
    if body_lead is not None and len(_content_stems(body_lead.text) & words) >= max(
        2, len(_content_stems(lead) & words)
    ):
        return body_lead
    short = len(lead.split()) <= _SHORT_LEAD
    exclaims = _ends_asking(lead) or lead.rstrip("\"”’' ").endswith("!")
    if not (short or exclaims or _ADDRESSES_READER.search(lead)):
        return _next_tells(body, words) or body[0]
    if words and not _content_stems(lead) & words:
        best = max(body[1:_NEWS_WITHIN], key=lambda s: len(_content_stems(s.text) & words))
        if len(_content_stems(best.text) & words) < 2 and not short:
            # Further down a long opening, only a sentence much closer to the headline: "In a
            # recent Science study, they induced a hibernation-like state in mice ..." after
            # three of a feature's opening, under "Putting mice into hibernation causes a major
            # loss of synapses".
            best = max(body[_NEWS_WITHIN:_NEWS_FURTHER], default=best,
                       key=lambda s: len(_content_stems(s.text) & words))
            enough = _FURTHER_SHARED
        else:
            enough = 2
        # A first-person piece ("Last night ... I made a reluctant journey to Westeros.") opens
        # with its news when its lead is a plain statement: a later sentence that speaks the
        # same way tells no more, unless it says what happens now ("Today I am proud to
        # announce ...", "This week on NSHipster, we'll introduce ...").
        # Past the check above, a lead neither short nor asking nor exclaiming speaks to the
        # reader.
        first_person = (
            not short and not exclaims
            and _ADDRESSES_READER.search(best.text)
            and not _NOW.match(best.text)
        )
        if len(_content_stems(best.text) & words) >= enough and not first_person:
            return best
    following = body[1].text
    if _asks(lead) and not _ends_asking(following) and not _opens_quote(following):
        return body[1]  # "Could Half-Life 2 possibly live up to the hype?" asks, not tells
    return _next_tells(body, words) or body[0]


def _next_tells(body: Sequence[Sentence], words: set[str]) -> Sentence | None:
    """The second sentence, when it says what the lead only sets up, sharing at least two
    headline words: the lead shares none and names no one while it does ("Movie studio efforts
    ... have claimed a high-profile victim." before "The campaign ... is thought to be behind
    the closure of the widely used Suprnova.org website."); the lead speaks to the reader or of
    what the writers covered before and it shares two more ("If you've found yourself yearning
    for a new memory card ..."); or it turns the lead round with "But" and shares more, the lead
    reporting no one's words ("The mass shooting in Orlando ... was the deadliest ..." before
    "But the chances that Congress will pass ... reform ... are highly unlikely."), that turn
    also when it opens the paragraph after a lead paragraph of two sentences."""
    lead, following = body[0].text, body[1]
    if _turns_next_paragraph(body):
        following = body[2]
    if (_opens_quote(following.text) or _ends_asking(following.text)
            or _REFERS_BACK.match(following.text) or not _ENDS_SENTENCE.search(following.text)):
        return None
    shared = len(_content_stems(following.text) & words)
    before = len(_content_stems(lead) & words)
    if shared < 2 or shared <= before:
        return None
    if _BUT.match(following.text) and not _REPORTED.search(lead):
        return None if _WRITER.search(following.text) else following
    if _ADDRESSES_READER.search(following.text):
        return None
    if before == 0 and not _names_anyone(lead) and _names_anyone(following.text):
        return following
    if _SPEAKS_TO_READER.search(lead) and shared >= before + _CLOSER_BY:
        return following
    return None


def _turns_next_paragraph(body: Sequence[Sentence]) -> bool:
    """Whether the paragraph after a lead paragraph of two sentences opens with a turn of some
    length ("But Republican National Committee chair Ronna Romney McDaniel pushed back on that
    claim." after the President's remark and his tweet)."""
    return (
        len(body) > 2
        and body[0].paragraph == body[1].paragraph < body[2].paragraph
        and bool(_BUT.match(body[2].text))
        and len(body[2].text.split()) > _SHORT_LEAD
    )


def _names_anyone(text: str) -> bool:
    """Whether the sentence tells who ("Movie studio efforts ... have claimed a high-profile
    victim" names no one)."""
    return bool(_NAME_PAST_FIRST.search(text) or _REPORTED.search(text))


def _asks(text: str) -> bool:
    """A question from its first word ("Could Half-Life 2 possibly live up to the hype?"), not a
    statement that ends asking ("Blair says he is back - but does the party agree?")."""
    return bool(_QUESTION.match(text)) and _ends_asking(text)


def _ends_asking(text: str) -> bool:
    return text.rstrip("\"”’' ").endswith("?")


def _after_background(body: Sequence[Sentence]) -> Sentence | None:
    """The first sentence of the lead's paragraph or the next that says what happens now
    ("Today, Square is launching ..."), when the lead tells what came before: it opens with an
    earlier time ("Earlier this year, ...") or is in the past perfect."""
    lead = body[0]
    perfect = _PAST_PERFECT.search(lead.text)
    if not (
        _BACKGROUND.match(lead.text)
        or _PREVIOUSLY.search(lead.text)
        or (perfect and is_past_participle(perfect.group(1)))
    ):
        return None
    return next(
        (
            s
            for s in body[1 : 1 + _BACKGROUND_WITHIN]
            if s.paragraph <= lead.paragraph + 1 and _NOW.match(s.text)
        ),
        None,
    )


def _after_claim(body: Sequence[Sentence], paragraph_texts: Sequence[str]) -> Sentence | None:
    """The body's first sentence when the lead is a standfirst (a paragraph of its own with no
    closing stop, above the story's prose) that opens by reporting someone's claim."""
    lead = body[0]
    if not 0 <= lead.paragraph < len(paragraph_texts):
        return None
    standfirst = paragraph_texts[lead.paragraph].strip()
    if _ENDS_SENTENCE.search(standfirst):
        return None
    claim = _CLAIM.match(standfirst)
    if not claim or _NOT_A_SUBJECT & set(claim.group(1).lower().replace(",", " ").split()):
        return None
    return next((s for s in body[1:] if s.paragraph > lead.paragraph), None)


def _opens_quote(text: str) -> bool:
    """A sentence that starts a quotation it does not close: the rest of the speaker's words
    and who said them are in the next sentences, so alone it reads as nobody's."""
    text = text.lstrip()
    if text.startswith("“"):
        return text.count("”") < text.count("“")
    return text.startswith('"') and text.count('"') % 2 == 1


def _content_stems(text: str) -> set[str]:
    return {
        stem(w)
        for w in _WORD.findall(text.lower())
        if len(w) > 2 and w not in FUNCTION_WORDS and w not in DETERMINERS
    }


_INITIAL_NAME = re.compile(r"\b[A-Z] [A-Z][a-z]")


def _list_line(text: str) -> bool:
    """Whether a sentence is a team's line-up, not prose: parts set off by semicolons, of
    initials and surnames ("G Thomas (capt); H Luscombe, T Shanklin, ...; S Jones, D Peel")."""
    return text.count(";") >= 2 and len(_INITIAL_NAME.findall(text)) >= 3


def _is_prose(paragraph: str) -> bool:
    """Not a headline, subheading or dateline: a lead may lack its full stop, but then it is
    longer than a headline; it may end with a date, but then it is longer than a dateline."""
    text = paragraph.strip()
    if _ENDS_WITH_DATE.search(text) and not (
        len(text.split()) > _DATELINE_WORDS and text.endswith(".")
    ):
        return False
    return bool(_ENDS_SENTENCE.search(text)) or len(text.split()) > _HEADLINE_WORDS


def _names(sentence: Sentence, forms: Sequence[str]) -> bool:
    lowered = sentence.text.lower()
    return any(has_word(lowered, f) for f in forms)
