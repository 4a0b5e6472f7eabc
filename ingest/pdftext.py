"""PDF text: a PDF's pages turned into paragraphs, one per line, with the offset of each page.

PDFium gives each page's text line by line. Running headers and footers, page numbers, a contents
list, footnotes and Ofsted's back page are dropped; lines are joined into paragraphs by the space
between them (and, where that is unknown, by punctuation and line length); headings, bullets
("• "), numbered paragraphs ("12. ") and the rows of a judgement table each stay a line of their own.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from inspectkg.errors import CorruptInput, EmptyInput, EncryptedInput, ScannedInput

from .metadata import grade_continues, is_judgement_row, starts_with_grade

BULLETS = "\uf0b7\u2022\u25cf\u25aa\u2023\u2043\u00b7\uf0a7"
PAGE_NUMBER = re.compile(r"^\s*(page\s+)?\d{1,3}(\s+of\s+\d{1,3})?\s*$", re.I)
NUMBERED = re.compile(r"^\d{1,3}\.(?:\s|(?=[A-Z‘“'\"(]))")
NUMBER_GLUED = re.compile(r"^(\d{1,3}\.)(?=[A-Z‘“'\"(])")
CONTENTS_ENTRY = re.compile(r"^\S.{2,120}\s\d{1,3}$")
FOOTNOTE_MARK = re.compile(r"[A-Za-z?.:)’](\d{1,2})$")
SOFT_BREAK = "\ufffe"
BACK_MATTER = re.compile(
    r"^The Office for Standards in Education, Children['’]s Services\s+and Skills \(Ofsted\)"
)
LONE_MARK = re.compile(r"^\s*(\d{1,2})\s*$")
SENTENCE_END = (".", "!", "?", ".”", ".’", ".)")
SHORT_LINE = 0.78
PARAGRAPH_GAP = 1.3
LEADING = 1.2
FIELD = re.compile(r"^[A-Z][a-z]+(?: [a-z]+){0,3}:\s")
TERMINAL = '.:;?!”"’)'
MIN_TEXT_PER_PAGE = 40


def pdf_text(path: Path, data: bytes) -> tuple[str, tuple[int, ...]]:
    """The text of a PDF and the offset where each page begins; raises an InputError when it cannot."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedInput(path) from exc
        raise CorruptInput(path, _pdfium_reason(exc)) from exc
    try:
        pages, gaps = [], []
        for i in range(len(pdf)):
            page = pdf[i]
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            gaps.append(_line_gaps(textpage, text))
            pages.append(text.replace("\r\n", "\n").replace("\r", "\n"))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as exc:
        raise CorruptInput(path, _pdfium_reason(exc)) from exc
    finally:
        pdf.close()
    if not pages:
        raise EmptyInput(path, "a PDF with no pages")
    if sum(len(p.strip()) for p in pages) < MIN_TEXT_PER_PAGE * len(pages):
        raise ScannedInput(path, f"{len(pages)} page{'s' if len(pages) > 1 else ''}")
    pages = _mend_soft_hyphens(pages)
    running = _running_lines(pages)
    lines = [_pdf_lines(page, page_gaps) for page, page_gaps in zip(pages, gaps, strict=True)]
    return _join_pages(_drop_back_matter([_page_body(page_lines, running) for page_lines in lines]))


class PdfLine(str):
    """A line of a PDF page that knows how far below the line above it stands, and the usual
    line pitch of the page or of its own font (points; 0 where unknown). Ofsted's reports set
    space after paragraphs, so a gap wider than the pitch ends a paragraph and the usual pitch
    wraps, whatever the punctuation or trailing spaces say."""

    gap: float = 0.0
    pitch: float = 0.0

    def retext(self, text: str) -> PdfLine:
        """The same line with other text (a footnote marker removed)."""
        line = PdfLine(text)
        line.gap, line.pitch = self.gap, self.pitch
        return line


def _line_gaps(textpage: Any, text: str) -> list[tuple[float, float]]:
    """For each line of a page's text, the drop of its baseline from the line above and its
    font box height, in points (0 if unknown)."""
    lines = re.split(r"\r\n|\r|\n", text)
    if textpage.count_chars() != len(text):
        return [(0.0, 0.0)] * len(lines)
    gaps: list[tuple[float, float]] = []
    position, above = 0, None
    for line in lines:
        # The first and last characters that are not space (str.strip's notion of space).
        first, last = len(line) - len(line.lstrip()), len(line.rstrip()) - 1
        if last < first:
            gaps.append((0.0, 0.0))
        else:
            _, bottom, _, top = textpage.get_charbox(position + first, loose=True)
            gaps.append((above - bottom if above is not None else 0.0, top - bottom))
            # PDFium joins two rows where a word breaks at a hyphen: measure from the lower row,
            # but not from a superscript ("18th") that ends the line.
            above = min(bottom, textpage.get_charbox(position + last, loose=True)[1])
        position += len(line) + (2 if text.startswith("\r\n", position + len(line)) else 1)
    return gaps


def _pdf_lines(page: str, gaps: list[tuple[float, float]]) -> list[str]:
    texts = page.split("\n")
    if len(texts) != len(gaps):
        return texts
    usual = sorted(g for g, _ in gaps if 0 < g < 40)
    body = usual[len(usual) // 2] if usual else 0.0
    lines: list[str] = []
    for text, (gap, height) in zip(texts, gaps, strict=True):
        line = PdfLine(text)
        # A title in a larger font has a wider pitch of its own.
        line.gap, line.pitch = gap, max(body, LEADING * height)
        lines.append(line)
    return lines


def _pdfium_reason(exc: Exception) -> str:
    """PDFium's own words ("Data format error"), without its wrapper text."""
    m = re.search(r"PDFium: ([^)]+)\)", str(exc))
    return m.group(1).lower() if m else str(exc)


def _mend_soft_hyphens(pages: list[str]) -> list[str]:
    """PDFium joins a word broken at a line-end hyphen and marks the break with U+FFFE.

    Ofsted's reports break lines at real hyphens ("child-centred") far more often than they
    hyphenate words, so the hyphen is kept unless the joined word occurs elsewhere and the
    hyphenated one does not.
    """
    if not any(SOFT_BREAK in p for p in pages):
        return [p.replace("\u00ad", "") for p in pages]
    whole = "\n".join(pages).replace(SOFT_BREAK, "-").lower()
    words = Counter(re.findall(r"[a-z]+", whole))

    def mend(m: re.Match[str]) -> str:
        head, tail = m.group(1), m.group(2)
        hyphenated = f"{head}-{tail}"
        # The break itself is one occurrence of the hyphenated form; another one means a real hyphen.
        if words[(head + tail).lower()] > 0 and whole.count(hyphenated.lower()) < 2:
            return head + tail
        return hyphenated

    # Most pages have no break to mend: the pattern, which tries every word, runs on the others.
    return [
        (re.sub(r"([A-Za-z]*)\ufffe([A-Za-z]*)", mend, p) if SOFT_BREAK in p else p).replace("\u00ad", "")
        for p in pages
    ]


def _normal(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.lower().split()))


def _running_lines(pages: list[str]) -> set[str]:
    """Lines that recur at the top or bottom of many pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    counts: Counter[str] = Counter()
    for page in pages:
        lines = [ln for ln in page.split("\n") if ln.strip()]
        counts.update({_normal(ln) for ln in lines[:3] + lines[-3:]})
    return {ln for ln, n in counts.items() if n >= max(3, len(pages) // 2) and ln and ln != "#"}


def _page_body(lines: list[str], running: set[str]) -> list[str]:
    """A page's lines without running headers, page numbers, contents lists and footnotes."""
    kept = [ln for ln in lines if ln.strip() and _normal(ln) not in running]
    while kept and PAGE_NUMBER.match(kept[0]):
        kept.pop(0)
    while kept and PAGE_NUMBER.match(kept[-1]):
        kept.pop()
    kept = _drop_contents(kept)
    return _drop_footnotes(kept)


def _drop_back_matter(pages: list[list[str]]) -> list[list[str]]:
    """Ofsted's back page (what Ofsted is, other formats, the licence, its address) is not the report."""
    for number in range(len(pages) - 1, max(-1, len(pages) - 3), -1):
        start = next((i for i, line in enumerate(pages[number]) if BACK_MATTER.match(line.strip())), None)
        if start is not None:
            return [*pages[:number], pages[number][:start], *([[]] * (len(pages) - number - 1))]
    return pages


def _drop_contents(lines: list[str]) -> list[str]:
    """A table of contents ("Contents", then titles ending in page numbers) is navigation, not text."""
    for i, line in enumerate(lines):
        if line.strip().lower() in {"contents", "table of contents"}:
            end = i + 1
            while end < len(lines) and CONTENTS_ENTRY.match(lines[end].strip()):
                end += 1
            if end - i > 3:
                return lines[:i] + lines[end:]
    return lines


def _drop_footnotes(lines: list[str]) -> list[str]:
    """Footnote markers ("Board1", "improve?1", or a superscript "1" set as a line of its own)
    and the footnotes they point to.

    A number counts as a marker only when a later line of the same page starts with it; the
    footnotes then run from that line to the foot of the page.
    """
    for i, line in enumerate(lines):
        m = FOOTNOTE_MARK.search(line.rstrip()) or (LONE_MARK.match(line) if i else None)
        if not m:
            continue
        foot = next(
            (j for j in range(i + 1, len(lines)) if re.match(rf"{m.group(1)}(\s|$)", lines[j].strip())), None
        )
        if foot is None:
            continue
        kept = lines[:i]
        for body in lines[i:foot]:
            stripped = body.rstrip()
            mark = FOOTNOTE_MARK.search(stripped)
            if LONE_MARK.match(body):
                continue
            if mark:
                text = stripped[: mark.start(1)] + body[len(stripped) :]
                body = body.retext(text) if isinstance(body, PdfLine) else text
            kept.append(body)
        return kept
    return lines


def _is_bullet(ch: str) -> bool:
    """Bullet glyphs: the usual ones, geometric shapes (◼) and symbol-font glyphs in the private use area."""
    return ch in BULLETS or 0x25A0 <= ord(ch) <= 0x25FF or 0xF000 <= ord(ch) <= 0xF0FF


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


def _is_break(current: str, line: str, following: str, after: str = "", measure: int = 0) -> bool:
    """Whether a paragraph ends between two consecutive lines of a PDF page.

    `current` is the paragraph built so far (ending with `line`); a row of a judgement table
    ("Overall effectiveness Good") ends where its grade is complete. `measure` is the length of a
    full line on the page: a sentence that ends well short of it ends its paragraph too, even
    where the PDF keeps a trailing space.
    """
    nxt = following.lstrip()
    if not nxt:
        return True
    if grade_continues(current, nxt):
        return False
    if is_judgement_row(current) and not nxt[0].islower():
        return True
    if _is_bullet(nxt[0]) or NUMBERED.match(nxt) or FIELD.match(nxt) or _is_heading(following, after):
        return True
    if _is_heading(line, following):
        return True
    if starts_with_grade(nxt) and not line.rstrip().endswith((".", ",")):
        return False
    stripped = line.rstrip()
    gap, pitch = getattr(following, "gap", 0.0), getattr(following, "pitch", 0.0)
    if gap > 0 and pitch > 0:
        # Within a page, the space between the lines decides (see PdfLine).
        return gap > PARAGRAPH_GAP * pitch
    if stripped.endswith(SENTENCE_END) and nxt[0].isupper() and len(stripped) < SHORT_LINE * measure:
        return True
    if line.endswith(" "):
        return False
    if nxt[0].islower() or nxt[0] in "(,;":
        return False
    if stripped and stripped[-1] not in TERMINAL and len(stripped) >= SHORT_LINE * measure > 0:
        # A full line that stops mid-sentence wraps, even before a capital ("Fostering for / Adoption").
        return False
    return bool(stripped) and (stripped[-1] in TERMINAL or len(stripped) < 70 or nxt[0].isupper())


def _clean_line(line: str) -> str:
    line = line.strip()
    if line and _is_bullet(line[0]):
        line = "• " + line[1:].strip()
    # Some reports set numbered paragraphs as "16.Children ..."; structure.py expects "16. ".
    return NUMBER_GLUED.sub(r"\1 ", line)


def _measure(page: list[str]) -> int:
    """The length of a full line of body text on a page (0 when the page has too few lines to tell)."""
    lengths = sorted(len(ln.strip()) for ln in page if len(ln.strip()) > 40)
    return lengths[int(0.9 * (len(lengths) - 1))] if len(lengths) >= 5 else 0


def _join_pages(pages: list[list[str]]) -> tuple[str, tuple[int, ...]]:
    lines = [(number, ln) for number, page in enumerate(pages) for ln in page]
    measures = [_measure(page) for page in pages]
    words = Counter(w.lower() for _, ln in lines for w in re.findall(r"[A-Za-z]+", ln))
    out: list[str] = []
    starts = [-1] * len(pages)
    length = 0
    paragraph = ""
    for i, (number, raw) in enumerate(lines):
        line = _clean_line(raw)
        if not line or line == "•":
            continue
        if starts[number] < 0:
            starts[number] = length
        out.append(line)
        paragraph += line
        length += len(line)
        if i + 1 == len(lines):
            break
        nxt = lines[i + 1][1]
        after = lines[i + 2][1] if i + 2 < len(lines) else ""
        if _is_break(paragraph, raw, nxt, after, measures[number]):
            sep = "\n"
            paragraph = ""
        elif line.endswith("-") and nxt.lstrip()[:1].islower():
            head = re.findall(r"[A-Za-z]+$", line[:-1])
            tail = re.findall(r"^[A-Za-z]+", nxt.lstrip())
            joined = (head[0] + tail[0]).lower() if head and tail else ""
            sep = ""
            if joined and words[joined] > 0:
                out[-1] = line[:-1]
                paragraph = paragraph[:-1]
                length -= 1
        else:
            sep = " "
        out.append(sep)
        paragraph += sep
        length += len(sep)
    # A page left with no text starts where the next page with text does, so page_at skips it.
    for number in reversed(range(len(pages))):
        if starts[number] < 0:
            starts[number] = starts[number + 1] if number + 1 < len(pages) else length
    return "".join(out), tuple(starts)
