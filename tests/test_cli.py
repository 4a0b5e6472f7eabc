"""The command line: every command exists, errors are one line with the right exit status."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from inspectkg import __version__
from inspectkg.cli import cli
from inspectkg.graph import Store

COMMANDS = [
    "analyse",
    "export",
    "ingest",
    "persistence",
    "query",
    "relink",
    "remove",
    "serve",
    "stats",
    "validate",
    "viz",
]
LETTER = (
    Path(__file__).resolve().parent.parent
    / "examples"
    / "blackpool"
    / "blackpool-2019-12-monitoring-letter.txt"
)


@pytest.fixture(scope="module")
def letter_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "store"
    result = CliRunner().invoke(cli, ["ingest", str(LETTER), "--store", str(store)])
    assert result.exit_code == 0, result.output
    return store


def test_every_command_is_listed_in_help() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0, result.output
    listed = [line.split()[0] for line in result.output.split("Commands:")[1].splitlines() if line.strip()]
    assert sorted(listed) == COMMANDS


def test_version_is_the_package_version() -> None:
    result = CliRunner().invoke(cli, ["--version"])
    assert result.output.strip() == f"inspectkg, version {__version__}"


def test_store_option_shows_its_environment_variable() -> None:
    result = CliRunner().invoke(cli, ["export", "findings", "--help"])
    assert "INSPECTKG_STORE" in result.output


def test_a_usage_error_exits_2() -> None:
    result = CliRunner().invoke(cli, ["export", "findings", "--format", "xml"])
    assert result.exit_code == 2
    assert "Invalid value for '--format'" in result.output


def test_a_malformed_query_is_one_line_and_exits_1(letter_store: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "SELEC ?x WHERE {}", "--store", str(letter_store)])
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("inspectkg: malformed SPARQL query:")


def test_an_unknown_named_parameter_is_reported(letter_store: Path) -> None:
    result = CliRunner().invoke(
        cli, ["query", "findings", "--param", "colour=red", "--store", str(letter_store)]
    )
    assert result.exit_code == 1
    assert result.output.strip() == "inspectkg: query findings has no parameter colour"


def test_ingest_then_export_the_letter_as_contract_jsonl(letter_store: Path) -> None:
    import json

    result = CliRunner().invoke(
        cli, ["export", "documents", "--format", "jsonl", "--store", str(letter_store)]
    )
    assert result.exit_code == 0, result.output
    docs = [json.loads(line) for line in result.output.splitlines()]
    assert [(d["document"], d["local_authority"], d["la_code"], d["document_type"]) for d in docs] == [
        ("blackpool-2019-12-monitoring-letter.txt", "Blackpool", "E06000009", "monitoring_visit")
    ]


def test_named_query_runs_from_the_cli_as_csv(letter_store: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["query", "documents", "--param", "la=Blackpool", "--format", "csv", "--store", str(letter_store)],
    )
    assert result.exit_code == 0, result.output
    header, row = result.output.splitlines()[:2]
    assert header.startswith("document,file,authority")
    assert "blackpool-2019-12-monitoring-letter.txt,Blackpool" in row


def test_relink_derives_the_tallies_an_update_removed(tmp_path: Path) -> None:
    store = tmp_path / "store"
    runner = CliRunner()
    assert runner.invoke(cli, ["ingest", str(LETTER), "--store", str(store)]).exit_code == 0
    query = ["query", "area-concerns", "--format", "csv", "--store", str(store)]
    before = runner.invoke(cli, query).output
    assert before.count("\n") > 10
    update = "DELETE WHERE { GRAPH ?g { ?tally <https://w3id.org/inspectkg/def#tallyOf> ?la ; ?p ?o } }"
    Store(store).update(update)
    assert runner.invoke(cli, query).output.strip() == ""
    relinked = runner.invoke(cli, ["relink", "--store", str(store)])
    assert relinked.exit_code == 0, relinked.output
    assert "area links" in relinked.output
    assert runner.invoke(cli, query).output == before
