"""Classification of one sentence: kind, polarity, practice areas, judgement area, teams, trajectory.

Deterministic rules over the ontology's lexicon (ontology/practice-areas.ttl, lexicon.ttl); each
decision records the words that made it in `cues`, so that every classification can say why.
"""

from __future__ import annotations

import re
import re._constants as sre_constants
import re._parser as sre_parse
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise
from typing import Any

from rdflib import URIRef

from inspectkg.ontology import (
    IKG,
    concept_by_id,
    lexicon_entries,
    lexicon_patterns,
    lexicon_terms,
    ontology_graph,
    practice_areas,
)

from .structure import Sentence, in_recommendation_section

MAX_AREAS = 3
# Leadership is evaluated in every section; the other judgement areas only in their own.
CROSS_CUTTING_AREA = "leadership"
POSITIVE_GRADES = {"good", "outstanding"}
# "weekly permanence and care planning panels": words a team name may carry before its head noun.
MAX_TEAM_MODIFIERS = 5
NEGATION_WINDOW_WORDS = 3
# "Overall effectiveness was judged to be inadequate": the grade follows its key within a few words.
JUDGEMENT_GAP_WORDS = 6
# A sentence that names no area continues the main topic of the one before: its most specific area.
INHERITED_AREAS = 1


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


Span = tuple[int, int, str]


def _escaped_term(term: str) -> str:
    return re.sub("['’]", "['’]", re.escape(term).replace(r"\ ", r"[\s-]+"))


def _term_regex(term: str) -> str:
    if term.isupper():
        return rf"(?-i:\b{_escaped_term(term)}s?\b)"
    return rf"\b{_escaped_term(term)}(?:s|es)?\b"


# Text where str.lower() agrees with the case folding of re.I: ASCII and typographic punctuation
# (no "ſ", "ı", "K" or "İ", which re.I matches to ASCII letters).
_PLAIN_TEXT = re.compile("[\\x00-\\x7f\u00a0‘’“”–—•…]*")
_WORD = re.compile(r"\w+")
_NEVER = re.compile("(?!)")


def _lowered(text: str) -> str | None:
    """The text lower-cased where that agrees with re.I's case folding (plain text), else None."""
    return text.lower() if _PLAIN_TEXT.fullmatch(text) else None


# A containment test of more needles costs more than the scan it would spare.
MAX_NEEDLES = 64
# Beginnings read for the word index (`_indexed`), where their number costs nothing per text.
MAX_BEGINNINGS = 4096


def _needles(sources: list[str]) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """Literal beginnings of the patterns' matches (every match starts with one of them), and
    their first words where every match also begins at a word boundary.

    Read from the parsed patterns: literals, small sets of letters, alternatives and optional parts
    are followed until anything else (a longer repeat, a class); lookarounds consume nothing and are
    passed over; "contacts? (and|to) referrals?" begins with "contact and referral" or three more.
    None where some match could begin otherwise, or where there would be too many (more than
    MAX_BEGINNINGS); the needles alone are None where there are more than MAX_NEEDLES.
    """
    found: set[str] = set()
    bounded = True
    for source in sources:
        try:
            items = list(sre_parse.parse(source))
        except re.error:
            return None, None
        found |= _beginnings(items, {""})[0]
        bounded = bounded and _at_word_start(items)
    if not found or "" in found or len(found) > MAX_BEGINNINGS:
        return None, None
    # A needle that begins with another adds nothing to a test of containment.
    needles = tuple(sorted(n for n in found if not any(n[:end] in found for end in range(1, len(n)))))
    tested = needles if len(needles) <= MAX_NEEDLES else None
    words = [_WORD.match(n) for n in needles]
    if not bounded or not all(words):
        return tested, None
    return tested, tuple(sorted({w.group(0) for w in words if w}))


def _at_word_start(items: list[Any]) -> bool:
    """Whether a parsed pattern matches only from a word boundary or the start of the text."""
    while items and items[0][0] in {sre_constants.ASSERT, sre_constants.ASSERT_NOT}:
        items = items[1:]
    if not items:
        return False
    op, arg = items[0]
    if op is sre_constants.AT:
        return arg in {
            sre_constants.AT_BOUNDARY,
            sre_constants.AT_BEGINNING,
            sre_constants.AT_BEGINNING_STRING,
        }
    if op is sre_constants.SUBPATTERN:
        return _at_word_start(list(arg[3]))
    if op is sre_constants.BRANCH:
        return all(_at_word_start(list(alternative)) for alternative in arg[1])
    return False


def _beginnings(items: list[Any], heads: set[str]) -> tuple[set[str], bool]:
    """The heads extended by a parsed sequence, and whether all of it was read (False: stopped)."""
    for op, arg in items:
        if op in {sre_constants.AT, sre_constants.ASSERT, sre_constants.ASSERT_NOT}:
            continue
        if op is sre_constants.LITERAL:
            heads = {h + chr(arg) for h in heads}
        elif op is sre_constants.IN and len(arg) <= 4 and all(o is sre_constants.LITERAL for o, _ in arg):
            heads = {h + chr(c) for h in heads for _, c in arg}
        elif op is sre_constants.SUBPATTERN:
            heads, whole = _beginnings(list(arg[3]), heads)
            if not whole:
                return heads, False
        elif op is sre_constants.BRANCH:
            branches = [_beginnings(list(alternative), heads) for alternative in arg[1]]
            heads = {h for found, _ in branches for h in found}
            if not all(whole for _, whole in branches):
                return heads, False
        elif op in {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT} and arg[:2] == (0, 1):
            # "(new )?": with it or without it.
            extended, whole = _beginnings(list(arg[2]), heads)
            heads = heads | extended
            if not whole:
                return heads, False
        elif op in {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT} and arg[0] >= 1:
            # "x+": its first repeat at least.
            return _beginnings(list(arg[2]), heads)[0], False
        else:
            return heads, False
        if len(heads) > MAX_BEGINNINGS:
            return heads, False
    return heads, True


@dataclass(frozen=True)
class _Matcher:
    """A case-insensitive pattern of the lexicon, matched fast where the text allows it.

    Python's regex engine skips an alternative on its first letter only when it matches with case,
    so the lexicon's long alternations run two to four times faster on lower-cased text with the
    pattern lower-cased (escapes keep their case: \\W is not \\w). Plain text (`_PLAIN_TEXT`) is
    matched so; other text, and a pattern with inline flags or named groups, by the re.I pattern.
    Acronyms among terms ("DCS") keep their case: they are matched as written, beside the rest.
    """

    anycase: re.Pattern[str]
    folded: re.Pattern[str] | None
    cased: re.Pattern[str] | None = None
    # Strings one of which lower-cased plain text must contain for a match (None: no such filter).
    needles: tuple[str, ...] | None = None
    # The first words of the needles, where every match begins at a word boundary (`_scan`).
    word_starts: tuple[str, ...] | None = None
    # Its name in the word index (`_indexed`); "" for a matcher outside it.
    key: str = ""

    @classmethod
    def of_pattern(cls, source: str, key: str = "") -> _Matcher:
        if re.search(r"\(\?[-a-zA-Z]|\(\?P", source):
            return cls(re.compile(source, re.I), None)
        lowered = re.sub(
            r"\\.|[A-Z]+", lambda m: m.group(0) if m.group(0)[0] == "\\" else m.group(0).lower(), source
        )
        return cls(re.compile(source, re.I), re.compile(lowered), None, *_needles([lowered]), key)

    @classmethod
    def of_terms(cls, terms: Sequence[str], key: str = "") -> _Matcher:
        """Terms matched at word starts, longest first, with a plural ending ("panels")."""
        ordered = sorted(terms, key=len, reverse=True)
        acronyms = [rf"\b{_escaped_term(t)}s?\b" for t in ordered if t.isupper()]
        folded = "|".join(_term_regex(t.lower()) for t in ordered if not t.isupper())
        return cls(
            re.compile("|".join(_term_regex(t) for t in ordered), re.I),
            re.compile(folded) if folded else _NEVER,
            re.compile("|".join(acronyms)) if acronyms else None,
            *_needles([p for p in (folded, "|".join(acronyms).lower()) if p]),
            key,
        )

    def spans(self, text: str) -> list[Span]:
        """Non-overlapping matches, leftmost first (and longest, where acronyms overlap terms)."""
        scan = _scan(text)
        lowered = scan.lowered
        if self.folded is None or lowered is None:
            return [
                (m.start(), m.end(), m.group(0)) for m in self.anycase.finditer(text) if m.end() > m.start()
            ]
        if self.key in scan.indexed:
            # Every match begins at one of these word starts: trying the pattern there alone finds
            # what finditer finds (the matches of a pattern read from `pos` see the text before it).
            found = []
            reached = 0
            for start in scan.starts.get(self.key, ()):
                if start >= reached and (m := self.folded.match(lowered, start)) and m.end() > start:
                    found.append(m.span())
                    reached = m.end()
        elif self.needles is not None and not any(n in lowered for n in self.needles):
            return []
        else:
            found = [m.span() for m in self.folded.finditer(lowered)]
        if self.cased is not None:
            found += [m.span() for m in self.cased.finditer(text)]
            found.sort(key=lambda span: (span[0], -span[1]))
        out: list[Span] = []
        for start, end in found:
            if end > start and (not out or start >= out[-1][1]):
                out.append((start, end, text[start:end]))
        return out


@cache
def _area_patterns() -> tuple[tuple[str, _Matcher], ...]:
    """One regex for an area's cue terms and one per extra pattern.

    Apart, so that each finds its own longest match: in one alternation the term "workforce" would
    hide the pattern "workforce strategy", and "not in education" the term "education, employment
    or training"; `_areas` then keeps the longest of overlapping matches.
    """
    out: list[tuple[str, _Matcher]] = []
    for area in practice_areas():
        if area.cues:
            out.append((area.id, _Matcher.of_terms(area.cues, f"area {len(out)}")))
        for p in area.patterns:
            out.append((area.id, _Matcher.of_pattern(p, f"area {len(out)}")))
    return tuple(out)


@cache
def _indexed() -> dict[str, frozenset[str]]:
    """The word index: for each first word of a needle, the matchers whose matches may begin with
    it (those of the practice areas, of every lexicon entry and of posts).

    Each such matcher matches only from a word boundary with one of its needles (`_needles`), so
    only at the start of a word that begins with the needle's first word ("contact" for "contacts?
    (and|to) referrals?"). The words of a text are looked up once for all matchers (`_scan`), and a
    matcher tries its pattern only where they begin: testing each of ~100 matchers on every
    sentence, and scanning each sentence for each, took most of the classification time.
    """
    matchers = [m for _, m in _area_patterns()]
    matchers += [_lexicon_matcher(entry) for entry in lexicon_entries()]
    matchers.append(_post_matcher())
    index: dict[str, set[str]] = {}
    for matcher in matchers:
        for word in matcher.word_starts or ():
            index.setdefault(word, set()).add(matcher.key)
    return {word: frozenset(keys) for word, keys in index.items()}


@cache
def _indexed_keys() -> frozenset[str]:
    return frozenset(key for keys in _indexed().values() for key in keys)


@lru_cache(maxsize=1 << 16)
def _word_keys(word: str) -> frozenset[str]:
    """The matchers that may match from the start of this word: those of its beginnings."""
    index = _indexed()
    keys: set[str] = set()
    for end in range(1, len(word) + 1):
        keys.update(index.get(word[:end], ()))
    return frozenset(keys)


@dataclass(frozen=True)
class _Scan:
    """A text lower-cased (None where it is not plain) and, for each indexed matcher, the word starts
    where its matches may begin."""

    lowered: str | None
    starts: dict[str, list[int]]
    # The matchers these starts are complete for (none, for text that is not plain).
    indexed: frozenset[str]


@lru_cache(maxsize=1 << 14)
def _scan(text: str) -> _Scan:
    lowered = _lowered(text)
    if lowered is None:
        return _Scan(None, {}, frozenset())
    starts: dict[str, list[int]] = {}
    for m in _WORD.finditer(lowered):
        for key in _word_keys(m.group(0)):
            starts.setdefault(key, []).append(m.start())
    return _Scan(lowered, starts, _indexed_keys())


@cache
def _area_index() -> tuple[dict[str, int], tuple[int, ...]]:
    """The position of each indexed area matcher in `_area_patterns`, and those of the others."""
    indexed = _indexed_keys()
    patterns = _area_patterns()
    positions = {m.key: i for i, (_, m) in enumerate(patterns) if m.key in indexed}
    return positions, tuple(i for i, (_, m) in enumerate(patterns) if m.key not in indexed)


def _area_candidates(scan: _Scan) -> list[int]:
    """The area matchers that may match a text, in their order: those whose word starts it has,
    and those the word index cannot tell about (every one, for text that is not plain)."""
    if not scan.indexed:
        return list(range(len(_area_patterns())))
    positions, others = _area_index()
    return sorted([*others, *(positions[k] for k in scan.starts if k in positions)])


@cache
def _generic_area_cues() -> frozenset[str]:
    return frozenset(t.lower() for t in lexicon_terms("GenericAreaCue"))


@cache
def _grade_pattern() -> re.Pattern[str]:
    grades = [label for g in concept_by_id("Grades").values() for label in g.cues]
    return re.compile(
        r"\b(" + "|".join(re.escape(g) for g in sorted(grades, key=len, reverse=True)) + r")\b", re.I
    )


@cache
def _judgement_patterns() -> tuple[tuple[str, str | None, re.Pattern[str]], ...]:
    out = []
    for key in concept_by_id("JudgementKeys").values():
        labels = sorted(key.cues, key=len, reverse=True)
        area = _judgement_area_of_key(key.id)
        out.append((key.id, area, re.compile("|".join(re.escape(x) for x in labels), re.I)))
    return tuple(sorted(out, key=lambda t: -len(t[2].pattern)))


def _judgement_area_of_key(key: str) -> str | None:
    g = ontology_graph()

    value = g.value(URIRef(concept_by_id("JudgementKeys")[key].iri), IKG.judgementArea)
    return None if value is None else str(value).rsplit("/", 1)[-1]


def practice_areas_of(
    text: str, section_area: str | frozenset[str] | None = None
) -> tuple[list[str], list[str]]:
    """Practice areas the sentence names, most specific first, and the cues (see `_areas`).

    `section_area` is the judgement area (or areas) of the section the sentence stands in.
    """
    admitted = frozenset([section_area]) if isinstance(section_area, str) else section_area
    areas, cues = _areas(text, admitted)
    return list(areas), list(cues)


# The sentences before a sentence are read again for the areas it inherits.
@lru_cache(maxsize=4096)
def _areas(text: str, section_areas: frozenset[str] | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Practice areas the sentence names, most specific first, and the cues.

    Where cue matches overlap the longest wins ("care plans" is care planning, not "plans"); areas
    named only by a generic cue ("plans", "managers") rank after the others, and are dropped when
    they belong to another judgement area than the section the sentence stands in.
    """
    hits: list[tuple[int, int, str, str]] = []
    patterns = _area_patterns()
    for i in _area_candidates(_scan(text)):
        area_id, matcher = patterns[i]
        hits += [(start, end, area_id, said) for start, end, said in matcher.spans(text)]
    # A term and a pattern of one area may both match the same words: count them once.
    hits = sorted({h[:3]: h for h in hits}.values(), key=lambda h: (h[0] - h[1], h[0]))
    blocked = _spans("AreaBlocker", text)
    hits = [h for h in hits if not any(b[0] <= h[0] and h[1] <= b[1] for b in blocked)]
    kept: list[tuple[int, int, str, str]] = []
    for h in hits:
        if not any(h[0] < k[1] and k[0] < h[1] and (k[0], k[1]) != (h[0], h[1]) for k in kept):
            kept.append(h)
    kept = [h for h in kept if not _qualified_head(h, kept, text)]
    generic = _generic_area_cues()
    scored: dict[str, list[tuple[int, str]]] = {}
    for start, _end, area_id, word in sorted(kept):
        scored.setdefault(area_id, []).append((start, word))

    def rank(area: str) -> tuple[int, int, int]:
        specific = sum(w.lower() not in generic for _, w in scored[area])
        return (-min(specific, 1), -len(scored[area]), scored[area][0][0])

    by_id = concept_by_id("PracticeAreas")

    def kept_generic(area: str) -> bool:
        broader = by_id[area].broader
        return section_areas is None or broader in section_areas | {CROSS_CUTTING_AREA}

    population = _words("PopulationAreaCue")

    admitted = [a for a in sorted(scored, key=rank) if rank(a)[0] < 0 or kept_generic(a)]

    def only_population(area: str) -> bool:
        """Named only by whom it concerns ("care leavers") beside a more specific area of its kind."""
        return all(w.lower() in population for _, w in scored[area]) and any(
            other != area and by_id[other].broader == by_id[area].broader for other in admitted
        )

    accompanying = _words("AccompanyingAreaCue")

    def outranked_generic(area: str) -> bool:
        """Named only by words that accompany another leadership area, beside one named specifically.

        "Audits do not always lead to ... learning is embedded": the sentence evaluates audit, and
        "learning" is what audit is for, not the training of the workforce; "an improvement board
        ... to offer additional scrutiny and challenge" is about the board, not casework oversight.
        """
        return (
            all(w.lower() in accompanying for _, w in scored[area])
            and by_id[area].broader == CROSS_CUTTING_AREA
            and any(
                other != area and rank(other)[0] < 0 and by_id[other].broader == by_id[area].broader
                for other in admitted
            )
        )

    ranked = [a for a in admitted if not only_population(a) and not outranked_generic(a)][:MAX_AREAS]
    cues = [f"practice_area {a}: {', '.join(w for _, w in scored[a])}" for a in ranked]
    return tuple(ranked), tuple(cues)


# "a strategy to respond to contextual safeguarding": the words between a head noun and the area it serves.
QUALIFIER_GAP_WORDS = 4


def _qualified_head(hit: tuple[int, int, str, str], kept: list[tuple[int, int, str, str]], text: str) -> bool:
    """Whether a head noun ("strategy") is qualified by another area's cue, and so belongs to that area.

    "workforce development strategy", "care leaver strategy" and "a strategy to respond to contextual
    safeguarding" are about workforce development, care leavers and exploitation, not about strategy.
    """
    if hit[3].lower() not in _words("QualifiedAreaHead"):
        return False
    for other in kept:
        if other[2] == hit[2]:
            continue
        if other[1] <= hit[0] and not text[other[1] : hit[0]].strip():
            return True
        between = text[hit[1] : other[0]]
        if (
            other[0] >= hit[1]
            and re.match(r"\s+(to|for|on|about|within)\b", between)
            and len(between.split()) <= QUALIFIER_GAP_WORDS
        ):
            return True
    return False


def _inherited_areas(sentence: Sentence, section_area: frozenset[str] | None) -> tuple[list[str], list[str]]:
    """A sentence that names no area but refers back ("This means that ...", "they") is about what
    the sentence before it in the paragraph names.

    A definite noun phrase does as well ("... a timely return home interview. There is limited
    intelligence-gathering, as the interview is limited to ..."). Without either the sentence is
    read as a statement of its own: "Widespread and serious failures were identified in some areas
    of practice" names no area and evaluates none.
    """
    if not _spans("AnaphoricCue", sentence.text):
        referred = _anaphoric_areas(sentence, [], section_area)[:INHERITED_AREAS]
        return referred, [f"practice_area {', '.join(referred)}: referred back to"] if referred else []
    for before in reversed(sentence.preceding):
        areas, _ = practice_areas_of(before, section_area)
        if areas:
            return areas[:INHERITED_AREAS], [
                f"practice_area {', '.join(areas[:INHERITED_AREAS])}: from the sentence before"
            ]
    return [], []


@cache
def _cue_heads() -> dict[str, frozenset[str]]:
    """Each practice area's head nouns: the last word of its cue terms of two words or more."""
    return {
        area.id: frozenset(term.split()[-1].lower() for term in area.cues if len(term.split()) > 1)
        for area in practice_areas()
    }


def _anaphoric_areas(sentence: Sentence, areas: list[str], section_area: frozenset[str] | None) -> list[str]:
    """Areas of the sentence before that this one refers back to by a definite noun phrase.

    "When children are subject to child protection enquiries ... However, the quality of the
    investigation ...": "the investigation" is the child protection investigation of the sentence
    before, so the sentence speaks to that area too (as well as to the areas it names).
    """
    if not sentence.preceding or len(areas) >= MAX_AREAS:
        return []
    before, _ = practice_areas_of(sentence.preceding[-1], section_area)
    heads = _cue_heads()
    out = []
    for area in before:
        if area in areas or not heads.get(area):
            continue
        words = "|".join(re.escape(h) for h in sorted(heads[area]))
        if re.search(rf"\b(the|this|these|that|those|such)\s+({words})\b", sentence.text, re.I):
            out.append(area)
    return out[: MAX_AREAS - len(areas)]


@cache
def _area_ids() -> dict[URIRef, str]:
    return {URIRef(a.iri): a.id for a in practice_areas()}


@cache
def _populations() -> dict[str, str]:
    """Area -> the lexicon entry by which a sentence names whom the area concerns."""
    by_iri = _area_ids()
    pairs = ontology_graph().subject_objects(IKG.population)
    return {by_iri[URIRef(str(a))]: str(e).rsplit("#", 1)[-1] for a, e in pairs}


@cache
def _population_counterparts() -> dict[str, str]:
    """Area -> the area that covers the same topic for another population."""
    by_iri = _area_ids()
    pairs = ontology_graph().subject_objects(IKG.populationCounterpart)
    return {by_iri[URIRef(str(a))]: by_iri[URIRef(str(o))] for a, o in pairs}


def _population_scoped(
    sentence: Sentence, areas: list[str], area_cues: list[str]
) -> tuple[list[str], list[str]]:
    """Areas that differ only by whom they concern, set by the population the sentence names.

    "A significant number of children (52%) in care who left Year 11 ... are not in education,
    employment or training" is the education of children in care, not care leavers' EET; a sentence
    that names no population but refers back ("The complexity of their needs ...") takes that of
    the sentence before. An area named only by a generic cue ("attendance", "accommodation") is
    kept only where its population is named, in the sentence or its section's heading: "inspectors
    did see some examples of attendance declining" is attendance at meetings, not at school.
    """
    populations = _populations()
    counterparts = _population_counterparts()
    text = sentence.text
    entries = set(populations.values())
    named = {e for e in entries if _spans(e, text)}
    if not named and sentence.preceding and _spans("AnaphoricCue", text):
        named = {e for e in entries if _spans(e, sentence.preceding[-1])}
    heading = {e for e in entries if sentence.section and _spans(e, sentence.section)}
    generic = _generic_area_cues()
    words = {
        area: said.split(", ")
        for area, said in (c.removeprefix("practice_area ").split(": ", 1) for c in area_cues)
    }
    out: list[str] = []
    why: list[str] = []
    for area in areas:
        own = populations.get(area)
        other = counterparts.get(area)
        if own and own not in named and other and populations[other] in named:
            why.append(f"practice_area {other}: {area} for the population named ({populations[other]})")
            area = other
        elif (
            own
            and own not in named | heading
            and area in words
            and all(w.lower() in generic for w in words[area])
        ):
            why.append(f"practice_area {area}: dropped, its population ({own}) is not named")
            continue
        if area not in out:
            out.append(area)
    return out, why


def _consequence_areas(
    sentence: Sentence, areas: list[str], section_area: frozenset[str] | None
) -> list[str]:
    """The main area of the sentence before, when this one states its consequence or cause.

    "Chronologies are not sufficiently updated or used effectively. This means that social workers
    are not always able to present a detailed understanding of children's histories to the court":
    the second sentence evaluates the chronologies of the first as well as the court work it names.
    """
    if not sentence.preceding or len(areas) >= MAX_AREAS or not _spans("ConsequenceCue", sentence.text):
        return []
    before, _ = practice_areas_of(sentence.preceding[-1], section_area)
    return [a for a in before[:INHERITED_AREAS] if a not in areas]


@cache
def _section_cues() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    """(area, its judgement area, the pattern of its section cues): generic words that name the area
    in a section of its own judgement area, unless a demonstrative points back ("these plans")."""
    g = ontology_graph()
    out = []
    for area in practice_areas():
        terms = sorted((str(t) for t in g.objects(URIRef(area.iri), IKG.sectionCue)), key=len, reverse=True)
        if terms and area.broader:
            words = "|".join(_term_regex(t) for t in terms)
            out.append(
                (area.id, area.broader, re.compile(rf"(?<!these )(?<!those )(?<!such )(?:{words})", re.I))
            )
    return tuple(out)


def _section_cue_areas(text: str, section_area: str | None) -> tuple[list[str], list[str]]:
    """Areas a generic word names in a section of their judgement area (and the cues), for a
    sentence that names no area otherwise.

    "Social workers have clear aspirations for children, but these are not reflected in the plans"
    in the section on children in care is about their care plans; the same words in the section on
    help and protection are about child in need and child protection plans. Beside a more specific
    cue the word is that cue's ("a plan for adoption", "pathway plans").
    """
    found = [
        (area, m.group(0))
        for area, broader, pattern in _section_cues()
        if broader == section_area and (m := pattern.search(text))
    ][:INHERITED_AREAS]
    return [a for a, _ in found], [f"practice_area {a}: {w} (in its section)" for a, w in found]


TOKEN = re.compile(r"[A-Za-z][\w’'-]*|\(|\)|[^\sA-Za-z]")


@cache
def _words(entry: str) -> frozenset[str]:
    return frozenset(t.lower() for t in lexicon_terms(entry))


@cache
def _post_matcher() -> _Matcher:
    return _Matcher.of_terms(lexicon_terms("Post"), "terms Post")


def _is_team_like(name: str) -> bool:
    """Whether a long form names a unit, body or post (not "public law outline")."""
    last = name.split()[-1].lower() if name.split() else ""
    return last in _words("TeamHead") | _words("PostHead") or bool(_post_matcher().anycase.fullmatch(name))


def _expand(acronym: str, acronyms: dict[str, str]) -> str:
    return f"{acronyms[acronym]} ({acronym})"


@lru_cache(maxsize=8192)
def _modifier(token: str) -> bool:
    """A word that can stand inside a team name, read backwards from its head noun."""
    low = token.lower()
    if low in _words("TeamNounModifier"):
        return True
    return (
        bool(re.match(r"[A-Za-z‘’']", token))
        and low not in _words("TeamStopWord")
        and not (low.endswith("ed") and token.islower())
        and not _lexicon_matcher("StrengthCue").anycase.fullmatch(token)
        and not _lexicon_matcher("ConcernCue").anycase.fullmatch(token)
    )


def teams_of(text: str, acronyms: dict[str, str] | None = None) -> list[str]:
    """Teams, boards, panels, posts and agencies named in the sentence, as written, with an acronym
    the document defines written out: "AST teams" -> "assessment and support teams (AST)"."""
    acronyms = acronyms or {}
    heads = _words("TeamHead")
    generic = _words("GenericWorkforce")
    # A head word is a token of the sentence only where it is part of its text: most sentences
    # name no team, and are not tokenised.
    lowered = text.lower()
    named_head = any(head in lowered for head in heads)
    tokens = [(m.start(), m.end(), m.group(0)) for m in TOKEN.finditer(text)] if named_head else []
    found: list[tuple[int, str]] = []
    for i, (_start, _end, word) in enumerate(tokens):
        if word.lower() not in heads:
            continue
        nxt = tokens[i + 1][2] if i + 1 < len(tokens) else ""
        if re.match(r"[A-Za-z]", nxt) and nxt.lower() not in _words("TeamStopWord") and nxt.lower() != "and":
            continue
        j = i
        while j > 0 and i - j < MAX_TEAM_MODIFIERS:
            prev = tokens[j - 1][2]
            if _modifier(prev) or (prev.lower() == "and" and j > 1 and _modifier(tokens[j - 2][2]) and j < i):
                j -= 1
            else:
                break
        while j < i and tokens[j][2].lower() == "and":
            j += 1
        words = [t[2] for t in tokens[j : i + 1]]
        named = [w for w in words if w in acronyms]
        if named:
            found += [(tokens[j][0], _expand(w, acronyms)) for w in named]
            continue
        phrase = text[tokens[j][0] : tokens[i][1]]
        if i + 2 < len(tokens) and tokens[i + 1][2] == "(" and tokens[i + 2][2] in acronyms:
            phrase += f" ({tokens[i + 2][2]})"
        # "Sefton children's services" is the authority itself, not one of its units.
        place_generic = words[0][0].isupper() and any(
            phrase.lower().replace("’", "'").endswith(" " + g.replace("’", "'")) for g in generic if " " in g
        )
        if len(words) >= 2 and phrase.lower() not in generic and not place_generic:
            found.append((tokens[j][0], phrase))
    for start, _, post in _post_matcher().spans(text):
        long = next(
            (f"{v} ({k})" for k, v in acronyms.items() if post.lower() in {k.lower(), v.lower()}), post
        )
        found.append((start, long))
    for m in re.finditer(r"\b([A-Z][A-Za-z]{1,7}?)s?\b", text) if acronyms else ():
        if m.group(1) in acronyms and _is_team_like(acronyms[m.group(1)]):
            found.append((m.start(), _expand(m.group(1), acronyms)))
    out: list[str] = []
    for _, name in sorted(found):
        key = _team_key(name)
        if any(key == _team_key(o) or key in _team_key(o) for o in out) or name.lower() in generic:
            continue
        out = [o for o in out if _team_key(o) not in key] + [name]
    return out


def _team_key(name: str) -> str:
    return re.sub(r"\s+", " ", name.lower().replace("’", "'")).strip()


@cache
def _lexicon_matcher(entry: str) -> _Matcher:
    return _Matcher.of_pattern("|".join(f"(?:{p})" for p in lexicon_patterns(entry)), f"lexicon {entry}")


@lru_cache(maxsize=1 << 15)
def _spans(entry: str, text: str) -> tuple[Span, ...]:
    """Matches of a lexicon entry in a text: (start, end, the words as written).

    Cached: the same sentence is read again as the one before the next, and headings for each of
    their sentences.
    """
    return tuple(_lexicon_matcher(entry).spans(text))


def segments(text: str) -> list[tuple[int, int]]:
    """The stretches of a sentence on either side of a contrast (although, but, however, despite).

    A sentence-initial "However," or "Yet" links back to the previous sentence and splits nothing;
    a sentence-initial "Although X, Y" or "Despite X, Y" contrasts X with Y at the first comma.
    """
    cuts = {0, len(text)}
    lead = len(text) - len(text.lstrip("\"“‘' "))
    for start, end, word in _spans("HedgeCue", text):
        if start <= lead:
            if word.lower() not in {"however", "yet"}:
                comma = text.find(",", end)
                if comma > 0:
                    cuts.add(comma + 1)
            continue
        cuts.add(start)
    for m in re.finditer(r";\s+", text):
        cuts.add(m.end())
    edges = sorted(cuts)
    return [(a, b) for a, b in pairwise(edges) if text[a:b].strip()]


def _overlaps(span: Span, others: Sequence[Span]) -> bool:
    return any(span[0] < o[1] and o[0] < span[1] for o in others)


# A word that names a problem ("delay", "risk") is half the evidence of an evaluative word
# ("ineffective", "not"): "Clear criteria are applied to respond to safeguarding concerns" is a strength.
TOPIC_WEIGHT = 0.5
# A contrasted stretch this long with no cue still carries the opposite of the other side
# ("Early help assessments are completed, although the quality of these vary"); a shorter one
# is an anaphor ("Despite this, ...").
CONTRAST_MIN_WORDS = 4


@dataclass(frozen=True)
class _Cues:
    concern: list[Span]
    topic: list[Span]
    strength: list[Span]
    negators: list[Span]


def _cues(text: str) -> _Cues:
    concern = list(_spans("ConcernCue", text))
    topic = [x for x in _spans("ConcernTopic", text) if not _overlaps(x, concern)]
    strength = [x for x in _spans("StrengthCue", text) if not _overlaps(x, concern + topic)]
    return _Cues(concern, topic, strength, list(_spans("NegationCue", text)))


def _segment_polarity(text: str, a: int, b: int, cues: _Cues) -> tuple[str | None, str]:
    """Polarity of one segment: strength words after a negator in the same clause count as concern."""
    scored: list[tuple[int, float, str]] = []
    for x in cues.concern:
        if a <= x[0] < b:
            scored.append((x[0], -1.0, x[2]))
    for x in cues.topic:
        if a <= x[0] < b:
            scored.append((x[0], -TOPIC_WEIGHT, x[2]))
    for x in cues.strength:
        if not a <= x[0] < b:
            continue
        clause_start = max(
            [a] + [m.end() + a for m in re.finditer(r",\s+(and|which|so|as)\b|[;:]", text[a : x[0]])]
        )
        negated = any(clause_start <= n[0] < x[0] for n in cues.negators)
        scored.append((x[0], -1.0 if negated else 1.0, ("not " if negated else "") + x[2]))
    if not scored:
        return None, ""
    scored.sort()
    total = sum(w for _, w, _ in scored)
    polarity = (
        "concern"
        if total < 0
        else "strength"
        if total > 0
        else ("concern" if scored[0][1] < 0 else "strength")
    )
    return polarity, ", ".join(("+" if w > 0 else "-") + word for _, w, word in scored)


def polarity_of(text: str) -> tuple[str | None, list[str]]:
    """The sentence's polarity from its segments (mixed when they disagree), and the cues."""
    cues = _cues(text)
    parts = segments(text)
    found: list[str | None] = []
    why: list[str] = []
    for a, b in parts:
        pol, words = _segment_polarity(text, a, b, cues)
        found.append(pol)
        if pol is not None:
            why.append(f"segment {pol}: {words}")
    known = {p for p in found if p is not None}
    if len(known) == 1 and len(parts) > 1:
        (only,) = known
        for (a, b), pol in zip(parts, found, strict=True):
            if pol is None and len(text[a:b].split()) >= CONTRAST_MIN_WORDS:
                why.append(f"contrast: '{text[a:b].strip()}' against {only}")
                return "mixed", why
    if len(known) > 1:
        return "mixed", why
    return (known.pop() if known else None), why


def _negated(text: str, start: int) -> bool:
    """Whether a negator stands in the few words before a position ("not sustained")."""
    window = " ".join(text[:start].split()[-NEGATION_WINDOW_WORDS:])
    return bool(_spans("NegationCue", window))


def trajectory_of(text: str, polarity: str) -> tuple[str | None, str | None]:
    """Change over time that the sentence itself states, and the words that state it.

    Decline and persistence outrank improvement ("improvements ... are still below"), improvement
    outranks novelty ("a recently formed panel has improved"); "continue to" is persistence of a
    concern, or a strength maintained.
    """
    for name, entry in (("declined", "DeclinedCue"), ("persisting", "PersistingCue")):
        found = _spans(entry, text)
        if found:
            return name, found[0][2]
    continuity = _spans("ContinuityCue", text)
    if continuity and polarity in {"concern", "mixed"}:
        return "persisting", continuity[0][2]
    for name, entry in (("improved", "ImprovedCue"), ("maintained", "MaintainedCue")):
        said = next((word for start, _, word in _spans(entry, text) if not _negated(text, start)), None)
        if said:
            return name, said
    if continuity:
        return "maintained", continuity[0][2]
    new = _spans("NewCue", text)
    return ("new", new[0][2]) if new else (None, None)


def judgement_area_of_section(section: str | None) -> str | None:
    """The judgement area of a section whose heading names a judgement (e.g. "... help and protection")."""
    if not section:
        return None
    for _key, area, pattern in _judgement_patterns():
        if area and pattern.search(section):
            return area
    return None


@lru_cache(maxsize=256)
def _section_areas(section: str | None) -> frozenset[str] | None:
    """The judgement areas a section evaluates: its judgement's, and those its heading names besides.

    "The experiences and progress of children in care and care leavers" is one judgement (children
    in care) that also covers care leavers, so "accommodation" there is care leavers' accommodation.
    """
    area = judgement_area_of_section(section)
    if area is None or section is None:
        return None
    named, _ = _areas(section, None)
    by_id = concept_by_id("PracticeAreas")
    return frozenset({area} | {b for a in named if (b := by_id[a].broader) is not None})


def _grade_polarity(grade: str) -> str:
    return "strength" if grade.lower() in POSITIVE_GRADES else "concern"


def _section_leaning(section: str | None) -> str:
    grade = _grade_pattern().search(section or "")
    return "concern" if grade is None else _grade_polarity(grade.group(0))


def _judged_areas(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The practice areas a judgement line names as what it judges, and the cues.

    "The impact of leaders on social work practice ... is inadequate" judges leadership; "The
    experiences and progress of children in care and care leavers ..." names whom the judgement
    covers (a population), not a practice area it evaluates.
    """
    population = _words("PopulationAreaCue")
    areas, cues = practice_areas_of(text)
    kept = [
        (area, cue)
        for area, cue in zip(areas, cues, strict=True)
        if any(w.lower() not in population for w in cue.split(": ", 1)[1].split(", "))
    ]
    return tuple(a for a, _ in kept), tuple(c for _, c in kept)


def _judgement(sentence: Sentence) -> Classification | None:
    """A judgement line: a judgement key that opens the sentence, its grade a few words on."""
    text = sentence.text
    opening = text.lstrip('"“‘ ')
    for key, area, pattern in _judgement_patterns():
        m = pattern.match(opening)
        if m is None:
            continue
        rest = opening[m.end() :]
        grade = _grade_pattern().search(rest)
        if grade is not None and len(rest[: grade.start()].split()) <= JUDGEMENT_GAP_WORDS:
            polarity = _grade_polarity(grade.group(0))
            # A row of a judgements table ("... families Inadequate", "... families: good") is a
            # label; a sentence that states the grade ("... families is inadequate") evaluates what
            # it names.
            stated = bool(re.search(r"[A-Za-z]", rest[: grade.start()]))
            areas, cues = _judged_areas(text) if stated else ((), ())
            return Classification(
                "judgement", polarity, areas, area, (), None, (f"judgement {key}: {grade.group(0)}", *cues)
            )
    grade = _grade_pattern().search(text)
    if grade is None:
        return None
    polarity = _grade_polarity(grade.group(0))
    if sentence.heading and _spans("JudgementCue", text):
        return Classification(
            "judgement", polarity, (), None, (), None, (f"judgement headline: {grade.group(0)}",)
        )
    return None


def _is_furniture(sentence: Sentence) -> bool:
    """Headings, page furniture and fragments: lines with no sentence in them."""
    words = sentence.text.split()
    return sentence.heading or len(words) < 4 or not re.search(r"[a-z]", sentence.text)


def classify_document(sentences: list[Sentence]) -> list[Classification]:
    """Classify a document's sentences.

    The caches of matches and areas serve a document's own repeats (the sentence before, its
    headings); they start empty for each document, so that its cost does not depend on the
    documents read before it (the benchmarks ingest copies of the same reports).
    """
    _spans.cache_clear()
    _areas.cache_clear()
    _scan.cache_clear()
    return [classify(s) for s in sentences]


def classify(sentence: Sentence) -> Classification:
    """Classify one sentence by the lexicon's rules."""
    text = sentence.text
    judgement = _judgement(sentence)
    if judgement is not None:
        return judgement
    context = _spans("ContextCue", text)
    if not context and not _spans("ConcernCue", text):
        context = _spans("PlanCue", text)
    if _is_furniture(sentence) or context:
        why = f"context: {context[0][2]}" if context else "context: heading or fragment"
        return Classification("context", "neutral", (), None, (), None, (why,))
    cues: list[str] = []
    section_area = judgement_area_of_section(sentence.section)
    admitted = _section_areas(sentence.section)
    areas, area_cues = practice_areas_of(text, admitted)
    if not areas:
        areas, area_cues = _section_cue_areas(text, section_area)
    if not areas:
        areas, area_cues = _inherited_areas(sentence, admitted)
    else:
        referred = _anaphoric_areas(sentence, areas, admitted) or _consequence_areas(
            sentence, areas, admitted
        )
        if referred:
            areas = [*areas, *referred]
            area_cues = [*area_cues, f"practice_area {', '.join(referred)}: referred back to"]
    areas, scoped = _population_scoped(sentence, areas, area_cues)
    cues += area_cues + scoped
    polarity, polarity_cues = polarity_of(text)
    cues += polarity_cues
    recommendation = _spans("RecommendationCue", text)
    imperative = _spans("RecommendationImperative", text)
    if in_recommendation_section(sentence.section):
        kind, polarity = "recommendation", "concern"
        cues.append(f"kind recommendation: section {sentence.section}")
    elif imperative:
        kind, polarity = "recommendation", "concern"
        cues.append(f"kind recommendation: imperative {imperative[0][2]}")
    elif sentence.after_recommendation_intro and recommendation:
        kind, polarity = "recommendation", "concern"
        cues.append(f"kind recommendation: {recommendation[0][2]}")
    else:
        kind = "finding"
        if polarity is None:
            # Nearly every sentence of a report body evaluates something (annotation guide); one
            # with no cue word leans the way of its section's grade, and is otherwise more often a
            # concern stated plainly than a strength.
            polarity = _section_leaning(sentence.section)
            cues.append(f"polarity {polarity}: default for the section")
    # A recommendation asks for change; it states none (annotation guide, trajectory).
    trajectory, said = (None, None) if kind == "recommendation" else trajectory_of(text, polarity)
    if said:
        cues.append(f"trajectory {trajectory}: {said}")
    judgement_area = section_area
    if judgement_area is None and areas:
        judgement_area = concept_by_id("PracticeAreas")[areas[0]].broader
    return Classification(
        kind,
        polarity,
        tuple(areas),
        judgement_area,
        tuple(teams_of(text, dict(sentence.acronyms))),
        trajectory,
        tuple(cues),
    )
