"""The words and shapes the STAR reader weighs: who acts and in which tense, what a goal, a setting
and an outcome sound like, what is background (a profile, a habit, a template, pasted code) rather than
a story, and what makes a number part of an outcome. Found on answers people published (issue 14) and
pinned, each, by a sentence the team wrote in tests/review/test_star_reader.py.
"""

from __future__ import annotations

import re

I_STATE = (
    r"I\s+(?:(?:recently|just|also|then)\s+)?(?:was|were|had|am|have|'m|'ve|did\s+not|didn't|do\s+not|don't|think|guess|feel|believe|like"
    # What went on in the speaker's head is not a step they took.
    # "I learned that ...", "I learned to ...": a lesson; "I learned React in a week" is a step taken.
    r"|(?:learned|learnt)(?!\s+(?!(?:that|how|to|a|an|about|the|what|from|so|more|valuable|lessons?|much|it|this"
    r"|something|nothing|lots|my|our|early|quickly|never|not|firsthand|later|some|many|one)\b)\w)"
    r"|realized|realised|wanted|needed|hoped|liked|loved|enjoyed|wondered|noticed|assumed|saw"
    # A career told as a list (a profile, not a story): degrees, schools, terms of employment.
    r"|(?:also\s+)?(?:graduated|studied|majored|attended|obtained|pursued|went\s+to\s+(?:grad\s+)?(?:school|university|college))"
    r"|(?:also\s+)?(?:completed|earned|finished)\s+(?:my|a|an|five|four|three|two|several)\s+(?:\w+\s+){0,2}"
    r"(?i:degree|bachelor\S*|master\S*|phd|co-?op|internship|terms?|courses?|certificat\w*|schooling|education"
    r"|studies|diploma|b\.?\s?tech|b\.?sc|m\.?sc|mba|pg\w*))\b"
)
IRREGULAR_PAST = (
    "built|wrote|made|ran|set|took|told|put|went|spent|kept|led|found|sent|got|gave|chose|drew|"
    "began|brought|bought|caught|dug|fed|fought|held|hid|left|lent|lost|met|paid|read|rode|rose|"
    "saw|sold|shut|sat|spoke|split|stood|struck|swept|taught|threw|won|"
    "broke|cut|drove|fixed|asked|moved|proposed|paired|presented|rebuilt|rewrote|reran|redid|oversaw|"
    "dealt|spun|stuck|hung|bent|sped|shook|did|undid|overcame|sprang|sprung|said|sought|heard"
)
ADVERB = r"(?:(?:also|then|first|once|later|soon|still|just|even|finally|\w+ly)\s+)?"
# "More than I made before" compares; it tells no step.
# Present tenses that end in "ed": "I need", "we proceed" tell no step taken.
NOT_PAST_ED = r"(?!(?:need|feed|proceed|succeed|exceed|seed|speed|bleed|breed|heed|embed|shed)\b)"
ACTION_I = re.compile(rf"(?<!\bthan\s)\bI\s+{ADVERB}(?!failed\b){NOT_PAST_ED}(?:\w+ed|{IRREGULAR_PAST})\b")
STATES = (
    r"(?:owned|needed|wanted|learned|learnt|realized|realised|hoped|liked|"
    r"loved|enjoyed|noticed|used|seemed|failed)\b"
)
ACTION_WE = re.compile(
    rf"\b(?:[Ww]e|[Oo]ur\s+team|[Tt]he\s+team|[Mm]y\s+team)\s+{ADVERB}(?!{STATES}|dropped\s+the\s+ball){NOT_PAST_ED}"
    rf"(?:\w+ed|{IRREGULAR_PAST}|did)\b"
)
# A verb with its object, not an adjective before a noun ("limited budget").
OBJECT_NEXT = (
    r"(?=\s+(?:the|a|an|it|them|him|her|us|our|my|their|his|its|this|that|these|those|to|up|out|on|in|with"
    r"|for|about|back|down|over|some|all|new|every|each|myself|ourselves|me)\b)"
)
# A second step joined to the first by "and" ("we agreed on the broker and added a fallback"), up to
# the next subject named ("... and he implemented ...", "a contractor who designed and built it").
AND_STEP = re.compile(
    rf"\band\s+(?:then\s+|also\s+|later\s+)?(?!{STATES}){NOT_PAST_ED}(?:[a-z]+ed|{IRREGULAR_PAST})\b"
)
NEXT_SUBJECT = re.compile(r"\b(?:I|[Ww]e|[Hh]e|[Ss]he|[Tt]hey|[Yy]ou|who|which|that)\b|[.;:]")
# "We cut latency by half" tells what changed: an outcome, not one more step.
CHANGE_BY_HOW_MUCH = re.compile(
    r"\b(?:I|[Ww]e)\s+(?:reduced|increased|cut|improved|decreased|dropped|doubled|halved|raised|lowered)\b"
    r"(?=(?:\W+\w+){0,4}\W+(?:by|from)\b)"
)
# "I would explain ..." tells what one would do; "as quickly as I could" and "I knew I would need"
# are a past story's own words.
HYPOTHETICAL = re.compile(
    r"(?<!\bas\s)(?<!\bthat\s)\bI\s+(?:would|'d|will)\s+(?!have\b|need\b|be\s+able\b)\w+"
    # "It would be much better if we told them ...": what should have happened, not a step taken.
    r"|\b(?:would|could|might)\s+(?:have\s+been|be)\s+(?:\w+\s+)?(?:better|wiser|smarter|easier)\s+(?:if|to)\b"
)
ABLE_TO = re.compile(r"\b(?:I|[Ww]e)\s+(?:was|were)\s+able\s+to\s+(?!be\b)\w+")
HABITUAL = re.compile(r"\b(?:always|usually|often|generally|typically|normally|tend to)\b", re.I)
PRESENT_I = re.compile(
    r"\bI\s+(?:always\s+|usually\s+|often\s+)?(?:try|work|like|love|watch|read|am|learn)\b"
    # "I normally set a deadline": a habit, whatever the verb.
    r"|\bI\s+(?:always|usually|often|normally|typically|generally)\s+\w+"
)
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
# "In a churn model, ...", "In general, ...", "In my career ...": no setting in particular.
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
SETBACK = re.compile(
    r"\b(?:failed\s+to|(?:lost|missed)\s+(?:the|our|my|a)\b|dropped\s+the\s+ball|went\s+wrong)", re.I
)
RESULT = re.compile(
    r"\b(?:as\s+a\s+result|in\s+the\s+end|eventually|since\s+then|after\s+that|afterwards|the\s+result"
    r"|which\s+(?:saved|meant|led|cut|reduced|improved)|led\s+to|resulted\s+in|so\s+that\s+now"
    r"|rose|fell|dropped|increased|decreased|improved|reduced|saved|grew|doubled|halved|tripled"
    r"|went\s+(?:up|down|from|live)|launched|shipped|approved|was\s+cancelled|held\s+up|caught|blocked"
    r"|finished|delivered\s+(?:on|the)|got\s+(?:its|the|a)\s+\w+"
    r"|(?:was|were)\s+(?:very\s+|really\s+)?(?:happy|pleased|proud)|successful(?:ly)?"
    r"|went\s+fine|(?:was|were)\s+fine|stayed\s+(?:below|above|under)|now\s+\w+s\b|turned\s+out"
    # "... but XGBoost won", "This turned the predictions into insights the CEO had asked for".
    r"|(?<!\bI\s)won\b(?!['\u2019]t)|turned\s+(?:\w+\s+){1,5}into\b"
    # "These improvements enhanced performance by 40%": a change, whatever its verb.
    r"|enhanced|boosted|(?<!\ban\s)accelerated|sped\s+up"
    # "+17% attendance": a measured change listed under what was done.
    r"|(?<=[+\u2212])\d+(?:\.\d+)?(?=\s*%)"
    r"|rolled\s+(?:it\s+)?back|(?:it|we|they|this|that|the\s+\w+)\s+(?:passed|failed)"
    r"|(?:passed|failed)\s+(?:the|its|our|their|every|all|both|review|validation|tests?|QA|audit)|was\s+(?:scrapped|shelved|dropped|rejected|adopted|accepted"
    r"|promoted|deployed|released|merged|used)|(?:was|were)\s+(?:given|awarded|offered)|received|earned"
    r"|(?:got|scored|reached|hit|won|lost|missed)\s+(?!a\s+point|the\s+limit)(?:a|an|the|my|our|\d)|achieved"
    r"|ended\s+up|by\s+the\s+end|ran\s+over|without\s+(?:any\s+)?(?:external\s+)?impact|the\s+end\s+result"
    r"|by\s+\d[\d,.]*\s*(?:%|percent|x\b|times|hours|days|minutes|seconds|weeks)"
    r"|ultimately|(?:is|are)\s+(?:still\s+)?(?:in\s+use|used|running|live)|still\s+(?:runs|uses|in\s+use)"
    r"|the\s+(?:outcome|impact)\s+was|which\s+meant|meaning\s+that|never\s+happened\s+again"
    r"|(?:has|have)(?:\s+not|n't|\s+never)\s+(?:\w+\s+){1,4}(?:since|again)|failed\s+to\s+\w+"
    r"|chastised|reprimanded|disciplined|scolded|went\s+well|(?:it|this|that|the\s+\w+)\s+worked|paid\s+off|as\s+planned|without\s+(?:an\s+)?incident"
    r"|got\s+(?:approval|sign-?off|the\s+go-ahead)|ever\s+since|reached\s+(?:a\s+)?(?:consensus|agreement|decision)"
    r"|\d+\s*(?:x|times)\s+(?:faster|slower|cheaper|smaller|better|more|less|fewer)|(?:was|were)\s+offered"
    r"|didn't\s+get|did\s+not\s+get|found\s+(?:that|out\s+that)|(?:team|they|he|she|everyone|manager|client|customer)\s+(?:was|were)\s+(?:very\s+)?impressed"
    r"|(?:was|were)\s+replaced|let\s+go|had\s+to\s+leave|I\s+left|became\s+(?:a\s+)?(?:more|less|much|far|\w+er)\b"
    # What the work did once it was done: "it helped the team", "I was recognised", "it was faster".
    r"|(?:it|this|that|(?:this|that|the|my|our)\s+(?:approach|change|fix|work|solution|step|decision|process"
    r"|tool|system|analysis|investigation|research|dashboard))"
    r"\s+(?:\w+ly\s+)?(?:provided|helped|gave|allowed|enabled|saved|let|made\s+it|ensured|revealed|uncovered"
    r"|showed|exposed)"
    r"|(?:was|were)\s+(?:recogni[sz]ed|praised|thanked|rewarded|promoted|commended|celebrated)"
    r"|(?:it|this|that|things|everything|the\s+\w+)\s+(?:was|were|became|got|ran|is|are)\s+(?:\w+\s+)?"
    r"(?:faster|better|quicker|cheaper|smoother|easier|stable|resolved|seamless)"
    r"|(?:we|I|they|it|the\s+\w+)\s+lost\b|\bsince\W*$"
    r"|(?:was|were)\s+able\s+to|(?:was|were)\s+an?\s+(?:\w+\s+)?success\b"
    r"|delivered\s+(?:\w+\s+){0,2}(?:within|ahead|early|on\s+time)"
    # Outcomes that went wrong are outcomes too: "it took longer than expected".
    r"|(?:outage|incident|downtime|delay|disruption)\s+(?:lasted|cost|affected|hit)"
    # "It had bugs that affected 30% of users": what went wrong, measured in who it reached.
    # ... told as what followed ("that/which/it"), not as the problem a story opens with.
    r"|(?:that|which|it|this)\s+(?:affected|impacted|hit|reached)\s+(?:\d[\d,.]*\s*%?|half|a\s+third|a\s+quarter)\s+(?:of\s+)?(?:our\s+|the\s+|all\s+)?"
    r"(?:users|customers|clients|requests|orders|traffic|sessions|accounts)"
    r"|took\s+(?:much\s+|far\s+)?(?:longer|more\s+time)|(?:longer|later)\s+than\s+(?:expected|planned)"
    r"|from\s+\d[\d,.]*\s*(?:%|[a-z]+)?\s+to\s+\d[\d,.]*"
    # "the problem was solved", "he took my advice", "Bob expressed his gratitude".
    r"|(?:problem|issue|bug|error|defect|mismatch|outage|incident|leak|glitch|it|this|that|they)s?\s+(?:was|were|got)\s+"
    r"(?:finally\s+|quickly\s+|soon\s+)?(?:solved|fixed|resolved|completed)"
    # "I fixed it", "we resolved the issue": the problem, now gone.
    r"|\b(?:I|we)\s+(?:finally\s+|quickly\s+|eventually\s+)?(?:solved|fixed|resolved)\s+(?:it|this|that|them|the\s+"
    r"(?:\w+\s+)?(?:issue|problem|bug|error|conflict|outage))\b(?!\s+in\s+(?:\w+\s+)?ways|\s*:)"
    r"|after\s+completing\s+(?:the|my|our)\s+(?:\w+\s+)?(?:fix|work|project|migration|task|functionality|feature|analysis)"
    r"|(?:took|accepted|followed|adopted)\s+(?:my|our)\s+(?:advice|suggestions?|proposal|recommendations?|idea)"
    r"|expressed\s+(?:his|her|their)\s+(?:gratitude|thanks|appreciation)|thanked\s+(?:me|us)"
    r"|(?:which|that|this|it)\s+made\s+(?!sense\b)(?:\w+\s+){0,4}(?:faster|quicker|easier|cheaper|simpler|smaller|lighter"
    r"|clearer|more\s+(?:reliable|accurate|stable|robust))"
    r"|went\s+smooth(?:ly)?|beyond\s+(?:the\s+|my\s+|our\s+)?(?:\w+\s+)?expectations?|in\s+production\b)\b",
    re.I,
)
# "I dropped the rows" is something the candidate did; "complaints dropped" is what changed.
OUTCOME_DONE_BY_ME = re.compile(
    r"\b(?:I|[Ww]e)\s+(?:also\s+|then\s+)?(?:dropped|reduced|increased|improved|cut|decreased)\b"
    # ... unless it says by how much: "we cut latency by half" is an outcome.
    r"(?!(?:\W+\w+){0,4}\W+(?:by|from)\b)"
)
# A template's blank ("[specific deliverable]"), or a story told to "you" ("You analyze the
# bottlenecks ..."): a coach's sample of what one might say, not what the speaker did.
PLACEHOLDER = re.compile(
    r"\[[^\]]{3,}\]|\bX%|\$X\b|^You\s+(?!know\b|could\b|can\b|would\b|might\b|may\b|should\b|see\b|saw\b)"
)
USED_TO = re.compile(r"\bused\s+to\s+\w+", re.I)
# A lead-in to a list of steps ("When we cancelled, I:") names who took them.
LEAD_IN = re.compile(r"\b(I|[Ww]e)\s*:\s*$")
# Notes without a subject, as people jot a story down: "Tested both sides", "Got sign-off".
NOTE_ACTION = re.compile(
    # Notes jotted in lower case count too ("decided to use the Migrate API"); "Learned:" heads a list.
    r"(?!(?i:need|needed|indeed|based|used|interested|excited|tired|bored|related|supposed|red|bed|shed)\b)"
    + r"^(?i:then\s+|also\s+|first\s+|finally\s+)?(?!(?i:speed|feed|seed|proceed|succeed|exceed)\b)"
    + rf"(?:(?:[A-Z][a-z]+ed|{IRREGULAR_PAST.title()})\b(?!\s*:)"
    # ... in lower case only with the verb's object after it: "limited budget" is no step.
    + rf"|(?:[a-z]+ed|{IRREGULAR_PAST})\b{OBJECT_NEXT})"
)
# Wishes, plans and feelings are not outcomes: "it needs to be improved", "I fell in love with data".
NOT_OUTCOME = re.compile(
    r"\b(?:needs?\s+to\s+be|to\s+be|want(?:ed)?\s+to|hope\s+to|plan(?:ned)?\s+to|will|should|could|would)\s+"
    r"(?:\w+\s+){0,1}(?:improved|reduced|increased|launched|shipped|delivered|approved|passed|fixed|enhanced"
    r"|boosted|accelerated|sped)\b"
    r"|\bfell\s+in\s+love\b|\bcaught\s+my\s+(?:eye|attention)\b"
    # A hedged effect is no outcome: "I think I have improved a lot".
    r"|\bI\s+(?:think|believe|feel|guess)\s+(?:that\s+)?(?:I|we|it|this|they)\s+(?:have\s+|has\s+)?"
    r"(?:\w+\s+)?(?:improved|reduced|increased|helped|grown|progressed|gotten\s+better)\b",
    re.I,
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
