"""A question as the candidate was asked it (typed in, not from the bank), read from its words.

The review needs three things from a question: whether it asks for a story (STAR advice or none),
whether it asks about the candidate's career (then an answer tells background, not an episode),
and whether the listener is non-technical (then jargon is worth a note). The bank's questions carry
these as data; a question from elsewhere (a job board, a friend's interview) carries only its words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A recruiter's questions about the candidate's career, motives, pay and availability.
CAREER = re.compile(
    r"\b(?:(?:tell|talk)\s+(?:me|us)\s+(?:a\s+(?:bit|little)\s+(?:more\s+)?)?about\s+yourself"
    r"|^\W*about\s+(?:yourself|me)\b"
    r"|introduction\b|introduce\s+yourself|summar\w*\s+your\s+(?:experience|background|career)"
    r"|what(?:'s|\s+is)\s+your\s+(?:experience|background)\b"
    r"|walk\s+(?:me|us)\s+through\s+your\s+(?:resume|CV|career|background)|(?:your|my)\s+background\b|what\s+you\s+currently\s+do"
    r"|why\s+(?:are|were)\s+you\s+(?:leaving|looking|searching|quitting|resigning)|you\s+resigning"
    r"|why\s+(?:do|did)\s+you\s+(?:want\s+to\s+)?(?:leave|quit|resign|move)\b"
    r"|why\s+(?:did|do)\s+you\s+(?:choose|pick|want)\s+(?:this|our|us\b|to\s+(?:work|join|leave|move))"
    r"|why\s+(?:searching|looking|leaving|quitting)|leave\s+your\s+(?:current|last|previous)?\s*(?:job|role|company|firm)"
    r"|job\s+change|looking\s+for\s+a\s+change|new\s+(?:opportunity|role|position)\s+now"
    r"|why\s+(?:this|our|the)\s+(?:company|job|role|team|position)|why\s+(?:work|join)\b"
    r"|want\s+to\s+(?:work|join)\s+(?:here|at|in|for|us)\b|why\s+should\s+we\s+hire"
    r"|salary|how\s+much\s+(?:money\s+)?do\s+you\s+(?:want|expect)|notice\s+period|your\s+availability"
    r"|when\s+(?:can|could)\s+you\s+start|start\s+right\s+away|what\s+motivates\s+you|makes\s+you\s+unique"
    r"|where\s+do\s+you\s+see\s+yourself"
    r"|what\s+are\s+you\s+looking\s+for\s+in\s+(?:a|an|your)\s+(?:next\s+)?(?:role|job|team|company|position|internship)"
    r"|how\s+did\s+you\s+(?:get\s+(?:into|interested)|become|end\s+up)|why\s+did\s+you\s+choose\s+(?!to\b)"
    r"|why\s+(?:DS|data\s+science|machine[-\s]learning|ML|AI)\b"
    # "What did you like or dislike about your previous role?", "What motivated you to pursue data
    # analytics?", "What is the reason you left ...?": views of one's own career.
    r"|(?:like|dislike|enjoy)\w*\s+(?:or\s+\w+\s+)?(?:most\s+)?about\s+your\s+(?:current|previous|last|former)\s+"
    r"(?:role|job|company|employer|team|position|manager|boss|workplace)"
    r"|motivated\s+you\s+to\s+(?:pursue|become|choose|join|study|go\s+into|switch\s+(?:to|into|careers?)|move\s+(?:to|into))"
    r"|reasons?\s+(?:why\s+)?you\s+(?:left|quit|are\s+leaving|want\s+to\s+leave)|reasons?\s+for\s+leaving"
    # ... but not the pitch of a project: "elevator pitch of your project", "(walk me through your project)".
    r"|(?<!project\s)elevator\s+pitch(?![^?]*\b(?:your|the|this|a|an|my|last|latest)\s+(?:[\w-]+\s+)?"
    r"(?:project|product|model|idea)s?\b(?!\s+(?:team|manager|role|engineer|owner))))",
    re.I,
)
# Why Amazon? Why Meta? A company's name after "why", and nothing more.
WHY_COMPANY = re.compile(r"^\s*(?i:why)\s+(?:work\s+(?:at|for)\s+)?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*)?\s*\?")
# Questions that ask for one past episode, or name one ("Conflict with a teammate", "STAR 3: ...").
EPISODE = re.compile(
    r"\b(?:a\s+time\s+(?:when|you|that|where|in\s+which)\b|an?\s+(?:example|instance|occasion)\b|have\s+you\s+ever"
    r"|the\s+last\s+time|\btime\s+(?:you|when)\b"
    r"|\byou(?:'ve|\s+have)\s+(?:faced|delivered|worked|built|led|solved|made|had)\b"
    # "Name a difficult challenge you faced", "How you solved a complex problem?": one that happened.
    r"|\b(?:challenge|problem|bug|conflict|mistake|failure|decision|project)\s+(?:that\s+)?you\s+"
    r"(?:faced|solved|fixed|handled|made|took|overcame|encountered|led)\b"
    r"|\bhow\s+you\s+(?:solved|handled|dealt\s+with|fixed|resolved|managed|overcame|tackled)\b)",
    re.I,
)
STORY = re.compile(
    r"\b(?:an?\s+situation|tell\s+(?:me|us)\s+about\s+(?:a|an|the|your)\b"
    r"|describe\s+(?:a|an|the|one)\b|walk\s+(?:me|us)\s+through\s+(?:a|an|the|your|this)\b"
    r"|\bdid\s+you\b|\bwhat[’']d\s+you\b|(?-i:STAR)\b|\bstory\b"
    r"|proud|achievement|accomplishment|hardest|most\s+(?:difficult|challenging)"
    r"|(?:biggest|greatest|toughest)\s+(?:challenge|failure|mistake|disappointment|problem|decision|conflict"
    r"|setback))",
    re.I,
)
# Answers for a listener who is not technical: a business partner, an executive, a child.
LAY_AUDIENCE = re.compile(
    r"\b(?:non[-\s]?technical|not\s+technical|without\s+a\s+technical\s+background|layperson|lay\s+person"
    r"|plain\s+(?:English|language)|simple\s+(?:terms|language|words)|(?:a|your)\s+(?:child|grandmother|grandparent)"
    r"|(?:to|for)\s+(?:the|a|an|your|our|some)?\s*(?:executives?|head\s+of\s+(?:sales|marketing)|CEO|board)\b"
    r"|business\s+(?:partners?|stakeholders?|people|users?|audience))\b",
    re.I,
)
VIEW = re.compile(r"\b(?:strengths?|strenght|weakness(?:es)?|how\s+do\s+you|typical(?:ly)?|usually)\b", re.I)
HYPOTHETICAL = re.compile(r"\b(?:would|will|if\s+you\s+were|imagine|suppose)\b", re.I)
# "Why ...?", "Is ...?": a question; without one, a few words name a story ("Conflict with a teammate").
QUESTION_WORD = re.compile(
    r"^\W*(?:why|how|what|which|who|where|when|do|does|did|are|is|can|could|would|should|have|has)\b|[?\uff1f]\s*$",
    re.I,
)
# "Explain a p-value", "Describe how gradient boosting works": a fact asked for, not a story.
FACT = re.compile(
    r"^\W*(?:(?:explain|define|compare|design|estimate|name|list)\b|how\s+(?:does|do|is|are|would|should)\b"
    r"|(?:describe|tell\s+(?:me|us))\s+(?:how|why|what)\b|(?:walk|talk)\s+(?:me|us)\s+through\s+(?:the|how)\b)",
    re.I,
)


@dataclass(frozen=True)
class AskedQuestion:
    """A question known only by its words; it answers what the review asks of a bank question."""

    prompt: str
    time_budget_s: int | None = None

    @property
    def about_career(self) -> bool:
        return bool(CAREER.search(self.prompt) or WHY_COMPANY.match(self.prompt))

    @property
    def answer_format(self) -> str:
        """ "story" for a question (or a story's title) that asks for an episode, "pitch" for one about
        the candidate's career, "direct" for a view, a habit or a fact."""
        prompt = self.prompt.strip()
        if EPISODE.search(prompt):
            return "story"  # "tell me about a time you didn't want to work here" is a story all the same
        if self.about_career:
            return "pitch"
        if HYPOTHETICAL.search(prompt) or VIEW.search(prompt) or FACT.match(prompt):
            return "direct"  # what one would do is a plan, a strength a view, "explain X" a fact
        if STORY.search(prompt):
            return "story"
        if not QUESTION_WORD.search(prompt):
            return "story"  # a heading such as "Conflict with a teammate" names the story to tell
        return "direct"

    @property
    def stage(self) -> str:
        return "recruiter_screen" if self.answer_format == "pitch" else "hiring_manager"

    @property
    def non_technical_audience(self) -> bool:
        # A recruiter asks the career questions, as the bank's recruiter screen does.
        return bool(LAY_AUDIENCE.search(self.prompt)) or self.answer_format == "pitch"

    @property
    def answered_with_background(self) -> bool:
        """Career questions are answered with background (jobs, degrees, reasons), which tells no
        episode unless the answer goes on to tell one."""
        return self.answer_format == "pitch"
