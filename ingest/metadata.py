"""Document metadata: local authority, type, framework, dates, inspectors, visit ordinal, judgements."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from inspectkg.errors import UnrecognisedAuthority
from inspectkg.ontology import Authority, authorities, concept_by_id

if TYPE_CHECKING:
    from .readers import RawDocument

MONTH_NAMES = "january february march april may june july august september october november december"
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES.split(), start=1)}
MONTH = r"(" + "|".join(MONTHS) + r")"
DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
DAY_MONTH_YEAR = DAY + r"\s+" + MONTH + r",?\s+(\d{4})"
# "10 to 14 November 2025", "23 June to 4 July 2025", "26 November 2018 to 7 December 2018",
# "2 July 2014 – 23 July 2014", "16 and 17 December 2019".
DATE_RANGE = re.compile(
    DAY + r"(?:\s+" + MONTH + r")?(?:,?\s+(\d{4}))?\s*(?:to|and|until|-|–|—)\s*" + DAY_MONTH_YEAR, re.I
)
ORDINAL_WORDS = "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth"
ORDINALS = {w: i for i, w in enumerate(ORDINAL_WORDS.split(), start=1)}
# A person's name: capitalised words (and name particles), stopping before a title such as
# "Her Majesty's Inspector" that a PDF may set on the same line.
NAME_WORD = r"(?!(?:Her|His|HMI|Ofsted)\b)[A-Z][\w'’-]+"
NAME = rf"{NAME_WORD}(?:[ \t]+(?:{NAME_WORD}|de|van|von|da|del|le|la))*[ \t]+{NAME_WORD}"
INSPECTOR_ROLE = r"(?:Her|His) Majesty['’]s Inspector|HMI\b|Ofsted Inspector|Social Care Regulatory Inspector"
HEAD = 4000
TITLE = 600
NUMBERING = r"(?:\d{1,2}(?:\.\d{1,2})?\.?\s+)?"
# A name is the title's subject when Ofsted's title or address wording frames it.
TITLED_BEFORE = re.compile(
    r"\b(?:inspection|inspections|visit|review|letter) (?:of|to)(?: the)?\s+$"
    r"|\b(?:royal )?borough of\s+$|\bcity of\s+$",
    re.I,
)
TITLED_AFTER = re.compile(
    r"^\s+(?:local authority\s+)?children['’]s\s+(?:social care\s+)?services|"
    r"^\s+(?:(?:metropolitan|district|borough|city|county)\s+)*council\b",
    re.I,
)


@dataclass
class DocumentMetadata:
    """What a document says about itself."""

    authority: Authority
    document_type: str
    framework: str | None = None
    inspection_start: date | None = None
    inspection_end: date | None = None
    published: date | None = None
    lead_inspector: str | None = None
    inspectors: list[str] = field(default_factory=list)
    visit_ordinal: int | None = None
    earlier_inspection: str | None = None
    earlier_grade: str | None = None
    judgements: dict[str, str] = field(default_factory=dict)
    title: str | None = None


def _date(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), MONTHS[month.lower()], int(day))
    except (KeyError, ValueError):
        return None


@cache
def _grades() -> tuple[dict[str, str], str]:
    """Grade wording (lower case) -> grade id, and one regex alternation for all of it."""
    words: dict[str, str] = {}
    alternatives = []
    for grade in concept_by_id("Grades").values():
        for cue in grade.cues:
            words[cue.lower()] = grade.id
            alternatives.append(r"\s+".join(map(re.escape, cue.split())))
        alternatives.extend(grade.patterns)
    return words, "|".join(sorted(alternatives, key=len, reverse=True))


def grade_id(words: str) -> str | None:
    """The grade id of a grade as worded ("Requires Improvement", "require improvement to be good")."""
    folded = " ".join(words.lower().split())
    table, _ = _grades()
    if folded in table:
        return table[folded]
    for grade in concept_by_id("Grades").values():
        if any(re.fullmatch(p, folded, re.I) for p in grade.patterns):
            return grade.id
    return None


@cache
def _row() -> re.Pattern[str]:
    """A judgement-table row or judgement sentence: optional numbering, a judgement label, a grade."""
    labels = []
    for key in concept_by_id("JudgementKeys").values():
        alts = [r"\s+".join(map(re.escape, cue.split())) for cue in key.cues] + list(key.patterns)
        labels.append(f"(?P<{key.id}>{'|'.join(sorted(alts, key=len, reverse=True))})")
    _, grades = _grades()
    return re.compile(
        rf"^\s*{NUMBERING}(?:{'|'.join(labels)})\s*:?\s*(?:(?:is|are|was|were|has been|remains?|judged)\s+)*"
        rf"(?:to be\s+)?(?P<grade>{grades})\s*\.?\s*$",
        re.I,
    )


def judgement_row(line: str) -> tuple[str, str] | None:
    """(judgement key, grade id) when a line states one judgement and its grade, else None."""
    m = _row().match(line)
    if not m:
        return None
    key = next(k for k, v in m.groupdict().items() if v is not None and k != "grade")
    grade = grade_id(m.group("grade"))
    return None if grade is None else (key, grade)


def is_judgement_row(line: str) -> bool:
    """Whether a line is a complete row of a judgement table."""
    return judgement_row(line) is not None


def starts_with_grade(line: str) -> bool:
    """Whether a line opens with a grade, or a grade's first word ("Requires"), as table cells do."""
    _, grades = _grades()
    return re.match(rf"\s*(?:{grades}|requires?\b|to be good\b)", line, re.I) is not None


def grade_continues(current: str, following: str) -> bool:
    """Whether `following` completes a grade split over lines ("Requires" / "Improvement")."""
    # The anchored test of the next line first: the paragraph so far can be long.
    return bool(
        re.match(r"\s*(?:improvement|to be good)\b", following, re.I)
        and re.search(r"\brequires?(?:\s+improvement)?\s*$", current, re.I)
    )


@cache
def _authority_names() -> tuple[re.Pattern[str], dict[str, Authority]]:
    by_name: dict[str, Authority] = {}
    for la in authorities():
        for name in la.names:
            by_name.setdefault(name, la)
    # Longest names first, so "North Northamptonshire" is matched whole, never as "Northamptonshire".
    names = sorted(by_name, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, names)) + r")(?![\w-])")
    return pattern, by_name


def find_authority(text: str) -> Authority | None:
    """The local authority the document is about: the first one framed as a title's subject
    ("Inspection of X", "X children's services", "X Council"), else the one named most often.
    Names match case-sensitively, so the verb "reading" is not Reading; an address in a letterhead
    ("Manchester M1 2WD") is not framed as a subject."""
    pattern, by_name = _authority_names()
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for m in pattern.finditer(text):
        la = by_name[m.group(1)]
        before, after = text[max(0, m.start() - 40) : m.start()], text[m.end() : m.end() + 60]
        if TITLED_BEFORE.search(before) or TITLED_AFTER.match(after):
            return la
        counts[la.iri] += 1
        first.setdefault(la.iri, m.start())
    if not counts:
        return None
    best = max(counts, key=lambda iri: (counts[iri], -first[iri]))
    return next(la for la in by_name.values() if la.iri == best)


def document_type(text: str, fmt: str) -> str:
    """Inspection, monitoring or focused visit letter, news summary, or other, from the title."""
    title = text[:TITLE].lower()
    # The earliest of the title phrases decides: a report's body may mention an earlier visit.
    m = re.search(r"monitoring visit|focused visit|inspection of", title)
    if m and m.group(0) != "inspection of":
        return m.group(0).replace(" ", "_")
    if fmt != "pdf" and re.search(
        r"\bofsted (has )?(warned|said|found|highlighted)\b|\bsaid the report\b", text, re.I
    ):
        return "news_summary"
    head = text[:HEAD].lower()
    if (
        "inspection of" in title
        or "inspection dates" in head
        or "inspection date:" in head
        or "judgement" in head
    ):
        return "inspection"
    if re.search(r"\bofsted\b", head) and re.search(r"\b(rated|judged)\b", head):
        return "news_summary"
    return "other"


def judgements(text: str) -> dict[str, str]:
    """Judgement key -> grade, from the first line that states each judgement with its grade."""
    out: dict[str, str] = {}
    for line in text.split("\n"):
        row = judgement_row(line)
        if row is not None and row[0] not in out:
            out[row[0]] = row[1]
    return out


def _dates(meta: DocumentMetadata, head: str) -> None:
    anchor = re.search(r"inspection dates?", head, re.I)
    for m in DATE_RANGE.finditer(head, anchor.start() if anchor else 0):
        day1, month1, year1, day2, month2, year2 = m.groups()
        end = _date(day2, month2, year2)
        start = _date(day1, month1 or month2, year1 or year2)
        if start and end and start <= end:
            meta.inspection_start, meta.inspection_end = start, end
            return
    one = re.search(
        r"(?:inspection date|visit date|date of visit)s?:?\s*"
        + DAY_MONTH_YEAR
        + r"|visit\b[^.]{0,80}?\bon "
        + DAY_MONTH_YEAR,
        head,
        re.I,
    )
    if one:
        found = [g for g in one.groups() if g is not None]
        meta.inspection_start = meta.inspection_end = _date(*found[:3])


def _inspectors(meta: DocumentMetadata, text: str) -> None:
    head = text[:HEAD]
    m = re.search(r"Lead (?:social care )?inspector:?[ \t]*(" + NAME + ")", text)
    if m:
        meta.lead_inspector = m.group(1).strip()
    names: list[str] = []
    m = re.search(r"inspectors were ([^.]+)\.", head)
    if m:
        names = re.findall(r"(" + NAME + r"),\s+(?:" + INSPECTOR_ROLE + ")", m.group(1))
    m = re.search(r"Team inspectors?:?[ \t]*([^\n]+)", text)
    if m:
        names += [n.strip() for n in re.split(r",|\band\b", m.group(1)) if re.fullmatch(NAME, n.strip())]
    if meta.lead_inspector is None and names:
        meta.lead_inspector = names[0]
    lead = [meta.lead_inspector] if meta.lead_inspector else []
    meta.inspectors = list(dict.fromkeys(lead + names))


def _earlier(meta: DocumentMetadata, head: str) -> None:
    """The earlier inspection a letter or report looks back to: "judged inadequate in January 2019",
    "since the inspection in 2019, when they were judged to be inadequate"."""
    _, grades = _grades()
    m = re.search(rf"judged(?: to be)? ({grades})(?: overall)? in {MONTH} (\d{{4}})", head, re.I)
    if m:
        meta.earlier_grade = grade_id(m.group(1))
        meta.earlier_inspection = f"{m.group(3)}-{MONTHS[m.group(2).lower()]:02d}"
        return
    m = re.search(
        rf"inspection in (?:{MONTH} )?(\d{{4}}),? when [^.]{{0,120}}?"
        rf"\b(?:judged|judgement was)(?: to be)? ({grades})",
        head,
        re.I,
    )
    if m:
        month, year, grade = m.groups()
        meta.earlier_grade = grade_id(grade)
        meta.earlier_inspection = f"{year}-{MONTHS[month.lower()]:02d}" if month else year


def _title(text: str) -> str | None:
    """The document's title line: the line naming the inspection or visit, else the first line."""
    lines = [ln.strip() for ln in text[:TITLE].split("\n") if ln.strip()]
    titled = next(
        (ln for ln in lines if re.match(r"(inspection|monitoring visit|focused visit)\b", ln, re.I)), None
    )
    return titled or (lines[0] if lines else None)


def _framework(meta: DocumentMetadata, text: str) -> str | None:
    sif = {"children_looked_after", "leadership_management_governance", "adoption_performance", "lscb"}
    if sif & meta.judgements.keys() or re.search(r"single inspection framework", text[:HEAD], re.I):
        return "SIF"
    if meta.judgements or meta.document_type in {"monitoring_visit", "focused_visit"}:
        return "ILACS"
    if meta.document_type == "inspection" and re.search(
        r"local authority children['’]s services", text[:TITLE], re.I
    ):
        return "ILACS"
    return None


def extract_metadata(doc: RawDocument) -> DocumentMetadata:
    """Read a document's metadata; raises UnrecognisedAuthority when no authority is named."""
    text = doc.text
    authority = find_authority(text[:TITLE]) or find_authority(text)
    if authority is None:
        raise UnrecognisedAuthority(doc.path)
    meta = DocumentMetadata(authority=authority, document_type=document_type(text, doc.format))
    head = text[:HEAD]
    meta.title = _title(text)
    _dates(meta, head)
    _inspectors(meta, text)
    m = re.search(r"\bthe (" + "|".join(ORDINALS) + r") monitoring visit", head, re.I)
    if m:
        meta.visit_ordinal = ORDINALS[m.group(1).lower()]
    _earlier(meta, head)
    m = re.search(
        r"(?:report published|published|date of letter):?\s*" + DAY_MONTH_YEAR, head, re.I
    ) or re.search(r"^\s*" + DAY_MONTH_YEAR + r"\s*$", head, re.I | re.M)
    if m:
        meta.published = _date(*m.groups()[-3:])
    if meta.document_type in {"inspection", "news_summary"}:
        meta.judgements = judgements(text)
    meta.framework = _framework(meta, text)
    return meta
