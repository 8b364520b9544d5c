"""Who acts in a sentence and how it is told: a step taken ("I rebuilt", "we agreed and added"), a
state of mind, a habit, a wish or what one would do, and notes jotted without a subject. Found on
answers people published (issue 14); pinned in tests/review/test_star_reader.py and
test_star_cues.py.
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
