"""Classification of one sentence: kind, polarity, practice areas, judgement area, teams, trajectory.

Deterministic rules over the ontology's lexicon (ontology/practice-areas.ttl, lexicon.ttl); each
decision records the words that made it in `cues`, so that every classification can say why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from inspectkg.ontology import concept_by_id, lexicon_patterns, lexicon_terms, practice_areas

from .structure import Sentence, in_recommendation_section

MAX_AREAS = 3


@dataclass(frozen=True)
class Classification:
    """What one sentence is, and why."""

    kind: str
    polarity: str
    practice_areas: tuple[str, ...]
    judgement_area: str | None
    teams: tuple[str, ...]
    trajectory: str | None
    cues: tuple[str, ...] = field(default=())


@cache
def _pattern(entry: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in lexicon_patterns(entry)), re.I)


def _term_regex(term: str) -> str:
    escaped = re.escape(term).replace(r"\ ", r"[\s-]+").replace("'", "['’]").replace("’", "['’]")
    if term.isupper():
        return rf"(?-i:\b{escaped}s?\b)"
    return rf"\b{escaped}\b"


@cache
def _area_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    out = []
    for area in practice_areas():
        terms = sorted(area.cues, key=len, reverse=True)
        out.append((area.id, re.compile("|".join(_term_regex(t) for t in terms), re.I)))
    return tuple(out)


@cache
def _grade_pattern() -> re.Pattern[str]:
    grades = [label for g in concept_by_id("Grades").values() for label in g.cues]
    return re.compile(r"\b(" + "|".join(re.escape(g) for g in sorted(grades, key=len, reverse=True)) + r")\b", re.I)


@cache
def _judgement_patterns() -> tuple[tuple[str, str | None, re.Pattern[str]], ...]:
    out = []
    for key in concept_by_id("JudgementKeys").values():
        labels = sorted(key.cues, key=len, reverse=True)
        area = _judgement_area_of_key(key.id)
        out.append((key.id, area, re.compile("|".join(re.escape(x) for x in labels), re.I)))
    return tuple(sorted(out, key=lambda t: -len(t[2].pattern)))


def _judgement_area_of_key(key: str) -> str | None:
    from inspectkg.ontology import IKG, ontology_graph

    g = ontology_graph()
    from rdflib import URIRef

    value = g.value(URIRef(concept_by_id("JudgementKeys")[key].iri), IKG.judgementArea)
    return None if value is None else str(value).rsplit("/", 1)[-1]


def practice_areas_of(text: str) -> tuple[list[str], list[str]]:
    """Practice areas whose cue terms occur in the text, most matches first, and the cues."""
    scored = []
    cues = []
    for area_id, pattern in _area_patterns():
        hits = [m.group(0) for m in pattern.finditer(text)]
        if hits:
            scored.append((len(hits), -text.lower().find(hits[0].lower()), area_id))
            cues.append(f"practice_area {area_id}: {', '.join(hits)}")
    scored.sort(reverse=True)
    return [a for _, _, a in scored[:MAX_AREAS]], cues


def teams_of(text: str) -> list[str]:
    """Teams, boards, panels and posts named in the sentence, as written."""
    heads = "|".join(re.escape(h) for h in sorted(lexicon_terms("TeamHead"), key=len, reverse=True))
    posts = "|".join(_term_regex(p) for p in sorted(lexicon_terms("Post"), key=len, reverse=True))
    generic = {g.lower() for g in lexicon_terms("GenericWorkforce")}
    found: list[str] = []
    pattern = re.compile(
        rf"((?:[A-Z][\w’'-]*\s+|(?:the\s+)?[a-z][\w’'-]*\s+){{0,4}}(?:{heads})\b(?:\s*\([A-Z]{{2,8}}s?\))?)", re.M
    )
    for m in pattern.finditer(text):
        phrase = re.sub(r"^(the|a|an|of|in|and|to|by|with|from|at|for|this|these|their|its)\s+", "", m.group(1).strip(), flags=re.I)
        words = phrase.split()
        while words and words[0].lower() in {"the", "a", "an", "of", "in", "and", "to", "by", "with", "this", "their"}:
            words = words[1:]
        phrase = " ".join(words)
        if len(words) >= 2 and phrase.lower() not in generic:
            found.append(phrase)
    for m in re.finditer(posts, text, re.I):
        if m.group(0).lower() not in generic:
            found.append(m.group(0))
    out: list[str] = []
    for t in found:
        if not any(t.lower() in o.lower() for o in out):
            out = [o for o in out if o.lower() not in t.lower()] + [t]
    return out


def classify(sentence: Sentence) -> Classification:
    """Classify one sentence by the lexicon's rules."""
    text = sentence.text
    cues: list[str] = []
    areas, area_cues = practice_areas_of(text)
    cues += area_cues
    for key, area, pattern in _judgement_patterns():
        if pattern.search(text) and _grade_pattern().search(text):
            grade = _grade_pattern().search(text)
            assert grade is not None
            polarity = "strength" if grade.group(0).lower() in {"good", "outstanding"} else "concern"
            return Classification("judgement", polarity, (), area, (), None, (f"judgement {key}: {grade.group(0)}",))
    strength = [m.group(0) for m in _pattern("StrengthCue").finditer(text)]
    concern = [m.group(0) for m in _pattern("ConcernCue").finditer(text)]
    if in_recommendation_section(sentence.section) and (sentence.bullet or sentence.paragraph is None):
        kind, polarity = "recommendation", "concern"
        cues.append(f"kind recommendation: section {sentence.section}")
    elif strength and concern:
        kind, polarity = "finding", "mixed"
    elif concern:
        kind, polarity = "finding", "concern"
    elif strength:
        kind, polarity = "finding", "strength"
    else:
        kind, polarity = "context", "neutral"
    if strength:
        cues.append(f"polarity strength: {', '.join(strength)}")
    if concern:
        cues.append(f"polarity concern: {', '.join(concern)}")
    trajectory = None
    for name, entry in (
        ("persisting", "PersistingCue"),
        ("declined", "DeclinedCue"),
        ("maintained", "MaintainedCue"),
        ("improved", "ImprovedCue"),
        ("new", "NewCue"),
    ):
        m = _pattern(entry).search(text)
        if m and kind != "context":
            trajectory = name
            cues.append(f"trajectory {name}: {m.group(0)}")
            break
    judgement_area = None
    if areas:
        judgement_area = concept_by_id("PracticeAreas")[areas[0]].broader
    if kind == "context":
        areas, judgement_area = [], None
    return Classification(kind, polarity, tuple(areas), judgement_area, tuple(teams_of(text)), trajectory, tuple(cues))
