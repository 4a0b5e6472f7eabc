"""Structure: paragraphs, section headings, numbered paragraphs and sentences, with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from inspectkg.ontology import lexicon_patterns, lexicon_terms

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = re.compile(
    r"(\b(e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|No|vs|cf|approx|para|St|Cllr|Prof|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"|\b[A-Z])\.$"
)
SENTENCE_END = re.compile(r"[.!?][\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9•])")
BULLET = re.compile(r"^(?:[•\-\*–]|\(?[a-z]\)|\(?[ivx]+\))\s+")
NUMBER = re.compile(r"^(\d{1,3})\.\s+")
ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,7}?)(s?)\)")
WORD = re.compile(r"[A-Za-z][\w’'-]*")
# Words an acronym may skip: "director of children's services (DCS)".
MINOR_WORDS = {"of", "and", "the", "for", "in", "on", "to", "&"}


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text exactly as text[start:end], and where it stands."""

    start: int
    end: int
    text: str
    section: str | None
    paragraph: int | None
    bullet: bool
    order: int
    heading: bool = False
    # Set after a running-text sentence that announces recommendations ("The report makes a number
    # of recommendations"), until the next heading: news summaries list them without a heading.
    after_recommendation_intro: bool = False
    # The sentences before this one in its paragraph, nearest last: what "This means that ..." is about.
    preceding: tuple[str, ...] = ()
    # Acronyms the document defines, "AST" -> "assessment and support teams": shared by its sentences.
    acronyms: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """A block of text between line breaks."""

    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Paragraph]:
    """Blocks separated by line breaks, trimmed, with offsets into text.

    A block that stops mid-sentence (no closing punctuation) and one that goes on in lower case are
    one paragraph: a page break or a stray blank line fell inside the sentence.
    """
    out: list[Paragraph] = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group(0)
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if not body:
            continue
        start = m.start() + lead
        if out and body[0].islower() and out[-1].text[-1] not in ".!?:;" and not BULLET.match(body):
            prev = out.pop()
            out.append(Paragraph(prev.start, start + len(body), text[prev.start : start + len(body)]))
        else:
            out.append(Paragraph(start, start + len(body), body))
    return out


@cache
def _recommendation_headings() -> frozenset[str]:
    return frozenset(h.lower() for h in lexicon_terms("RecommendationHeading"))


@cache
def _recommendation_intro() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in lexicon_patterns("RecommendationIntro")), re.I)


def is_heading(text: str) -> bool:
    """A short line with no closing punctuation that is not a list item: a section heading."""
    words = text.split()
    return (
        0 < len(words) <= 16
        and text[-1] not in ".:;?!,"
        and text[0].isupper()
        and not BULLET.match(text)
        and not NUMBER.match(text)
    )


def split_sentences(text: str, offset: int = 0) -> list[tuple[int, int, str]]:
    """Sentences of one paragraph as (start, end, text) with offsets shifted by `offset`."""
    out = []
    start = 0
    for m in SENTENCE_END.finditer(text):
        end = m.end()
        if ABBREVIATIONS.search(text[start:end]):
            continue
        piece = text[start:end].strip()
        if piece:
            lead = text.index(piece, start)
            out.append((offset + lead, offset + lead + len(piece), piece))
        start = end
    piece = text[start:].strip()
    if piece:
        lead = text.index(piece, start)
        out.append((offset + lead, offset + lead + len(piece), piece))
    return out


def sentences(text: str) -> list[Sentence]:
    """Every sentence of a document in reading order, with its section and paragraph number."""
    out: list[Sentence] = []
    section: str | None = None
    intro = False
    defined = tuple(sorted(acronyms(text).items()))
    for para in paragraphs(text):
        body, start = para.text, para.start
        number = None
        bullet = False
        m = NUMBER.match(body) or BULLET.match(body)
        if m:
            if m.re is NUMBER:
                number = int(m.group(1))
            else:
                bullet = True
            body, start = body[m.end() :], start + m.end()
        if not bullet and number is None and (is_heading(body) or in_recommendation_section(body)):
            section = body
            intro = False
            out.append(
                Sentence(
                    start,
                    start + len(body),
                    body,
                    section,
                    None,
                    False,
                    len(out),
                    heading=True,
                    acronyms=defined,
                )
            )
            continue
        before: list[str] = []
        for s, e, piece in split_sentences(body, start):
            intro = intro or bool(_recommendation_intro().search(piece))
            out.append(
                Sentence(
                    s,
                    e,
                    piece,
                    section,
                    number,
                    bullet,
                    len(out),
                    after_recommendation_intro=intro,
                    preceding=tuple(before),
                    acronyms=defined,
                )
            )
            before.append(piece)
    return out


def _initials_match(words: list[str], letters: str) -> bool:
    """Whether the words spell the acronym by their initials, minor words optional."""
    if not letters:
        return not words
    if not words:
        return False
    head, rest = words[0], words[1:]
    if head[0].lower() == letters[0].lower():
        parts = [p for p in re.split(r"[-/]", head) if p]
        # "Multi-Agency" may give "MA"
        if (
            len(parts) > 1
            and _initials_match(rest, letters[len(parts) :])
            and all(p[0].lower() == c.lower() for p, c in zip(parts, letters[: len(parts)], strict=False))
        ):
            return True
        if _initials_match(rest, letters[1:]):
            return True
    return head.lower() in MINOR_WORDS and _initials_match(rest, letters)


def acronyms(text: str) -> dict[str, str]:
    """Acronyms defined in the text as "long form (ACR)", with the head noun written after the
    parenthesis folded in: "assessment and support (AST) teams" defines AST as
    "assessment and support teams"."""
    out: dict[str, str] = {}
    heads = {h.lower() for h in lexicon_terms("TeamHead")}
    for m in ACRONYM.finditer(text):
        acronym, plural = m.group(1), m.group(2)
        if acronym in out or not any(c.isupper() for c in acronym[1:] or acronym):
            continue
        before = [w.group(0) for w in WORD.finditer(text[max(0, m.start() - 200) : m.start()])]
        after = WORD.match(text[m.end() :].lstrip())
        follower = after.group(0) if after and after.group(0).lower() in heads else None
        letters = acronym[:-1] if follower and acronym[-1].lower() == follower[0].lower() else acronym
        for n in range(1, min(len(before), 2 * len(acronym) + 2) + 1):
            words = before[-n:]
            if words[0].lower() not in MINOR_WORDS and _initials_match(words, letters):
                out[acronym] = " ".join(words + ([follower] if follower else []))
                break
        _ = plural
    return out


def in_recommendation_section(section: str | None) -> bool:
    """Whether a section heading is one of the lexicon's recommendation headings."""
    return section is not None and section.strip().rstrip("?:").strip().lower() in _recommendation_headings()
