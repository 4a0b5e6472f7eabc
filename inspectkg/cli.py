"""The command line: a thin click group; each command parses, calls one library function, formats.

Errors of inspectkg.errors are translated here, once: one line on stderr, exit 1 (exit 2 for
usage errors, as click does).
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Iterable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from . import __version__
from .errors import InspectkgError
from .settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])


def store_option(func: F) -> F:
    """--store DIR, shared by every command (env INSPECTKG_STORE)."""
    return click.option(
        "--store",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="INSPECTKG_STORE",
        show_envvar=True,
        help="Folder of the embedded Oxigraph store [default: $XDG_DATA_HOME/inspectkg/store, "
        "i.e. ~/.local/share/inspectkg/store].",
    )(func)


def format_option(*choices: str, default: str) -> Callable[[F], F]:
    """--format with the given choices."""
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices),
        default=default,
        show_default=True,
        help="Output format.",
    )


def translated(func: F) -> F:
    """Translate inspectkg errors to one line on stderr and exit status 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InspectkgError as exc:
            message = exc.message
        # Exit outside the except block, so the traceback (and the store its frames hold open)
        # is released before the next command opens the store again.
        click.echo(f"inspectkg: {message}", err=True)
        sys.exit(1)

    return wrapper  # type: ignore[return-value]


def _settings(store: Path | None, **flags: Any) -> Settings:
    return load_settings(store=store, **flags)


def _open(settings: Settings) -> Any:
    """The store the settings name: INSPECTKG_REMOTE_ENDPOINT, else the on-disk store (made on first
    use), with the reference graph and the links of the installed version (`ensure_current`)."""
    from .graph.iri import Iris
    from .graph.linking import ensure_current
    from .graph.store import open_store

    store = open_store(settings)
    ensure_current(store, Iris(settings.base_iri))
    return store


def _jsonl(rows: Iterable[dict[str, Any]]) -> None:
    for row in rows:
        click.echo(json.dumps(row, ensure_ascii=False))


def _table(rows: list[dict[str, Any]], fmt: str) -> None:
    columns = list(rows[0]) if rows else []
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
    else:
        widths = {
            c: min(60, max(len(c), *(len(str(r[c] if r[c] is not None else "")) for r in rows)))
            for c in columns
        }
        click.echo("  ".join(c.ljust(widths[c]) for c in columns))
        for r in rows:
            click.echo(
                "  ".join(
                    str(r[c] if r[c] is not None else "")[: widths[c]].ljust(widths[c]) for c in columns
                )
            )
        click.echo(f"({len(rows)} rows)", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="inspectkg")
def cli() -> None:
    """inspectkg: a knowledge graph of Ofsted inspection evidence."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@store_option
@click.option("--jobs", type=int, default=None, help="Worker processes [default: the number of cores].")
@translated
def ingest(paths: tuple[Path, ...], store: Path | None, jobs: int | None) -> None:
    """Ingest .pdf, .txt and .html files, or folders of them, into the store."""
    from tqdm import tqdm

    from .ingest import expand_paths, ingest_paths

    settings = _settings(store, jobs=jobs)
    files = list(expand_paths(paths))
    db = _open(settings)
    bar = tqdm(total=len(files), unit="doc", disable=len(files) < 2, file=sys.stderr, leave=False)

    def report(result: Any) -> None:
        bar.update(1)
        bar.write(result.summary(), file=sys.stderr)

    results = ingest_paths(files, db, settings, on_result=report)
    bar.close()
    failed = [r for r in results if r.error is not None]
    click.echo(
        f"ingested {len(results) - len(failed)} of {len(results)} files into {settings.store_path}", err=True
    )
    if failed:
        sys.exit(1)


@cli.command()
@click.argument("doc")
@store_option
@translated
def remove(doc: str, store: Path | None) -> None:
    """Remove a document (by file name or IRI) and relink its authority."""
    from .graph.manage import remove_document

    settings = _settings(store)
    iri = remove_document(_open(settings), settings, doc)
    click.echo(f"removed {iri}", err=True)


@cli.group()
def export() -> None:
    """Export findings or documents in the contract's formats."""


@export.command("findings")
@store_option
@format_option("jsonl", "json", default="jsonl")
@click.option("--la", help="Only this local authority.")
@translated
def export_findings(store: Path | None, fmt: str, la: str | None) -> None:
    """One finding per line (shared/spec/contract.md)."""
    from .graph.export import findings

    rows = findings(_open(_settings(store)), {"la": la} if la else {})
    if fmt == "json":
        click.echo(json.dumps(list(rows), ensure_ascii=False, indent=2))
    else:
        _jsonl(rows)


@export.command("documents")
@store_option
@format_option("jsonl", "json", default="jsonl")
@click.option("--la", help="Only this local authority.")
@translated
def export_documents(store: Path | None, fmt: str, la: str | None) -> None:
    """One document per line (shared/spec/contract.md)."""
    from .graph.export import documents

    rows = documents(_open(_settings(store)), {"la": la} if la else {})
    if fmt == "json":
        click.echo(json.dumps(list(rows), ensure_ascii=False, indent=2))
    else:
        _jsonl(rows)


@cli.command()
@store_option
@format_option("json", default="json")
@click.option("--la", help="Only this local authority.")
@translated
def persistence(store: Path | None, fmt: str, la: str | None) -> None:
    """Which concerns persist between consecutive documents of each authority."""
    from .graph.export import persistence as persistence_of

    click.echo(json.dumps(persistence_of(_open(_settings(store)), la), ensure_ascii=False, indent=2))


@cli.command()
@click.argument("analysis", type=click.Choice(["co-occurrence", "chains", "centrality"]))
@click.option("--la", help="Only this local authority [default: all, i.e. national].")
@click.option("--top", type=int, default=None, help="Only the first N rows.")
@store_option
@format_option("table", "json", default="table")
@translated
def analyse(analysis: str, la: str | None, top: int | None, store: Path | None, fmt: str) -> None:
    """Network analysis: co-occurrence of practice areas in concerns, persistence chains, centrality."""
    from .graph import analysis as networks

    run = {
        "co-occurrence": networks.cooccurrence,
        "chains": networks.chains,
        "centrality": networks.centrality,
    }
    rows = run[analysis](_open(_settings(store)), la)[:top]
    if fmt == "table":
        rows = [{k: " > ".join(v) if isinstance(v, list) else v for k, v in r.items()} for r in rows]
    _table(rows, fmt)


@cli.command()
@click.argument("query")
@click.option("--param", "params", multiple=True, metavar="K=V", help="A named query's parameter.")
@store_option
@format_option("table", "csv", "json", default="table")
@translated
def query(query: str, params: tuple[str, ...], store: Path | None, fmt: str) -> None:
    """Run a SPARQL query: its text, a .rq file, or the name of a named query."""
    from .graph.queries import registry, run_named_query

    values = {}
    for p in params:
        key, sep, value = p.partition("=")
        if not sep:
            raise click.BadParameter(f"{p!r} is not K=V", param_hint="--param")
        values[key] = value
    db = _open(_settings(store))
    if query in registry():
        rows = run_named_query(db, query, values)
    else:
        path = Path(query)
        text = path.read_text(encoding="utf-8") if query.endswith(".rq") and path.exists() else query
        rows = db.select(text)
    _table(rows, fmt)


@cli.command()
@click.argument("view", type=click.Choice(["authority", "practice-area", "national"]))
@click.option("--la", help="Local authority (authority view; a filter of the others).")
@click.option("--area", help="Practice-area id (practice-area view; a filter of the authority view).")
@click.option("--polarity", help="Only sentences of this polarity: concern, strength, mixed or neutral.")
@click.option("--kind", help="Only sentences of this kind: finding, recommendation or judgement.")
@click.option("--from", "date_from", help="Earliest visit or publication date, YYYY-MM-DD.")
@click.option("--to", "date_to", help="Latest visit or publication date, YYYY-MM-DD.")
@click.option("--cap", type=int, help="Most nodes to draw; more findings are grouped [default: 2000].")
@click.option(
    "--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="HTML file to write."
)
@store_option
@translated
def viz(
    view: str,
    la: str | None,
    area: str | None,
    polarity: str | None,
    kind: str | None,
    date_from: str | None,
    date_to: str | None,
    cap: int | None,
    out: Path,
    store: Path | None,
) -> None:
    """Write a self-contained HTML view of the graph (it opens offline; evidence links go to `serve`)."""
    from .viz import render_view

    settings = _settings(store)
    given = {"polarity": polarity, "kind": kind, "from": date_from, "to": date_to, "cap": cap}
    html = render_view(
        _open(settings),
        view,
        la=la,
        area=area,
        settings=settings,
        filters={k: str(v) for k, v in given.items() if v is not None},
        evidence_url=f"http://{settings.host}:{settings.port}/api/evidence?finding=",
    )
    out.write_text(html, encoding="utf-8")
    click.echo(f"wrote {out}", err=True)


@cli.command()
@store_option
@click.option("--host", default=None, help="Address to listen on [default: 127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port [default: 8000].")
@click.option(
    "--query-timeout",
    "query_timeout_s",
    type=float,
    default=None,
    envvar="INSPECTKG_QUERY_TIMEOUT_S",
    show_envvar=True,
    help="Time limit of one query, in seconds [default: 10].",
)
@click.option(
    "--row-cap",
    "query_row_cap",
    type=int,
    default=None,
    envvar="INSPECTKG_QUERY_ROW_CAP",
    show_envvar=True,
    help="Most rows (or triples) one query may answer [default: 10000].",
)
@click.option(
    "--query-workers",
    type=int,
    default=None,
    envvar="INSPECTKG_QUERY_WORKERS",
    show_envvar=True,
    help="Query worker processes [default: 3].",
)
@translated
def serve(
    store: Path | None,
    host: str | None,
    port: int | None,
    query_timeout_s: float | None,
    query_row_cap: int | None,
    query_workers: int | None,
) -> None:
    """Serve the API: SPARQL at /sparql, REST under /api, docs at /docs, views under /viz.

    Updates, LOAD, SERVICE and ingest by upload need the admin token, set by the environment
    variable INSPECTKG_ADMIN_TOKEN (never a flag: flags show in the process list).
    """
    import uvicorn

    from .api import create_app

    settings = _settings(
        store,
        host=host,
        port=port,
        query_timeout_s=query_timeout_s,
        query_row_cap=query_row_cap,
        query_workers=query_workers,
    )
    app = create_app(settings)
    click.echo(f"serving {settings.store_path} at http://{settings.host}:{settings.port}/", err=True)
    uvicorn.run(app, host=settings.host, port=settings.port, log_level="warning")


@cli.command()
@store_option
@format_option("table", "json", default="table")
@translated
def stats(store: Path | None, fmt: str) -> None:
    """Counts of documents, findings, triples and links in the store."""
    from .graph.manage import store_stats

    rows = store_stats(_open(_settings(store)))
    _table(rows, "json" if fmt == "json" else "table")


@cli.command()
@store_option
@translated
def relink(store: Path | None) -> None:
    """Derive every authority's links graph again (links, tallies, persistence answers), e.g. after a
    SPARQL Update changed documents behind linking's back."""
    from .graph.iri import Iris
    from .graph.linking import relink_all

    settings = _settings(store)
    links = relink_all(_open(settings), Iris(settings.base_iri))
    click.echo(f"relinked every authority: {links} area links", err=True)


@cli.command()
@store_option
@translated
def validate(store: Path | None) -> None:
    """Validate the store against the SHACL shapes of ontology/shapes.ttl."""
    from .graph.validation import validate_store

    report = validate_store(_open(_settings(store)))
    click.echo(report.text)
    if not report.conforms:
        sys.exit(1)


def main() -> None:
    """Entry point of the console script."""
    cli(prog_name="inspectkg")
