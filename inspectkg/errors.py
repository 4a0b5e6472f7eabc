"""The one error tree of inspectkg, translated once by the CLI and once by the API.

InspectkgError                     (base; HTTP 500)
├── InputError                     a file that cannot be ingested (422); carries the path
│   ├── EmptyInput                 zero bytes or no text at all
│   ├── BinaryInput                not text, not a PDF, not HTML
│   ├── CorruptInput               a PDF that cannot be opened or parsed
│   ├── EncryptedInput             a password-protected PDF
│   ├── ScannedInput               a PDF with pages but no text layer (needs OCR)
│   ├── EncodingInput              text in an encoding that cannot be decoded
│   ├── TooLargeInput              over the size limit of the settings
│   ├── UnsupportedInput           an extension no reader handles
│   └── UnrecognisedAuthority      no English local authority named in the document
├── QueryError                     a query that cannot be answered (400)
│   ├── MalformedQuery             the SPARQL parser refused it
│   ├── RefusedOperation           update, LOAD or SERVICE without the admin token (403)
│   ├── QueryTimeout               over the time limit (503)
│   ├── RowCapExceeded             more result rows than the row cap (400)
│   ├── UnknownQuery               no named query by that name (404)
│   └── MissingParameter           a named query's parameter was not given (400)
├── NotFound                       no such document, authority or practice area (404)
├── RequestTooLarge                a request body over the size limit of the settings (413)
├── StoreError                     the store cannot be opened or written (500)
│   └── StoreLocked                another process holds the on-disk store (423)
└── ShapeViolation                 data that breaks the SHACL shapes (422)
"""

from __future__ import annotations

from pathlib import Path


class InspectkgError(Exception):
    """Base of every error inspectkg raises on purpose."""

    status = 500
    code = "error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def to_dict(self) -> dict[str, str | int]:
        """The one JSON error shape shared by the CLI (--format json) and the API."""
        return {"error": self.code, "message": self.message, "status": self.status}


class InputError(InspectkgError):
    """A file that cannot be ingested; the message names the file and the reason."""

    status = 422
    code = "input"
    reason = "cannot be read"

    def __init__(self, path: Path | str, detail: str | None = None) -> None:
        self.path = Path(path)
        text = f"{self.path}: {self.reason}" + (f" ({detail})" if detail else "")
        super().__init__(text)


class EmptyInput(InputError):
    """The file is empty or holds no text."""

    code = "empty-input"
    reason = "empty file, no text to ingest"


class BinaryInput(InputError):
    """The file's bytes are not text, PDF or HTML."""

    code = "binary-input"
    reason = "binary content that is not a PDF, HTML or text"


class CorruptInput(InputError):
    """A PDF that cannot be parsed."""

    code = "corrupt-input"
    reason = "corrupt or unreadable PDF"


class EncryptedInput(InputError):
    """A password-protected PDF."""

    code = "encrypted-input"
    reason = "encrypted PDF (password protected)"


class ScannedInput(InputError):
    """A PDF whose pages carry no text layer."""

    code = "scanned-input"
    reason = "no text layer: a scanned or image-only PDF (run OCR first)"


class EncodingInput(InputError):
    """Text that does not decode in any encoding tried."""

    code = "encoding-input"
    reason = "text in an unrecognised encoding"


class TooLargeInput(InputError):
    """A file over the configured size limit."""

    code = "too-large-input"
    reason = "file too large"


class UnsupportedInput(InputError):
    """An extension that no reader handles."""

    code = "unsupported-input"
    reason = "unsupported file type (expected .pdf, .txt, .html or .htm)"


class UnrecognisedAuthority(InputError):
    """No English local authority could be recognised in the document."""

    code = "unrecognised-authority"
    reason = "no English local authority recognised in the document"


class QueryError(InspectkgError):
    """A query that cannot be answered."""

    status = 400
    code = "query"


class MalformedQuery(QueryError):
    """The SPARQL parser refused the query."""

    code = "malformed-query"


class RefusedOperation(QueryError):
    """An update, LOAD or SERVICE clause without the admin token."""

    status = 403
    code = "refused-operation"


class QueryTimeout(QueryError):
    """The query ran over its time limit and was stopped."""

    status = 503
    code = "query-timeout"


class RowCapExceeded(QueryError):
    """The result has more rows (or triples) than the configured row cap."""

    code = "row-cap-exceeded"


class UnknownQuery(QueryError):
    """No named query by that name."""

    status = 404
    code = "unknown-query"


class MissingParameter(QueryError):
    """A required parameter of a named query was not given."""

    code = "missing-parameter"


class NotFound(InspectkgError):
    """No such document, authority or practice area."""

    status = 404
    code = "not-found"


class RequestTooLarge(InspectkgError):
    """A request body over the configured size limit."""

    status = 413
    code = "request-too-large"


class StoreError(InspectkgError):
    """The store cannot be opened, read or written."""

    status = 500
    code = "store"


class StoreLocked(StoreError):
    """Another process (usually `inspectkg serve`) holds the on-disk store."""

    status = 423
    code = "store-locked"


class ShapeViolation(InspectkgError):
    """Data that breaks the SHACL shapes of ontology/shapes.ttl."""

    status = 422
    code = "shape-violation"
