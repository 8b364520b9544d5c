"""The words and shapes the STAR reader weighs for the setting and the task: what a goal, a problem
and a particular place or time sound like, and what is background (a profile, a template, pasted code)
rather than a story. Who acts is in actor_cues, what an outcome sounds like in outcome_cues. Found on
answers people published (issue 14) and pinned, each, by a sentence the team wrote in
tests/review/test_star_reader.py.
"""

from __future__ import annotations

import re

from mleprep.review.actor_cues import ADVERB, NOT_PAST_ED

# What became of a problem or a deadline: "was solved", "was finally met", "was pushed back".
DONE_WITH = r"(?:\w+ly\s+)?(?:\w+ed|met|done|won|lost|gone|overcome|beaten|hit|kept|set\s+back)\b"
TASK = re.compile(
    r"\b(?:my\s+(?:job|task|goal|role|responsibility|brief|first\s+task)\s+(?:was|is)"
    r"|my\s+(?:role|job|work)\s+(?:involved|included|consisted|covered)"
    r"|(?:I|we)\s+(?:was|were)\s+(?:asked|tasked|responsible|in\s+charge|the\s+owner|the\s+on-call|supposed)"
    r"|(?:I|we)\s+set\s+out\s+to|(?:I|we)\s+(?:had|faced)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:challenge|problem|issue|task)\s+(?:to|of|in|with)"
    # "So I decided to find a simple solution to this issue": the problem named as the thing to solve.
    r"|(?:find|come\s+up\s+with)\s+an?\s+(?:\w+\s+)?(?:solution|fix|way)\s+(?:to|for)\s+(?:this|that|the)\b"
    # "To handle this, I ...": the sentence before it was the problem to solve.
    r"|^to\s+(?:handle|address|solve|fix|tackle|overcome|resolve|mitigate|deal\s+with)\s+(?:this|that|these|it)\b"
    # What the people the work was for asked of it: "the marketing team wanted to understand ...".
    r"|(?:client|customer|business|stakeholders?|management|leadership|the\s+\w+\s+team|product\s+owners?)\s+"
    r"(?:wanted|needed|required|requested|asked\s+for)\s+(?:to\s+|a\s+|an\s+"
    r"|(?!(?:less|more|fewer|was|its|his|this|is|as|us)\b)(?:[\w-]+\s+)?\w{3,}s\b)"
    rf"|I\s+{ADVERB}(?:had|needed)\s+to|it\s+was\s+my\s+job|I\s+owned|the\s+goal\s+was|our\s+goal\s+was"
    r"|(?:as|I\s+was)\s+the\s+(?:person|owner|lead)|had\s+to\s+decide|was\s+to\s+\w+"
    r"|(?:had|faced)\s+(?:two|three|a\s+few|several)\s+(?:options|choices)"
    r"|we\s+(?:had|needed)\s+to|(?:asked|tasked|told|wanted|needed)\s+(?:me|us|my\s+team)\s+to"
    r"|took\s+(?:up|on|upon)\s+(?:a|an|the)\s+(?:\w+\s+)?(?:task|challenge|responsibility)\b"
    # A note with no subject: "needed to make them faster", "Had to decide whether to go".
    r"|^(?:needed|had)\s+to\b"
    r"|(?:was|were)\s+expected\s+to|expected\s+(?:me|us)\s+to"
    # "The biggest challenge was ...", "Its goal is to ...": the problem or the aim made explicit;
    # "the problem was solved", "the deadline was met" tell how it ended instead.
    rf"|the\s+(?:\w+\s+){{0,2}}(?:challenge|problem|brief|ask|deadline)\s+was\b(?!\s+{DONE_WITH})"
    r"|the\s+(?:hard|hardest|tricky|difficult)\s+part\s+(?:is|was|isn't|wasn't)\b"
    r"|(?:the|our|its|my|their)\s+(?:\w+\s+)?(?:goal|objective|aim|mission)\s+(?:is|was)\s+to"
    # "We were given the objective ..."; "we were given an award" is an outcome.
    r"|(?:I|we|team)\s+(?:was|were|had\s+been)\s+(?:assigned|given|handed|chosen)\b(?!\s+(?:an?\s+)?"
    r"(?:\w+\s+)?(?:award|bonus|raise|promotion|prize|recognition|credit|praise|thanks|kudos))"
    r"|(?:I|we)\s+had\s+committed\s+to"
    r"|my\s+(?:manager|lead|boss)\s+asked"
    # "I had two weeks to develop ...": a deadline is an assignment; "I overcame this by ...", "I
    # struggled with ...": the problem to solve named as such.
    r"|(?:I|we)\s+had\s+(?:only\s+|just\s+)?(?:\d+|a|an|one|two|three|four|five|six|ten|a\s+few|a\s+couple\s+of)"
    r"\s+(?:hours?|days?|weeks?|months?)\s+to\b(?!\s+spare\b)"
    r"|(?:I|we)\s+(?:overcame|tackled|addressed|solved|resolved|fixed|handled)\s+(?:this|that|these|it|them)\s+by"
    r"|(?:I|we)\s+struggled\s+with)\b",
    re.I,
)
CONTEXT_OPEN = re.compile(
    r"^(?:At|In|When|During|Last|On|While|Two|Three|A\s+few|Years|Halfway|Our|Before|After\s+joining"
    r"|Within|Over\s+the|Back\s+in|Earlier|Recently|Previously|Once|\d+\s+(?:hours|days|weeks|months|years)"
    r"|This\s+happens|Two\s+weeks)\b"
)
# "In a high-stakes scenario", "in my projects": a setting named in general is none in particular.
GENERIC_SETTING = re.compile(
    r"^(?:In|During|On|For)\s+(?:a|an|my|one\s+of\s+my)\s+(?!(?:previous|last|recent|former|current)\b)"
    r"(?:[\w-]+\s+)?(?:projects?|scenarios?|situations?|cases?|roles?|jobs?|tasks?)\b"
)
# A goal still ahead: "my goal is to lead a platform team", "I want to move into MLOps".
WISH = re.compile(
    r"\b(?:my|our)\s+(?:\w+\s+)?(?:goal|aim|objective|ambition|dream|plan)\s+is\b|\bI\s+(?:want|hope|plan|aim)\s+to\b",
    re.I,
)
# "In a churn model, ...", "In general, ...", "In my career ...": no setting in particular. Broader
# than GENERIC_SETTING and used only to judge an example inside a direct answer: weighing every
# sentence's setting by it too cost 3 situation labels of 423 on the tune sets (2026-12-04).
SETTING_IN_GENERAL = re.compile(
    r"(?:In|At|On|During|While)\s+(?:a|an|one|general|most|many|some|my\s+(?:career|experience|work))\b"
)
PAST = re.compile(rf"\b(?:was|were|had|did|{NOT_PAST_ED}\w{{3,}}ed)\b", re.I)
CONTEXT = re.compile(
    r"\b(?:at\s+(?:my|a|an|our)\s+(?:last|previous|current|former)?\s*\w*\s*(?:company|job|role|startup|team)"
    r"|in\s+my\s+(?:last|previous|current|former)\s+(?:role|job|team|company)|when\s+I\s+joined"
    r"|years?\s+ago|last\s+(?:year|spring|summer|autumn|winter|month|quarter)|there\s+(?:was|were)"
    r"|we\s+had|nobody|no\s+one|was\s+costing|kept\s+\w+ing|had\s+never|knew\s+nothing|were\s+often"
    r"|once|(?:I|we)\s+(?:was|were)\s+(?:working|part\s+of|on\s+a)|I\s+worked\s+(?:at|as|on|in)"
    r"|the\s+(?:company|team|client|project|model|system)\s+(?:was|had|needed)"
    # A named project or employer: "on my Student Records project", "at Holland & Barrett".
    r"|(?:on|for|in|of|built|developed|created|led|ran)\s+(?:a|an|my|our|the|this)\s+(?:[\w-]+\s+){0,4}project"
    r"|(?-i:at\s+[A-Z][\w&]+))\b",
    re.I,
)
# What happened to the speaker's job or company is a setting even in an answer that tells no story:
# "400 people were laid off, and I was one of them".
EVENT = re.compile(
    r"\b(?:laid\s+off|lay-?offs?|made\s+redundant|redundanc(?:y|ies)|restructur\w+|downsiz\w+"
    r"|(?:was|were|got)\s+acquired|(?:shut|closed)\s+down|went\s+(?:bankrupt|under))\b",
    re.I,
)
# A problem told before the first step that deals with it: "our E2E tests were flaky", "there was
# some friction", "I had a conflict with the product manager". The problem made explicit is the task.
_BAD_STATE = (
    r"(?:flaky|broken|failing|slow|wrong|messy|inconsistent|missing|unstable|down(?!\s+(?:to|by|from)\b)|late|behind\s+schedule"
    r"|over\s+budget|unreliable|unusable|noisy|duplicated|corrupt(?:ed)?|stale|outdated|error-prone"
    r"|overloaded|unhappy|upset|angry|frustrated)"
)
PROBLEM = re.compile(
    # "There was no problem", "the tests were not flaky": a problem denied is none.
    rf"\b(?:(?:was|were|is|are|kept|had\s+been|became|got)\s+(?!(?:no|not|never)\b)(?:\w+\s+)?{_BAD_STATE}\b"
    r"|(?:had|faced|hit|ran\s+into|encountered)\s+(?:a|an|some|the)\s+(?:\w+\s+){0,2}"
    r"(?:bug|conflict|issue|problem|disagreement|outage|incident|crisis|emergency)s?\b"
    r"|there\s+(?:was|were)\s+(?:(?:a|an|some)\s+)?(?!(?:no|not|never)\b)(?:\w+\s+)?(?:bug|conflict|issue|problem|friction|tension"
    r"|disagreement|emergency|outage|incident|complaints?)s?\b"
    r"|(?:was|were)\s+costing|kept\s+(?:failing|crashing|breaking|timing\s+out)"
    r"|wasn't\s+(?:technically\s+)?my\s+(?:responsibility|job)|(?:was|were)\s+(?:shouting|complaining|struggling)"
    r"|affecting\s+the\s+(?:whole\s+)?team"
    # "a developer who kept missing deadlines", "one member stopped contributing", "this hurt morale".
    r"|(?:missed|missing|miss)\s+(?:\w+\s+)?deadlines|stopped\s+(?:contributing|responding|showing\s+up|working)"
    r"|(?:negatively|badly|seriously|severely)\s+(?:impacted|affected|hurt)|(?:was|were)\s+taking\s+(?:much\s+)?longer"
    r"|(?:was|were|got)\s+interrupted"
    # "I shipped a timezone bug", "one disagreement was about ...": the problem named as a thing; an
    # outage a step caused is what the step led to, not what the story set out to fix.
    # Not one denied or done with ("never an issue", "fixed every bug"), liked ("I love a challenge"),
    # or a word that only contains it ("our issue tracker", "the problem statement").
    r"|(?<!caused\s)(?<!causing\s)(?<!created\s)(?<!not\s)(?<!never\s)(?<!love\s)(?<!enjoy\s)(?<!like\s)"
    r"\b(?:a|an|the|this|one|our|my)\s+"
    r"(?:(?!(?:a|an|the|caused|causing|had|has|have|was|were|is|are|fixed|solved|zero|no|not|never|every|any)\b)"
    r"\w+\s+){0,3}?(?:bug|conflict|disagreement|outage|incident|crisis|issue|problem|challenge|complaint)s?\b"
    r"(?!\s+(?:tracker|statement|solving|solver|log|queue|board|template|list))"
    r"|(?:bug|outage|incident|error|failure|defect)s?\s+(?:\w+\s+){0,4}?(?:affected|hit|broke|took\s+down)\b)",
    re.I,
)
# A template's blank ("[specific deliverable]"), or a story told to "you" ("You analyze the
# bottlenecks ..."): a coach's sample of what one might say, not what the speaker did.
PLACEHOLDER = re.compile(
    r"\[[^\]]{3,}\]|\bX%|\$X\b|^You\s+(?!know\b|could\b|can\b|would\b|might\b|may\b|should\b|see\b|saw\b)"
)
# "Hello, my name is ...", "I'm a data analyst with 5 years of experience": a profile, whose past
# jobs and degrees are background, not a story, until something marks one ("For example, ...").
PROFILE = re.compile(
    r"\b(?:my\s+name\s+is|(?-i:(?:[Hh]i|[Hh]ello)\b[^.]{0,20}\b(?:I\s+am|I'm)\s+[A-Z][a-z]+)|I\s+am\s+(?:currently\s+)?an?\s+|I'm\s+(?:currently\s+)?an?\s+"
    r"|I\s+have\s+(?:over\s+|more\s+than\s+)?\d+\+?\s+years|\d+\+?\s+years\s+of\s+experience"
    r"|I(?:'ve|\s+have)\s+(?:been\s+)?work(?:ed|ing)\b[^.]*?\b\d+\+?(?:/\d+)?\s*years)",
    re.I,
)
EPISODE = re.compile(
    r"^(?:For\s+(?:example|instance)|Example\b|One\s+time|Once|Last\s+(?:year|month|week|quarter)|Recently"
    r"|In\s+one\s+(?:project|case|role)"
    r"|(?:For|In|On|At)\s+(?:my|our|one)\s+(?:[\w-]+\s+){0,2}(?:project|internship|client)\b)"
)
CODE = re.compile(r"\b(?:def|import|return|lambda|except)\b|\w\([^)]*\)|\w+_\w+\s*=|[{};]\s*$|==")
