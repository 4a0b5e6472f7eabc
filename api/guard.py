"""The guard: which operations a SPARQL request asks for, so that unsafe ones need the admin token.

Oxigraph evaluates SERVICE and LOAD by fetching the remote IRI over HTTP, so a query must be
refused before it reaches the engine (issue 6: no request ever leaves the machine because of a
query). The guard lexes the text the way the SPARQL grammar does (SPARQL 1.1 Query §19.2: codepoint
escapes first, then IRIs, strings and comments), and looks for keywords only in what is left; where
it errs, it errs towards seeing a keyword and refusing.
"""

from __future__ import annotations

import hmac
import re

from inspectkg.errors import RefusedOperation

CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# IRIs, long and short strings, comments: none of them can hold a keyword (SPARQL 1.1 Query §19.8).
OPAQUE = re.compile(
    r"<[^<>\"{}|^`\\\s]*>"
    r"|\"\"\"(?:[^\"\\]|\\.|\"(?!\"\"))*\"\"\""
    r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r"|\"(?:[^\"\\\n\r]|\\.)*\""
    r"|'(?:[^'\\\n\r]|\\.)*'"
    r"|#[^\n\r]*",
    re.S,
)
# A keyword is a bare word: not a variable (?x, $x), nor part of a prefixed name (ex:service).
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH")


def _keyword(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w:?$.\-]){word}(?![\w:\-])", re.I)


SERVICE = _keyword("SERVICE")
FROM = _keyword("FROM")
LOAD = _keyword("LOAD")
UPDATE_START = re.compile(
    r"^\s*(?:(?:BASE\s*<>|PREFIX\s+[\w.\-]*:\s*<>)\s*)*(?:" + "|".join(UPDATE_WORDS) + r")(?![\w:\-])", re.I
)


def bare_text(sparql: str) -> str:
    """The query with escapes decoded and IRIs, strings and comments blanked out."""
    decoded = CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), sparql)
    return OPAQUE.sub(lambda m: "<>" if m.group(0).startswith("<") else " ", decoded)


def uses_service(sparql: str) -> bool:
    """Whether the query has a SERVICE clause (a federated call to another endpoint)."""
    return bool(SERVICE.search(bare_text(sparql)))


def names_dataset(sparql: str) -> bool:
    """Whether the query names its own dataset (FROM or FROM NAMED, SPARQL 1.1 Query §13.2)."""
    return bool(FROM.search(bare_text(sparql)))


def looks_like_update(sparql: str) -> bool:
    """Whether the text is a SPARQL Update (INSERT, DELETE, LOAD, ...) rather than a query."""
    return bool(UPDATE_START.search(bare_text(sparql)))


def is_admin(expected: str | None, authorization: str | None) -> bool:
    """Whether the server has an admin token and the request carries it (Authorization: Bearer)."""
    if not expected or not authorization:
        return False
    scheme, _, token = authorization.partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(token.strip().encode(), expected.encode())


def check_query(sparql: str, admin: bool) -> None:
    """Refuse a query that would call another endpoint, or an update sent as a query."""
    if admin:
        return
    if looks_like_update(sparql):
        raise RefusedOperation(
            "SPARQL Update is refused: it needs the server's admin token "
            "(send it as `update=` with Authorization: Bearer)"
        )
    if uses_service(sparql):
        raise RefusedOperation(
            "SERVICE clauses are refused: the endpoint never calls other hosts "
            "unless the request carries the admin token"
        )


def check_update(sparql: str, admin: bool) -> None:
    """Refuse any update (LOAD included) without the admin token."""
    if not admin:
        what = "LOAD" if LOAD.search(bare_text(sparql)) else "SPARQL Update"
        raise RefusedOperation(
            f"{what} is refused: it needs the server's admin token (Authorization: Bearer)"
        )
