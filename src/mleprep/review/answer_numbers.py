"""Numbers in an answer: what counts as a quantity in an outcome, and when a time is only when it came.

"Fell by 30%", "half", "a third", "twice as fast" are quantities; a digit inside a name (E2E, p99)
is not, and "six months later" or "for the next 3 weeks" times an outcome without measuring it.
"""

from __future__ import annotations

import re

NUMBER_WORDS = (
    "zero|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundreds?|"
    "thousands?|millions?|billions?|half|twice|doubled|halved|tripled|dozens?"
)
FRACTION = r"\b(?:a|one|two|three)\s+(?:third|quarter|fifth|tenth)s?\b"
# A digit inside a name ("E2E", "p99", "H100") is no number.
QUANTITY = re.compile(
    rf"(?:(?<![A-Za-z\d])(?<!\bN\+)\d|\b(?:{NUMBER_WORDS})\b|%|\bpercent\b|{FRACTION})", re.I
)
# When it happened or how long it ran is no size of the outcome: "six months later", "for the next 3 weeks".
SPAN = rf"(?:\d+|{NUMBER_WORDS}|a\s+few|several)\s+(?:days?|weeks?|months?|quarters?|years?)"
WHEN = re.compile(
    rf"\b{SPAN}\s+(?:later|ago)\b|\b(?:for|over|during)\s+the\s+(?:next|following)\s+{SPAN}\b", re.I
)
