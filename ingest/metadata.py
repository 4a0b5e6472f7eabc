"""Document metadata: local authority, type, framework, dates, inspectors, visit ordinal, judgements."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from inspectkg.errors import UnrecognisedAuthority
from inspectkg.ontology import Authority, authorities, concept_by_id

from .readers import RawDocument

MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september",
     "october", "november", "december"], start=1)}
DAY_MONTH_YEAR = r"(\d{1,2})(?:st|nd|rd|th)?\s+(" + "|".join(MONTHS) + r")\s+(\d{4})"
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
            "eighth": 8, "ninth": 9, "tenth": 10}
HEAD = 4000


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


def find_authority(text: str) -> Authority | None:
    """The local authority the document is about: named in a title pattern ("inspection of X",
    "X children's services", "X Council"), else named most often; longer names win ties so that
    "North Northamptonshire" is not read as "Northamptonshire"."""
    best: tuple[int, int, int, Authority] | None = None
    for la in authorities():
        for name in la.names:
            hits = list(re.finditer(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])", text, re.I))
            if not hits:
                continue
            titled = sum(
                1 for m in hits
                if re.match(r"\s*(borough |city |county |metropolitan )*(council|children['’]s services)",
                            text[m.end() : m.end() + 40], re.I)
                or re.search(r"\b(inspection|visit) (of|to)\s*$", text[max(0, m.start() - 30) : m.start()], re.I)
            )
            score = (titled, len(hits), len(name))
            if best is None or score > best[:3]:
                best = (*score, la)
    return None if best is None else best[3]


def document_type(text: str, fmt: str) -> str:
    """Inspection, monitoring or focused visit letter, news summary, or other."""
    head = text[:HEAD].lower()
    if "monitoring visit" in head[:1500]:
        return "monitoring_visit"
    if "focused visit" in head[:1500]:
        return "focused_visit"
    if "inspection of" in head or "inspection dates" in head or "judgement" in head:
        if fmt == "pdf":
            return "inspection"
        if re.search(r"\bofsted (has )?(warned|said|found|highlighted)\b|\bsaid the report\b", text, re.I):
            return "news_summary"
        return "inspection"
    if re.search(r"\bofsted\b", head) and re.search(r"\b(rated|judged)\b", head):
        return "news_summary"
    return "other"


def judgements(text: str) -> dict[str, str]:
    """Judgement key -> grade, from lines that name a judgement and a grade."""
    grades = {label.lower(): g.id for g in concept_by_id("Grades").values() for label in g.cues}
    grade_re = "|".join(re.escape(x) for x in sorted(grades, key=len, reverse=True))
    out: dict[str, str] = {}
    keys = sorted(concept_by_id("JudgementKeys").values(), key=lambda k: -max(map(len, k.cues)))
    for line in text[: HEAD * 2].split("\n"):
        for key in keys:
            label = next((c for c in sorted(key.cues, key=len, reverse=True) if line.lower().startswith(c.lower())), None)
            if label is None:
                continue
            rest = line[len(label) :].strip().lower()
            m = re.match(rf"(is |are |was )?({grade_re})\b", rest)
            if m and key.id not in out:
                out[key.id] = grades[m.group(2)]
            break
    return out


def extract_metadata(doc: RawDocument) -> DocumentMetadata:
    """Read a document's metadata; raises UnrecognisedAuthority when no authority is named."""
    text = doc.text
    authority = find_authority(text)
    if authority is None:
        raise UnrecognisedAuthority(doc.path)
    meta = DocumentMetadata(authority=authority, document_type=document_type(text, doc.format))
    head = text[:HEAD]
    m = re.search(r"Inspection dates?:?\s*" + DAY_MONTH_YEAR + r"\s+(?:to|and|-|–)\s+" + DAY_MONTH_YEAR, head, re.I)
    if m:
        meta.inspection_start = _date(*m.groups()[:3])
        meta.inspection_end = _date(*m.groups()[3:])
    else:
        m = re.search(r"\bon\s+(\d{1,2})\s+and\s+" + DAY_MONTH_YEAR, head, re.I)
        if m:
            meta.inspection_start = _date(m.group(1), m.group(3), m.group(4))
            meta.inspection_end = _date(m.group(2), m.group(3), m.group(4))
    m = re.search(r"Lead inspector:?\s*([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){1,3})", head)
    if m:
        meta.lead_inspector = m.group(1).strip()
    m = re.search(r"inspectors were ([^.]+)\.", head)
    if m:
        names = re.findall(r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+),\s+Her Majesty", m.group(1))
        meta.inspectors = names
        if names and not meta.lead_inspector:
            meta.lead_inspector = names[0]
    m = re.search(r"\bthe (" + "|".join(ORDINALS) + r") monitoring visit", head, re.I)
    if m:
        meta.visit_ordinal = ORDINALS[m.group(1).lower()]
    m = re.search(r"judged (inadequate|requires improvement|good|outstanding) in (" + "|".join(MONTHS) + r") (\d{4})", head, re.I)
    if m:
        meta.earlier_grade = m.group(1).lower().replace(" ", "_")
        meta.earlier_inspection = f"{m.group(3)}-{MONTHS[m.group(2).lower()]:02d}"
    m = re.search(r"^\s*" + DAY_MONTH_YEAR + r"\s*$", head, re.I | re.M)
    if m:
        meta.published = _date(*m.groups())
    if meta.document_type == "inspection":
        meta.judgements = judgements(text)
        if "impact_of_leaders" in meta.judgements:
            meta.framework = "ILACS"
    elif meta.document_type in {"monitoring_visit", "focused_visit"}:
        meta.framework = "ILACS"
    return meta
