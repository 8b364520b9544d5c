"""An interview answer as people paste it, as sentences: Markdown, bullets, quotes, several
paragraphs, and STAR labels ("Situation:", "**Task**", "(Action)", "R -") that say which part a
sentence belongs to.

A label is the candidate telling us the part; the reader still checks that the sentence does it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mleprep.core.errors import MleprepError

LABEL_PARTS = {
    "situation": "situation",
    "context": "situation",
    "setup": "situation",
    "scenario": "situation",
    "background": "situation",
    "s": "situation",
    "task": "task",
    "goal": "task",
    "challenge": "task",
    "problem": "task",
    "problems": "task",
    "challenges": "task",
    "objective": "task",
    "t": "task",
    "action": "action",
    "actions": "action",
    "approach": "action",
    "what i did": "action",
    "a": "action",
    "result": "result",
    "results": "result",
    "outcome": "result",
    "impact": "result",
    "r": "result",
    "solution": "action",
    "resolution": "result",
    "what happened": "situation",
    "story": "situation",
    "disagreement": "situation",
    "conflict": "situation",
    "stance": "action",
    # A section of lessons ends the story's parts: what follows it is no outcome.
    "learning": "",
    "learnings": "",
    "lesson": "",
    "lessons": "",
    "lessons learned": "",
    "takeaway": "",
    "takeaways": "",
    "reflection": "",
}
_NAMES = "|".join(sorted((re.escape(k) for k in LABEL_PARTS), key=len, reverse=True))
# "Situation:", "**Task** -", "(Action)", "[R]", "S -", "Result —", "S (Situation):", "The Problem:";
# a one-letter label needs its mark.
_LABEL = re.compile(
    rf"^\s*(?:(?:[-*+\u2022]|\d{{1,2}}[.)])\s*)?(?:#+\s*)?(?:[STAR]\s*(?=\())?[(\[]?\**(?:(?:the|my|our)\s+)?"
    rf"(?P<name>{_NAMES})\**[)\]]?\**(?:\s*\([^)]{{1,30}}\))?"
    # A dash marks a label only with a space before it: "Result-driven teams" is a sentence.
    # A full-width colon ("S\uff1a") marks one too, and a letter's bare hyphen before a capital ("S-For").
    r"(?P<mark>\s*[:\uff1a]|\s+[\u2013\u2014-]|[\u2013\u2014]|\)|\]|-(?=(?-i:[A-Z]))|\s*$)\**\s*",
    re.IGNORECASE,
)
_LOWER_I = re.compile(r"(?<![\w.'])i(?=\s|'(?:m|ve|d|ll)\b)")
_INLINE_LABEL = re.compile(rf"^\**(?P<name>{_NAMES})\**\s*[:\uff1a]\**\s*", re.IGNORECASE)
_BULLET = re.compile(r"^\s*(?:[-*+\u2022]|\d{1,2}[.)])\s+")
_HEADING = re.compile(r"^\s*#{1,6}\s+")
_NOISE = re.compile(r"\*\*|__|`")
# An answer quoted as a Markdown blockquote: its lines keep their bullets and labels after the "> ".
_QUOTE = re.compile(r"^\s*(?P<item>(?:[-*+\u2022]|\d{1,2}[.)])\s+)?(?:>\s?)+")
# A Markdown code fence ("```text", "~~~"): people put prose in one to keep its line breaks.
_FENCE = re.compile(r"^\s*(?:>\s*)?(?:```|~~~)[^`]*$")
# A sentence ends at . ! ? and any closing quotes or brackets, before a capital, a digit or an
# opening quote; "0.85", "e.g. the", "vs. last year" do not end one.
_END = re.compile(
    r"(?<!\b[Ee]\.g)(?<!\b[Ii]\.e)(?<!\bvs)(?<!\betc)(?<!\bMr)(?<!\bDr)(?<!\bMs)"
    r"(?<!\bPvt)(?<!\bLtd)(?<!\bInc)(?<!\bCo)(?<!\bCorp)(?<!\bSt)"
    r"([.!?]+[\"'\u201d\u2019)\]]*)\s+(?=[\"'\u201c\u2018(\[]?[A-Z0-9])"
)
# A Markdown table, as answer banks on GitHub keep STAR stories: "| **Task** | We needed to ... |".
_TABLE_ROW = re.compile(r"^\s*\|(?P<cells>.*)\|\s*$")
_TABLE_RULE = re.compile(r"^[\s|:-]+$")
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
WORD = re.compile(r"[A-Za-z][A-Za-z'\u2019-]*|\d[\d,.]*%?")


@dataclass(frozen=True)
class AnswerSentence:
    text: str
    label: str | None  # the STAR part the candidate's own label gives it, if any


def _label(line: str) -> tuple[str | None, str]:
    """(part, rest of the line) when the line opens with a STAR label ("" for a section of lessons);
    (None, line) otherwise."""
    m = _LABEL.match(line)
    if not m:
        return None, line
    name = m.group("name").lower()
    rest = line[m.end() :]
    # A one-letter label needs a mark after it: "A -" is a label, "A colleague" is not.
    if len(name) == 1 and not m.group("mark").strip():
        return None, line
    if len(name) > 1 and not m.group("mark").strip() and rest.strip():
        return None, line  # "Results were ..." is a sentence, not a label
    if len(name) > 1 and m.group("mark") == "-":
        return None, line  # "Task-Oriented teams": a word's hyphen
    return LABEL_PARTS[name], rest


def _clean(line: str) -> str:
    # A typographic apostrophe ("I\u2019m", "haven\u2019t") reads as the plain one.
    line = _NOISE.sub("", _BULLET.sub("", _HEADING.sub("", line))).strip().replace("\u2019", "'")
    # A lower-case "i" for the speaker, as some people type: "i had to manage the team".
    line = _LOWER_I.sub("I", line)
    # An answer pasted inside quotes: unwrap it, but keep a quote that opens a sentence inside.
    whole = line.count(line[0]) == (2 if line[:1] == '"' else 1)
    if len(line) > 1 and line[0] in '"\u201c' and line[-1] in '"\u201d' and whole:
        line = line[1:-1].strip()
    return line


def _part_name(cell: str) -> str:
    return re.sub(r"[^a-z ]", "", cell.lower()).strip()


def _unquoted(sentence: str) -> str:
    """A sentence without the quote mark that opens or closes a quoted answer around it: a straight
    quote left unpaired in the sentence, or a curly one whose partner is not in it."""
    opening, closing = ('"', '"') if sentence.count('"') % 2 else ("\u201c", "\u201d")
    if sentence.startswith(opening) and (opening == '"' or closing not in sentence):
        sentence = sentence[1:].lstrip()
    if sentence.endswith(closing) and (closing == '"' or opening not in sentence):
        sentence = sentence[:-1].rstrip()
    return sentence


def _untable(text: str) -> str:
    """Each row of a Markdown table as lines of text: a first cell that names a STAR part becomes
    its label ("Task: ..."); a header whose columns name parts ("Challenge | Solution") labels each
    row's cells by column instead; any other header row (above the rule) is dropped; `<br>` breaks
    lines."""
    lines = text.split("\n")
    out = []
    columns: list[str] | None = None  # the parts a header row names, one per column
    for i, line in enumerate(lines):
        row = _TABLE_ROW.match(line)
        if row is None:
            columns = None
            out.append(line)
            continue
        if _TABLE_RULE.match(line):
            continue
        cells = [c.strip() for c in row.group("cells").split("|")]
        names = [_part_name(c) for c in cells]
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if _TABLE_ROW.match(following) and _TABLE_RULE.match(following):  # a header row
            named = sum(n in LABEL_PARTS and len(n) > 1 for n in names)
            columns = names if named >= 2 else None
            if columns is not None or names[0] not in LABEL_PARTS:  # "STAR | Answer" tells nothing
                continue
        if columns is not None:
            cells = [_BREAK.sub(" ", c) for c in cells]
            out += [
                "",
                *(f"{col.title()}: {cell}" for col, cell in zip(columns, cells, strict=False) if cell),
            ]
            continue
        first = f"{names[0].title()}:" if names[0] in LABEL_PARTS and len(names[0]) > 1 else cells[0]
        out += ["", *_BREAK.sub("\n", " ".join([first, *cells[1:]])).split("\n")]
    return "\n".join(out)


def answer_sentences(text: str) -> list[AnswerSentence]:
    """The answer's sentences in order, each with the STAR part its label gives it (or None)."""
    out: list[AnswerSentence] = []
    label: str | None = None
    paragraph: list[str] = []

    def flush() -> None:
        nonlocal label
        joined = " ".join(paragraph).strip()
        for part in _END.sub(r"\1\n", joined).split("\n"):
            # "... update. Task: As the owner, ...": labels inline in one paragraph, each after a
            # sentence's end; a word with a colon only, since "A -" or "A:" inside a line may be anything.
            inline = _INLINE_LABEL.match(part.strip())
            if inline and len(inline.group("name")) > 1:  # "A:" inside a paragraph may be an answer's
                label, part = LABEL_PARTS[inline.group("name").lower()] or None, part.strip()[inline.end() :]
            part = _unquoted(part.strip())
            if WORD.search(part):
                out.append(AnswerSentence(part, label))
        paragraph.clear()

    for block in re.split(r"\n\s*\n", _untable(text.replace("\r\n", "\n"))):
        # "1. > Task: ..." is a list item quoted: the item stays an item, without its quote marks.
        for line in (_QUOTE.sub(lambda m: "- " if m["item"] else "", line) for line in block.split("\n")):
            if not line.strip():  # a blank line inside a blockquote ends its paragraph
                flush()
                continue
            if _FENCE.match(line):
                flush()
                continue
            part, rest = _label(line)
            if part is not None:
                flush()
                label = part or None
                line = rest
            elif _BULLET.match(line) or _HEADING.match(line):
                flush()
            if line.strip():
                paragraph.append(_clean(line))
            if _HEADING.match(line):
                flush()
        flush()
    return out


class AnswerFileError(MleprepError, ValueError):
    """The answer file is empty, binary or not text."""


def answer_from_bytes(data: bytes, *, name: str) -> str:
    """The text of an answer file, or an AnswerFileError that says what is wrong with it."""
    if b"\x00" in data[:8192]:
        raise AnswerFileError(
            f"{name} is a binary file, not an answer: save the answer as plain text or Markdown"
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise AnswerFileError(
            f"{name} is not UTF-8 text (byte {exc.start}): save it as UTF-8 plain text or Markdown"
        ) from exc
    if not re.search(r"[^\W_]", text):  # a letter or a digit in any script: a Chinese answer is no empty one
        raise AnswerFileError(f"{name} is empty: write the answer in it first")
    return text
