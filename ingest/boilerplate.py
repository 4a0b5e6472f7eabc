"""Web clutter removal for text copied from web pages: menus, adverts and unrelated stories."""

from __future__ import annotations

import re

TEASER_END = re.compile(r"^(read (full|more|the full) (story|article)|read more|continue reading)\b", re.I)
TEASER_ELLIPSIS = "[...]"
FURNITURE = re.compile(
    r"^(make an enquiry|contact us|subscribe( today)?|share( this)?|follow us|sign up|log ?in|menu|search|"
    r"home|cookies?.*|accept.*cookies.*|back to top|print|email|tweet)$",
    re.I,
)


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def strip_web_clutter(text: str) -> str:
    """Keep the body of a letter or article; drop navigation lines and teaser blocks of other stories.

    Plain letters pass unchanged but for line endings. A block that ends in a "Read Full Story"
    style link is a teaser of another article: it and everything after the first one are dropped,
    back to the last paragraph that is a full sentence of the main text.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paras = _paragraphs(text)
    cut = next((i for i, p in enumerate(paras) if TEASER_END.match(p.strip())), None)
    if cut is not None:
        start = cut
        if start > 0 and TEASER_ELLIPSIS in paras[start - 1]:
            # The teaser's own paragraphs run back to its title; the title and the section
            # furniture above it ("Knowledge & Resources") go too.
            while start > 1 and _is_body(paras[start - 1]):
                start -= 1
        while start > 0 and not _is_body(paras[start - 1]):
            start -= 1
        while start > 0 and _is_body(paras[start - 1]) and TEASER_ELLIPSIS in paras[start - 1]:
            start -= 1
            while start > 0 and not _is_body(paras[start - 1]):
                start -= 1
        paras = paras[:start]
    kept = [p for p in paras if not FURNITURE.match(p.strip()) and not _is_hashtag_banner(p)]
    if len(kept) == len(_paragraphs(text)):
        return text
    return "\n\n".join(p.strip() for p in kept) + "\n"


def _is_body(paragraph: str) -> bool:
    words = paragraph.split()
    return len(words) >= 12 and paragraph.rstrip()[-1:] in '.!?"”’]'


def _is_hashtag_banner(paragraph: str) -> bool:
    return "#" in paragraph and len(paragraph.split()) < 25 and bool(re.search(r"#\w+", paragraph))
