"""Compare PDF text libraries on the sample reports: seconds per page and reading order (issue 2).

    .venv/bin/python benchmarks/pdf_libraries.py [REPORTS_DIR] [--gold GOLD_JSONL]

For each library, every PDF of REPORTS_DIR (default ../shared/corpus/ofsted-reports) is read
page by page and timed. Reading order is the fraction of the gold sentences of
blackpool-2019-01-17 (../shared/gold/blackpool-2019-01-17.jsonl) that occur verbatim and in
order in the library's text, with white space folded and a hyphen followed by white space read as
a hyphen (so a line broken at "long-standing" is not counted against the library). The last row
is inspectkg's own reader (pypdfium2 plus line joining, running headers, footnotes, tables).
Needs the `bench` extra: pip install -e '.[bench]'. PyMuPDF is AGPL-3.0 licensed.
"""

from __future__ import annotations

import argparse
import itertools
import json
import re
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT.parent / "shared" / "corpus" / "ofsted-reports"
GOLD = ROOT.parent / "shared" / "gold" / "blackpool-2019-01-17.jsonl"
ORDER_DOC = "blackpool-2019-01-17.pdf"

Reader = Callable[[Path], list[str]]


def pypdfium2_pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    pdf.close()
    return pages


def pypdf_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(path).pages]


def pdfplumber_pages(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def pdfminer_pages(path: Path) -> list[str]:
    from pdfminer.high_level import extract_text

    return extract_text(path).rstrip("\f").split("\f")


def pymupdf_pages(path: Path) -> list[str]:
    import pymupdf

    with pymupdf.open(path) as pdf:
        return [page.get_text() for page in pdf]


def inspectkg_pages(path: Path) -> list[str]:
    from inspectkg.ingest.readers import read_document

    doc = read_document(path, 1 << 30)
    bounds = [*doc.page_starts, len(doc.text)]
    return [doc.text[a:b] for a, b in itertools.pairwise(bounds)]


LIBRARIES: dict[str, Reader] = {
    "pypdfium2": pypdfium2_pages,
    "pypdf": pypdf_pages,
    "pdfplumber": pdfplumber_pages,
    "pdfminer.six": pdfminer_pages,
    "PyMuPDF (AGPL)": pymupdf_pages,
    "inspectkg reader": inspectkg_pages,
}


def fold(text: str) -> str:
    """White space folded, PDF soft-hyphen marks read as hyphens, "long- standing" as "long-standing"."""
    text = text.replace("\ufffe", "-").replace("\u00ad", "")
    return re.sub(r"-\s+", "-", " ".join(text.split()))


def in_order(text: str, sentences: list[str]) -> float:
    """Fraction of sentences found verbatim, each after the previous one found."""
    folded, position, found = fold(text), 0, 0
    for sentence in sentences:
        at = folded.find(fold(sentence), position)
        if at >= 0:
            found += 1
            position = at + len(sentence)
    return found / len(sentences) if sentences else 0.0


def is_pdf(path: Path) -> bool:
    with open(path, "rb") as f:
        return f.read(5) == b"%PDF-"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("reports", nargs="?", type=Path, default=REPORTS)
    parser.add_argument("--gold", type=Path, default=GOLD)
    args = parser.parse_args()
    pdfs = sorted(p for p in args.reports.glob("*.pdf") if is_pdf(p))
    gold = [
        json.loads(line)["text"]
        for line in args.gold.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    print(f"{len(pdfs)} PDFs; reading order on {ORDER_DOC}: {len(gold)} gold sentences")
    print(f"{'library':18} {'pages':>6} {'seconds':>8} {'s/page':>8} {'in order':>9}")
    for name, reader in LIBRARIES.items():
        try:
            reader(pdfs[0])  # imports and library start-up are not timed
        except ImportError as exc:
            print(f"{name:18} not installed ({exc.name}; pip install -e '.[bench]')")
            continue
        pages, started, order = 0, time.perf_counter(), 0.0
        for pdf in pdfs:
            text = reader(pdf)
            pages += len(text)
            if pdf.name == ORDER_DOC:
                order = in_order("\n".join(text), gold)
        seconds = time.perf_counter() - started
        print(f"{name:18} {pages:>6} {seconds:>8.2f} {seconds / pages:>8.4f} {order:>9.3f}")


if __name__ == "__main__":
    main()
