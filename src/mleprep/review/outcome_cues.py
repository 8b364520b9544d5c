"""What an outcome sounds like, good or bad ("complaints fell", "we rolled it back", "it took longer
than expected"), and what only looks like one: a change the speaker made as a step, a wish, a hedge.
Found on answers people published (issue 14); pinned in tests/review/test_star_reader.py and
test_star_cues.py.
"""

from __future__ import annotations

import re

# "We cut latency by half" tells what changed: an outcome, not one more step.
CHANGE_BY_HOW_MUCH = re.compile(
    r"\b(?:I|[Ww]e)\s+(?:reduced|increased|cut|improved|decreased|dropped|doubled|halved|raised|lowered)\b"
    r"(?=(?:\W+\w+){0,4}\W+(?:by|from)\b)"
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
