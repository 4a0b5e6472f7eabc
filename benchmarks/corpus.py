"""The benchmark corpora: the real sample reports and letters, and a scaled corpus made from them.

The scaled corpus re-ingests the same real files under other authorities of the reference table:
each copy is a symbolic link to the real PDF or text file, in a folder named by the URN of the
authority it stands for, so the PDF text extraction and every later stage run on real input. After
the text is read, `Rebadge` (the pipeline's `prepare` hook) replaces the names of the document's
own authority by the target's name, page by page, before any metadata is extracted from it.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, replace
from pathlib import Path

from inspectkg.errors import InputError
from inspectkg.ingest import expand_paths
from inspectkg.ingest.metadata import extract_metadata
from inspectkg.ingest.readers import RawDocument, read_document
from inspectkg.ontology import Authority, authorities
from inspectkg.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "corpus"
BUNDLED = ROOT / "examples" / "blackpool"
# Real authorities have an inspection and a few letters in the corpus: about four documents each.
DOCUMENTS_PER_AUTHORITY = 4


def sample_paths() -> list[Path]:
    """The real sample: the shared reports and seed letters when present, else the bundled Blackpool set."""
    folders = [SHARED / "ofsted-reports", SHARED / "seeds"]
    if all(f.is_dir() for f in folders):
        return list(expand_paths(folders))
    return list(expand_paths([BUNDLED]))


@dataclass(frozen=True)
class Source:
    """A real file that reads cleanly, and the names of the authority it is about."""

    path: Path
    names: tuple[str, ...]


def readable_sources(paths: list[Path], settings: Settings) -> list[Source]:
    """The files of `paths` that ingest, each with its authority's names (failing files are left out)."""
    out = []
    for path in paths:
        try:
            meta = extract_metadata(read_document(path, settings.max_file_bytes))
        except InputError:
            continue
        out.append(Source(path, meta.authority.names))
    return out


@dataclass(frozen=True)
class Rebadge:
    """The `prepare` hook: a copy's text with its own authority's names replaced by the target's.

    `sources` maps a real file name to the names of its authority; the target is the authority
    whose URN names the copy's folder. Files not in `sources` pass through unchanged.
    """

    sources: dict[str, tuple[str, ...]]

    def __call__(self, raw: RawDocument) -> RawDocument:
        names = self.sources.get(raw.path.name)
        target = _by_urn().get(raw.path.parent.name)
        if names is None or target is None:
            return raw
        alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)
        bounds = [*raw.page_starts, len(raw.text)]
        pages = [pattern.sub(target.name, raw.text[a:b]) for a, b in itertools.pairwise(bounds)]
        starts, at = [], bounds[0]
        for page in pages:
            starts.append(at)
            at += len(page)
        return replace(raw, text=raw.text[: bounds[0]] + "".join(pages), page_starts=tuple(starts))


def _by_urn() -> dict[str, Authority]:
    return {a.urn: a for a in authorities()}


def build_scaled(
    folder: Path, sources: list[Source], documents: int
) -> tuple[list[Path], Rebadge, dict[Path, str]]:
    """Links to `documents` copies of the sources under distinct target authorities, in `folder`.

    The copies go to T = documents / DOCUMENTS_PER_AUTHORITY authorities (at most all of them);
    copy k of source j stands for authority (k + s j) mod T with s = T // sources: for a given
    source the targets are distinct (k < T), so no two copies share a document IRI, and each
    authority gets a timeline of a few inspections and letters, as real authorities have. Returns
    the copies, the hook, and each copy's intended authority name (to check it is recognised).
    """
    own = {n.lower() for s in sources for n in s.names}
    candidates = [a for a in authorities() if not own & {n.lower() for n in a.names}]
    rounds = -(-documents // len(sources))
    count = min(len(candidates), max(rounds, round(documents / DOCUMENTS_PER_AUTHORITY)))
    targets, stride = candidates[:count], max(1, count // len(sources))
    copies: list[Path] = []
    intended: dict[Path, str] = {}
    for k in range(rounds):
        for j, source in enumerate(sources):
            if len(copies) == documents:
                break
            target = targets[(k + stride * j) % count]
            link = folder / target.urn / source.path.name
            link.parent.mkdir(parents=True, exist_ok=True)
            if not link.exists():
                link.symlink_to(source.path.resolve())
            copies.append(link)
            intended[link] = target.name
    return copies, Rebadge({s.path.name: s.names for s in sources}), intended
