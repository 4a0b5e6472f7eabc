"""Readers: one per format, each turning a file into text, a page map and its checksum.

Every reader returns a RawDocument whose `text` is what all later offsets index into. Bad input
raises one of the InputError subclasses of inspectkg.errors, naming the file and the reason.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

from inspectkg.errors import (
    BinaryInput,
    CorruptInput,
    EmptyInput,
    EncodingInput,
    EncryptedInput,
    ScannedInput,
    TooLargeInput,
    UnsupportedInput,
)

from .boilerplate import strip_web_clutter

SUFFIXES = {".pdf": "pdf", ".txt": "text", ".text": "text", ".html": "html", ".htm": "html"}
BULLETS = "\uf0b7\u2022\u25cf\u25aa\u2023\u2043\u00b7\uf0a7"
GRADE_LINE = re.compile(r"^(requires improvement|to be good|inadequate|good|outstanding)\b", re.I)
PAGE_NUMBER = re.compile(r"^\s*(page\s+)?\d{1,3}(\s+of\s+\d{1,3})?\s*$", re.I)
NUMBERED = re.compile(r"^\d{1,3}\.\s")
TERMINAL = ".:;?!”\"’)"
MIN_TEXT_PER_PAGE = 40


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
        text, starts = _pdf_text(path, data)
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
            raise BinaryInput(path, "NUL bytes")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise EncodingInput(path, f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}") from exc
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\r\n\t\f")
    if controls > 0.01 * min(len(text), 8192) + 2:
        raise BinaryInput(path, "control characters")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")


def _html_text(path: Path, html: str) -> str:
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe"]):
        tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    blocks = []
    for el in root.find_all(["h1", "h2", "h3", "h4", "p", "li", "td"]):
        if el.find(["p", "li"]):
            continue
        words = " ".join(el.get_text(" ").split())
        if words:
            blocks.append(("- " if el.name == "li" else "") + words)
    return strip_web_clutter("\n\n".join(blocks))


def _pdf_text(path: Path, data: bytes) -> tuple[str, tuple[int, ...]]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedInput(path) from exc
        raise CorruptInput(path, str(exc)) from exc
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise CorruptInput(path, str(exc)) from exc
    finally:
        pdf.close()
    if not pages:
        raise EmptyInput(path, "a PDF with no pages")
    if sum(len(p.strip()) for p in pages) < MIN_TEXT_PER_PAGE * len(pages):
        raise ScannedInput(path, f"{len(pages)} pages")
    return _join_pages([_page_lines(p) for p in pages], _running_lines(pages))


def _normal(line: str) -> str:
    return re.sub(r"\d+", "#", line.strip().lower())


def _running_lines(pages: list[str]) -> set[str]:
    """Lines that recur at the top or bottom of many pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        lines = [ln for ln in page.split("\n") if ln.strip()]
        counts.update({_normal(ln) for ln in lines[:3] + lines[-3:]})
    return {ln for ln, n in counts.items() if n >= max(3, len(pages) // 2) and ln}


def _page_lines(page: str) -> list[str]:
    return [ln for ln in page.split("\n")]


def _is_bullet(ch: str) -> bool:
    """Bullet glyphs, including symbol-font glyphs that PDFs map to the private use area."""
    return ch in BULLETS or 0xF000 <= ord(ch) <= 0xF0FF


def _is_heading(line: str, following: str) -> bool:
    """A short unpunctuated line that introduces a list or numbered paragraphs."""
    stripped, nxt = line.strip(), following.lstrip()
    return (
        0 < len(stripped) < 90
        and stripped[0].isupper()
        and stripped[-1] not in TERMINAL + ","
        and bool(nxt)
        and (_is_bullet(nxt[0]) or bool(NUMBERED.match(nxt)))
    )


def _is_break(line: str, following: str, after: str = "") -> bool:
    """Whether a paragraph ends between two consecutive lines of a PDF page."""
    nxt = following.lstrip()
    if not nxt or _is_bullet(nxt[0]) or NUMBERED.match(nxt) or _is_heading(following, after):
        return True
    if _is_heading(line, following):
        return True
    if GRADE_LINE.match(nxt) and not line.rstrip().endswith((".", ",")):
        return False
    if line.endswith(" "):
        return False
    if nxt[0].islower() or nxt[0] in "(,;":
        return False
    stripped = line.rstrip()
    return bool(stripped) and (stripped[-1] in TERMINAL or len(stripped) < 70 or nxt[0].isupper())


def _join_pages(pages: list[list[str]], running: set[str]) -> tuple[str, tuple[int, ...]]:
    lines: list[tuple[int, str]] = []
    for number, page in enumerate(pages):
        kept = [ln for ln in page if ln.strip() and _normal(ln) not in running]
        while kept and PAGE_NUMBER.match(kept[0]):
            kept.pop(0)
        while kept and PAGE_NUMBER.match(kept[-1]):
            kept.pop()
        lines.extend((number, ln) for ln in kept)
    words = Counter(w.lower() for _, ln in lines for w in re.findall(r"[A-Za-z]+", ln))
    out: list[str] = []
    starts = [0] * len(pages)
    seen_pages: set[int] = set()
    length = 0
    for i, (number, raw) in enumerate(lines):
        line = raw.strip()
        if _is_bullet(line[0]):
            line = "• " + line[1:].strip()
        if not line or line == "•":
            continue
        if number not in seen_pages:
            seen_pages.add(number)
            starts[number] = length
        out.append(line)
        length += len(line)
        if i + 1 < len(lines):
            nxt = lines[i + 1][1]
            after = lines[i + 2][1] if i + 2 < len(lines) else ""
            if _is_break(raw, nxt, after):
                sep = "\n"
            elif line.endswith("-") and nxt.lstrip()[:1].islower():
                head = re.findall(r"[A-Za-z]+$", line[:-1])
                tail = re.findall(r"^[A-Za-z]+", nxt.lstrip())
                joined = (head[0] + tail[0]).lower() if head and tail else ""
                sep = ""
                if joined and words[joined] > 0:
                    out[-1] = line[:-1]
                    length -= 1
            else:
                sep = " "
            out.append(sep)
            length += len(sep)
    for number in range(1, len(pages)):
        if number not in seen_pages:
            starts[number] = starts[number - 1]
    return "".join(out), tuple(starts)
