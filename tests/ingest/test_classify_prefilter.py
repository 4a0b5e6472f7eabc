"""The shortcuts of classification change no result: the word index of the lexicon's and the
practice areas' regexes (classify._scan), their literal needles and matching lower-cased plain
text without re.I (classify._Matcher)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from inspectkg.ingest import classify
from inspectkg.ingest.readers import read_document
from inspectkg.ingest.structure import Sentence, sentences

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "blackpool"
REPORTS = ["blackpool-2019-01-17.pdf", "blackpool-2019-12-monitoring-letter.txt"]


def _sentences(name: str) -> list[Sentence]:
    return sentences(read_document(SAMPLE / name, 50 * 1024 * 1024).text)


@pytest.mark.parametrize("name", REPORTS)
def test_classification_with_and_without_the_word_index_agrees_on_every_sentence(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _sentences(name)
    indexed = classify.classify_document(found)
    scans = [classify._scan(s.text) for s in found if not s.heading]
    # The index spares most matchers most sentences: few have a word where theirs may begin.
    tried = sum(len(scan.starts) for scan in scans)
    assert tried < 0.25 * len(classify._indexed_keys()) * len(scans)
    # Outside the index every matcher scans the whole sentence (or tests its needles first).
    monkeypatch.setattr(classify, "_indexed_keys", frozenset)
    try:
        assert classify.classify_document(found) == indexed
        assert not classify._scan(found[0].text).indexed
    finally:
        # The scans kept so far know no index: later tests start from scans that do.
        classify._scan.cache_clear()


@pytest.mark.parametrize("name", REPORTS)
def test_folded_matching_classifies_every_sentence_as_re_i_does(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    found = _sentences(name)
    folded = [classify.classify(s) for s in found]
    assert all(classify._lowered(s.text) is not None for s in found[:20])
    # No text is plain: every pattern runs case-insensitively on the text as written.
    monkeypatch.setattr(classify, "_PLAIN_TEXT", re.compile("(?!)"))
    classify._spans.cache_clear()
    classify._areas.cache_clear()
    try:
        assert [classify.classify(s) for s in found] == folded
    finally:
        classify._spans.cache_clear()
        classify._areas.cache_clear()


def test_acronyms_keep_their_case_and_overlaps_go_to_the_longest() -> None:
    matcher = classify._Matcher.of_terms(["DCS", "director of children's services", "IRO"])
    text = "The director of children’s services (DCS) met the iro and the IROs."
    assert [said for _, _, said in matcher.spans(text)] == ["director of children’s services", "DCS", "IROs"]
    straight = matcher.spans(text.replace("’", "'"))
    assert straight[0][2] == "director of children's services"


@pytest.mark.parametrize(
    ("sources", "needles"),
    [
        (
            [r"\b(front door|mash|contacts? (and|to) referrals?)\b"],
            (
                "contact and referral",
                "contact to referral",
                "contacts and referral",
                "contacts to referral",
                "front door",
                "mash",
            ),
        ),
        ([r"\bchildren['’]s services\b"], ("children's services", "children’s services")),
        ([r"\bcare plan(?:s|es)?\b|\bcare\b"], ("care",)),
        ([r"\b(the )?(new )?dcs\b"], ("dcs", "new dcs", "the dcs", "the new dcs")),
        ([r"(?<!these )plans?\b"], ("plan",)),
        ([r"\b(much )+more\b"], ("much ",)),
        ([r"\b(\w+ ){0,2}panel\b"], None),
        ([r"\b\w+ panel\b"], None),
    ],
)
def test_needles_are_the_literal_beginnings_of_every_match(
    sources: list[str], needles: tuple[str, ...] | None
) -> None:
    assert classify._needles(sources)[0] == needles


def test_word_starts_only_where_every_match_begins_a_word() -> None:
    assert classify._needles([r"\b(contacts? (and|to) referrals?|front door)\b"])[1] == (
        "contact",
        "contacts",
        "front",
    )
    assert classify._needles([r"(?<!health )\b(needs|risks) are\b"])[1] == ("needs", "risks")
    assert classify._needles([r"^(this|these) means\b"])[1] == ("these", "this")
    assert classify._needles(["care plan"]) == (("care plan",), None)
