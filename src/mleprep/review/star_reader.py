"""Read a spoken-style answer the way an interviewer does: sentence by sentence, as a story.

Each sentence is weighed for the four STAR parts from what it does, not from single keywords: who
acts and in which tense ("I built" is an action, "I was asked to" a task, "I usually" no part of a
story), what it connects ("as a result", "since then"), what changed ("fell by 12 percent"), and
where it sits (context opens a story, outcomes close it). A part is present when some sentence is
mostly about it, or strongly about it. The cues themselves are in star_cues,
actor_cues and outcome_cues.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mleprep.review import actor_cues, outcome_cues
from mleprep.review import answer_numbers as numbers
from mleprep.review import star_cues as cue
from mleprep.review.answer_text import answer_sentences

PARTS = ("situation", "task", "action", "result")
# A sentence joins the part it scores highest on from this score, and any other part from STRONG.
ASSIGN = 2.0
STRONG = 3.0
# Without any step told, an outcome counts only from this score: two cues, or a cue with a number.
OUTCOME_ALONE = 4.5


def split_sentences(text: str) -> list[str]:
    return [s.text for s in answer_sentences(text)]


@dataclass(frozen=True)
class Sentence:
    text: str
    parts: tuple[str, ...]
    scores: dict[str, float]
    hypothetical: bool
    habitual: bool


def _scores(sentence: str, position: float, label: str | None = None) -> tuple[dict[str, float], bool, bool]:
    habitual = bool(actor_cues.HABITUAL.search(sentence) and actor_cues.PRESENT_I.search(sentence))
    stripped = re.sub(actor_cues.I_STATE, "", sentence)  # "I was", "I learned": states, not steps
    hypothetical = bool(actor_cues.HYPOTHETICAL.search(sentence)) and not actor_cues.ACTION_I.search(stripped)
    s = {part: 0.0 for part in PARTS}
    if cue.CONTEXT_OPEN.search(sentence) and not cue.GENERIC_SETTING.match(sentence):
        s["situation"] += 2.0
    s["situation"] += 1.5 * min(2, len(cue.CONTEXT.findall(sentence)))
    if re.search(r"\b(?:was|were|had|is|are)\b", sentence):
        s["situation"] += 0.5
    if cue.TASK.search(sentence):
        s["task"] += 3.5
    actions = len(actor_cues.ACTION_I.findall(stripped)) + len(actor_cues.ACTION_WE.findall(sentence))
    actions -= len(outcome_cues.CHANGE_BY_HOW_MUCH.findall(sentence))
    actions += 0.8 * bool(actor_cues.NOTE_ACTION.match(sentence))
    # "I was able to find every piece": a step that worked, so a step and an outcome at once.
    actions += len(actor_cues.ABLE_TO.findall(sentence))
    s["action"] += min(4.0, 2.5 * actions)
    if hypothetical:  # "I would check ...": what one would do is neither a step taken nor an outcome
        s["action"] = min(s["action"], 1.0)
        s["result"] = min(s["result"], 1.0)
    results = len(outcome_cues.RESULT.findall(sentence)) - len(
        outcome_cues.OUTCOME_DONE_BY_ME.findall(sentence)
    )
    results -= len(outcome_cues.NOT_OUTCOME.findall(sentence))
    s["result"] += min(4.5, 2.5 * results)
    if results and numbers.QUANTITY.search(sentence):
        s["result"] += 1.0
    # Position: context opens a story (the first sentence above all) and outcomes close it.
    s["situation"] += 1.5 if position == 0 else 0.5 * (position < 0.34)
    s["result"] += 1.0 * (position > 0.66) * (results > 0)
    s["result"] -= 1.0 * (position == 0)  # "which blocked my work" in the opening is the problem, not the end
    s["action"] += 0.5 * (0.2 < position < 0.9) * (actions > 0)
    if habitual:  # "I always try...": a claim about oneself, not a part of a story
        s = {part: 0.0 for part in PARTS}
    if cue.PLACEHOLDER.search(sentence) or actor_cues.USED_TO.search(sentence):
        # "[specific deliverable]" is a template's blank, and "used to" a habit: neither tells what happened.
        s = {part: min(score, 1.0) for part, score in s.items()}
    elif label is not None:
        # The candidate's own heading counts in full unless a "Result:" only tells one more step.
        belied = label == "result" and actions and not results and not numbers.QUANTITY.search(sentence)
        s[label] += 1.0 if belied else 2.0
    return s, hypothetical, habitual


def read_sentences(text: str) -> list[Sentence]:
    sentences = answer_sentences(text)
    read = []
    profile = bool(sentences) and bool(cue.PROFILE.search(sentences[0].text))
    for i, pasted in enumerate(sentences):
        profile = profile and not cue.EPISODE.match(pasted.text)
        sentence = pasted.text
        position = i / max(1, len(sentences) - 1) if len(sentences) > 1 else 0.5
        scores, hypothetical, habitual = _scores(sentence, position, pasted.label)
        best = max(PARTS, key=lambda p: scores[p])
        parts = {best} if scores[best] >= ASSIGN else set()
        if i == 0 and best == "situation" and scores[best] < ASSIGN + 0.5 and not cue.PAST.search(sentence):
            parts = set()  # an opening in the present explains, it sets no scene: "The limitation is ..."
        parts |= {p for p in PARTS if scores[p] >= STRONG}
        if scores["action"] >= 2.5:  # a step the speaker took, even in a sentence that closes the story
            parts.add("action")
        if profile or len(cue.CODE.findall(sentence)) >= 2:  # background, or code pasted with the answer
            parts = set()
        read.append(Sentence(sentence, tuple(p for p in PARTS if p in parts), scores, hypothetical, habitual))
    return read


def star_parts(
    sentences: list[Sentence], *, background: bool = False, direct: bool = False
) -> dict[str, bool]:
    """The parts the answer tells. Context and a goal belong to a story: an answer that tells neither
    an action nor an outcome (a profile, an opinion, a wish) has a goal, and with it a setting, only
    where it names one of its own ("I once had to explain ..."), or a setting where it names what
    happened to the speaker's job (a layoff), whatever it opens with.

    `background`: the question asks about the candidate's career (about yourself, why you are
    leaving), so the answer is background (jobs held, degrees, a move) unless it marks an example
    or tells more than one step of an episode. `direct`: the question asks for a view, a plan or a
    fact, so an answer that tells no episode has no setting, though it may give a step or an outcome
    as an example ("in my projects, I cut query time by 40%")."""
    event = any(cue.EVENT.search(s.text) for s in sentences)
    # Whether an episode is told matters only to how a question's kind reads the answer.
    episode = (background or direct) and _tells_episode(sentences, with_outcome=background)
    if background and not episode:
        # ... whose setting still counts where it names what happened to the speaker's job (a layoff).
        return {part: part == "situation" and event for part in PARTS}
    found = {part: any(part in s.parts for s in sentences) for part in PARTS}
    settingless = direct and not episode and not event  # a view or a plan, with an example at most
    if settingless:
        # ... and only what it tells as done is a step or an outcome: "Afterwards, I join the standup"
        # describes a routine.
        for part in ("action", "result"):
            found[part] = any(part in s.parts and _told_as_done(s) for s in sentences)
        # ... whose setting is only where an example names it: "At IPVM, I built ...".
        found["situation"] = any(_example_in_a_setting(s) for s in sentences)
    if not found["action"]:
        # An outcome with no step told before it is mostly a claim ("I deliver results beyond
        # expectations") or the setting ("a restructuring that cost 5% of jobs"): only a sentence
        # that is clearly an outcome counts, or a setback: a story of failure may tell only that it failed.
        found["result"] = any(
            "result" in s.parts
            and (s.scores["result"] >= OUTCOME_ALONE or outcome_cues.SETBACK.search(s.text))
            and (_told_as_done(s) or not settingless)
            for s in sentences
        )
    if found["action"] and not found["task"]:
        found["task"] = _problem_before_first_step(sentences)
    if not found["action"] and not found["result"]:
        # What it set out to do may still be told ("I once had to explain our encryption to the board"),
        # though not in a view, a plan or a wish ("my goal is to lead a team"); a goal of its own is set
        # somewhere, so it has a setting too.
        found["task"] = not settingless and any(
            "task" in s.parts and not cue.WISH.search(s.text) for s in sentences
        )
        found["situation"] = event or found["task"]
    elif not found["situation"] and not settingless:
        # A told episode has a setting even when no sentence is mostly about it.
        # (The opening sentence's own bonus for coming first does not count as a setting.)
        # ... and so has an episode that opens with its first step ("I introduced a caching bug ...").
        opens_with_step = "action" in sentences[0].parts and found["result"]
        # ... and one that opens with what happened to the speaker ("A stakeholder pushed scope late").
        opens_with_event = (
            not sentences[0].parts and bool(cue.PAST.search(sentences[0].text)) and found["result"]
        )
        found["situation"] = (
            opens_with_step
            or opens_with_event
            or any(s.scores["situation"] >= (2.5 if i == 0 else 1.0) for i, s in enumerate(sentences))
        )
    return found


def _problem_before_first_step(sentences: list[Sentence]) -> bool:
    """A problem told up to the first step ("our tests were flaky", "there was some friction") is the
    task those steps set out to solve, though no "I had to" names it."""
    # A step told with its setting ("In my last role I worked with a developer who ...") still sets
    # the scene; the problem may follow it.
    steps = [i for i, s in enumerate(sentences) if "action" in s.parts]
    first = ([i for i in steps if "situation" not in sentences[i].parts] or steps or [len(sentences)])[0]
    # ... but not past an outcome: a problem told after one is the next story's.
    first = min([first, *(i for i, s in enumerate(sentences) if i and "result" in s.parts)])
    return any("result" not in s.parts and cue.PROBLEM.search(s.text) for s in sentences[: first + 1])


def _example_in_a_setting(sentence: Sentence) -> bool:
    """A step or an outcome told as done in a setting named as a particular one: "At IPVM, I went
    from ... to ...", "During the take-home challenge, I shipped ..." (not "In my projects, ..." or
    "In a churn model, ...": a setting named in general is none in particular)."""
    text = sentence.text
    return (
        bool({"action", "result"} & set(sentence.parts))
        and _told_as_done(sentence)
        and bool(cue.CONTEXT_OPEN.search(text))
        and not cue.GENERIC_SETTING.match(text)
        and not cue.SETTING_IN_GENERAL.match(text)
    )


def _told_as_done(sentence: Sentence) -> bool:
    """In the past tense: "-ed", was/had/did, or a step such as "I built" (irregular verbs)."""
    text = sentence.text
    return bool(
        cue.PAST.search(text) or actor_cues.ACTION_I.search(text) or actor_cues.ACTION_WE.search(text)
    )


def _tells_episode(sentences: list[Sentence], *, with_outcome: bool = False) -> bool:
    """`with_outcome`: steps alone are no episode without an outcome told as done, as in a career told
    in the past ("I went to grad school ... After grad school, I tried teaching"), even one that ends
    on a claim in the present ("good data makes every model more successful")."""
    if any(cue.EPISODE.match(s.text) for s in sentences):
        return True
    # A sentence that tells two steps ("I asked ... and I rewrote ...") scores 4 and counts twice; an
    # episode is told in the past ("Afterwards, we discuss ..." is a routine).
    steps = sum(
        (s.scores["action"] >= STRONG) + (s.scores["action"] >= 4.0) for s in sentences if _told_as_done(s)
    )
    # An outcome with a number counts in the present too: "it now runs in ten minutes, not four hours".
    outcome = any(
        "result" in s.parts and (_told_as_done(s) or numbers.QUANTITY.search(s.text)) for s in sentences
    )
    return steps >= 2 and (not with_outcome or outcome)


def quantified_result(sentences: list[Sentence], parts: dict[str, bool] | None = None) -> bool:
    """Does a result sentence carry a number (digits, a percentage, or a number word)? `parts`, the
    answer's `star_parts` when the caller has them, saves reading them again."""
    if not (parts if parts is not None else star_parts(sentences))["result"]:
        return False
    # A change told before the first step ("churn rose by 12%") is the problem those steps met, unless
    # the speaker made it ("I cut serving cost by 40 percent", a headline told first).
    first = next((i for i, s in enumerate(sentences) if "action" in s.parts), 0)
    return any(
        "result" in s.parts
        and (i >= first or outcome_cues.CHANGE_BY_HOW_MUCH.search(s.text))
        and numbers.QUANTITY.search(numbers.WHEN.sub("", _without_ordinals(s.text)))
        for i, s in enumerate(sentences)
    )


def _without_ordinals(text: str) -> str:
    # "the third time" is an ordinal; "a third" is a quantity and stays.
    return re.sub(
        r"(?<!\ba\s)(?<!\bone\s)\b(?:first|second|third|\d+(?:st|nd|rd|th))\b", "", text, flags=re.I
    )


def _joined_steps(text: str, start: int) -> int:
    """Steps joined by "and" to the one ending at `start`, before another subject is named."""
    end = next_subject.start() if (next_subject := actor_cues.NEXT_SUBJECT.search(text, start)) else len(text)
    return len(actor_cues.AND_STEP.findall(text, start, end))


def action_actors(sentences: list[Sentence]) -> tuple[int, int]:
    """(actions told with "I", actions told with "we") in the sentences read as actions. A step told
    without a pronoun ("Wrote a retrospective") is the actor of the last step told with one, or of a
    lead-in ("When we cancelled, I:"); the speaker's where none was named."""
    mine = ours = 0
    actor = "i"
    for s in sentences:
        # A closing "we completed it" is the outcome, not the split of the work.
        if "action" in s.parts and s.scores["result"] <= s.scores["action"] and not s.hypothetical:
            stripped = re.sub(actor_cues.I_STATE, "", s.text)  # "I realized ... and needed" tells no step
            i_found = list(actor_cues.ACTION_I.finditer(stripped))
            we_found = list(actor_cues.ACTION_WE.finditer(s.text))
            # "we agreed on it and added a fallback": two steps by one subject
            i_steps = len(i_found) + sum(_joined_steps(stripped, m.end()) for m in i_found)
            we_steps = len(we_found) + sum(_joined_steps(s.text, m.end()) for m in we_found)
            # Who acted last is read off the sentence as written, states of mind included.
            i_told = i_found if stripped == s.text else list(actor_cues.ACTION_I.finditer(s.text))
            steps = [*i_told, *we_found]
            if steps:  # the subject of the last step told with one names who acts in the notes after it
                actor = "i" if max(steps, key=lambda m: m.start()).group().startswith("I") else "we"
            elif actor_cues.NOTE_ACTION.match(s.text):
                i_steps, we_steps = (actor == "i", actor == "we")
            mine += i_steps
            ours += we_steps
        if lead_in := actor_cues.LEAD_IN.search(s.text):  # "When we cancelled, I:"
            actor = lead_in.group(1).lower()
    return mine, ours
