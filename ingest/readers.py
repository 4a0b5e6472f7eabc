"""Readers: one per format, each turning a file into text, a page map and its checksum.

Every reader returns a RawDocument whose `text` is what all later offsets index into. Bad input
raises one of the InputError subclasses of inspectkg.errors, naming the file and the reason.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from inspectkg.errors import (
    BinaryInput,
    CorruptInput,
    EmptyInput,
    EncodingInput,
    TooLargeInput,
    UnsupportedInput,
)

from .boilerplate import strip_web_clutter
from .pdftext import pdf_text

SUFFIXES = {".pdf": "pdf", ".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}
NON_TEXT_TAGS = [
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
]
# Words of the class or id of web-page furniture around an article (gov.uk and news sites).
FURNITURE = frozenset(
    [
        "cookie",
        "cookies",
        "consent",
        "breadcrumb",
        "breadcrumbs",
        "related",
        "share",
        "sharing",
        "newsletter",
        "advert",
        "adverts",
        "advertisement",
        "ad",
        "ads",
        "promo",
        "skip",
        "sidebar",
    ]
)


@dataclass(frozen=True)
class RawDocument:
    """A document's extracted text and where each page begins in it."""

    path: Path
    format: str
    text: str
    page_starts: tuple[int, ...]
    sha256: str

    def page_at(self, offset: int) -> int:
        """The 1-based page on which the character at `offset` stands."""
        page = 1
        for i, start in enumerate(self.page_starts, start=1):
            if start <= offset:
                page = i
        return page


def read_document(path: Path, max_bytes: int) -> RawDocument:
    """Read any supported file; raises an InputError naming the file when it cannot."""
    kind = SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise UnsupportedInput(path, f"extension {path.suffix or '(none)'}")
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise CorruptInput(path, exc.strerror or "cannot be opened") from exc
    if size > max_bytes:
        raise TooLargeInput(path, f"{size:,} bytes, the limit is {max_bytes:,}")
    if size == 0:
        raise EmptyInput(path)
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        if not data.lstrip()[:5].startswith(b"%PDF"):
            head = data[:2048].lower()
            if b"<html" in head or b"<!doctype html" in head:
                raise CorruptInput(path, "an HTML page saved under a .pdf name, not a PDF")
            raise CorruptInput(path, "no PDF header")
        text, starts = pdf_text(path, data)
    elif kind == "html":
        text, starts = _html_text(path, _decode(path, data)), (0,)
    else:
        text, starts = strip_web_clutter(_decode(path, data)), (0,)
    if not text.strip():
        raise EmptyInput(path)
    return RawDocument(path=path, format=kind, text=text, page_starts=starts, sha256=digest)


def _decode(path: Path, data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        if b"\x00" in data[:8192]:
            if _looks_utf16(data[:8192]):
                raise EncodingInput(path, "UTF-16 without a byte-order mark")
            raise BinaryInput(path, "NUL bytes")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise EncodingInput(
                path, f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}"
            ) from exc
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > 0.01 * min(len(text), 8192) + 2:
        raise BinaryInput(path, "control characters")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")


def _looks_utf16(head: bytes) -> bool:
    """Text in UTF-16 without a BOM: a NUL in every other byte, the other bytes mostly printable."""
    for nuls, chars in ((head[1::2], head[0::2]), (head[0::2], head[1::2])):
        if (
            nuls
            and nuls.count(0) > 0.9 * len(nuls)
            and sum(32 <= c < 127 or c in b"\r\n\t" for c in chars) > 0.9 * len(chars)
        ):
            return True
    return False


def _html_text(path: Path, html: str) -> str:
    """The article of a web page: headings, paragraphs, list items ("• ", "1. ") and table rows as
    paragraphs; page furniture (navigation, cookie banners, related links, hidden parts) is dropped."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(NON_TEXT_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_furniture):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    blocks = []
    for el in root.find_all(["h1", "h2", "h3", "h4", "h5", "h6", "p", "li", "tr"]):
        # A list item or row is one paragraph with the paragraphs inside it; a nested list is split out.
        if el.find(["li", "tr"]) or (el.name not in {"li", "tr"} and el.find_parent(["li", "tr"])):
            continue
        cells = el.find_all(["td", "th"]) if el.name == "tr" else [el]
        words = " ".join(" ".join(c.get_text(" ").split()) for c in cells).strip()
        if words:
            blocks.append(_list_prefix(el) + words)
    return strip_web_clutter("\n\n".join(blocks))


def _is_furniture(tag: Tag) -> bool:
    if tag.has_attr("hidden") or tag.get("aria-hidden") == "true":
        return True
    raw = tag.get("class")
    classes = [raw] if isinstance(raw, str) else [str(c) for c in raw or []]
    words = re.split(r"[^a-z]+", " ".join([str(tag.get("id", "")), *classes]).lower())
    return not FURNITURE.isdisjoint(words)


def _list_prefix(el: Tag) -> str:
    """The prefix of a list item: a bullet, or its number in a numbered list."""
    if el.name != "li":
        return ""
    if el.parent is not None and el.parent.name == "ol":
        return f"{sum(1 for _ in el.find_previous_siblings('li')) + 1}. "
    return "• "
