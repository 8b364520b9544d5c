"""A written summary as people hand it in (Markdown, bullets, headings, one-liners), as sentences.

Headings are kept apart from sentences: "## Recommendation" says where a sentence belongs, but is
not itself the recommendation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BULLET = re.compile(r"^\s*(?:[-*+\u2022]|\d{1,2}[.)])\s+")
HEADING = re.compile(r"^\s*#{1,6}\s+")
EMPHASIS = re.compile(r"(\*\*|__|`)")
# A sentence ends at . ! ? (after any closing quote or bracket) followed by a space and a capital,
# a digit or an opening quote; "0.85", "e.g. the" and "vs. today" do not end one.
SENTENCE_END = re.compile(
    r"(?<!\be\.g)(?<!\bi\.e)(?<!\bvs)(?<!\betc)([.!?][\"')\]]*)\s+(?=[\"'(\[]?[A-Z0-9])"
)
INLINE_LABEL = re.compile(
    r"^\s*(?:[-*+]\s+)?\**([A-Za-z][A-Za-z /&-]{2,30}?)(?:\**\s*[:\u2013-]|[:\u2013]\*\*)\s+(?=\S)"
)
WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d[\d,.]*%?")


@dataclass(frozen=True)
class Sentence:
    text: str
    heading: str  # the nearest heading above it, lower case ("" when none)
    index: int  # position among the write-up's sentences, from 0

    @property
    def words(self) -> int:
        return len(WORD.findall(self.text))


def _clean(line: str) -> str:
    return EMPHASIS.sub("", BULLET.sub("", line)).strip()


def _is_heading(line: str) -> bool:
    """A Markdown heading, or a short line ending in a colon or standing alone in bold."""
    stripped = line.strip()
    if HEADING.match(stripped):
        return True
    plain = _clean(stripped)
    bold_alone = stripped.startswith("**") and stripped.endswith("**") and len(plain.split()) <= 6
    return bold_alone or (plain.endswith(":") and len(plain.split()) <= 5)


def sentences(text: str) -> list[Sentence]:
    """The write-up's sentences in order, each with the heading it sits under."""
    out: list[Sentence] = []
    heading = ""
    paragraph: list[str] = []

    def flush() -> None:
        joined = " ".join(paragraph).strip()
        for part in SENTENCE_END.sub(r"\1\n", joined).split("\n"):
            if WORD.search(part):
                out.append(Sentence(part.strip(), heading, len(out)))
        paragraph.clear()

    for block in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        for line in (line for line in block.split("\n") if line.strip()):
            if _is_heading(line):
                flush()
                heading = HEADING.sub("", _clean(line)).rstrip(":").lower()
                continue
            # An inline label ("Recommendation: call ...") is a heading for its own line.
            bullet = BULLET.match(line) is not None
            label = INLINE_LABEL.match(line)
            if bullet or label:
                flush()
                if label and len(label.group(1).split()) <= 4:
                    heading = label.group(1).lower()
                    line = line[label.end() :]
            paragraph.append(_clean(line))
            if bullet:
                flush()
        flush()
    return out
