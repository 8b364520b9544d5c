"""Feedback on a written behavioural answer: structure, ownership, length, delivery, audience."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Protocol

from mleprep.review.star_reader import (
    PARTS,
    Sentence,
    action_actors,
    quantified_result,
    read_sentences,
    star_parts,
)

# Conversational English, as interview coaches measure it.
WORDS_PER_MINUTE = 150
# An answer shorter than this share of its budget leaves out the detail that makes it credible.
TOO_SHORT = 0.25
TOO_LONG = 1.15
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*|\d[\d,.]*%?")
# The cues read English words only. Chinese, Japanese and Korean write a word in about two
# characters; other scripts (Cyrillic, Greek, Arabic, ...) separate words as Latin does.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_OTHER_WORD = re.compile(f"[^\\W\\d_A-Za-z\u00c0-\u024f{_CJK}]+")
_LATIN_WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+")
UNREAD_KIND = "other_language"  # the one suggestion of an answer the review could not read
OTHER_LANGUAGE = (
    "This review reads English; most of this answer is in another script, so its parts, filler and "
    "jargon were not read and it gets no advice on them."
)


def mostly_other_script(text: str) -> bool:
    """More words in another script than in Latin letters."""
    other = len(_CJK_CHAR.findall(text)) / 2 + len(_OTHER_WORD.findall(text))
    return other > len(_LATIN_WORD.findall(text))


_I = {"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"}
_WE = {"we", "us", "our", "ours", "ourselves", "we're", "we've", "we'd", "we'll"}
FILLERS = ("um", "uh", "erm", "you know", "basically", "actually", "literally", "like,", "sort of", "kind of")
# Words before a filler that make it ordinary English: "looks like, at first", "what kind of model".
NOT_FILLER_BEFORE = {
    "like,": r"(?:look|looks|looked|seem|seems|seemed|feel|feels|felt|sound|sounds|sounded|something|"
    r"things|just)",
    "kind of": r"(?:what|which|this|that|the|a|any|every|some|same|one|other|different|new|right|wrong)",
    "sort of": r"(?:what|which|this|that|the|a|any|every|some|same|one|other|different|new|right|wrong)",
}
HEDGES = (
    "i think",
    "i guess",
    "maybe",
    "probably",
    "perhaps",
    "i feel like",
    "i believe",
    "might",
    "hopefully",
)
JARGON = (
    "auc", "roc", "f1", "precision", "recall", "shap", "hyperparameter", "hyperparameters", "gradient",
    "boosting", "xgboost", "lightgbm", "regularization", "regularisation", "cross-validation",
    "overfitting", "embedding", "embeddings", "transformer", "lora", "logistic", "calibration",
    "feature importance", "confidence intervals", "p-value", "loss function", "learning-rate",
    "mixed-precision", "attention mechanism", "holdout", "pipeline",
)  # fmt: skip
_STOPWORD_TEXT = """
a an the and or but so of to in on at for with from by as is are was were be been being it its this
that these those i me my we us our you your he she him her they them their there then than what which
who whom when where why how not no do did does done have has had into about over under after before
also very just really would could should will can may one all some any more most much many other
such only own same too up down out off again further once here each both few because while during
until against between through above below
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
ADVICE = {
    "situation": "Open with one or two sentences of context: where you were and what was at stake.",
    "task": "Say what you were responsible for, or the goal you had ('My job was to ...').",
    "action": "Describe what you did, step by step, with 'I' as the subject of the verbs.",
    "result": "Close with the outcome: what changed because of what you did, and what you learned.",
}


def _count_phrases(text: str, phrases: tuple[str, ...], *, skip_avoided: bool = False) -> dict[str, int]:
    lowered = f" {' '.join(text.lower().split())} "
    if skip_avoided:  # "instead of showing her the ROC curve" is the point, not a slip
        lowered = re.sub(r"\b(?:instead of|rather than|without)\b(?:\W+\w+){0,5}", " ", lowered)
    counts = {}
    for phrase in phrases:
        found = re.finditer(rf"(?<![a-z]){re.escape(phrase)}(?![a-z])", lowered)
        before = NOT_FILLER_BEFORE.get(phrase)
        n = sum(1 for m in found if not (before and re.search(rf"\b{before}\s*$", lowered[: m.start()])))
        if n:
            counts[phrase] = n
    return counts


@dataclass(frozen=True)
class Review:
    star: dict[str, bool]
    quantified_result: bool
    first_person_share: float | None
    words: int
    speaking_time_s: float
    time_budget_s: int | None
    filler: dict[str, int]
    hedges: dict[str, int]
    jargon: dict[str, int]
    top_words: list[tuple[str, int]]
    suggestions: list[str]
    sentences: list[Sentence] = field(repr=False, default_factory=list)
    # A short name per suggestion, in the same order ("no_result", "too_short", "jargon", ...).
    suggestion_kinds: list[str] = field(default_factory=list)

    @property
    def read(self) -> bool:
        """False when the answer could not be read (mostly in another script): its parts, score and
        length verdicts are not readings, and every summary (a round's mean, a readiness page) leaves
        it out; its one suggestion says why."""
        return self.suggestion_kinds != [UNREAD_KIND]

    @property
    def structure_score(self) -> int:
        """0-5: one point per STAR part and one for a quantified result; an answer that tells no
        action tells no story, and scores at most 1 whatever context or outcome words it has.
        0 for an answer that was not read (`read`), which summaries leave out."""
        score = sum(self.star.values()) + int(self.quantified_result)
        return score if self.star["action"] else min(score, 1)

    def to_json(self) -> dict[str, Any]:
        return {
            "star": self.star,
            "quantified_result": self.quantified_result,
            "first_person_share": self.first_person_share,
            "words": self.words,
            "speaking_time_s": self.speaking_time_s,
            "time_budget_s": self.time_budget_s,
            "structure_score": self.structure_score,
            "filler": self.filler,
            "hedges": self.hedges,
            "jargon": self.jargon,
            "top_words": [{"word": w, "count": n} for w, n in self.top_words],
            "sentences": [{"text": s.text, "parts": list(s.parts)} for s in self.sentences],
            "suggestions": self.suggestions,
            "suggestion_kinds": self.suggestion_kinds,
            "read": self.read,
        }


class AskedFor(Protocol):
    """What the review needs of a question: a bank `Question`, or an `AskedQuestion` read from words."""

    @property
    def answer_format(self) -> str: ...
    @property
    def time_budget_s(self) -> int | None: ...
    @property
    def non_technical_audience(self) -> bool: ...
    @property
    def answered_with_background(self) -> bool: ...


def review_answer(text: str, question: AskedFor | None = None) -> Review:
    """Read `text` as an answer to `question` (from the bank, or as asked: what it asks for, its
    audience and time budget), and say what to improve."""
    sentences = read_sentences(text)
    budget = question.time_budget_s if question else None
    if mostly_other_script(text):
        # Whatever the cues catch in the English words here and there is no reading of the answer,
        # and advice drawn from it would be wrong ("the answer is empty"): say so instead.
        words = len(_WORD.findall(text))
        unread = {part: False for part in PARTS}
        return Review(
            unread, False, None, words, round(words / WORDS_PER_MINUTE * 60, 1), budget, {}, {}, {}, [],
            [OTHER_LANGUAGE], sentences, [UNREAD_KIND],
        )  # fmt: skip
    background = question is not None and question.answered_with_background
    direct = question is not None and question.answer_format == "direct" and not background
    star = star_parts(sentences, background=background, direct=direct)
    quantified = quantified_result(sentences, star)
    tokens = [t.lower() for t in _WORD.findall(text)]
    words = len(tokens)
    # Who acted, in the sentences that tell actions: "our model" says nothing of who built it.
    i_count, we_count = action_actors(sentences) if star["action"] else (0, 0)
    share = round(i_count / (i_count + we_count), 2) if i_count + we_count else None
    speaking = round(words / WORDS_PER_MINUTE * 60, 1)
    filler = _count_phrases(text, FILLERS)
    hedges = _count_phrases(text, HEDGES)
    # An ML engineer's listener is technical unless the question says otherwise.
    audience_is_lay = question is not None and question.non_technical_audience
    jargon = _count_phrases(text, JARGON, skip_avoided=True) if audience_is_lay else {}
    content = Counter(t for t in tokens if len(t) > 3 and t not in STOPWORDS and not t[0].isdigit())
    top = [(w, n) for w, n in content.most_common(5) if n >= 2]

    tips: dict[str, str] = {}  # kind -> advice; kinds let a mock round count what recurs
    if not sentences:
        return Review(
            star, False, None, 0, 0.0, budget, {}, {}, {}, [], ["The answer is empty."], [], ["empty"]
        )
    tells_story = (
        star["action"] or sum(star.values()) >= 2 or any(s.hypothetical or s.habitual for s in sentences)
    )
    # Without a question, an answer that tells no episode may answer a direct question (salary, why
    # leaving): STAR advice would be wrong there, so one note says what to do instead.
    story = question.answer_format == "story" if question else tells_story
    if story and any(s.habitual for s in sentences) and sum(star.values()) < 3:
        tips["generic"] = (
            "This describes what you usually do; interviewers want one specific time: 'Last year, at ...'."
        )
    # "What would you do if ...?" asks for a plan: only a story question wants what one did.
    if any(s.hypothetical for s in sentences) and (question is None or question.answer_format == "story"):
        tips["hypothetical"] = (
            "You say what you would do; tell what you did, in one real example (past tense)."
        )
    if story:
        tips.update({f"no_{part}": ADVICE[part] for part in PARTS if not star[part]})
    if question is None and not tells_story:
        tips["no_story"] = (
            "No specific episode here. If the question asks for an example ('tell me about a time'), tell "
            "one: context, your goal, what you did, what changed. For a direct question (salary, why you "
            "are leaving), name it with --question for advice that fits."
        )
    if story and star["result"] and not quantified:
        tips["no_number"] = "Put a number on the result: percent, money, time saved, users, errors avoided."
    if share is not None and we_count > i_count and (we_count >= 2 or i_count == 0):
        tips["we_not_i"] = (
            f"'We' outnumbers 'I' ({we_count} to {i_count}): make your own contribution unmistakable."
        )
    if budget and speaking < TOO_SHORT * budget:
        tips["too_short"] = (
            f"About {speaking:.0f} s to say against a budget of {budget} s: add the detail that makes it "
            "credible (what you tried, what you decided, what changed)."
        )
    elif budget and speaking > TOO_LONG * budget:
        tips["too_long"] = (
            f"About {speaking:.0f} s to say against a budget of {budget} s: cut the context to one sentence "
            "and keep the actions and the result."
        )
    if sum(filler.values()) >= 2:
        tips["filler"] = f"Filler words ({', '.join(filler)}): pause instead."
    if sum(hedges.values()) >= 2:
        tips["hedging"] = f"Hedging ({', '.join(hedges)}) undersells your work: state what happened."
    if jargon:
        tips["jargon"] = (
            f"For a non-technical listener, replace {', '.join(sorted(jargon)[:4])} with what it means for "
            "them (customers, money, mistakes avoided)."
        )
    return Review(
        star, quantified, share, words, speaking, budget, filler, hedges, jargon, top,
        list(tips.values()), sentences, list(tips),
    )  # fmt: skip
