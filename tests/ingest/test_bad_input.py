"""Bad input: one error line per bad file, naming it and the reason; the rest of the batch is ingested."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from inspectkg.cli import cli
from inspectkg.errors import (
    BinaryInput,
    CorruptInput,
    EmptyInput,
    EncodingInput,
    EncryptedInput,
    InputError,
    ScannedInput,
    TooLargeInput,
    UnrecognisedAuthority,
    UnsupportedInput,
)
from inspectkg.graph import Store
from inspectkg.ingest import IngestResult, ingest_paths
from inspectkg.ingest.readers import read_document
from inspectkg.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
LETTER = FIXTURES / "letter.txt"

BAD = [
    ("empty.txt", EmptyInput, "empty file, no text to ingest"),
    ("binary.txt", BinaryInput, "binary content that is not a PDF, HTML or text (NUL bytes)"),
    ("scanned.pdf", ScannedInput, "no text layer: a scanned or image-only PDF (run OCR first) (1 page)"),
    ("corrupt.pdf", CorruptInput, "corrupt or unreadable PDF (data format error)"),
    ("encrypted.pdf", EncryptedInput, "encrypted PDF (password protected)"),
    ("latin1.txt", EncodingInput, "text in an unrecognised encoding (not UTF-8: byte 0xe9 at offset 311)"),
    ("utf16.txt", EncodingInput, "text in an unrecognised encoding (UTF-16 without a byte-order mark)"),
    ("no-authority.txt", UnrecognisedAuthority, "no English local authority recognised in the document"),
    (
        "letter.docx",
        UnsupportedInput,
        "unsupported file type (expected .pdf, .txt, .html or .htm) (extension .docx)",
    ),
    (
        "not-found.pdf",
        CorruptInput,
        "corrupt or unreadable PDF (an HTML page saved under a .pdf name, not a PDF)",
    ),
]


def graph_sizes(store: Store) -> dict[str, int]:
    rows = store.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return {str(r["g"]): int(r["n"]) for r in rows}


@pytest.fixture(scope="module")
def batch() -> dict[str, IngestResult]:
    """Every bad fixture and the good letter, ingested in one batch."""
    results = ingest_paths([FIXTURES / name for name, _, _ in BAD] + [LETTER], Store(None), Settings())
    return {r.path.name: r for r in results}


@pytest.mark.parametrize(("name", "error", "reason"), BAD)
def test_ingest_reports_one_error(name: str, error: type[InputError], reason: str, batch) -> None:
    assert type(batch[name].error) is error
    assert batch[name].summary() == f"error: {FIXTURES / name}: {reason}"


def test_ingest_goes_on_after_bad_files(batch) -> None:
    good = batch[LETTER.name]
    assert (good.error, good.authority, good.document_type) == (None, "Blackpool", "monitoring_visit")


def test_cli_prints_one_error_line_per_bad_file_and_exits_1(tmp_path: Path) -> None:
    paths = [str(FIXTURES / name) for name, _, _ in BAD] + [str(LETTER)]
    result = CliRunner().invoke(cli, ["ingest", *paths, "--store", str(tmp_path / "s")])
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert [ln for ln in lines if ln.startswith("error")] == [
        f"error: {FIXTURES / name}: {reason}" for name, _, reason in BAD
    ]
    assert [ln.split(";")[0] for ln in lines if ln.startswith(LETTER.name)] == [
        "letter.txt: Blackpool, monitoring_visit"
    ]
    assert lines[-1] == f"ingested 1 of {len(BAD) + 1} files into {tmp_path / 's'}"


def test_too_large_file_stops_at_the_size_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.pdf"
    with open(big, "wb") as f:
        f.truncate(200 * 1024 * 1024)

    def no_reading(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(TooLargeInput) as caught:
        read_document(big, Settings().max_file_bytes)
    assert caught.value.message == (f"{big}: file too large (209,715,200 bytes, the limit is 104,857,600)")


def test_failed_file_leaves_its_stored_graph_unchanged(tmp_path: Path, settings: Settings) -> None:
    letter = tmp_path / "letter.txt"
    shutil.copy(LETTER, letter)
    store = Store(None)
    ingest_paths([letter], store, settings)
    before = graph_sizes(store)
    letter.write_bytes(b"")
    [result] = ingest_paths([letter], store, settings)
    assert (type(result.error), graph_sizes(store)) == (EmptyInput, before)


def test_folder_with_bad_files_ingests_the_good_ones(tmp_path: Path, settings: Settings) -> None:
    for name in (
        "letter.txt",
        "report-3-pages.pdf",
        "cluttered.html",
        "empty.txt",
        "corrupt.pdf",
        "letter.docx",
    ):
        shutil.copy(FIXTURES / name, tmp_path / name)
    results = ingest_paths([tmp_path], Store(None), settings)
    # A folder is searched for supported extensions only, so letter.docx is not even tried.
    assert {r.path.name: type(r.error).__name__ for r in results} == {
        "cluttered.html": "NoneType",
        "corrupt.pdf": "CorruptInput",
        "empty.txt": "EmptyInput",
        "letter.txt": "NoneType",
        "report-3-pages.pdf": "NoneType",
    }
