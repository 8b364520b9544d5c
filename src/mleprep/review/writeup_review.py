"""Automatic review of a take-home's written summary, one reading per rubric line.

Each reader answers one line of the rubric a mentor grades on (assignment.toml `[[manual]]`
`rubric`), with the sentence that earned it or the advice to earn it. They are suggestions: the
mentor's score decides. Agreement with hand labels is measured by scripts/measure_writeup_review.py
on write-ups the rules were not tuned on (tests/review/writeups/).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from mleprep.review.writeup_text import WORD, Sentence, sentences

LONG_SENTENCE_WORDS = 40
MAX_CHARS = 20_000


@dataclass(frozen=True)
class LineReading:
    line: str
    met: bool
    evidence: str | None  # the sentence that earned it, or the one that cost it
    advice: str


@dataclass(frozen=True)
class WriteupReview:
    words: int
    lines: tuple[LineReading, ...]

    def to_json(self) -> dict[str, Any]:
        return {"words": self.words, "lines": [asdict(r) for r in self.lines]}

    def note(self, part_id: str) -> str:
        met = sum(r.met for r in self.lines)
        parts = [f"{part_id} (automatic review, {met} of {len(self.lines)} rubric lines seen):"]
        for r in self.lines:
            parts.append(f"{'+' if r.met else '-'} {r.line.replace('_', ' ')}: {r.advice}")
        return " ".join(parts)


def _any(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


RECOMMEND = _any(
    r"\b(recommend|suggest|propose|advise|should|ought to|let's|my advice|the plan is|next step)|"
    r"^(please )?(use|call|start|deploy|adopt|roll|put|target|focus|prioriti[sz]e|switch|replace|keep|"
    r"contact|send|ship|launch|route|flag|give|begin|go ahead|quarantine|block|filter|hold|review|"
    r"turn on|switch on)\b|"
    r"\b(go live|ready to|ready for|worth (using|deploying|rolling)|green light)\b"
)
RECOMMEND_HEADING = _any(r"recommend|what to do|action|next step|bottom line|tl;?dr|decision")
NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?\s*(%|percent|per ?cent)?")
QUANTITY = r"(?<![\w.])(?!(?:19|20)\d\d\b)\d[\d,.]*\s*%?"
# A count of the audience's own things: "190 of them", "6 in 10", "out of every 1,000 forms",
# "the top 300", "a third of all the people", "4 times".
AUDIENCE_QUANTITY = _any(
    r"(?<![\w.])\d[\d,]*\s+(in|of|out of)\s+(every\s+)?\d[\d,]*(?![.\d%])|out of (every )?\d|"
    rf"{QUANTITY}\s+(\w+\s+){{0,3}}(customers?|clients?|subscribers?|leavers?|churners?|calls?|people|"
    r"emails?|messages?|mails?|forms?|letters?|envelopes?|payments?|transactions?|houses?|homes?|"
    r"dollars?|euros?|reviews?|learners?|patients?|times|of them|of those|would|get|left|leave)\b|"
    rf"(top|first|highest)\s+{QUANTITY}|[$€£]\s?\d|\b(a|one|two) (third|quarter|half|fifth)s? of|"
    r"\b(twice|three times|double|half) as (many|much|likely)|\d+s? (read|taken|mistaken) as"
)
METRIC_ONLY = _any(r"\b(auc|roc|f1|average precision|balanced accuracy|accuracy|precision|recall|score)\b")
DRIVER = _any(
    r"\b(driv(er|ers|es|en)|factors?|signals?|predictors?|features?|indicators?|most important|strongest|"
    r"biggest|main|key|associated|linked|related|correlat\w*|more likely|less likely|higher (risk|chance)|"
    r"relies? on|looks? at|uses|pays? attention|warning signs?|tend to|stand out|red flags?)\b"
)
CAUSAL = _any(
    r"\b(causes?|caused|causing|leads? to|led to|makes? (them|customers|people|users|clients)|results? in|"
    r"due to|because (of )?(they|their|customers|the)|drives? (them|customers|people) (away|to)|"
    r"mak(e|es|ing) (them|customers|people|users|clients) (leave|quit|churn|go)|fixing|would (help|reduce))\b"
)
NOT_CAUSAL = _any(
    r"\b(not\b[^.;]{0,25}\bcaus\w*|no\b[^.;]{0,20}\bcaus\w*|rather than caus\w*|isn't|aren't|"
    r"n't (necessarily )?(mean|prove|cause)|no proof|correlation|"
    r"not proof|does not mean|doesn't mean|cannot say|can't say|association|not why)\b"
)
LIMIT = _any(
    r"\b(limit\w*|(?<!at-)(?<!at )(?<!high-)(?<!highest-)(?<!higher-)risks?(?! (score|of churn|"
    r"customers))|risky|cannot|can't|can not|won't|unable|does ?n[o']t (know|see|capture|tell|cover|"
    r"include|account)|stale|drift\w*|retrain\w*|monitor\w*|unfair\w*|bias\w*|fairness|discriminat\w*|"
    r"caveats?|weakness\w*|may not|might not|will not|blind spots?|out of date|over time|careful|"
    r"beware|miss(es|ed)?|wrong|(?<!absolute )(?<!squared )(?<!mean )errors?(?! (is|was|of) \d)|"
    r"false (alarms?|positives?|negatives?)|only (works|as good|sees)|"
    r"assum\w*|uncertain\w*|privacy|new (customers|products|learners|users)|struggle\w*|not so good|"
    r"caution\w*|(not|n't) trust\w*|before (it is |it's )?trusted|(are|is) not like|until (we|you) test|"
    r"not (as |so |very )?(well|good|reliable)|less (accurate|reliable)|(may|might|could) (fail|break|"
    r"drop|degrade))\b"
)
JARGON = _any(
    r"\b(roc|auc|f1|recall|precision|hyper-?parameters?|one-hot|gradient[- ]boost\w*|xgboost|lightgbm|"
    r"cross-?validat\w*|k-?fold|logistic regression|random forest|pipeline|regulari[sz]\w*|overfit\w*|"
    r"imputation|imputed|standard ?scaler|stratified|shap|feature importance|log-?loss|"
    r"average precision|balanced accuracy|confusion matrix|classifier|f-score|svm|pca|ensemble|brier|"
    r"lift@\S*|holdout|drift|leverag\w*|operationali[sz]\w*|synerg\w*|unlock\w*|data-driven|actionable)\b"
)
EXPLAINED = _any(
    r"\((?-i:[^()]{0,200}?[a-z]{4,}[^()]{0,200})\)|which means|that means|meaning|i\.e\.|in other words|"
    r"that is,|"
    r"measures? (how|whether|the)|a measure of"
)
UNROUNDED = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+\.\d+|(?<![\w.,])\d+\.\d{3,}|\d+\.\d{2,}\s*%")


def _reading(line: str, found: Sentence | None, met: bool, advice: str) -> LineReading:
    return LineReading(line, met, found.text if found else None, advice)


def _recommendation_first(ss: list[Sentence], _drivers: tuple[str, ...]) -> LineReading:
    line = "recommendation_first"
    first = [s for s in ss if s.index < 2]
    hit = next((s for s in first if RECOMMEND.search(s.text) or RECOMMEND_HEADING.search(s.heading)), None)
    if hit:
        return _reading(line, hit, True, "the recommendation comes first.")
    later = next((s for s in ss if RECOMMEND.search(s.text)), None)
    if later:
        return _reading(line, later, False, "move the recommendation to the first sentence; it comes later.")
    return _reading(line, None, False, "open with what the team should do with the model.")


def _audience_terms(ss: list[Sentence], _drivers: tuple[str, ...]) -> LineReading:
    line = "audience_terms"
    hit = next((s for s in ss if AUDIENCE_QUANTITY.search(s.text)), None)
    if hit:
        return _reading(line, hit, True, "quality is put in the team's own terms.")
    metric = next((s for s in ss if NUMBER.search(s.text) and METRIC_ONLY.search(s.text)), None)
    advice = (
        "say what the number means for the team's decisions (e.g. how many of those who will leave "
        "are among the N they can call), not only the metric."
    )
    return _reading(line, metric, False, advice)


def _named_drivers(text: str, drivers: tuple[str, ...]) -> int:
    lower = text.lower()
    # Whole words (plurals too): "top" is not "topic", "000" is not the end of "1,000".
    return sum(
        bool(re.search(rf"(?<![a-z0-9,]){re.escape(d.lower())}(?:e?s)?(?![a-z0-9])", lower)) for d in drivers
    )


def _drivers_not_causes(ss: list[Sentence], drivers: tuple[str, ...]) -> LineReading:
    line = "drivers_not_causes"

    def about_drivers(s: Sentence) -> bool:
        named = _named_drivers(s.text, drivers)
        if not drivers:
            return bool(DRIVER.search(s.text))
        return named >= 2 or (named == 1 and bool(DRIVER.search(s.text) or DRIVER.search(s.heading)))

    causal = next(
        (
            s
            for s in ss
            if CAUSAL.search(s.text)
            and not NOT_CAUSAL.search(s.text)
            and (about_drivers(s) or _named_drivers(s.text, drivers))
        ),
        None,
    )
    if causal:
        return _reading(
            line,
            causal,
            False,
            "this reads as a cause; the model only shows what goes with the outcome (say 'is linked to').",
        )
    hit = next((s for s in ss if about_drivers(s)), None)
    if hit:
        return _reading(line, hit, True, "drivers are named without claiming they are causes.")
    return _reading(line, None, False, "name two or three things the model relies on, in plain words.")


def _limits_and_risks(ss: list[Sentence], _drivers: tuple[str, ...]) -> LineReading:
    line = "limits_and_risks"
    hit = next((s for s in ss if LIMIT.search(s.text) or LIMIT.search(s.heading)), None)
    if hit:
        return _reading(line, hit, True, "a limit or risk is stated.")
    return _reading(
        line,
        None,
        False,
        "say what the model cannot do, when it would go stale, who it could treat unfairly.",
    )


def _unrounded(text: str) -> str | None:
    """The first number written with more than two significant figures after the point (0.8472,
    84.72%); 0.021 has two, however many decimals it takes to write them."""
    for m in UNROUNDED.finditer(text):
        number = m.group(0)
        digits = number.replace(",", "").replace(".", "").rstrip("% ").lstrip("0")
        if len(digits) > 2:
            return number
    return None


def _plain_writing(ss: list[Sentence], _drivers: tuple[str, ...]) -> LineReading:
    line = "plain_writing"
    for s in ss:
        if (m := JARGON.search(s.text)) and not EXPLAINED.search(s.text):
            return _reading(
                line, s, False, f"explain or drop {m.group(0)!r}: the reader is not a data scientist."
            )
        if s.words > LONG_SENTENCE_WORDS:
            return _reading(line, s, False, f"split this {s.words}-word sentence.")
        if number := _unrounded(s.text):
            return _reading(line, s, False, f"round {number!r}: two significant figures are enough here.")
    return _reading(line, None, True, "plain words, short sentences, rounded numbers.")


READERS: dict[str, Callable[[list[Sentence], tuple[str, ...]], LineReading]] = {
    "recommendation_first": _recommendation_first,
    "audience_terms": _audience_terms,
    "drivers_not_causes": _drivers_not_causes,
    "limits_and_risks": _limits_and_risks,
    "plain_writing": _plain_writing,
}


def review_writeup(text: str, *, rubric: tuple[str, ...], drivers: tuple[str, ...] = ()) -> WriteupReview:
    """One reading per rubric line named in `rubric` (keys of READERS), in that order.

    `drivers` are the plain words for what the data holds (assignment.toml `[[manual]] drivers`,
    e.g. "contract", "tenure"): a sentence naming them is about what drives the outcome.
    """
    # A summary is 150-300 words; anything far past that is read only as far as a summary goes, so no
    # pasted novel makes the review (and the grading it rides along with) slow.
    ss = sentences(text[:MAX_CHARS])
    return WriteupReview(len(WORD.findall(text)), tuple(READERS[name](ss, drivers) for name in rubric))
