"""Who said a quote: the attribution after it ("X said", "said X", "X, the ICC's prosecutor,
said", "X told reporters"), before it ("X said:", "X insisted that ... “...”", "according to
X"), or the subject of the clause a partial quote sits in. A pronoun stands for the last person
named as saying something, quoted or not ("John McCain said he was pleased. "...," he said"),
unless the article's "Mr"/"Ms" for them says otherwise; a description ("a spokesman") is found
but names no one, so the speaker is unknown."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.extract.lexicon import (
    ADVERBS,
    AGE_NOUN,
    AUXILIARIES,
    CAPITAL_RUN,
    DASHES,
    DATE_WORDS,
    DEMONYM_ENDINGS,
    DETERMINERS,
    ENDS_INVERTED_SUBJECT,
    FUNCTION_WORDS,
    HONORIFICS,
    INVERTIBLE,
    LEADING,
    LINE_LABELS,
    LOWER_WORD,
    NATIONALITY_NOUNS,
    NOT_INVERTED,
    NOT_NAMES,
    NOUN_LIKE_VERBS,
    OTHER_PRONOUNS,
    PARTICLES,
    PLACEHOLDER,
    POST_NOMINALS,
    PRONOUNS,
    QUOTE_TOKENS,
    ROLES,
    SENTENCE_WORDS,
    SUBORDINATORS,
    TIME_WORDS,
    TITLES,
    fold,
    is_participle,
    is_title,
    is_verb,
    reads_as_past,
    reads_as_verb,
    without_brackets,
)
from bot.extract.names import Names, is_demonym
from bot.extract.vocab import (
    first_name_also,
    first_name_pronoun,
    is_adjective,
    is_manner_adverb,
    is_noun,
    is_plural_noun,
    is_word,
    reads_as_verb_too,
    words,
)
from bot.matching.namewords import COMPANY_SUFFIXES
from bot.models import TextForm

__all__ = ["Attributor", "spoken_to"]

RELATIVES = frozenset({"who", "whom", "which"})
# "Henson himself says": the reflexive stresses the subject, it does not end the name.
REFLEXIVES = frozenset({"himself", "herself", "themselves"})
PUBLICATIONS = frozenset(
    {"magazine", "newspaper", "paper", "tabloid", "broadsheet", "weekly", "daily", "agency"}
)
# Words opening a description of someone not named before: "one leading broker", "a source".
INDEFINITES = frozenset({"a", "an", "one", "another", "some", "several", "many", "other"})

_HEADLINE_LINE = 20  # words at most in a "Name: ..." line before a quote

# A dash that opens a quote's signature: "“...” ― Pamela Padilla", "“...” — Sonya Herridge".
SIGNATURE_DASHES = frozenset({"―", "—", "–", "-"})


def split_chunks(tokens: list[str]) -> list[list[str]]:
    chunks: list[list[str]] = [[]]
    for t in tokens:
        if t == ",":
            chunks.append([])
        else:
            chunks[-1].append(t)
    return [c for c in chunks if c]


class Attributor:
    """Reads the speaker from the words around one quote at a time, in article order, and
    remembers the last named speaker for the pronouns that follow."""

    def __init__(self, text: str, form: TextForm, headline: str = "") -> None:
        self.form = form
        self.text = text
        self.headline = headline
        # The words of the quote's paragraph before it, set for each quote.
        self.paragraph_before = ""
        # The words of the quote's sentence before it, set for each quote.
        self.lead_in: list[str] = []
        self.quote_at = len(text)  # where the quote being read opens
        # Whether a quote has been given to someone, named or described: until then a "he"
        # or "the prime minister" with no one before it is the person the headline names.
        self._attributed = False
        self.names = Names(text, form)
        self.last: str | None = None
        # The last person named as the subject of a clause without a speech verb ("Mr Blair
        # completed an agility course"), and whether they were named after ``last``.
        self.mentioned: str | None = None
        self._mentioned_newer = False
        # The text between quotes not read yet for reported speech: it is read only when a
        # pronoun needs it.
        self._unread: list[Callable[[], list[str]]] = []
        # Everyone named as a speaker so far, for a pronoun the last one does not fit.
        self._speakers: list[str] = []
        # The text between quotes never read, kept for such a pronoun.
        self._skipped: list[Callable[[], list[str]]] = []
        self._searching = False
        # The last organization named as a clause's subject ("the Foreign Office says"), and
        # whether it was named after ``last``: what "it" may stand for.
        self.mentioned_thing: str | None = None
        self._thing_newer = False
        self._things: set[str] = set()  # names "it" stood for: no "he" or "she"
        # A one-word name that is no person's, named as a clause's subject since the last
        # ``mentioned_thing``: what "it" may stand for ("Multiplex will have to win ...").
        self._it_thing: str | None = None
        # People the text between quotes names, since the last speaker or subject, in clauses
        # about someone else ("... the brainchild of IBM researcher Jim Levine, who ..."): a
        # "he" they fit may be theirs rather than the last speaker's.
        self._others: list[str] = []
        # The person ``mentioned`` when a sentence about their affairs named them: "he" may
        # stand for them, a description ("the Tory leader") not.
        self._owner_mentioned: str | None = None

    def speaker_of(self, chunks: list[list[str]], nearest_last: bool) -> tuple[bool, str | None]:
        """(found, speaker) for the subject chunks of a speech verb: a name, a pronoun resolved
        to the last speaker, or a description (found, but unknown). An appositive is looked
        through ("the US ambassador, Jack Lew, said"); a bare "and" before the verb means the
        subject is further back, so nothing is found here."""
        if not chunks:
            return False, None
        joint = _joint_speakers(chunks[-1] if nearest_last else chunks[0])
        if joint:
            return True, joint  # "singer Gary Lightbody and drummer Jonny Quinn said"
        order = list(reversed(chunks)) if nearest_last else chunks
        order = [_past_statement(_before_preview(order[0])), *order[1:]]
        first = [w for w in order[0] if w not in ("``", "''") and fold(w) not in LEADING]
        while len(first) > 1 and (
            fold(first[-1]) in ADVERBS or fold(first[-1]) in REFLEXIVES
            or is_manner_adverb(first[-1])
        ):
            first = first[:-1]  # "He also called for", "Henson himself says", "he bitterly"
        if len(first) > 1 and fold(first[0]) in RELATIVES:
            first = first[1:]  # "Clinton, whom he called": "he" speaks
        elif len(first) > 2 and fold(first[-2]) in RELATIVES and fold(first[-1]) in PRONOUNS:
            first = first[-1:]  # "especially women who he said": "he" speaks
        elif len(first) > 2 and fold(first[-2]) in ("what", "which") and (
            first[-1].lower() in PRONOUNS or first[-1].lower() == "it"
        ):
            first = first[-1:]  # "a deterrence to what it called": "it" speaks
        if not first:
            return False, None
        if len(first) == 1 and first[0].lower() in PRONOUNS:
            return True, self._antecedent(first[0].lower())
        if len(first) == 1 and first[0].lower() == "it":
            organization = self._organization(pronoun=True)
            if organization is None and self.last and self._statement_goes_on():
                return True, self.last  # "Mr Crosby's statement said: “...” It added: “...”"
            return True, organization
        if len(first) == 1 and first[0].lower() in OTHER_PRONOUNS:
            if fold(first[0]) == "who" and nearest_last and len(order) > 1:
                # "the statement made by Mr Netanyahu, who denounced ...": the person before,
                # past an age ("Imelda Staunton, 49, who told BBC News").
                before = order[1]
                if len(order) > 2 and all(w.isdigit() for w in before):
                    before = order[2]
                cut = max(
                    (i for i, w in enumerate(before) if fold(w) in FUNCTION_WORDS), default=-1
                )
                return True, self.names.name_in(before[cut + 1 :])
            return True, None
        for index, chunk in enumerate(order[:3]):
            if index + 1 < len(order) and fold(chunk[0]) in _NICKNAMING:
                continue  # "And Moya, nicknamed Charly, admitted": his name is before
            if (
                nearest_last
                and index + 1 < len(order)
                and fold(chunk[0]) in ("a", "an")
                and len(chunk) > 2
                and not any(reads_as_verb(w) or fold(w) == "and" for w in chunk)
            ):
                continue  # "X, the foreign minister, a permanent member of the Security
                # Council, said": an apposition describing the name further back
            if (
                nearest_last
                and index + 1 < len(order)
                and len(chunk) > 2
                and fold(chunk[0]) in ("the", "a", "an")
                and (chunk[1].islower() or chunk[-1] in POST_NOMINALS)
                and self._ends_with_person(order[index + 1])
            ):
                continue  # "William Lerach, the lawyer leading the suit against Enron, said";
                # "Tony Lloyd, the Manchester Central MP, ..., has pledged": a seat, no name
            if (
                nearest_last
                and index + 1 < len(order)
                and _post_of(chunk)
                and _named_alone(order[index + 1])
                and self._ends_with_person(order[index + 1])
            ):
                continue  # "Neil O'Brien, director of anti-constitution group Vote No, said"
            if (
                nearest_last
                and index + 1 < len(order)
                and _role_apposition(chunk)
                and not self._names_person(chunk)  # "Speaker of the House Rep. Paul Ryan"
            ):
                continue  # "Armando Falcon, OFHEO director said": the name is further back
            if (
                nearest_last
                and index + 2 < len(order)
                and order[index + 1][-1].islower()
                and fold(order[index + 1][-1]) in ROLES
                and _named_alone(chunk)
                and not self._names_person(chunk)
            ):
                continue  # "Dr John E. Kelly, IBM senior vice president, Technology and
                # Intellectual Property, said": the field of the post before it
            if (
                nearest_last
                and len(chunk) == 1
                and index + 1 < len(order)
                and ends_with_place(order[index + 1])
            ):
                continue  # "in Columbus, Ohio,": the state of a place, not a speaker
            if (
                len(chunk) > 1
                and (fold(chunk[0]) in RELATIVES or fold(chunk[0]) == "whose")
                and chunk[1].islower()
                and len(chunks) > 1
            ):
                continue  # "Zimmerman, who identifies as Hispanic, told": a relative clause
            if nearest_last and fold(chunk[0]) in ("as", "and", "or", "including") and any(
                len(c) > 1 and fold(c[0]) in RELATIVES and c[1].islower()
                for c in order[index + 1 : len(order) - 1]
            ):
                continue  # "Mr Wilson, who was involved with New Order, as well as the Happy
                # Mondays, said": a later piece of the relative clause
            if self.form == "raw" and index == 0:
                publication = (
                    self._publication(chunk) or self._relation(chunk) or self._study_owner(chunk)
                    or self._team_of(chunk) or self._described_it(chunk)
                    or self._statement_owner(chunk)
                    or _document(chunk, order[1] if len(order) > 1 else [])
                )
                if publication:
                    return True, publication
            if (
                self.form == "raw"
                and index == 0
                and is_role(_after_subordinator([w for w in chunk if fold(w) not in LEADING]))
            ):
                # "Karim Khan, the ICC's prosecutor, said": the name beside the role; else
                # "the presenter said", "said the American": the person just named.
                for other in order[1:3]:
                    named = self.names.name_in(other, appositive=True, strict=False) \
                        if _named_alone(other) else None  # not "Speaking to Le Matin, the ..."
                    if named:
                        return True, named
                role = _after_subordinator([w for w in chunk if fold(w) not in LEADING])
                if self._introduced_unnamed(role):
                    return True, None  # "a little old lady ... got up ... said the old lady"
                named = self._holder(role) or self._antecedent(None)
                if named and any(_object_in(other, named) for other in order[1:]):
                    return True, None  # "Speaking to Le Matin, the 24-year-old Swiss added"
                return True, named
            if self.form == "raw" and index == 0 and _staff_role(chunk):
                # "our correspondent said": the one the article names with the post
                # ("BBC correspondent James Hardy"), never the last one named
                return True, self._holder(["the", *chunk[1:]])
            title = _bare_title(chunk)
            if title:
                # "The Judge wrote": a title with no name is the one the article gives it to
                # ("Judge James Kleinberg"), else the person just named, as a role is; the
                # title is no surname.
                role = ["the", *(w.lower() for w in title)]
                return True, self._holder(role) or self._antecedent(None)
            if len(chunk) > 2 and fold(chunk[0]) in ("a", "an") and fold(chunk[-1]) in (
                _SPOKESPEOPLE
            ):
                return True, None  # "said a Department of Homeland Security spokeswoman"
            name = self.names.name_in(
                chunk, appositive=len(chunks) > 1 and chunk is not chunks[0], strict=False
            ) or self._person_at_end(chunk) or self._person_before_post(chunk)
            if name and _common_head(chunk):
                return True, None  # "the Commons standards and privileges committee said"
            if (
                name
                and nearest_last
                and chunk is not chunks[0]
                and fold(chunk[0]) not in LEADING  # "..., and Pollard said": a clause of its own
                and _thing_head(chunks[0])
            ):
                # "The letter sent to the IOC's president, Thomas Bach, ... warns": the names
                # are the letter's addressees; the letter speaks.
                return True, None
            if name:
                return True, name
            lead = [w for w in chunk if fold(w) not in LEADING]
            if (
                self.form == "raw"
                and lead
                and lead[0][:1].isupper()
                and (fold(lead[0]) not in DETERMINERS)
                and not lead[0].endswith(("'s", "’s"))  # "Nina Gibson, Freddie's mom, told"
                # "said EEF chief economist, Steve Radley": a post, then the name ("said Opera
                # spokeswoman, Berit Hanson", "said Red Bull's team principal, Christian Horner")
                and not (
                    not nearest_last
                    and lead[-1].islower()
                    and (
                        fold(lead[-1]) in ROLES | _SPOKESPEOPLE
                        or (index + 1 < len(order) and self._names_person(order[index + 1]))
                    )
                )
                # "“...,” Peter Williams, CML deputy director, said": the post after the name
                and not (
                    nearest_last
                    and lead[-1].islower()
                    and fold(lead[-1]) in ROLES
                    and index + 1 < len(order)
                    and self._names_person(order[index + 1])
                )
            ):
                break  # an unreadable name: better unknown than the next chunk's name
        return True, None

    def _team_of(self, chunk: list[str]) -> str | None:
        """The organization whose team speaks: "the Google team", "Google's security team";
        not a person's ("Smith's legal team", whom the team speaks for, unnamed)."""
        words = [w for w in chunk if fold(w) not in LEADING]
        if not 1 < len(words) <= 5 or fold(words[-1]) != "team":
            return None
        if fold(words[0]) == "the":
            words = words[1:]
        owner = []
        for w in words[:-1]:
            if not w[:1].isupper():
                break
            owner.append(w)
        if not owner:
            return None
        if owner[-1].endswith(("'s", "’s")):
            owner[-1] = owner[-1][:-2]
        elif len(owner) < len(words) - 1:
            return None  # "Google security team": no owner's mark before the lowercase words
        name = " ".join(owner)
        full = self.names.full_name(name)  # "Smith" named "John Smith" before: a person
        if any(first_name_pronoun(w) for w in full.split()) or self.names.likely_gender(full):
            return None
        return name

    def _ends_with_person(self, chunk: list[str]) -> bool:
        """Whether a chunk ends with a person's full name ("Liberal Democrat leader Charles
        Kennedy", "Mr Brown's former advisor Ed Balls")."""
        name = self.names.name_in(chunk, strict=False)
        return bool(
            name
            and ((" " in name and self.names.likely_gender(name)) or self.names.gender(name))
            and chunk[-1].rstrip("'’s") == name.split()[-1].rstrip("'’s")
        )

    def _titled_person(self, words: list[str]) -> str | None:
        """The person a clause opens with behind a capitalized post that no name reading takes
        whole, when a verb follows the name: "Chief Secretary to the Treasury Paul Boateng
        attacked the Tory plans"."""
        verb = next(
            (i for i, w in enumerate(words[:12])
             if w.islower() and fold(w) not in _POST_LINKS and reads_as_verb(w)
             and not is_plural_noun(w)),
            0,
        )
        if verb < 4 or not all(
            w[:1].isupper() or fold(w) in _POST_LINKS for w in words[:verb]
        ) or not any(fold(w) in _POST_LINKS for w in words[:verb]):
            return None
        first, last = words[verb - 2], words[verb - 1]
        if (
            fold(first) not in FUNCTION_WORDS | DETERMINERS
            and first_name_pronoun(first)
            and all(re.fullmatch(r"[A-Z][\w'’-]+", w) for w in (first, last))
        ):
            return f"{first} {last}"
        return None

    def _person_after_post(self, words: list[str]) -> str | None:
        """The person a clause opens with behind an organization and a post in lowercase, when
        a verb follows the name: "Transport & General Worker's Union general secretary Tony
        Woodley repeated" (a first name the name data knows; no verb, comma or clause word
        before the post)."""
        for j in range(2, min(len(words) - 2, 12)):
            if not (words[j - 1].islower() and fold(words[j - 1]) in ROLES | TITLES):
                continue
            first, last, verb = words[j : j + 3]
            if not (
                re.fullmatch(r"[A-Z][a-z]+", first)
                and re.fullmatch(r"[A-Z][\w'’-]+", last)
                and verb.islower()
                and reads_as_verb(verb)
                and not is_plural_noun(verb)
                and first_name_pronoun(first)
            ):
                continue
            if any(
                w == "," or (w.islower() and reads_as_verb(w) and not is_plural_noun(w))
                or (fold(w) in FUNCTION_WORDS and fold(w) not in _POST_LINKS)
                for w in words[: j - 1]
            ):
                return None
            return f"{first} {last}"
        return None

    def _post_then_person(self, words: list[str]) -> str | None:
        """The person a clause opening with their post in lowercase names, when a verb follows
        the name: "centre Jamie Noon believes", "general secretary of the public services union
        Unison Dave Prentis criticised"."""
        start = next((i for i, w in enumerate(words[:12]) if w[:1].isupper()), 0)
        if not start or any(
            (reads_as_verb(w) and not is_plural_noun(w))
            or (fold(w) in FUNCTION_WORDS and fold(w) not in _POST_LINKS)
            for w in words[:start]
        ):
            return None
        end = start
        while end < len(words) and words[end][:1].isupper():
            end += 1
        if end >= len(words) or not (words[end].islower() and reads_as_verb(words[end])):
            return None
        for first in range(start, end - 1):
            name = self.names.name_in(words[first:end], strict=False)
            if name and " " in name and self.names.likely_gender(name):
                return name
        return None

    def _person_at_end(self, chunk: list[str]) -> str | None:
        """A person's full name ending a chunk that no name reading takes whole, after a long
        post, an age or an owner: "UK Chancellor of the Exchequer Gordon Brown", "20-year-old
        politics student Nick Vaughan"."""
        while len(chunk) > 3 and chunk[-1] in POST_NOMINALS:
            chunk = chunk[:-1]  # "... Peter Ainsworth MP"
        if len(chunk) < 3:
            return None
        first, last = chunk[-2], chunk[-1]
        before = fold(chunk[-3])
        if "and" in chunk or any(
            w.islower() and fold(nxt) in ("of", "for", "to", "with")
            for w, nxt in zip(chunk[:-3], chunk[1:-2], strict=True)
        ):
            # "The husband of missing conwoman Melissa Caddick": someone else; "singer Gary
            # Lightbody and drummer Jonny Quinn": two people
            return None
        if (
            before in ENDS_INVERTED_SUBJECT | FUNCTION_WORDS  # "a golfing partner of Donald Trump"
            or fold(first) in FUNCTION_WORDS | DETERMINERS
            or not first_name_pronoun(first)
            or not all(re.fullmatch(r"[A-Z][\w'’-]+", w) for w in (first, last))
        ):
            return None
        return f"{first} {last}"

    def _person_before_post(self, chunk: list[str]) -> str | None:
        """A person's name opening a chunk, with their post after it and no comma ("Dr Mike
        Watts head of exploration said", "Dr Mark Tuffy games systems director at THX told"),
        else None."""
        run = 0
        while run < len(chunk) and chunk[run][:1].isupper():
            run += 1
        post = next((k for k in range(run, min(run + 3, len(chunk)))
                     if fold(chunk[k]) in ROLES | TITLES), -1)
        if run < 2 or post < 0 or fold(chunk[0]) in DETERMINERS or not (
            fold(chunk[0]) in HONORIFICS or first_name_pronoun(chunk[0])
        ) or any(not w.islower() or fold(w) in FUNCTION_WORDS for w in chunk[run:post]):
            return None  # not "An SFA spokesman", "The Tory leader"
        return self.names.name_in(chunk[:run], strict=False)

    def _thing_name(self, name: str) -> bool:
        """Whether a name of several words reads as a thing's or an organization's rather than a
        person's: no word of it a first name the tables know ("DJ Norman Cook" is a person) and
        no title before it in the text ("Mr Saumarez Smith"), an English word or capitals at
        each end ("Apple TV", "Continental Research", "Daily Telegraph"; not "Kanye West")."""
        parts = name.split()
        if len(parts) < 2 or self.names.gender(name) or any(
            first_name_pronoun(w) for w in parts[:-1]
        ):
            return False
        if re.search(rf"\b(?:Mr|Mrs|Ms|Dr|Sir|Lord|Lady|Dame)\.? {re.escape(name)}\b", self.text):
            return False
        first, last = parts[0], parts[-1]
        return (first.isupper() or is_word(first)) and (
            (last.isupper() and len(last) > 1) or is_noun(last)
        )

    def _names_person(self, chunk: list[str]) -> bool:
        """Whether a chunk holds a person's name by the first name's table."""
        name = self.names.name_in(chunk, strict=False)
        return bool(name and " " in name and self.names.likely_gender(name))

    def _holder(self, role: list[str]) -> str | None:
        """The one person the article names with this role as a title: "the foreign
        secretary" is Jack Straw when the article writes "Foreign Secretary Jack Straw"."""
        words = role[1:] if fold(role[0]) == "the" else []
        if not words or not words[-1].islower():
            return None  # "the foreign secretary", "the Tory leader"
        title = r"\s+".join(re.escape(w) for w in words)
        holders = set()
        for m in re.finditer(rf"(?<![\w-])(?i:{title})\s+((?:[A-Z][\w'’-]+\s?){{1,3}})", self.text):
            before = self.text[max(0, m.start() - 40) : m.start()].split()
            if before and _QUALIFIERS.intersection(fold(before[-1]).split("-")):
                continue  # "shadow chancellor Oliver Letwin", "ex-Tory chancellor Ken Clarke"
            name = self.names.name_in(m.group(1).split(), strict=False)
            if not name:
                return None
            holders.add(self.names.full_name(name))
        return holders.pop() if len(holders) == 1 else None

    def _introduced_unnamed(self, role: list[str]) -> bool:
        """Whether the text before the quote brought in the one a description stands for
        without a name ("a little old lady at the back of the room got up"): "the old lady"
        is that someone, not the last person named."""
        if len(role) < 2 or fold(role[0]) != "the" or not role[-1].isalpha():
            return False
        head = re.escape(role[-1].lower())
        before = self.text[max(0, self.quote_at - 1500) : self.quote_at]
        return any(
            not (set(m.group(1).split()) & (FUNCTION_WORDS | DETERMINERS))
            for m in re.finditer(rf"\b(?:[Aa]n?|[Oo]ne)\s+((?:[a-z][\w-]*\s+){{0,3}}){head}\b",
                                 before)
        )

    def _relation(self, chunk: list[str]) -> str | None:
        """The one person "his son" or "her lawyer" stands for when the article names exactly
        one such ("Mr Nogar's son Stephen, 57, said ... “...,” his son said"), else None."""
        words = [w for w in chunk if fold(w) not in LEADING]
        if len(words) != 2 or fold(words[0]) not in ("his", "her") or not words[1].isalpha():
            return None
        holder = (
            rf"([\w'’-]+['’]s)\s+({re.escape(words[1])}),?\s+([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)"
        )
        found = {
            self.names.full_name(name)
            for m in re.finditer(holder, self.text)
            if (name := self.names.name_in([m[1], m[2], *m[3].split()], strict=False))
        }
        return found.pop() if len(found) == 1 else None

    def _publication(self, chunk: list[str]) -> str | None:
        """The publication "the magazine" or "the paper" stands for: the one the article names
        with that word, when it names exactly one ("US magazine Rolling Stone", "the Sun
        newspaper")."""
        words = [fold(w) for w in chunk if fold(w) not in LEADING]
        if len(words) != 2 or words[0] != "the" or words[1] not in PUBLICATIONS:
            return None
        noun = words[1]
        # The name after the word ("magazine Rolling Stone"), else before it ("the Sun
        # newspaper"); "US magazine" is where it comes from, not its name.
        for pattern in (rf"\b{noun}\s+((?:[A-Z][\w'’-]*\s?){{1,4}})",
                        rf"\b((?:[A-Z][\w'’-]*\s){{1,4}}){noun}\b"):
            names = {
                re.sub(r"['’]s$", "", " ".join(w for w in m.group(1).split() if fold(w) != "the"))
                for m in re.finditer(pattern, self.text)
            }
            names.discard("")
            if names:
                return names.pop() if len(names) == 1 else None
        return None

    def _study_owner(self, chunk: list[str]) -> str | None:
        """Whose report "the report" is: the author the text gives it where it last brought a
        report in before the quote ("according to a World Bank report", "a report by the
        OECD"); none when that report has no author ("released a public report"), and the
        author before the word in "the World Bank report said"."""
        kept = [w for w in chunk if fold(w) not in LEADING]
        words = [fold(w) for w in kept]
        if len(words) < 2 or words[0] != "the" or words[-1] not in _STUDIES:
            return None
        if not kept[-1].islower():
            return None  # "the Harvard Business Review": a name
        if len(words) > 2:
            # "the World Bank report said": the author before the word
            if not all(w[:1].isupper() for w in kept[1:-1]):
                return None
            return self._author(kept[1:-1])
        noun = words[1]
        before = self.text[: self.quote_at]
        for m in reversed(list(re.finditer(rf"\b{noun}\b", before))):
            after = re.match(r"\s+(?:by|from)\s+(?:the\s+)?((?:[A-Z][\w&-]*\s?){1,4})",
                             before[m.end() :])
            if after:
                return self._author(after.group(1).split())
            lead = before[max(0, m.start() - 60) : m.start()].split()
            for _ in range(2):  # "The NAO's annual report"
                if lead and lead[-1].islower() and fold(lead[-1]) not in ("a", "an", "the"):
                    lead = lead[:-1]
            run = len(lead)
            while run and lead[run - 1][:1].isupper() and fold(lead[run - 1]) != "the":
                run -= 1
            if run < len(lead):
                return self._author([re.sub(r"['’]s$", "", w) for w in lead[run:]])
            said_in = _SAID_IN_REPORT.search(before, max(0, m.start() - 80), m.start())
            if said_in:
                # "Oxfam says in a report, Paying the Price": the one saying it is its author
                return self._author(said_in.group(1).split())
            # the article of the report's own phrase, not one before it ("set a timetable,
            # the report says")
            article = next(
                (fold(w) for w in reversed(lead[-3:]) if fold(w) in ("a", "an", "the")), None
            )
            if article in ("a", "an"):
                return None  # "released a public report": a report of no one named
        return None

    def _statement_owner(self, chunk: list[str]) -> str | None:
        """Whose statement speaks: "Mr Tanzi's statement said" is Calisto Tanzi's words, "his
        statement said" those of the one "he" stands for, "San Bernardino County's official
        Twitter account stated" the county's."""
        kept = [w for w in chunk if fold(w) not in LEADING]
        if len(kept) > 3 and fold(kept[0]) in ("a", "an", "the") and fold(kept[1]) in (
            _OWN_WORDS
        ) and fold(kept[2]) in ("from", "by") and all(w[:1].isupper() for w in kept[3:]):
            return self.names.name_in(kept[3:], strict=False)  # "A statement from Chelsea said"
        if len(kept) < 2 or not kept[-1].islower() or fold(kept[-1]) not in _OWN_WORDS:
            return None
        if len(kept) == 2 and fold(kept[0]) in ("his", "her"):
            return self._antecedent("he" if fold(kept[0]) == "his" else "she")
        # the owner, and at most two words describing what it owns ("official Twitter")
        at = next((i for i in range(len(kept) - 2, max(len(kept) - 5, -1), -1)
                   if kept[i].endswith(("'s", "’s"))), None)
        if at is None or any(fold(w) in FUNCTION_WORDS for w in kept[at + 1 : -1]):
            return None
        start = at
        while start > 0 and kept[start - 1][:1].isupper():
            start -= 1  # "when the San Bernardino County's": the name's own words
        if start > 0 and fold(kept[start - 1]) not in ("the", "when", "as", "while"):
            return None
        return self.names.name_in([*kept[start:at], kept[at][:-2]], strict=False)

    def _statement_goes_on(self) -> bool:
        """Whether "it" right after a quote is the statement that quote was read from: the
        words before the next quote are only "It added" and the last quote's own sentence
        names a statement ("Mr Crosby said in a statement: “...” It added: “...”")."""
        before = self.text[: self.quote_at]
        went_on = _IT_WENT_ON.search(before)
        if not went_on:
            return False
        opened = max(before.rfind(mark, 0, went_on.start()) for mark in ('"', "“"))
        lead = before[max(0, opened - _STATEMENT_REACH) : max(opened, 0)]
        lead = lead[max(lead.rfind(". "), lead.rfind("\n")) + 1 :]
        return opened > 0 and any(fold(w) in _STATEMENTS for w in re.findall(r"[\w-]+", lead))

    def _author(self, words: list[str]) -> str | None:
        """The organization a run of capitalized words names as a report's author."""
        name = self.names.name_in(words, strict=False)
        return None if not name or self.names.likely_gender(name) else name

    def _described_it(self, chunk: list[str]) -> str | None:
        """The organization "the station", "the company" or "an agency statement" stands for:
        the last one named as a speaker or a clause's subject ("Radio 1 said ... “...,” said the
        radio station", "Renault said ... “...,” the company said"), as "it" would."""
        words = [fold(w) for w in chunk if fold(w) not in LEADING]
        statement = len(words) == 3 and words[0] in ("a", "an", "the") and (
            words[1] in _IT_NOUNS | {"agency"} and words[2] in ("statement", "release")
        )
        described = 2 <= len(words) <= 3 and words[0] == "the" and words[-1] in _IT_NOUNS
        if statement or described:
            return self._organization()
        if len(words) == 2 and words[0] == "the" and words[1] in _BODIES:
            return self._body(words[1])
        return None

    def _body(self, noun: str) -> str | None:
        """The ministry, committee or council "the ministry" is: the last one the text names
        with that word before the quote ("Iraq's Ministry of Communications said ... The
        ministry said it wanted to increase Iraq's “...”"), else unknown."""
        names = [
            words[1:] if words[0] == "The" else words
            for words in (m.group().split() for m in re.finditer(
                rf"\b(?:[A-Z][\w&-]*\s+)*{noun.capitalize()}\b(?:\s+(?:of|for|on)(?:\s+the)?"
                rf"(?:\s+[A-Z][\w&-]*)+(?:\s+and(?:\s+[A-Z][\w&-]*)+)?)?",
                self.text[: self.quote_at],
            ))
        ]
        # "The Commission" opening a sentence is the word again, not the body's name
        named = [words for words in names if len(words) > 1]
        return " ".join(named[-1]) if named else None

    def _antecedent(self, pronoun: str | None) -> str | None:
        """The person "he" or "she" (or, for ``None``, a description such as "the presenter")
        stands for: the last one named as a speaker, or the last one named as the subject of a
        clause since. One the article calls "Ms" is no "he", and a one-word name with no title
        that is a plural ("Conservatives") is no person. When someone else the pronoun fits
        has been named since, in a sentence about another subject ("Staunton is the choice of
        Steven Gaydos ... “...,” he told"), the pronoun may be theirs: unknown."""
        gaps, self._unread = self._unread, []
        for gap in gaps:
            self.reported(gap())
        name = self._last_fitting(pronoun)
        # the person the headline names, before anyone else is, is as open to a rival
        headline = not self._speakers and not self.mentioned
        if pronoun and name and (
            headline or name in [*self._speakers, self.mentioned]
        ) and self._rival(name, pronoun):
            return None
        return name

    def _aside_speaker(self, pronoun: str, clause: list[str]) -> str | None:
        """The person "he" stands for in a speech verb set off after the words it reports
        ("Tony Blair would be in the front line, he said"): never the subject of those words,
        whom "he" speaks of, so the last speaker before when that is the one it would stand
        for, and unknown when there is no other it fits."""
        if pronoun not in PRONOUNS:
            return None  # "they": people, not one the text names
        _, about = self.subject(split_chunks(clause)[0])
        self._others = [p for p in self._others if p != about]
        named = self._antecedent(pronoun)
        if named != about:
            return named
        last = self.last
        fits = last and last != about and pronoun in (
            self.names.gender(last), self.names.likely_gender(last)
        )
        return last if fits else None

    def _rival(self, name: str, pronoun: str | None) -> bool:
        """Whether someone other than ``name`` named since the last speaker fits the pronoun
        by the article's title or the first name."""
        own = name.split()[-1]
        for other in self._others:
            if other.split()[-1] == own:
                continue
            gender = self.names.gender(other) or self.names.likely_gender(other)
            if gender == pronoun:
                return True
        return False

    def _last_fitting(self, pronoun: str | None) -> str | None:
        """The last speaker or subject the pronoun fits (see ``_antecedent``)."""
        order = [self.mentioned, self.last] if self._mentioned_newer else [self.last]
        if pronoun is None and self._owner_mentioned == self.mentioned:
            order = [self.last]  # "Tony Blair's view is clear. ... the Tory leader has said"
        mismatched = False
        unfitting: str | None = None  # a name the first name says the pronoun does not fit
        for name in order:
            if not name or name in self._things:
                continue
            gender = self.names.gender(name)
            if gender is not None:
                if pronoun is None or gender == pronoun:
                    return name
                mismatched = True
                continue
            if pronoun and self._thing_name(name):
                continue  # "Apple TV", "Continental Research": no "he" or "she"
            if " " in name or not is_plural_noun(name):
                if (
                    pronoun
                    and self.names.likely_gender(name) not in (None, pronoun)
                    and not first_name_also(name.split()[0], pronoun)
                ):
                    # "Bob Smith" for "she": the last speaker or someone earlier "she" fits
                    # better, else Smith; not for a name given to both ("Jamie Noon", "Matty
                    # Nicholson" for "he").
                    unfitting = unfitting or name
                    continue
                return name
        if unfitting:
            return self._earlier_fitting(pronoun, order) or unfitting
        if mismatched:
            return self._earlier_fitting(pronoun, order)
        if not self._attributed and not self.mentioned and not self._speakers:
            return self._headline_person(pronoun)
        return None

    def story_person(self) -> str | None:
        """The person the headline names, while no quote has a speaker yet (see below), when
        the first name says it is a person ("Gareth Bale", not "American Ninja Warrior")."""
        person = self._story_person()
        return person if person and self.names.likely_gender(person) else None

    def _story_person(self) -> str | None:
        """The person the headline names, while no quote has a speaker and no one else has
        been named as a clause's subject yet."""
        gaps, self._unread = self._unread, []
        for gap in gaps:
            self.reported(gap())
        if self._attributed or self._speakers:
            return None
        person = self._headline_person(None)
        return person if self.mentioned in (None, person) else None

    def _headline_person(self, pronoun: str | None) -> str | None:
        """The one person the headline names by a surname the text spells out in full ("Blair
        looks to election campaign" -> "Tony Blair"), when the pronoun fits them and the
        paragraph before the quote names no one else."""
        person = self._headline_name()
        if person is None:
            return None
        own = set(person.split())
        for m in _NAME_RUN.finditer(self.paragraph_before):
            words = m.group().split()
            after = self.paragraph_before[m.end() :].split()[:1]
            if (
                len(words) == 2
                and fold(words[0]) in DETERMINERS
                and is_role(words)
                and after
                and (fold(after[0]) in AUXILIARIES or reads_as_past(after[0]))
            ):
                continue  # "The Englishman will be analysing": a description, no one new
            if re.sub(r"['’]s$", "", words[-1]) not in own:
                return None  # "When Lleyton Hewitt shook his hand, the Australian said"
        if pronoun and self.names.likely_gender(person) not in (None, pronoun):
            return None
        return person

    def _headline_name(self) -> str | None:
        """The one person the headline names by a surname the text spells out in full."""
        if self.form != "raw" or not self.headline:
            return None
        people = set()
        # "Nick Dougherty: my best day was playing with Tiger Woods": the one before the colon
        speaker = re.match(r"((?:[A-Z][\w'’-]+ ){1,3}[A-Z][\w'’-]+): ", self.headline)
        for word in re.findall(r"[A-Z][\w'’-]+", speaker.group(1) if speaker else self.headline):
            word = re.sub(r"['’]s$", "", word)
            full = self.names.full_name(word)
            if " " not in full:  # spelled out only as an owner: "Tony Blair's big speech"
                full = next(
                    (f"{m.group(1)} {word}"
                     for m in re.finditer(rf"\b([A-Z][a-z]+) {re.escape(word)}['’]s\b", self.text)
                     if fold(m.group(1)) not in TITLES and fold(m.group(1)) not in SENTENCE_WORDS),
                    full,
                )
            if " " in full and full.split()[-1] == word and not is_demonym(full.split()[0]):
                people.add(full)  # not "Australian Open"
        return people.pop() if len(people) == 1 else None

    def _note_spoken_for(self, clause: list[str]) -> bool:
        """Whether the clause opens with someone speaking for an organization ("A spokesman
        for the Home Office said"): the organization is then what "the organisation" or "it"
        stands for, as if it had been the clause's subject."""
        organization = self._spoken_for(clause)
        if organization:
            self.mentioned_thing, self._thing_newer, self._it_thing = organization, True, None
        return bool(organization)

    def _spoken_for(self, clause: list[str]) -> str | None:
        """The organization a clause's spokesperson speaks for: "A spokesman for the Home
        Office", not "a spokesman for Mr Blair"."""
        words = [w for w in clause[:14] if fold(w) not in LEADING]
        if len(words) < 4 or fold(words[0]) not in INDEFINITES or (
            fold(words[1]) not in _SPOKESPEOPLE or words[2] != "for"
        ):
            return None
        rest = words[4:] if fold(words[3]) == "the" else words[3:]
        name: list[str] = []
        for word in rest:
            if not (word[:1].isupper() or (name and word in _NAME_JOINERS)):
                break
            name.append(word)
        while name and name[-1] in _NAME_JOINERS:
            name.pop()
        organization = " ".join(name)
        if not organization or self.names.gender(organization) or self.names.likely_gender(
            self.names.full_name(organization)
        ):
            return None
        return organization

    def _organization(self, pronoun: bool = False) -> str | None:
        """What "it" (``pronoun``) or a description stands for as a speaker ("“...,” it
        concluded", "what it called", "said the magazine"): the last one named as a speaker or
        as a clause's subject ("the Foreign Office says", "The UN Security Council condemned";
        for "it", a one-word name too, "Multiplex will have to"), when that is no person the
        article or the first name tells; else unknown."""
        gaps, self._unread = self._unread, []
        for gap in gaps:
            self.reported(gap())
        if not self._thing_newer:
            name = self.last
            if not pronoun and self._mentioned_newer and self.mentioned and \
                    self._thing_name(self.mentioned):
                name = self.mentioned  # "US Airways had to cancel ... The airline said"
        elif pronoun and self._it_thing:
            name = self._it_thing
        else:
            name = self.mentioned_thing
        if not name or self.names.gender(name) or self.names.likely_gender(name):
            return None
        # Under the whole name the article gives it after "the": "the UN Security Council".
        self._things.add(name)
        runs = re.findall(rf"\b[Tt]he\s+((?:[A-Z][\w'’&-]*\s+)*{re.escape(name)})\b", self.text)
        whole = max(runs, key=len, default=name)
        self._things.add(whole)
        return whole

    def _earlier_fitting(self, pronoun: str | None, tried: list[str | None]) -> str | None:
        """The last speaker named before the ones tried whom the pronoun fits by the article's
        title or the first name: "Maria Sharapova denied it. ... Bob Smith said ... “...,”
        she said" is Sharapova."""
        for name in reversed(self._speakers):
            if name not in tried and self.names.likely_gender(name) == pronoun:
                return name
        if self._searching:
            return None  # a pronoun inside the reported speech read here stays unresolved
        self._searching = True
        try:
            for gap in reversed(self._skipped):
                tokens = gap()
                ends = [-1] + [i for i, t in enumerate(tokens) if t in (".", "!", "?")]
                for start in reversed(ends):
                    named = self.reported_speaker(tokens[start + 1 :])
                    if named and named not in tried and (
                        self.names.likely_gender(named) == pronoun
                    ):
                        return named
        finally:
            self._searching = False
        return None

    def between_quotes(self, tokens: Callable[[], list[str]]) -> None:
        """Notes the words between the last quote and the next one (read when needed)."""
        self._unread.append(tokens)

    def named(self, speaker: str) -> None:
        """A quote's speaker is the last named one, whatever the text before it said."""
        self.last = speaker
        self._speakers.append(speaker)
        self._mentioned_newer = self._thing_newer = False
        self._attributed = True
        self._skipped.extend(self._unread)
        self._unread.clear()
        self._others.clear()

    def unnamed(self, scare: bool = False) -> None:
        """A quote's speaker is someone the text describes but does not name ("Mr Blair's
        spokesman said: “...”"): a "he" after it is that person, so no named one. Someone
        who only puts a word in scare quotes has said nothing the headline could be about."""
        if self._unread:
            # "A spokesman for Reporters Without Borders described the sentence as “harsh”":
            # the sentence leading into the quote
            tokens = self._unread[-1]()
            opens = max((i + 1 for i, w in enumerate(tokens) if w in (".", "!", "?")), default=0)
            self._note_spoken_for(tokens[opens:])
        if scare:
            return  # "described as “outrageous” by a commission": no one's turn to speak ends
        self.last = None
        self.mentioned = None
        self._mentioned_newer = False
        self._unread.clear()
        self._attributed = self._attributed or not scare
        self._others.clear()

    def reported(self, tokens: list[str]) -> None:
        """Remembers the person named as the subject of a speech verb in reported speech
        between two quotes ("John McCain said he was pleased"), so a pronoun in the next
        attribution stands for them rather than for the last quoted speaker. A clause after
        "but" with a subject of its own is read on its own ("Hewitt said ... but Tennis
        Australia's Geoff Pollard rejected his comments": "he" is Pollard)."""
        clause: list[str] = []
        # Text that does not open with a stop goes on with the sentence of the quote before
        # it ("... by Tony Blair to vote Conservative."): its people are that sentence's.
        opening = True
        for i, t in enumerate([*tokens, "."]):
            if t not in (".", "!", "?", ";") and not (
                fold(t) == "but" and clause and tokens[i + 1 : i + 2] != []
                and (
                    tokens[i + 1][:1].isupper()
                    # "... but captain Fabien Pelous sees hope": a post before the name
                    or (fold(tokens[i + 1]) in ROLES and tokens[i + 2 : i + 3] != []
                        and tokens[i + 2][:1].isupper())
                )
            ):
                clause.append(t)
                continue
            state = (self.last, self.mentioned, self._mentioned_newer, len(self._speakers))
            self._reported_clause(clause, whole=i < len(tokens))
            if state != (self.last, self.mentioned, self._mentioned_newer, len(self._speakers)):
                self._others.clear()  # the clause names who a pronoun stands for now
            elif (not opening or tokens[:1] == ["."]) and i < len(tokens):
                # only whole sentences: not the words leading into the next quote
                self._note_others(clause)
            opening = False
            clause = []

    def _note_others(self, clause: list[str]) -> None:
        """Notes the people a clause names when it is about someone other than the one a
        pronoun stands for now. A clause naming that person ("Keegan sympathised with Nigel
        Worthington", "Mr Campbell's e-mail suggested ... Trevor Beattie") or opening with a
        description of them ("The 31-year-old was third behind Hayley Yelling") keeps them
        the one; a clause with "he" or "she" as its subject says nothing new either way."""
        words = [t for t in clause if t not in QUOTE_TOKENS and t != PLACEHOLDER]
        lead = [fold(w) for w in words if fold(w) not in LEADING][:2]
        if "he" in lead or "she" in lead or any(
            words[i] == "," and fold(words[i + 1]) in ("he", "she") and words[i + 2].islower()
            for i in range(len(words) - 2)
        ):
            return  # "Asked if Mr Blunkett could return ..., he replied"
        current = self.mentioned if self._mentioned_newer else self.last
        people: list[str] = []
        run: list[str] = []
        for i, t in enumerate([*words, ","]):
            if t[:1].isupper() and fold(t) not in NOT_NAMES:
                run.append(t)
                continue
            modifier = i > len(run) and fold(words[i - len(run) - 1]) in ("a", "an")
            owner = bool(run) and run[-1].endswith(("'", "’", "'s", "’s"))
            if run and not modifier:
                # "an Alan Shearer strike", "Gerrard's 20-yard drive": no one acting, but the
                # owner may be the one a pronoun stands for ("Mr Campbell's e-mail")
                name = self.names.name_in([re.sub(r"['’]s?$", "", w) for w in run], strict=False)
                if name:
                    people.append(("" if owner else "+") + self.names.full_name(name))
            run = []
        if current and (
            _described_subject(words) is not None
            or _role_opens(words)
            or any(p.lstrip("+").split()[-1] == current.split()[-1] for p in people)
        ):
            self._others.clear()
            return
        self._others.extend(
            p[1:] for p in people if p[:1] == "+" and (" " in p or self.names.gender(p[1:]))
        )

    def reported_speaker(self, tokens: list[str]) -> str | None:
        """The person a sentence of reported speech names as its speaker ("Schiff said the
        administration may be reluctant"), or None; nothing is remembered."""
        last, mentioned, newer = self.last, self.mentioned, self._mentioned_newer
        speakers = len(self._speakers)
        clause = clause_after(tokens) if tokens else []
        while clause[:1] == [PLACEHOLDER]:
            clause = clause[1:]  # "“...,” the Salford MP told": the quote is no part of it
        self._reported_clause(clause, subjects=False)
        # A description ("The world champion says he's in good shape") stands for the last
        # speaker, so the one named is whoever the clause added to the speakers.
        named = self._speakers[-1] if len(self._speakers) > speakers else None
        del self._speakers[speakers:]
        self.last, self.mentioned, self._mentioned_newer = last, mentioned, newer
        return named

    def someone_unnamed(self, tokens: list[str]) -> bool:
        """Whether a sentence of reported speech has someone it does not name as its speaker
        ("One leading Karachi broker said the real reasons may be political", "A spokesman
        says ..."): a quote opening the next sentence is theirs, so no one's named."""
        clause = clause_after(tokens)
        verb = next((i for i, t in enumerate(clause[:12]) if is_verb(t, self.form)), 0)
        subject = [w for w in clause[:verb] if fold(w) not in LEADING]
        return (
            len(subject) > 1
            and fold(subject[0]) in INDEFINITES
            and "," not in subject
            and not is_participle(clause[verb])
        )

    def subject_speaker(self, tokens: list[str], introduces: bool = False) -> str | None:
        """The person a sentence with no speech verb is about, when they have been quoted
        before ("Collins was sixth in Athens but is hoping for more. “This will be a big
        year ...”" goes on with Collins), or, when the sentence ends the paragraph before a
        paragraph that opens with the quote (``introduces``), a person it names in full
        ("Outside the courthouse, Menendez expressed confidence.¶¶“...”"), else None."""
        cut = max(
            (i for i, t in enumerate(tokens[:-1])
             if t in (".", "!", "?") or (t == PLACEHOLDER and tokens[i + 1 :] not in (
                 ["."], ["!"], ["?"]))),
            default=-1,
        )
        # after a quote the sentence runs into; not one that ends it ("He highlighted trends
        # that had driven the need to make it “seamless”. “Gaming is ...”")
        tokens = tokens[cut + 1 :]
        stop = next(
            (i for i, t in enumerate(tokens) if fold(t) == "but" or t in (";", ".", "!", "?")),
            len(tokens),
        )  # up to the end of the sentence, which would leave no clause before it
        clause = [t for t in tokens[:stop] if fold(t) not in LEADING]
        if len(clause) > 1 and fold(clause[0]) in ("he", "she") and reads_as_verb(clause[1]):
            # "And she won't commit to an opinion yet. “...”": the one "she" stands for
            named = self._antecedent(fold(clause[0]))
            return named if named in self._speakers else None
        _, subject = self.subject(tokens[:stop])  # the main clause, not one after "but"
        if subject and subject not in self._speakers:
            subject = self.names.full_name(subject)  # "Okoro" after "said Lena Okoro"
        if (
            introduces
            and subject
            and 2 <= len(subject.split()) <= 3
            and first_name_pronoun(subject.split()[0])
        ):
            return subject
        return subject if subject in self._speakers else None

    def _reported_clause(
        self, clause: list[str], subjects: bool = True, whole: bool = False
    ) -> None:
        """Reads one clause of the text between quotes for who a pronoun stands for next;
        ``whole`` says a stop ends it (it does not lead into the next quote)."""
        main = _main_clause(clause)
        if main:
            # "But even before Newcastle said the player would not be sold, Bellamy insisted
            # he had no intention ...": the main clause's speaker, else the whole sentence's
            speakers, last = len(self._speakers), self.last
            self._reported_clause(main, subjects)
            if len(self._speakers) > speakers or self.last != last:
                return
        for i, word in enumerate(clause[:40]):
            if not is_verb(word, self.form) or _plural_noun_here(clause, i, self.form):
                continue
            progressive = _progressive(clause, i)  # "..., Rockliff was telling RSN radio"
            if is_participle(word) and not progressive:
                continue
            saying = _as_saying(clause, i)
            if saying:
                # "“...,” Reuters quoted a central bank official as saying.": the official
                # speaks, not the agency relaying the words
                _, named = self.speaker_of(split_chunks(clause[i + 1 : saying]), False)
                self.last, self._mentioned_newer = named, False
                if named:
                    self._speakers.append(named)
                return
            if _passive(clause, i) and (
                fold(word) not in ("asked", "told")
                or clause[i + 1 : i + 2] in ([":"], [PLACEHOLDER])
            ):
                break  # "Kevin Donnellon was asked: “...”", "The rapper was criticised":
                # someone else speaks; one "asked if ..." answers next
            named = self._before_apposition(clause[:i]) if i and clause[i - 1] == "," else None
            if not named and i and clause[i - 1] == "," and not _inverted(clause, i):
                # "Liberal Democrat leader Charles Kennedy, who backs the constitution, said",
                # "Mr Brown's former advisor Ed Balls, now a parliamentary hopeful, said"
                chunks = split_chunks(clause[:i])
                if chunks and self._ends_with_person(chunks[0]):
                    named = self.names.name_in(chunks[0], strict=False)
            if not named and i and clause[i - 1] != ",":
                chunks = split_chunks(clause[: i - 1] if progressive else clause[:i])
                _, named = self.speaker_of(chunks, True)
                lead = [w for w in chunks[-1] if fold(w) not in LEADING] if chunks else []
                if not named and lead and lead[0].islower():
                    named = self._post_then_person([*lead, word])  # "general secretary ..."
                if any(w in QUOTE_TOKENS for w in clause[:i]):
                    named = None
                elif not named and subjects and _spokesperson(chunks[-1] if chunks else []):
                    self.last = self.mentioned = None  # "A spokesman said ...": see below
                    self._mentioned_newer = False
                    self._note_spoken_for(clause)
                    return
                elif not named and len(chunks) > 1 and [fold(w) for w in lead] in (
                    ["he"], ["she"]
                ):
                    # "Tony Blair would be in the front line, he said": "he" speaks of Blair,
                    # so is someone else; with no one else it fits, unknown
                    named = self._aside_speaker(fold(lead[0]), clause[:i])
                    if named is None:
                        return
            if (
                not named
                and i + 1 < len(clause)
                and fold(word) in INVERTIBLE
                and fold(clause[i + 1]) not in NOT_INVERTED
                and (
                    clause[i - 1] == ","
                    # "... to hold on to gamers said Lindsay Schroth, an analyst": a clause
                    # before the verb, and only a name after it (not "said Trump had ...")
                    or (
                        clause[i - 1].islower()
                        and any(reads_as_verb(w) for w in clause[: i - 1])
                        and _only_a_name(clause[i + 1 :])
                    )
                )
            ):
                # "..., said Sun's chief operating officer Jonathan Schwartz.", "..., said Mike
                # Short, chairman of the MDA.": the name before an apposition.
                rest = split_chunks(subject_after_verb(clause[i + 1 :]))
                if rest:
                    named = self.names.name_in(rest[0], strict=False)
            if named and "," in clause[:i] and clause[0].lower() in PRONOUNS:
                # "He obliged them and posed for photographs, Evans said. “...,” he asked":
                # "he" is the one Evans speaks of, whoever that is, not Evans.
                self.last = None
                self._mentioned_newer = False
                return
            if named:
                self.last = named
                self._speakers.append(named)
                self._mentioned_newer = self._thing_newer = False
                return
            break
        if self.form == "raw" and ("to" in clause or "For" in clause[:2]):
            # "The problem, according to Mr Lane, is not Iraq": Mr Lane speaks; a publication
            # or an organization ("according to Reuters") is no one a "he" stands for.
            _, named = self.according_to(clause)
            named = named or self._view_holder(clause)
            if named and (self.names.gender(named) or self.names.likely_gender(named)):
                self.last = named
                self._speakers.append(named)
                self._mentioned_newer = self._thing_newer = False
                return
        if subjects and self.form == "raw":
            _, subject = self.subject(clause)
            if not subject and (start := _subordinate_start(clause)):
                # "His words came as Cardinal Cormac Murphy O'Connor, the Archbishop of
                # Westminster, backed Mr Howard's stance": the person the "as" clause names.
                _, subject = self.subject(clause[start:])
            # Only a person's name: a first name and a surname, or a title the article gives
            # ("Mr Blair"); "the Foreign Office says", "the Scottish Executive has seconded",
            # "CES showcases" name no one for "he".
            if _story_description(clause) and (person := self._headline_name()):
                # "The Australian has suffered a host of injury problems. “...,” he said": a
                # nationality or an age is how a story speaks of the person its headline names
                self.mentioned, self._mentioned_newer = person, True
                return
            if subject and _after_the(clause, subject):
                self.mentioned_thing, self._thing_newer, self._it_thing = subject, True, None
                return
            if subject and _PLACED_MODIFIER.match(subject):
                # "This has led Chennai-based Tata to turn to": a name with where it is based,
                # no first name
                subject = _PLACED_MODIFIER.sub("", subject)
            company = bool(subject) and fold(subject.split()[-1]) in COMPANY_SUFFIXES
            if subject and (" " in subject or self.names.gender(subject)) and not company:
                self.mentioned = subject
                self._mentioned_newer = True
            elif (
                subject
                and not is_plural_noun(subject)
                and not re.fullmatch(r"[A-Z]+s", subject)  # "MPs"
                and not self.names.likely_gender(self.names.full_name(subject))
            ):
                # "Multiplex will have to win legal claims. ... “...,” it said": a one-word
                # name that is no person's, or a company's ("Multiplex Group"), is what "it"
                # may stand for (not "the company", which a product named since is not)
                self._it_thing, self._thing_newer = subject, True
            elif not subject and (
                self._note_spoken_for(clause) or _spokesperson(_subject_words(clause))
            ):
                # "The prime minister's official spokesman rejected the claim. “...,” he
                # said": "he" is the spokesman, whom the text does not name ("A spokesman for
                # Reporters Without Borders, which tracks press freedom, described ...": the
                # organization is what "the organisation" stands for).
                self.last = self.mentioned = None
                self._mentioned_newer = False
            elif not subject and (thing := self._described_organization(clause)):
                # "In a statement from Lycos Europe ..., the company denied that this was
                # its fault. “...,” it said": the organization its sentence names before it
                self.mentioned_thing, self._thing_newer, self._it_thing = thing, True, None
            elif not subject and (start := _described_subject(clause)) is not None:
                # "... even Federer himself, the Swiss star is in a different league. “...,” he
                # told BBC Sport": the description stands for the person its sentence names
                # just before it; with no one named there, "he" stays who it was.
                named = self._last_name_in(clause[:start])
                if named:
                    self.mentioned = named
                    self._mentioned_newer = True
            elif not subject and whole and (owner := self._owner_subject(clause)):
                # "Rice's team has gotten better at safeguarding enclosures. “...,” he says":
                # the clause is about the owner
                self.mentioned = self._owner_mentioned = owner
                self._mentioned_newer = True
            elif not subject and whole and (agent := self._passive_agent(clause)):
                # "The report was welcomed by shadow pensions secretary David Willetts. “...,”
                # he said": the one who acted
                self.mentioned = agent
                self._mentioned_newer = True

    def _presented(self, clause: list[str]) -> str | None:
        """The person a line presents before their words ("Here's Clinton in December 1992:
        “...”"), else None."""
        words = [fold(w) for w in clause[:2]]
        if clause[-1:] != [":"] or not words:
            return None
        if words[0] in ("here's", "here’s"):
            start = 1
        elif len(words) == 2 and words[0] == "here" and words[1] in ("is", "was", "'s", "’s"):
            start = 2
        else:
            return None
        run = start
        while run < len(clause) - 1 and (
            clause[run][:1].isupper() or fold(clause[run]) in PARTICLES
        ):
            run += 1
        name = self.names.name_in(clause[start:run], strict=False) if run > start else None
        return name if name and self.names.likely_gender(self.names.full_name(name)) else None

    def _with_speaking(self, clause: list[str]) -> str | None:
        """The person a "with" phrase names as speaking at the end of the clause ("Paris was
        more subdued, with finance minister Herve Gaymard telling parliament:"), else None."""
        verb = next((i for i in range(len(clause) - 1, 0, -1) if is_verb(clause[i], self.form)),
                    None)
        if verb is None or not clause[verb].endswith("ing"):
            return None
        opening = next((i for i in range(verb - 1, max(verb - 8, -1), -1)
                        if fold(clause[i]) == "with" or clause[i] == ","), None)
        if opening is None or fold(clause[opening]) != "with" or verb - opening < 3:
            return None
        end = verb
        while end > opening + 2 and clause[end - 1].islower() and clause[end - 1].endswith("ly"):
            end -= 1  # "with Trump reportedly yelling:"
        name = self.names.name_in(clause[opening + 1 : end], strict=False)
        return name if name and " " in name and self.names.likely_gender(name) else None

    def _passive_agent(self, clause: list[str]) -> str | None:
        """The person a passive clause ends with as its agent ("was welcomed by David
        Willetts"), else None."""
        by = next((i for i in range(len(clause) - 1, 1, -1) if fold(clause[i]) == "by"), None)
        if by is None or not (
            fold(clause[by - 2]) in _BEING and clause[by - 1].islower()
            and reads_as_past(clause[by - 1])
        ) or any(fold(w) in RELATIVES | PRONOUNS for w in clause[:by]):
            return None  # not "He made a cameo in a film in which his role was played by X"
        name = self.names.name_in(clause[by + 1 :], strict=False)
        return name if name and self.names.likely_gender(name) else None

    def _described_organization(self, clause: list[str]) -> str | None:
        """The organization a clause's subject "the company" (or firm, group, ...) stands
        for: the one the opening phrase before it names after "from", "by" or "of" ("In a
        statement from Lycos Europe announcing ..., the company denied"), else None."""
        start = 0
        for i, word in enumerate(clause[:30]):
            if word == ",":
                start = i + 1
            elif i > start and word.islower() and reads_as_verb(word):
                words = [fold(t) for t in clause[start:i] if fold(t) not in LEADING]
                if start == 0 or len(words) != 2 or words[0] != "the" or \
                        words[1] not in _ORGANIZATION_NOUNS:
                    return None
                opening = clause[: start - 1]
                links = [j for j, t in enumerate(opening) if fold(t) in ("from", "by", "of")]
                for j in links:
                    run = j + 1
                    while run < len(opening) and opening[run][:1].isupper():
                        run += 1
                    name = self.names.name_in(opening[j + 1 : run]) if run > j + 1 else None
                    if name and not self.names.likely_gender(name):
                        return name
                return None
        return None

    def _view_holder(self, clause: list[str]) -> str | None:
        """The person whose view a sentence opening "For X," gives ("For Jupiter analyst
        Olivier Beauvillain, Yahoo's decision was an error"), or None."""
        words = [w for w in clause if fold(w) not in LEADING]
        if len(words) < 4 or words[0] != "For" or "," not in words[2:10]:
            return None
        holder = words[1 : words.index(",")]
        return self.names.name_in(holder, strict=False) if self._ends_with_person(holder) else None

    def _owner_subject(self, clause: list[str]) -> str | None:
        """The person owning a clause's subject ("Rice's team has gotten better", "Mr
        Campbell's e-mail suggested"), when the name is a person's, else None."""
        words = _after_subordinator([w for w in clause if fold(w) not in LEADING])
        end = next((i for i, w in enumerate(words[:5]) if w.endswith(("'s", "’s"))), -1)
        if end < 0 or not all(w[:1].isupper() for w in words[: end + 1]):
            return None
        if not (end + 1 < len(words) and words[end + 1].islower()):
            return None
        name = self.names.name_in([*words[:end], re.sub(r"['’]s$", "", words[end])], strict=False)
        if not name or self._last_name_in(words[end + 1 :]):
            return None  # "Bridge's injury also means Mourinho ...": about someone else too
        full = self.names.full_name(name)
        return full if self.names.likely_gender(full) or self.names.gender(full) else None

    def _before_apposition(self, tokens: list[str]) -> str | None:
        """The name opening a clause when what follows it up to the verb is one apposition
        ("Peter Knight, director of Context, says 24 companies ..."), else None."""
        chunks = split_chunks(tokens)
        if self.form != "raw" or len(chunks) != 2 or not all(w[:1].isupper() for w in chunks[0]):
            return None
        head = chunks[1][0]
        # "Adam Jollans, IBM's world-wide Linux strategy manager, said": an owner opens it too
        owner = head.endswith(("'s", "’s")) and fold(chunks[1][-1]) in ROLES
        if not (head.islower() and not reads_as_verb(head)) and not owner:
            return None
        return self.names.name_in(chunks[0])

    def _last_name_in(self, tokens: list[str]) -> str | None:
        """The last person's name among ``tokens`` (a run of capitalized words past the first
        word of the sentence), or None."""
        named = None
        run: list[str] = []
        for i, t in enumerate([*tokens, ","]):
            if i and t[:1].isupper() and fold(t) not in NOT_NAMES:
                run.append(t)
                continue
            if run:
                name = self.names.name_in(run, strict=False)
                # a person, not "the Daily Telegraph" ("writing in the Daily Telegraph, the
                # prime minister conceded")
                if name and (" " in name or self.names.gender(name)) and not (
                    i > len(run) and fold(tokens[i - len(run) - 1]) == "the"
                ):
                    named = name
                run = []
        return named

    def after(self, tokens: list[str]) -> tuple[bool, str | None]:
        """An attribution that follows a quote: "X said", "said X", "X, a spokesman, said",
        or a signature after a dash ("” ― Pamela Padilla")."""
        if self.form == "raw" and tokens and tokens[0] in SIGNATURE_DASHES:
            run = tokens[1:9]
            end = next(
                (i for i, t in enumerate(run) if not (t[:1].isupper() or fold(t) in PARTICLES)),
                len(run),
            )
            if end and (end == len(run) or run[end] in (".", PLACEHOLDER, *QUOTE_TOKENS)):
                name = self.names.name_in(run[:end])
                if name:
                    return True, name
        if (
            self.form == "raw"
            and len(tokens) > 2
            and tokens[0] in SIGNATURE_DASHES
            and tokens[1] == "@"
        ):
            # "“...” - @andersoncooper": the person the article names by the handle's letters
            return True, self._handle_owner(tokens[2])
        while tokens and tokens[0] in (",", "``", "''", "-", "—"):
            tokens = tokens[1:]
        clause = clause_after(tokens)
        if self.form == "raw" and clause and fold(clause[0]) == "as":
            # "..., as Cruz said on Glenn Beck's show"
            verb = next((i for i, t in enumerate(clause[1:6], 1) if is_verb(t, self.form)), 0)
            if verb > 1 and all(t[:1].isupper() for t in clause[1:verb]):
                return True, self.names.name_in(clause[1:verb], strict=False)
            if verb == 2 and fold(clause[1]) in PRONOUNS:
                return True, self._antecedent(fold(clause[1]))  # "..., as he told journalists"
        for i, t in enumerate(clause[:30]):
            if not is_verb(t, self.form):
                continue
            saying = _as_saying(clause, i)
            if saying:
                # "“...” Reuters quoted a central bank official as saying": the one quoted
                # speaks, not the publication that relays the words.
                return self.speaker_of(split_chunks(clause[i + 1 : saying]), False)
            if (
                fold(t) in NOUN_LIKE_VERBS
                and i
                and not clause[i - 1][:1].isupper()
                and fold(clause[i - 1]) not in PRONOUNS | OTHER_PRONOUNS
            ):
                continue  # "giving states more power": a noun
            if is_participle(t):
                return False, None  # "..., adding that": the sentence's subject speaks
            before = split_chunks(clause[:i])
            if before and len(before[-1]) <= 4 and any(
                fold(w) in RELATIVES for w in before[-1][: len(before[-1]) - 2]
            ):
                # "“...” of Trump, whom he called", "..., in which it is speculated that":
                # another clause's verb
                return False, None
            if i >= 2 and fold(clause[i - 2]) in RELATIVES | {"that"} and (
                fold(clause[i - 1]) in PRONOUNS
            ):
                return False, None  # "“...” of Trump, whom he called", "a finish that he said"
            if fold(clause[0]) in _SUBORDINATE_OPENERS and "," not in clause[:i]:
                return False, None  # "“...” until Haley said she was backing him"
            if i and fold(clause[i - 1]) == "and" and "," not in clause[:i]:
                # "... of offering “false promises” to women and said their sums did not add
                # up": the verb goes on from the sentence's subject, before the quote
                return False, None
            if (
                fold(clause[0]) in _PHRASE_OPENERS
                and "," not in clause[:i]
                and i > 1
                and all(w.islower() for w in clause[max(i - 2, 1) : i])
            ):
                # "“...” ahead of a general election predicted for next May": the verb
                # describes the phrase's noun, no speaker follows
                return False, None
            if i == 0 or clause[i - 1] == ",":
                # "said X", or "..., said X" after a phrase that ends the quoted sentence;
                # "Ramos, 58, told AFP" keeps its subject.
                if i and self.form == "raw":
                    found, speaker = self.speaker_of(before, True)
                    if speaker:
                        return found, speaker
                if (
                    i + 1 < len(clause)
                    and fold(t) in INVERTIBLE
                    and fold(clause[i + 1]) not in NOT_INVERTED
                ):
                    return self.speaker_of(split_chunks(subject_after_verb(clause[i + 1 :])), False)
                if i == 0:
                    return False, None
            if fold(clause[0]) in LEADING or any(fold(c[0]) in LEADING for c in before[1:]):
                break  # "... but argues that": the sentence's subject speaks
            return self._tag_speaker(before)
        if (
            self.form == "raw"
            and len(clause) > 1
            and reads_as_past(clause[0])
            and clause[1][:1].isupper()
        ):
            # "“This is fantastic!” beamed Donald Hartley"
            run = 1
            while run < len(clause) and clause[run][:1].isupper():
                run += 1
            name = self.names.name_in(clause[1:run], strict=False)
            if name:
                return True, name
        if (
            self.form == "raw"
            and 2 < len(clause) <= 8
            and reads_as_past(clause[0])
            and clause[1] not in ("by", "to", "for", "in", "on", "at", "with")
            and not any(reads_as_verb(w) and not w[:1].isupper() for w in clause[1:])
            and self._ends_with_person(clause[1:])
        ):
            # "“Don't you care about the Inuit?”, implored guitar-toting environmental
            # campaigner Barry Lim": a verb, a description, and the name ending the sentence
            return True, self.names.name_in(clause[1:], strict=False)
        if self.form == "raw" and clause and clause[0][:1].isupper():
            # "“...,” Kelly charged", "“...?” Trump went on"
            run = 1
            while run < len(clause) and clause[run][:1].isupper():
                run += 1
            if run < len(clause) and reads_as_past(clause[run]):
                name = self.names.name_in(clause[:run], strict=False)
                if name:
                    return True, name
        # "... is "a wanted man" after the court's decision, Amnesty International said."
        commas = [i for i, t in enumerate(clause) if t == ","]
        if commas:
            tail = clause[commas[-1] + 1 :]
            for i, t in enumerate(tail[:6]):
                if is_verb(t, self.form) and not is_participle(t):
                    if any(fold(w) in RELATIVES for w in tail[:i]):
                        break  # "..., in which it is speculated that": a relative clause
                    return self._tag_speaker(split_chunks(tail[:i]))
        return self.according_to(clause)

    def _tag_speaker(self, chunks: list[list[str]]) -> tuple[bool, str | None]:
        """(found, speaker) for the subject chunks of a speech verb after a quote. A lone
        "he" or "she" there is not the subject of the words the quote's sentence opens with
        ("Mr Blair has “the same passion ...”, he said": they speak of Blair)."""
        tag = [fold(w) for w in chunks[-1]] if chunks else []
        # not "Fallon fired back: “...,” he wrote": the quote is no part of that clause
        opens_clause = bool(self.lead_in) and self.lead_in[-1][-1:].isalpha()
        if tag in (["he"], ["she"]) and opens_clause and not any(
            is_verb(w, self.form) for w in self.lead_in
        ):
            return True, self._aside_speaker(tag[0], self.lead_in)
        return self.speaker_of(chunks, True)

    def _handle_owner(self, handle: str) -> str | None:
        """The full name in the headline or the text whose letters make up a social media
        handle ("@andersoncooper" is Anderson Cooper), else None."""
        for run in CAPITAL_RUN.findall(f"{self.headline}\n{self.text}"):
            name = re.sub(r"['’]s$", "", run)
            if re.sub(r"[^a-z]", "", name.lower()) == handle.lower():
                return name
        return None

    def before(self, tokens: list[str]) -> tuple[bool, str | None]:
        """An attribution that precedes a quote: "X said:", "X said that ... “...”"."""
        clause = clause_before(tokens)
        finding = self._finding(clause)
        if finding:
            return True, finding
        with_speaker = self._with_speaking(clause) or self._presented(clause)
        if with_speaker:
            return True, with_speaker
        words = [fold(w) for w in clause if w != ":"]
        if len(words) > 2 and words[-1] == "on" and words[-2] in _WENT and clause[-1:] == [":"]:
            # "She went on: “...”": she continued
            return self.speaker_of(split_chunks(clause[: len(words) - 2]), True)
        if _opens_according_to(clause, self.form):
            # "According to plaintiffs, Peter Castaneda and Haley Gelfand, Compass has bought
            # ... controlling “...”": the source the sentence opens with, not its subject
            return self.according_to(clause)
        for i in range(len(clause) - 1, -1, -1):
            if not is_verb(clause[i], self.form):
                continue
            if (
                fold(clause[i]) in NOUN_LIKE_VERBS
                and i
                and clause[i - 1].islower()
                and fold(clause[i - 1]) not in ROLES | PRONOUNS | OTHER_PRONOUNS
                and not reads_as_verb(clause[i - 1])
            ):
                continue  # "what might form manifesto pledges": a noun
            if _passive(clause, i, by=True):
                # "Nicole Lawler was told by Dr John Smith:", "was informed by medics that":
                # the one after "by" speaks, not the subject
                agent = subject_after_verb(clause[i + 2 :])
                cut = next((j for j, w in enumerate(agent) if fold(w) == "that"), len(agent))
                return self.speaker_of(split_chunks(agent[:cut]), False)
            if _passive(clause, i):
                if i >= len(clause) - 2:
                    return True, None  # "Kevin Donnellon was asked: “...”": he was not speaking
                continue  # "students who were told there would be ..."
            if i and fold(clause[i - 1]) == "as" and clause[i + 1 : i + 2] == ["by"]:
                # "As reported by the Daily Beast, “...”"
                return self.speaker_of(split_chunks(subject_after_verb(clause[i + 2 :])), False)
            # A comma right before the quote opens it and starts no clause.
            # Not when the verb reports a condition first: after "Alan Beith said if the claims
            # were true, Whitehall was “...”" the words are still Beith's.
            commas = [j for j in range(i + 1, len(clause) - 1) if clause[j] == ","]
            if commas and not _reports_a_condition(clause, i):
                later = self.subject(clause[commas[-1] + 1 :])
                if later[0]:
                    return later  # "When Trump asked ..., Rubio fired back: “...”" (or "back,")
            subject = clause[:i]
            cut = max((j for j, t in enumerate(subject) if t in (";", ":")), default=-1)
            if cut >= 0 and cut == len(subject) - 1 and any(
                is_verb(t, self.form) for t in subject[:cut]
            ):
                continue  # "He added: said “...”": the verb before the colon has the subject
            subject = subject[cut + 1 :]
            told = max(
                (j for j in range(1, len(subject) - 1)
                 if fold(subject[j]) == "that"
                 and (reads_as_past(subject[j - 1])
                      or (j > 1 and fold(subject[j - 1]) in _TOLD
                          and reads_as_past(subject[j - 2])))
                 and len(subject) - j <= _TOLD_SUBJECT
                 and not any(t == "," or reads_as_verb(t) for t in subject[j + 1 :])),
                default=-1,
            )
            if told > 0:
                # "Akshita, an MSc student, recounted that the police said, “...”": the verb's
                # subject is after "that", not the one telling of it
                subject = subject[told + 1 :]
            if len(subject) > 2 and fold(subject[-2]) == "but" and \
                    fold(subject[-1]) in ("he", "she"):
                # "The forward is in double figures but he admits ...: “...”": "he" speaks
                subject = subject[-1:]
            elif (but := next((j for j in range(len(subject) - 2, 0, -1)
                               if fold(subject[j]) == "but"), 0)) and \
                    1 <= len(subject) - but - 1 <= 3 and \
                    all(w[:1].isupper() for w in subject[but + 1 :]):
                # "Thierry Henry is ruled out with an injury but Cole said:": Cole speaks
                subject = subject[but + 1 :]
            elif len(subject) > 3 and fold(subject[-2]) == "the" and subject[-1].islower() \
                    and fold(subject[-1]) in ROLES and fold(subject[-3]) not in FUNCTION_WORDS:
                # "Mr Blair denied it, and before he left on Tuesday the chancellor told
                # reporters:": the clause's own subject, a post
                subject = subject[-2:]
            if is_participle(clause[i]) and i >= 2 and fold(clause[i - 1]) in ("for", "of"):
                # "She called out Marco Rubio for saying that ... “...”", "accused Smith of
                # saying": the one blamed for the words said them.
                start = i - 1
                while start > 0 and clause[start - 1][:1].isupper():
                    start -= 1
                named = self.names.name_in(clause[start : i - 1]) if start < i - 1 else None
                if named:
                    return True, named
            if is_participle(clause[i]) and (aside := _aside_pronoun(subject, self.form)):
                # "Mr Blair has failed to tackle these problems, he claimed, saying he has the
                # “...”": the one "he" stands for, not the subject of the words reported
                return True, self._aside_speaker(aside, subject)
            if is_participle(clause[i]):
                # "Clinton posted a comment, saying, “...”": the clause's subject speaks.
                found, speaker = self.subject(subject)
                if found:
                    return found, speaker
                pronoun = _pronoun_subject(subject)
                if pronoun:
                    # "in 1971, he memorably sat down with Michael Parkinson, asking: “...”"
                    return True, self._antecedent(pronoun)
                continue
            if (
                len(subject) > 2
                and fold(subject[-1]) in PRONOUNS
                and subject[-2].islower()
                and LOWER_WORD.fullmatch(subject[-2])
                and fold(subject[-2]) not in FUNCTION_WORDS | RELATIVES | DETERMINERS
                and not reads_as_verb(subject[-2])
            ):
                # "Asked whether he thought the BBC should have screened the musical he said:
                # “...”": a pronoun right before the verb is its subject, comma or none.
                return True, self._antecedent(fold(subject[-1]))
            inner = _inner_subject(subject)
            if inner:
                # "Capra was the butt of a gaffe when the host opened the envelope and
                # declared “...”": the "when" clause's subject speaks, named or not
                _, speaker = self.speaker_of(split_chunks(subject[inner:]), True)
                if speaker is None and not _common_head(subject[inner:]):
                    speaker = self.subject(subject[inner:])[1]
                return True, speaker
            found, speaker = self.speaker_of(split_chunks(subject[-30:]), True)
            if found and speaker is None and _reported_description(subject):
                # "Mr Kilroy-Silk said the man, who later disappeared, claimed he was “...”":
                # the one described speaks, not the one reporting it
                return True, None
            if found and speaker is None and not _common_head(split_chunks(subject)[-1]):
                # "Trump called on her to resign and said, “...”"
                found_subject, named = self.subject(subject)
                if found_subject:
                    return found_subject, named
            if found:
                return found, speaker
            named = self.subject(subject)
            if named[0]:
                return named  # "Carson did not mention them, but told his supporters, “...”"
            rest = subject_after_verb(clause[i + 1 :])
            if (
                rest
                and len(rest) >= len(clause) - i - 2
                and fold(rest[0]) not in NOT_INVERTED
                and fold(clause[i]) in INVERTIBLE  # "But told BBC News:": the one told
            ):
                # "said Smith: “...”" -- but not "said Trump had “...”"
                return self.speaker_of(split_chunks(rest), False)
            return self.subject(subject)
        if len(clause) > 3 and clause[-1] == ":" and fold(clause[0]) == "for" and "," in clause[:7]:
            # "For Henry Reichhold, this is progress: “...”"
            name = self.names.name_in(clause[1 : clause.index(",")])
            if name:
                return True, name
        colon = next((i for i, t in enumerate(clause[:5]) if t == ":"), -1)
        if 0 < colon < len(clause) - 1 and len(clause) <= _HEADLINE_LINE:
            # "Obama: attack that killed 50 was ‘an act of terror’": a headline's speaker.
            head = clause[:colon]
            name = None if fold(head[0]) in LINE_LABELS else self.names.name_in(head, strict=False)
            if name and not any(is_verb(t, self.form) for t in head):
                return True, name
        if clause and clause[-1] == ":":
            # "Rep. Trey Gowdy: “...”", "HEADLINE - Michael P. McDonald: “...”", "• Feghouli: ‘...’"
            head = clause[:-1]
            cut = max((i for i, t in enumerate(head) if t in ("-", "—", "–", "•")), default=-1)
            head = head[cut + 1 :]
            name = self.names.name_in(head) if len(head) <= 8 else None
            if name:
                return True, name
            run = len(head)
            while run > 0 and head[run - 1][:1].isupper():
                run -= 1
            name = self.names.name_in(head[run:]) if len(head) - run >= 2 else None
            if name and " " in name and self.names.likely_gender(name):
                # "The surge does not surprise Republican pollster Daron Shaw: “...”": the
                # person named right before the colon, with no speech verb in the clause
                return True, name
        put = next(
            (i for i in range(1, len(clause) - 1)
             if fold(clause[i]) in ("put", "puts") and fold(clause[i + 1]) == "it"),
            0,
        )
        opening = max((i for i in range(put) if fold(clause[i]) == "as"), default=-1)
        if opening >= 0 and put - opening <= 9:  # "as terrorism analysts A and B put it"
            # "Or, as he put it in a recent paper, “...”"
            return self.speaker_of(split_chunks(clause[opening + 1 : put]), True)
        return self.according_to(clause)

    def subject(self, tokens: list[str]) -> tuple[bool, str | None]:
        """The named subject of the clause a partial quote sits in: "Mr. Cruz pledged to
        oppose legal status “today, tomorrow, forever.”" (raw text only). The name must be
        followed by a word that reads as a verb."""
        if self.form == "stemmed":
            return False, None
        tokens = [t for t in tokens if t not in QUOTE_TOKENS]
        clause = clause_before(tokens)
        pending: str | None = None  # "Ted Nordhaus, head of the institute, welcomed"
        chunks = split_chunks(clause)
        if len(chunks) > 1 and _thing_head(chunks[0]):
            # "The letter sent to X, and his counterpart, Y, also warns": the letter is the
            # subject, up to a clause of its own ("..., and Pollard said").
            k = next(
                (j for j in range(1, len(chunks))
                 if len(chunks[j]) > 1 and fold(chunks[j][0]) in LEADING
                 and chunks[j][1][:1].isupper()),
                len(chunks),
            )
            chunks = chunks[:1] + chunks[k:]
        for n, chunk in enumerate(chunks):
            words = without_brackets(chunk)
            while words and fold(words[0]) in LEADING:
                words = words[1:]  # "and" inside stays: "Princes William and Harry"
            if n == 0 and len(chunks) > 1 and fold(chunk[0]) in ("when", "after"):
                continue  # "When Carson died, President Bush led the tributes, saying ..."
            words = _past_opener(words)
            seen = self._seen_acting(words)
            if seen:
                return True, seen  # "..., which saw Mr Blair start in full irritation mode"
            if n == 0 and len(chunks) > 1 and _opens_with_participle(words):
                continue  # "Progressing through the Academy ranks, Nicholson was named"
            acting = words
            while len(acting) > 1 and acting[0].islower() and (
                acting[0].endswith("ly") or fold(acting[0]) in ADVERBS
            ):
                acting = acting[1:]  # "Henson, ..., positively relished"
            if pending and acting and (
                reads_as_verb(acting[0]) or _post_then_verb(acting)
            ):
                return True, pending
            head = words[1] if len(words) > 1 and fold(words[0]) in SUBORDINATORS else (
                words[0] if words else ""
            )
            verb_at = 0
            if fold(head) == "the" or head.endswith(("'s", "’s")):  # a role may open the clause
                verb_at = next((j for j, w in enumerate(words) if reads_as_verb(w)), 0)
            if verb_at > 1 and is_role(_after_subordinator(words[:verb_at])):
                # "although the prime minister talked about a “...”": before anyone is named,
                # the person the headline names.
                person = self._story_person()
                if person:
                    return True, person
            if (
                len(words) > 1
                and fold(words[0]) == "it"
                and reads_as_past(words[1])
                and fold(words[1]) not in AUXILIARIES
            ):
                # "It blamed “continuing uncertainties ...”": the organization quoted last,
                # not one only named as a subject since ("the Nasdaq lost 1.3%")
                gaps, self._unread = self._unread, []
                for gap in gaps:
                    self.reported(gap())
                thing = None if self._thing_newer else self._organization(pronoun=True)
                if thing:
                    return True, thing
            if words and (fold(words[0]) in _COUNTS or words[0].isdigit()):
                continue  # "Two big US names have launched": a number of someones
            named = self._titled_person(words)
            if named:
                return True, named  # "Chief Secretary to the Treasury Paul Boateng attacked"
            if words and words[0].islower() and fold(words[0]) not in FUNCTION_WORDS:
                named = self._post_then_person(words)
                if named:
                    return True, named  # "But centre Jamie Noon believes"
            if len(words) > 2 and words[0].endswith(("'s", "’s")) and words[1].islower():
                named = self._post_then_person(words[1:])
                if named:
                    return True, named  # "Spain's minister of sport Jaime Lissavetzky was"
            named = self._person_after_post(words)
            if named:
                return True, named
            if words and fold(words[0]) == "the":
                words = words[1:]
            run = 0
            while run < len(words) and (
                words[run][:1].isupper() or (run and fold(words[run]) in PARTICLES)
            ):
                run += 1
            if not run or fold(words[0]) in SENTENCE_WORDS:
                continue
            if run == len(words) or (
                # "Welsh legend Mervyn Davies, a member of ..., hailed": a name after its
                # descriptor, the whole chunk, before an apposition
                n + 1 < len(chunks) and _past_descriptor(words, run, whole=True) == len(words)
            ):
                if not (n and _names_a_work(chunks[n - 1])):
                    pending = pending or self.names.name_in(words)
                continue
            run = _past_descriptor(words, run)
            verb = run
            while (
                verb < len(words) - 1
                and words[verb].islower()
                and (words[verb].endswith("ly") or fold(words[verb]) in ADVERBS
                     or fold(words[verb]) in REFLEXIVES)
            ):
                verb += 1  # "Clinton immediately posted", "Abramowitz just thinks"
            if (
                verb < len(words) - 2
                and fold(words[verb]) in ("on", "last", "this")
                and (fold(words[verb + 1]) in NOT_NAMES or fold(words[verb + 1]) in TIME_WORDS)
            ):
                verb += 2  # "The UN Security Council on Friday condemned"
            if _plural_head(words, verb):
                return True, None  # "Church ministers are trying": a group, no one named
            if _told_subject(words, verb, self.form):
                return True, None  # "Nicole Lawler was told that": the words are another's
            if reads_as_verb(words[verb]):
                name = self.names.name_in(words[:run])
                if name:
                    return True, name
        return False, None

    def _seen_acting(self, words: list[str]) -> str | None:
        """The person an event "saw" act, in a relative clause about it: "..., which saw Mr
        Blair start in full irritation mode" (the verb after the name is bare or in -ing)."""
        if len(words) < 4 or fold(words[0]) not in ("which", "that") or fold(
            words[1]
        ) not in _SEEING:
            return None
        run = 2
        while run < len(words) and words[run][:1].isupper():
            run += 1
        if run == 2 or run >= len(words) or not words[run].islower():
            return None
        verb = words[run]
        if not (reads_as_verb_too(verb) or verb.endswith("ing")) or fold(verb) in FUNCTION_WORDS:
            return None
        return self.names.name_in(words[2:run])

    def according_to(self, tokens: list[str]) -> tuple[bool, str | None]:
        """"according to X", "as reported by X"."""
        words = [fold(t) for t in tokens]
        for i in range(len(words) - 1):
            if (words[i] in ("according", "accord") and words[i + 1] == "to") or (
                words[i] == "reported" and words[i + 1] == "by" and i and words[i - 1] == "as"
            ):
                return self.speaker_of(split_chunks(subject_after_verb(tokens[i + 2 :])), False)
        return False, None

    def words_owner(self, tokens: list[str]) -> str | None:
        """Whose words a quote is when the clause leading into it names them as someone's
        suggestion, claim or remark, with no verb of speech after that: "thrown by Mr
        MacKenzie's suggestion that young drunks should “given a good beating”", "brushed off
        Labour suggestions a vote for his party would let the Tories in “by the back door”"."""
        clause = clause_before(tokens)
        if not clause or fold(clause[-1]) in _COPULAS:
            return None  # "Rubio's claim that ... is “simply not true”": of the claim
        for j in range(len(clause) - 1, 0, -1):
            if is_verb(clause[j], self.form):
                return None
            at = j - 1
            if at > 0 and fold(clause[at]) in _WHOLE and clause[at - 1].endswith(_POSSESSIVE):
                at -= 1  # "Cook’s full quote: “...”"
            owner = clause[at]
            noun = fold(clause[j])
            if noun not in _SPEECH_NOUNS or not owner[:1].isupper():
                continue
            if fold(clause[j + 1 : j + 2][0] if j + 1 < len(clause) else "") in ("as", "were"):
                return None  # "denounced Trump's remarks as “hurtful”": of the remarks
            if not owner.endswith(("'s", "’s", "'", "’")) and not noun.endswith("s"):
                return None  # "a Labour suggestion" names no owner
            start = at
            while start > 0 and clause[start - 1][:1].isupper():
                start -= 1
            run = [*clause[start:at], re.sub(r"['’]s?$", "", owner)]
            return self.names.name_in(run, strict=False)
        return None

    def _finding(self, clause: list[str]) -> str | None:
        """The source of a finding quoted after "found that" or "concluded that": a name
        ("Gallup also found that “...”") or the author of a study ("a recent study by New
        America found that ... “...”")."""
        at = next(
            (i for i in range(1, len(clause) - 1)
             if fold(clause[i]) in _FINDING_VERBS and fold(clause[i + 1]) == "that"),
            0,
        )
        if not at:
            return None
        chunk = split_chunks(clause[:at])[-1] if clause[at - 1] != "," else []
        chunk = [w for w in chunk if fold(w) not in ADVERBS]
        by = next(
            (i for i in range(len(chunk) - 1)
             if fold(chunk[i]) in _STUDIES and fold(chunk[i + 1]) in ("by", "from")),
            -1,
        )
        if by >= 0:
            chunk = chunk[by + 2 :]
        elif any(w[:1].islower() and fold(w) not in DETERMINERS for w in chunk):
            return None
        return self.names.name_in(chunk, strict=False) if chunk else None


_TIME_OPENERS = frozenset({"by", "until", "till", "since", "for", "even", "just"})
_SEEING = frozenset({"saw", "sees", "see", "seen"})
_DATE_OPENERS = frozenset({"on", "during", "in", "at", "by", "last", "this", "early", "late",
                           "since", "until"})


def _past_opener(words: list[str]) -> list[str]:
    """A clause's words past a time that opens it with no comma ("By now Mr Blair had moved",
    "Until then Smith ...", "However during the case on Tuesday Mr Ebbers denied"): the one
    named next is its subject."""
    if len(words) > 3 and fold(words[0]) in _TIME_OPENERS and fold(words[1]) in ("now", "then"):
        return words[2:]
    day = next((i for i, w in enumerate(words[:8]) if fold(w) in DATE_WORDS), -1)
    if (
        0 <= day < len(words) - 2
        and fold(words[0]) in _DATE_OPENERS | ADVERBS
        # a person after the date: a title or a first name ("Mr Ebbers", "Bernie Ebbers"),
        # not "Manchester United signed" or "Chelsea fans booed"
        and (fold(words[day + 1]) in HONORIFICS or first_name_pronoun(words[day + 1]))
        and not any(reads_as_verb(w) or w == "," for w in words[1:day])
    ):
        return words[day + 1 :]
    return words


def _reports_a_condition(clause: list[str], verb: int) -> bool:
    """Whether the speech verb at ``verb`` goes straight on with the words it reports, opening
    with a condition or a time ("said if the claims were true, ...", "said that when ...") in
    a clause that does not open with one itself ("When Trump asked ..., Rubio fired back")."""
    after = [fold(t) for t in clause[verb + 1 : verb + 3]]
    if after[:1] == ["that"]:
        after = after[1:]
    start = max((j + 1 for j, t in enumerate(clause[:verb]) if t in (";", ":")), default=0)
    opener = next((fold(t) for t in clause[start:verb] if fold(t) not in LEADING), "")
    return bool(after) and after[0] in SUBORDINATORS and opener not in SUBORDINATORS


def _document(chunk: list[str], before: list[str]) -> str | None:
    """"the suit" (or lawsuit, complaint, filing, indictment, petition) as the subject of a
    speech verb: the court paper is the speaker, its words quoted as a report's are. Words
    describing it may stand between, with a comma ("The hand-written, four-page lawsuit
    said"), in the chunk ``before`` it."""
    words = [w for w in chunk if fold(w) not in LEADING]
    if len(words) < 2 or not words[-1].islower() or fold(words[-1]) not in _DOCUMENTS:
        return None
    if fold(words[0]) != "the":
        words = [w for w in before if fold(w) not in LEADING] + words
    if fold(words[0]) != "the" or not all(_describes(w) for w in words[1:-1]):
        return None
    return f"the {words[-1]}" if len(words) - 2 <= _DOCUMENT_WORDS else None


def _describes(word: str) -> bool:
    """A lowercase word that may describe a court paper ("hand-written", "four-page"), not a
    verb or a function word."""
    return (
        word.isalpha() or "-" in word
    ) and word.islower() and fold(word) not in FUNCTION_WORDS and not reads_as_verb(word)


def _opens_with_participle(words: list[str]) -> bool:
    """Whether a phrase opens with a verb's -ing form and goes on in lowercase ("Speaking to
    the BBC", "Progressing through the Academy ranks"): a participle phrase names no subject,
    while a name ending in -ing ("Sterling said") is followed by its verb."""
    return (
        len(words) > 1
        and words[0][:1].isupper()
        and is_participle(words[0])
        and words[1][:1].islower()
        and not reads_as_verb(words[1])
        and reads_as_verb_too(words[0])
    )


# Words that make a title someone else's: "the chancellor" is not the shadow chancellor.
_QUALIFIERS = frozenset({"shadow", "deputy", "former", "ex", "vice", "acting", "assistant",
                         "junior", "late", "interim", "then", "next", "future", "new"})
# Words between a subject and a speech verb that say the words come later: "he was due to say".
_PREVIEW = frozenset({"due", "expected", "set", "going", "about", "likely", "to"})


def _past_statement(words: list[str]) -> list[str]:
    """A subject past the statement it spoke in, opening its clause with no comma ("In a
    statement Google said", "In his letter Mr Blair writes"): the name after it."""
    if (
        len(words) > 3
        and fold(words[0]) in ("in", "on")
        and fold(words[1]) in _STATEMENT_OWNERS
        and fold(words[2]) in _STATEMENTS
        and words[3][:1].isupper()
    ):
        return words[3:]
    return words


def _before_preview(chunk: list[str]) -> list[str]:
    """A subject without the words that put its speech verb ahead of time or further on: "he
    will", "he was due to", "Mr Howard is expected to", "Bryne went on to"."""
    words = list(chunk)
    while len(words) > 1 and words[-1].islower() and (
        fold(words[-1]) in AUXILIARIES
        or fold(words[-1]) in _PREVIEW
        or fold(words[-1]) in ADVERBS  # "Holmes, who has already admitted"
    ):
        words = words[:-1]
        if len(words) > 2 and [fold(w) for w in words[-2:]] in (["went", "on"], ["goes", "on"]):
            words = words[:-2]
    return words


def _as_saying(clause: list[str], i: int) -> int:
    """Where "as saying" (or "as having said") closes "quoted X" at ``i``, else 0."""
    if fold(clause[i]) not in ("quoted", "quotes", "quote", "quoting"):
        return 0
    for k in range(i + 2, min(len(clause) - 1, i + 12)):
        if fold(clause[k]) == "as" and fold(clause[k + 1]) in ("saying", "having"):
            return k
    return 0


def _only_a_name(tokens: list[str]) -> bool:
    """Whether the words after an inverted speech verb up to a comma are capitalized, a name
    with nothing after it ("said Lindsay Schroth, an analyst"), not a clause ("said Trump had
    ...")."""
    chunks = split_chunks(subject_after_verb(tokens))
    return bool(chunks) and all(w[:1].isupper() or fold(w) in PARTICLES for w in chunks[0])


def _post_of(chunk: list[str]) -> bool:
    """Whether a chunk is a post followed by where it is held ("director of anti-constitution
    group Vote No", "chief executive of Powys Local Health Board", "Vice President of the
    ATP")."""
    words = [w for w in chunk if fold(w) not in LEADING]
    link = next((i for i, w in enumerate(words) if fold(w) in ("of", "at", "for")), 0)
    return 0 < link < len(words) - 1 and (all(
        w.islower() and fold(w) not in FUNCTION_WORDS and not reads_as_verb(w)
        for w in words[:link]
    ) or all(w[:1].isupper() and is_title(w) for w in words[:link]))


def _object_in(chunk: list[str], name: str) -> bool:
    """Whether a chunk names ``name`` after a preposition ("Speaking to Le Matin")."""
    words = name.split()
    at = next((i for i in range(len(chunk)) if chunk[i : i + len(words)] == words), -1)
    return at > 0 and fold(chunk[at - 1]) in ("to", "with", "by", "for", "from", "in")


def _named_alone(chunk: list[str]) -> bool:
    """Whether a chunk is only capitalized words: a name and its title."""
    words = [w for w in chunk if fold(w) not in LEADING]
    return bool(words) and all(w[:1].isupper() or fold(w) in PARTICLES for w in words)


def _role_apposition(chunk: list[str]) -> bool:
    """Whether a chunk after a name is only that person's post, with no "the" and no comma
    closing it before the verb: "OFHEO director", "marketing manager at Snappy Snaps"."""
    words = [w for w in chunk if fold(w) not in LEADING]
    if not 1 < len(words) <= 8 or fold(words[0]) in DETERMINERS:
        return False
    if all(w[:1].isupper() and fold(w) in TITLES for w in words):
        return True  # "Tim Armstrong, Chairman and CEO said": posts only
    head = next(
        (i for i, w in enumerate(words)
         if fold(w) in ROLES and (
             w.islower()
             # "Lord Bach, Minister for Defence Procurement, said": a post with its field
             or (i == 0 and fold(words[i + 1 : i + 2][0] if i + 1 < len(words) else "")
                 in ("of", "for"))
         )),
        -1,
    )
    if head < 0 or any(reads_as_verb(w) for w in words):
        return False
    if any(fold(w) in FUNCTION_WORDS for w in words[:head]):
        return False
    rest = words[head + 1 :]
    if rest and fold(rest[0]) in ("of", "at", "for", "from"):
        rest = rest[2:] if len(rest) > 2 and fold(rest[1]) == "the" else rest[1:]
        return bool(rest) and all(w[:1].isupper() for w in rest)
    return not rest


def _past_descriptor(words: list[str], run: int, whole: bool = False) -> int:
    """Where a capitalized run ends when one or two lowercase descriptors join it to a name:
    "England prop Phil Vickery", "Larne boss Jimmy McGeough"; a verb must follow the name,
    unless ``whole`` asks whether the name ends the words ("Welsh legend Mervyn Davies")."""
    last = len(words) + whole  # the name must end before it
    if run + 2 < len(words) and fold(words[run]) in ("of", "from", "at"):
        # "Simon Hart of the Countryside Alliance has questioned": past the organization.
        k = run + 1 + (fold(words[run + 1]) == "the")
        start = k
        while k < len(words) and words[k][:1].isupper():
            k += 1
        return k if k > start and k < last else run
    j = run
    while (
        j < len(words)
        and j - run < 3
        and words[j].islower()
        and fold(words[j]) not in FUNCTION_WORDS
        and not reads_as_verb(words[j])
    ):
        j += 1
    if j - run == 3 and fold(words[j - 1]) not in ROLES:
        return run  # three words only for a post: "Conservative shadow home secretary David Davis"
    k = j
    while k < len(words) and words[k][:1].isupper():
        k += 1
    return k if j > run and k > j and k < last else run


def _post_then_verb(words: list[str]) -> bool:
    """Whether an apposition that no comma closes runs into its name's verb: "Paul Myers,
    chief executive of Wippit - a peer to peer service - believes it is time ..."."""
    if len(words) > 1 and words[0] in DASHES:
        return False
    inside, kept = False, []
    for w in words:
        if w in DASHES:
            inside = not inside
        elif not inside:
            kept.append(w)
    i = 0
    while i < len(kept) and i < 3 and kept[i].islower() and (
        fold(kept[i]) in ROLES
        or (  # "marketing manager at Snappy Snaps believes"
            i + 1 < len(kept)
            and fold(kept[i + 1]) in ROLES
            and fold(kept[i]) not in FUNCTION_WORDS
            and not reads_as_verb(kept[i])
        )
    ):
        i += 1
    if not i or fold(kept[i - 1]) not in ROLES:
        return False
    if i < len(kept) and fold(kept[i]) in ("of", "at", "for"):
        j = i + 1
        while j < len(kept) and kept[j][:1].isupper():
            j += 1
        if j == i + 1:
            return False
        i = j
    return i < len(kept) and reads_as_verb(kept[i]) and fold(kept[i]) not in AUXILIARIES - {
        "is", "was", "has", "had"}


_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "aide", "official"})
# Small words inside an organization's name: "Committee to Protect Journalists".
_NAME_JOINERS = frozenset({"of", "for", "to", "and", "on", "in"})


def _plural_noun_here(clause: list[str], i: int, form: TextForm) -> bool:
    """Whether a speech verb's "-s" form is a plural noun where it stands: after a determiner
    or a word that is only an adjective ("huge demands for bandwidth", "the claims"; not "the
    chief executive says")."""
    word = fold(clause[i])
    if form != "raw" or not word.endswith("s") or not i:
        return False
    before = clause[i - 1]
    return fold(before) in DETERMINERS or (
        before.islower() and is_adjective(before) and not is_noun(before)
    )


def _spokesperson(chunk: list[str]) -> bool:
    """Whether a subject is someone speaking for another, unnamed: "The prime minister's
    official spokesman", "a Downing Street spokeswoman", "one aide" ("the Tory spokesman" may
    be the MP just named)."""
    words = [w for w in chunk if fold(w) not in LEADING]
    if len(words) > 2 and fold(words[0]) in INDEFINITES and any(
        fold(w) in _SPOKESPEOPLE and fold(words[i + 1]) in ("for", "at", "from")
        for i, w in enumerate(words[1:4], 1) if i + 1 < len(words)
    ):
        return True  # "A spokesman for the Association of Payment and Clearing Services said"
    return (
        1 < len(words) <= 6
        and fold(words[-1]) in _SPOKESPEOPLE
        and (fold(words[0]) in INDEFINITES or any(w.endswith(("'s", "’s")) for w in words))
    )


def _aside_pronoun(clause: list[str], form: TextForm) -> str | None:
    """"he", "she" or "they" when a clause ends in a speech verb set off by a comma after the
    words it reports ("Mr Blair has failed to tackle these problems, he claimed,"), else
    None."""
    chunks = [c for c in split_chunks(clause) if c]
    if len(chunks) < 2:
        return None
    words = [w for w in chunks[-1] if fold(w) not in ADVERBS]
    if len(words) == 2 and fold(words[0]) in ("he", "she", "they") and is_verb(words[1], form):
        return fold(words[0])
    return None


def _reported_description(subject: list[str]) -> bool:
    """Whether the words before a speech verb end with what another speech verb reports,
    a description and at most a relative clause set off after it: "Mr Kilroy-Silk said the
    man, who later disappeared," (before "claimed")."""
    for j in range(len(subject) - 2, 0, -1):
        if fold(subject[j]) not in _REPORTING or fold(subject[j + 1]) not in ("the", "a", "an"):
            continue
        rest = subject[j + 1 :]
        cut = rest.index(",") if "," in rest else len(rest)
        head, aside = rest[:cut], rest[cut:]
        return head[-1].islower() and not any(reads_as_verb(w) for w in head[1:]) and (
            not aside or (
                len(aside) > 2 and fold(aside[1]) in RELATIVES and aside[-1] == ","
            )
        )
    return False


# Speech verbs whose words follow with no one told: "said the man ... claimed".
_REPORTING = frozenset({"said", "says", "claimed", "claims", "added"})


def _staff_role(chunk: list[str]) -> bool:
    """Whether a subject is a post on the publication's own staff: "our correspondent",
    "our political editor"."""
    return 2 <= len(chunk) <= 4 and fold(chunk[0]) == "our" and all(
        w.islower() for w in chunk[1:]
    ) and fold(chunk[-1]) in _STAFF_POSTS


_STAFF_POSTS = frozenset({"correspondent", "editor", "reporter"})


def _pronoun_subject(clause: list[str]) -> str | None:
    """"he" or "she" as the subject of the last part of a clause a participle follows ("and
    in 1971, he memorably sat down with Michael Parkinson, asking:"), else None."""
    for chunk in reversed(split_chunks(clause)):
        words = [w for w in chunk if fold(w) not in LEADING]
        if not words:
            continue
        verb = 1
        while verb < len(words) - 1 and words[verb].islower() and (
            words[verb].endswith("ly") or fold(words[verb]) in ADVERBS
        ):
            verb += 1
        # "he" is a subject: the lowercase word after it (past adverbs) is its verb
        if len(words) > verb and fold(words[0]) in PRONOUNS and words[verb].islower():
            return fold(words[0])
        return None
    return None


def _subject_words(clause: list[str]) -> list[str]:
    """The words before a clause's first verb, after the last comma before it."""
    verb = next(
        (i for i, w in enumerate(clause[:10])
         if reads_as_verb(w) and not w.endswith(("'s", "’s"))),
        0,
    )
    words = clause[:verb]
    return words[max((i + 1 for i, w in enumerate(words) if w == ","), default=0) :]


def _passive(clause: list[str], i: int, by: bool = False) -> bool:
    """Whether the speech verb at ``i`` is a passive whose subject is the one spoken to or
    about ("Kevin Donnellon was asked:", "The rapper was criticised"), without ("was told")
    or, for ``by``, with the one who spoke after it ("was told by"); one "quoted as saying"
    or "reported to have said" is the speaker."""
    word = fold(clause[i])
    return (
        i > 0
        and fold(clause[i - 1]) in ("was", "were", "is", "are", "being", "been")
        and (word.endswith("ed") or word == "told")
        and word not in ("quoted", "reported", "said", "alleged")
        and (clause[i + 1 : i + 2] == ["by"]) == by
    )


def spoken_to(lead_in: list[str], quote: list[str]) -> bool:
    """Whether a partial quote opens with a speech verb its clause's subject is the object of
    ("Mourinho has been “reminded of his responsibilities”", "was “told to stay away”"): the
    words are someone else's, whoever the subject is."""
    clause = [*clause_before(lead_in), *quote[:2]]
    at = len(clause) - len(quote[:2])
    return bool(quote) and is_verb(quote[0], "raw") and _passive(clause, at)


def _progressive(clause: list[str], i: int) -> bool:
    """Whether the speech verb's -ing form at ``i`` is the verb of its clause, after "was" or
    "is" and a name ("Rockliff was telling RSN radio"), rather than a participle phrase
    ("Speaking to the BBC, ...")."""
    return (
        i > 1
        and fold(clause[i - 1]) in ("was", "is", "were", "are")
        and clause[i - 2][:1].isupper()
        and fold(clause[i - 2]) not in FUNCTION_WORDS | PRONOUNS | DETERMINERS
    )


def _after_subordinator(words: list[str]) -> list[str]:
    """The words of a subject after a subordinating word opening it and before an auxiliary
    closing it: "although the prime minister" and "the prime minister has" -> "the prime
    minister"."""
    if words and fold(words[0]) in SUBORDINATORS:
        words = words[1:]
    while len(words) > 1 and fold(words[-1]) in AUXILIARIES:
        words = words[:-1]
    return words


_PLURAL_AUXILIARIES = words("are were have do will would can could may might must should")


def _plural_head(words: list[str], at: int) -> bool:
    """Whether the word after a capitalized run is the plural noun the run describes, with
    a plural verb after it ("Church ministers are", "Police officers have"), not a verb."""
    return (
        at + 1 < len(words)
        and words[at].islower()
        and is_plural_noun(words[at])
        and fold(words[at + 1]) in _PLURAL_AUXILIARIES
    )


def _opens_according_to(clause: list[str], form: TextForm) -> bool:
    """Whether a sentence opens with its source, "According to X," before a clause with no
    speech verb of its own up to a "that" ("According to the report, Smith said" is
    Smith's)."""
    words = [w for w in clause if fold(w) not in LEADING]
    if len(words) < 4 or [fold(w) for w in words[:2]] != ["according", "to"] or (
        "," not in words[3:]
    ):
        return False
    for word in words[2:]:
        if fold(word) == "that":
            break
        if is_verb(word, form) and not is_participle(word):
            return False
    return True


_BE = words("is are was were be been being")
_VERB_GROUP = _BE | AUXILIARIES  # "has been", "was", "will be"


def _told_subject(words: list[str], at: int, form: TextForm) -> bool:
    """Whether the verb phrase at ``at`` makes its subject the one spoken to ("was told that",
    "had been informed by medics that", "were warned"); "was quoted as saying" speaks."""
    j = at
    while j < len(words) and (
        fold(words[j]) in _VERB_GROUP or fold(words[j]) in ADVERBS
    ):
        j += 1
    word = fold(words[j]) if j < len(words) else ""
    return (
        j > at
        and fold(words[j - 1]) in _BE
        and is_verb(word, form)
        and (word.endswith("ed") or word == "told")
        and word not in ("quoted", "reported", "said", "alleged")
    )


# Titles of one person, not the words of a post that may end an organization's name ("the
# Scottish Executive", "the White House", "the Republican").
_PERSON_TITLES = TITLES - words(
    """executive house republican democratic campaign press communications national security
    state foreign defence defense health finance interior senior junior top former acting
    minority majority crown vice deputy head chief whip boss mr mrs ms miss dr prof sir dame
    lord lady hon mp mep msp mk gov sen rep gen col lt capt sgt adm ceo cfo coo cto cio"""
)


def _bare_title(chunk: list[str]) -> list[str] | None:
    """The title of a chunk that is only "the" and a capitalized title, with words that say
    which before it ("The Judge", "the Home Secretary", "the outgoing European
    Commissioner"), else None."""
    words = [w for w in chunk if fold(w) not in LEADING]
    if len(words) < 2 or len(words) > 5 or fold(words[0]) != "the":
        return None
    start = 1
    while start < len(words) - 1 and words[start].islower() and not (
        fold(words[start]) in FUNCTION_WORDS or reads_as_verb(words[start])
    ):
        start += 1  # "outgoing"
    title = words[start:]
    if all(w[:1].isupper() and not w.isupper() and fold(w) not in FUNCTION_WORDS
           for w in title) and fold(title[-1]) in _PERSON_TITLES:
        return title
    return None


def is_role(words: list[str]) -> bool:
    """A definite description of one person by their role or nationality: "the presenter",
    "the long-running presenter", "the Gloucester fly-half", "the American", "Scotland's
    justice minister" (not "the magazine", nor "a spokesman for Tony Blair", who is someone
    else)."""
    if len(words) < 2 or len(words) > 5:
        return False
    if fold(words[0]) != "the" and not (
        words[0][:1].isupper() and words[0].endswith(("'s", "’s")) and words[-1].islower()
    ):
        return False
    link = next((i for i, w in enumerate(words) if fold(w) in ("of", "for")), 0)
    if 2 <= link < len(words) - 1 and fold(words[link - 1]) in TITLES and all(
        w[:1].isupper() for w in words[link + 1 :]
    ):
        words = words[:link]  # "the Labour MP for Birkenhead": a post and its place
    if any(fold(w) in ("of", "for", "to", "and", "at", "with") for w in words):
        return False
    head = words[-1]
    if AGE_NOUN.fullmatch(head):
        return True  # "the 34-year-old told"
    if any(AGE_NOUN.fullmatch(w) for w in words[1:-1]) and head.islower():
        return True  # "the 74-year-old comedian"
    if head.isupper() and fold(head) in TITLES:
        return True  # "the Labour MP", "the firm's CEO"
    if head[:1].isupper():
        return (len(words) == 2 or len(words) == 3 and bool(AGE_NOUN.fullmatch(words[1]))) and (
            (head.endswith(DEMONYM_ENDINGS) and not head.isupper()) or is_demonym(head)
            or fold(head) in NATIONALITY_NOUNS
        )  # "the American", "the Dutchman", "the Spaniard", "the 27-year-old Austrian"
    return fold(head) in ROLES or (
        fold(head).endswith(_AGENT_ENDINGS) and len(head) >= len("artist")
        and not reads_as_verb(head)
    )  # "the Chinese winemaker", "the artist" (not "insist")


# Endings of nouns for someone by what they do, past the list of roles.
_AGENT_ENDINGS = ("maker", "ist", "grapher", "keeper", "owner", "farmer", "worker", "officer")


_WORKS = words("""
song songs album albums single singles track tracks film films movie movies book books novel
novels play plays show shows series programme programmes poem poems record records hit hits
""")


_WORK_OPENERS = words("the a an one his her their its this that")


def _names_a_work(chunk: list[str]) -> bool:
    """Whether a chunk ends with a kind of work, so the name set off after it is the work's
    title ("One of his most controversial songs, Pump Up, contains the lyrics ..."), no one
    who speaks."""
    words = [w for w in chunk if fold(w) not in LEADING]
    return (
        len(words) > 1
        and (fold(words[0]) in _WORK_OPENERS or words[0].endswith(("'s", "’s")))
        and words[-1].islower()
        and fold(words[-1]) in _WORKS
    )  # not "Appearing on BBC Radio 4's Today programme, Mr Malik ..."


_JOINT = re.compile(
    r"(?:([a-z-]+) ){0,2}([A-Z][a-z]+ [A-Z][\w'’-]+) and (?:([a-z-]+) ){0,2}"
    r"([A-Z][a-z]+ [A-Z][\w'’-]+)"
)


def _joint_speakers(chunk: list[str]) -> str | None:
    """Two people who speak together, each by a first name the name data knows and a surname
    ("singer Gary Lightbody and drummer Jonny Quinn said"), as one speaker; else None."""
    words = [w for w in chunk if fold(w) not in LEADING or fold(w) == "and"]
    if words and fold(words[0]) in ROLES | TITLES:
        words[0] = words[0].lower()  # "Singer Gary Lightbody and ..." opening a sentence
    match = _JOINT.fullmatch(" ".join(words))
    if not match:
        return None
    posts = [w for w in " ".join(words).split() if w.islower() and w != "and"]
    names = (match.group(2), match.group(4))
    if any(fold(w) in FUNCTION_WORDS | DETERMINERS for w in posts) or not all(
        first_name_pronoun(n.split()[0]) for n in names
    ):
        return None  # "aides to David Cameron and Nick Clegg said": the aides speak
    return f"{names[0]} and {names[1]}"


def _thing_head(chunk: list[str]) -> bool:
    """Whether a subject opens with a thing described with a phrase of its own ("The letter
    sent directly to the IOC's president"), so the names apposed after it are not the
    subject; a person's role ("The head of the IOC", "The US ambassador") is not a thing."""
    words = [w for w in chunk if fold(w) not in LEADING]
    if len(words) < 3 or fold(words[0]) not in ("the", "a", "an", "this"):
        return False
    if any(fold(w) in AUXILIARIES for w in words):
        return False  # a clause: "The administration may be reluctant to act while ..."
    head = words[1:3] if len(words) > 3 and words[2].islower() and not reads_as_verb(
        words[2]
    ) and (fold(words[3]) in _THING_LINKS | _SENT) else words[1:2]
    link = words[len(head) + 1]
    if fold(link) in _SENT:
        rest = [w for w in words[len(head) + 2 :] if fold(w) not in ADVERBS and w != "directly"]
        if not rest or fold(rest[0]) not in _THING_LINKS:
            return False  # "The group released a statement": a clause, not a description
    elif fold(link) not in _THING_LINKS:
        return False  # no phrase after the noun: "The company, Acme Corp, said"
    return all(
        w.islower() and fold(w) not in ROLES and not AGE_NOUN.fullmatch(w) and not reads_as_verb(w)
        for w in head
    )


# Two capitalized words or more in a row: someone or something the sentence names.
_SUBORDINATE_OPENERS = frozenset({"until", "when", "after", "before", "because", "since", "if",
                                  "while", "although", "though", "unless", "once"})
_POST_LINKS = frozenset({"of", "the", "for", "at", "from", "to"})
_NAME_RUN = re.compile(r"\b[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)+")
_FINDING_VERBS = frozenset({"found", "finds", "concluded", "concludes"})
# "Oxfam says in a report": the subject of a verb of saying that names a report it said it in
_SAID_IN_REPORT = re.compile(
    r"\b((?:[A-Z][\w&'’-]*\s){1,4}?)(?:says|said|warns|warned|argues|argued|claims|claimed)"
    r"\s+in\s+(?:a|an|its|their)\s+(?:[a-z-]+\s+)?$"
)
_STUDIES = frozenset({"study", "report", "poll", "survey", "analysis", "review", "research"})
_TOLD_SUBJECT = 5  # words at most of a speaker after "recounted that"
_TOLD = frozenset({"me", "him", "her", "us", "them", "reporters"})  # "told me that"
_STATEMENT_OWNERS = frozenset({"a", "an", "the", "his", "her", "its", "their"})
_STATEMENTS = frozenset({"statement", "interview", "letter", "speech", "email", "e-mail", "memo",
                         "blog", "post", "tweet", "release", "note", "message", "broadcast"})
_OWN_WORDS = _STATEMENTS | {"account", "website"}
"""What speaks for its owner: "Mr Tanzi's statement", "the county's Twitter account"."""
_BEING = frozenset({"was", "were", "been", "is", "are", "be"})
_NICKNAMING = frozenset({"nicknamed", "dubbed", "aka", "alias"})
_WENT = frozenset({"went", "goes", "carried", "carries"})  # "She went on: “...”"
# Prepositions opening a phrase after a quote, whose verb is no speech verb ("“...” ahead of a
# general election predicted for next May").
_PHRASE_OPENERS = frozenset({"ahead", "during", "amid", "despite", "over", "with", "without",
                             "against", "about", "under", "for", "in", "on", "at", "of"})
# Descriptions that stand for the organization "it" would ("said the radio station", "the
# company said"); not "the group" or "the club", often another than the one named last.
_IT_NOUNS = frozenset({"station", "broadcaster", "company", "firm", "carmaker", "bank", "retailer",
                       "airline", "organisation", "organization", "charity", "watchdog", "union",
                       "agency"})
# "It added:" straight after a quote's closing mark, and how far back the sentence that led
# into that quote may name its statement.
_IT_WENT_ON = re.compile(r"[\"”]\s*[Ii]t\s+[a-z]+\s*[:,]?\s*$")
_STATEMENT_REACH = 120
# Bodies "the ministry" names by the word its name holds: "the Ministry of Communications".
_BODIES = frozenset({"ministry", "department", "committee", "council", "commission"})
# Court papers that speak for those who filed them: "..., the suit said".
_DOCUMENTS = frozenset({"suit", "lawsuit", "complaint", "filing", "indictment", "petition"})
_DOCUMENT_WORDS = 3  # words at most describing a court paper: "the hand-written ... suit"
# Participles that make a phrase describing a document: "the letter sent to ...".
_SENT = frozenset({"sent", "addressed", "written", "signed", "seen", "delivered", "drafted"})
_THING_LINKS = frozenset({"to", "for", "from", "by", "with", "on", "about"})


def _after_the(clause: list[str], name: str) -> bool:
    """Whether ``name`` is written after "the" in ``clause``: "the Scottish Executive", "the
    Foreign Office", an organization rather than a person."""
    first = name.split()[0]
    return any(
        t == first and i and fold(clause[i - 1]) == "the" for i, t in enumerate(clause)
    )


_PLACED_MODIFIER = re.compile(r"[A-Z][\w.]*-(?:based|born|listed|owned|headquartered) ")


def _story_description(words: list[str]) -> bool:
    """Whether a clause opens with "the" and a nationality or an age: how a story speaks of its
    own person ("The Australian", "The 28-year-old")."""
    return len(words) > 1 and fold(words[0]) == "the" and (
        is_demonym(words[1]) or bool(AGE_NOUN.fullmatch(words[1]))
    )


def _described_subject(clause: list[str]) -> int | None:
    """Where a clause's subject starts when it is a definite description of one person ("...
    and even Federer himself, the Swiss star is in a different league"), else None."""
    start = 0
    for i, word in enumerate(clause[:30]):
        if word in (",", ":"):
            start = i + 1
        elif i > start and word.islower() and reads_as_verb(word):
            words = [t for t in clause[start:i] if t not in QUOTE_TOKENS]
            while words and fold(words[0]) in LEADING:
                words = words[1:]
            if is_role(words):
                return start
    return None


_SUBORDINATE = frozenset({"as", "while", "when", "after", "because", "since"})
# What "the company denied" may call an organization its sentence named before.
_ORGANIZATION_NOUNS = frozenset({"company", "firm", "group", "organisation", "organization",
                                 "agency", "ministry", "department", "charity", "bank"})


def _common_head(chunk: list[str]) -> bool:
    """Whether a subject is a description that opens with "the" and ends with a noun in
    lowercase after a name ("the Commons standards and privileges committee"): the name
    qualifies the one speaking, whom the description does not name."""
    words = [w for w in chunk if fold(w) not in LEADING]
    return (
        len(words) > 2
        and fold(words[0]) == "the"
        and words[-1].isalpha()
        and words[-1].islower()
        and any(w[:1].isupper() for w in words[1:-1])
        and all(w[:1].isupper() or w in ("and", "of") or is_noun(w) for w in words[1:])
    )


def _inner_subject(subject: list[str]) -> int:
    """Where the subject of a clause joined by "when" or "while" inside the words before a
    speech verb begins ("... in 1934 when the host opened the envelope and"), when no comma
    ends that clause before the verb; else 0. Not after "as", which is as often a preposition
    ("as a deterrence to what it called")."""
    for i in range(len(subject) - 2, 0, -1):
        if (
            fold(subject[i]) in _SUBORDINATE - {"as"}
            and (fold(subject[i + 1]) in DETERMINERS or subject[i + 1][:1].isupper())
            and "," not in subject[i + 1 :]
        ):
            return i + 1
    return 0


def _main_clause(clause: list[str]) -> list[str]:
    """The words after the comma closing a clause that opens with a subordinator ("before
    Newcastle said ..., Bellamy insisted ..."), or nothing."""
    words = [w for w in clause if fold(w) not in LEADING]
    if len(words) < 4 or fold(words[0]) not in _OPENERS | {"even", "just"}:
        return []
    if fold(words[0]) in ("even", "just") and fold(words[1]) not in _OPENERS:
        return []
    comma = next((i for i, w in enumerate(clause) if w == ","), -1)
    return clause[comma + 1 :] if comma > 0 else []


_COPULAS = words("is are was were seems seemed")
_SPEECH_NOUNS = words(
    "suggestion suggestions claim claims remark remarks comment comments warning warnings "
    "promise pledge assertion insistence accusation accusations plea line quip quote"
)
# Words between someone's name and their words that keep the words theirs: "Cook’s full quote".
_WHOLE = words("full exact original")
_POSSESSIVE = ("'s", "’s")
_COUNTS = words(
    "two three four five six seven eight nine ten eleven twelve dozens hundreds thousands millions"
)
_OPENERS = frozenset({"before", "after", "when", "while", "although", "though", "since",
                      "because", "once", "until", "unless"})


def _inverted(clause: list[str], i: int) -> bool:
    """Whether a capitalized word follows the verb at ``i``: "..., said Mr Jain"."""
    return clause[i + 1 : i + 2] != [] and clause[i + 1][:1].isupper()


def _role_opens(words: list[str]) -> bool:
    """Whether a clause opens with a definite description of one person, up to a comma or its
    verb: "The 31-year-old was third", "The seventh seed, who has never ..."."""
    words = [w for w in words if fold(w) not in LEADING]
    end = next(
        (i for i, w in enumerate(words) if w == "," or (i and w.islower() and reads_as_verb(w))),
        len(words),
    )
    return is_role(words[:end]) or is_role(words[: end + 1])  # "seed" reads as a verb too


def _subordinate_start(clause: list[str]) -> int | None:
    """Where a clause joined by "as", "while", "when" ... begins, when a capitalized word (its
    subject) follows the joining word; None when there is no such clause."""
    for i in range(len(clause) - 2, 0, -1):
        if fold(clause[i]) in _SUBORDINATE and clause[i + 1][:1].isupper() and (
            fold(clause[i + 1]) not in SENTENCE_WORDS
        ):
            return i + 1
    return None


def ends_with_place(chunk: list[str]) -> bool:
    """"in Columbus" (but not "In April"), "MP for Henley-on-Thames": a place the next chunk
    may be the state or county of."""
    return (
        len(chunk) >= 2
        and fold(chunk[-2]) in ("in", "at", "from", "for")
        and chunk[-1][:1].isupper()
        and fold(chunk[-1]) not in NOT_NAMES
    )


def clause_after(tokens: list[str]) -> list[str]:
    for i, t in enumerate(tokens):
        if t in (".", ";", "!", "?", "``", "''", "“", "”", '"'):
            return tokens[:i]
    return tokens


def clause_before(tokens: list[str]) -> list[str]:
    for i in range(len(tokens) - 1, -1, -1):
        if tokens[i] in (".", "!", "?", "``", "''", "“", "”", '"'):
            return tokens[i + 1 :]
    return tokens


def subject_after_verb(tokens: list[str]) -> list[str]:
    """The words naming the speaker after an inverted verb, up to a preposition or a colon
    ("of" is kept inside a name: "Secretary of State John Kerry")."""
    out = []
    for i, t in enumerate(tokens):
        if t in (":", ";", ")"):
            break  # ")": the end of an aside the quote sits in
        if out and fold(t) in ("as", "because") and tokens[i + 1 : i + 2] != [] and (
            tokens[i + 1].islower()
        ):
            # "says Emma Gao as she races through the countryside": a clause of its own (not
            # "said the base chief known as Bob")
            break
        if fold(t) in ENDS_INVERTED_SUBJECT:
            if out and fold(t) == "of" and (
                out[-1][:1].isupper() or out == ["one"] or fold(out[-1]) in ROLES
            ):
                # "said one of their lawyers, Michalis Dimitrakopoulos", "said BA director of
                # commercial planning, Robert Boyle"
                out.append(t)
                continue
            break
        out.append(t)
    return out
