"""Structure: paragraphs, section headings, numbered paragraphs and sentences, with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspectkg.ontology import lexicon_terms

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = re.compile(
    r"(\b(e\.g|i\.e|etc|Mr|Mrs|Ms|Dr|No|vs|cf|approx|para|St|Cllr|Prof|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
    r"|\b[A-Z])\.$"
)
SENTENCE_END = re.compile(r"[.!?][\"”’)]*(?=\s+[\"“‘(]?[A-Z0-9•])")
BULLET = re.compile(r"^(?:[•\-\*–]|\(?[a-z]\)|\(?[ivx]+\))\s+")
NUMBER = re.compile(r"^(\d{1,3})\.\s+")


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


@dataclass(frozen=True)
class Paragraph:
    """A block of text between line breaks."""

    start: int
    end: int
    text: str


def paragraphs(text: str) -> list[Paragraph]:
    """Blocks separated by line breaks, trimmed, with offsets into text."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        raw = m.group(0)
        lead = len(raw) - len(raw.lstrip())
        body = raw.strip()
        if body:
            start = m.start() + lead
            out.append(Paragraph(start, start + len(body), body))
    return out


def _recommendation_headings() -> set[str]:
    return {h.lower() for h in lexicon_terms("RecommendationHeading")}


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
        if not bullet and number is None and is_heading(body):
            section = body
            out.append(Sentence(start, start + len(body), body, section, None, False, len(out)))
            continue
        for s, e, piece in split_sentences(body, start):
            out.append(Sentence(s, e, piece, section, number, bullet, len(out)))
    return out


def in_recommendation_section(section: str | None) -> bool:
    """Whether a section heading is one of the lexicon's recommendation headings."""
    return section is not None and section.strip().lower() in _recommendation_headings()
