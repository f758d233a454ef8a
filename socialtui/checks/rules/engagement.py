"""ENG001–ENG003: replies that confirm a patient relationship, discuss care or advise."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialtui.checks.findings import Finding, Severity, describe_span
from socialtui.checks.rule import CheckContext, Rule, register
from socialtui.checks import lexicon
from socialtui.checks.rules.advice import advice_spans
from socialtui.checks.vocabulary import sentence_around

OWNED = re.compile(
    r"\b(?:(?i:your|ur|his|her|their|that)|[A-Z][a-z]+['’]s)\s+(?:(?:recent|new|last|little|sore|bad|broken|left|right|"
    r"\d+-\w+|first|whole)\s+)?$")
"""A possessive just before a health word: the care is someone's."""
PERSONAL_SENTENCE = re.compile(
    r"\b(?:(?i:you|your|you['’]re|you['’]ve|she|he|her|his|him|hers)|"
    r"(?!(?:It|That|There|Here|What|Who|Where|When|How|Let|This|Today|Everyone|Nobody|Someone)['’])[A-Z][a-z]+['’]s)\b")
GENERAL_INFO = re.compile(
    r"\b(?:people|anyone|everyone|everybody|most|many|some|often|usually|generally|typically|in general|"
    r"cdc|nih|aap|aad|ada|who|fda|uspstf|task force|academy|association|recommends?|guidelines?|research|stud(?:y|ies)|"
    r"questions?|can['’]t|cannot|aren['’]t able|not able|unable|online|over social|here|publicly|privacy|"
    r"call|contact|reach out|message|portal|dm|book|schedule|if you|when you|any|whether|depends|"
    r"happy to (?:chat|talk|discuss|go over|answer)|options|common|normal|glad you asked)\b",
    re.IGNORECASE,
)
"""Wording of general information or an invitation: a health word there is nobody's care."""
INVITED = re.compile(r"\b(?:book|schedule|get|make|request|don['’]t (?:skip|miss|put off)|keep up with)\s+your\s+(?:\w+\s+)?$",
                     re.IGNORECASE)
"""An invitation to come in: "book your screening" is nobody's care yet."""
SYMPATHY = re.compile(r"\bsorry (?:to hear )?(?:that )?(?:you['’]re|you are|you['’]ve been|you feel)\s+(?:so\s+|still\s+)?$",
                      re.IGNORECASE)
"""Sympathy that repeats how the reviewer feels ("sorry you're sore") without confirming any care."""
GLAD_ABOUT = re.compile(r"\b(?:glad|happy|relieved|sorry|so glad)\s+(?:that\s+|to hear\s+)?(?:the|your|ur|his|her|their)\s+"
                        r"(?:[\w-]+\s+)?$", re.IGNORECASE)
"""Relief or sympathy about a particular procedure: "glad the root canal was easy"."""
HYPOTHETICAL = re.compile(r"\b(?:whether|depends on|if you|if your|when you|in case)\b", re.IGNORECASE)
"""A sentence about what might apply to the reader, not about care they had."""
GENERIC_WORDS = frozenset({"care", "visit", "visits", "appointment", "appointments", "health", "condition",
                           "treatment", "exam", "physical", "back", "hand", "hands", "face", "head", "heart",
                           "cold", "sick", "pain", "results", "scan", "shot", "consult", "therapy",
                           "follow-up", "follow up", "referral", "pt", "iv", "er"})
"""Words too general in a reply to be anyone's care on their own ("back", "heart" in "from the heart")."""

SAFE_REPLY = (
    "Try: \"Thank you for your feedback. We take every concern seriously; please call our "
    "office at your convenience so we can help.\""
)
CONFIRMS_PATIENT = re.compile(
    # Someone's time in the chair, their chart, their due date for a visit, the clinician's memory of them.
    r"\b(?:she|he|they|both of them|you)\s+(?:was|were|did)\s+(?:such\s+|so\s+|a\s+|an\s+|total\s+|"
    r"absolutely\s+|really\s+){0,3}(?:champ|brave|rock ?stars?|amazing|great|awesome|a trooper|troopers|"
    r"(?:a )?big (?:girl|boy|kid))\b|\bin the chair\b|"
    r"\b(?:his|her|their) (?:chart|file|records?)\b|\byou(?:['’]re| are) (?:\w+\s+)?(?:overdue|due) for\b|"
    r"\bsee you (?:both |again )?(?:in (?:\d+|a|an|two|three|six) \w+|(?:on |this |next )?(?:monday|tuesday|"
    r"wednesday|thursday|friday|saturday)|at (?:his|her|their|your) )|"
    r"\byou were (?:\d+ minutes |charged|billed|seen|late)|\byou brought up\b|"
    r"\b(?:the|our) (?:most \w+|sharpest|sweetest|bravest|toughest|favou?rite) (?:patients?|kiddos?|clients?)\b|"
    r"\bone of (?:the|our) most \w+ (?:patients|clients)\b|"
    r"\b(?:dr\.?\s+\w+|our (?:nurse|hygienist|team|staff|front desk|provider|therapist|doctor))\s+(?:still\s+|also\s+)?"
    r"(?:says|said|talks|sent|added|noticed|mentioned|remembers|asked|wanted you|"
    r"(?:loved?|loves|enjoyed|misses) (?:you|her|him|them|seeing|having|working))\b|"
    r"\b(?:thanks?|thank you|grateful)\s+(?:so much\s+)?(?:for\s+)?(?:visiting|coming in|choosing us|"
    r"seeing us|trusting us with your|being (?:a|our) (?:loyal |long-?time )?patient)|"
    r"\b(?:his|her|their) (?:recent |last )?(?:visit|appointment|surgery|procedure|stay|check-?up)\b|"
    r"\byour (?:(?:son|daughter|child|kid|baby|husband|wife|partner|mom|dad|mother|father)(?:'s|’s)\\s+)?(?:recent |last |next |upcoming |first )?(?:appointment|visit|stay|check-?up|exam|"
    r"consultation|follow-?up|account|bill|balance|copay|claim|chart|records?|file|"
    r"time (?:with|at) (?:us|our))\b|"
    r"\bwhen you (?:were|came|visited|saw|checked in|called us|brought)\b|"
    r"\b(?:we|i|dr\.?\s+\w+)\s+(?:saw|treated|examined|remember|met)\s+you\b|"
    r"\bas (?:your|a|our) (?:doctor|provider|dentist|physician|patient)\b|"
    r"\b(?:our|my) records (?:show|indicate)\b|\bwelcome back\b|\byou(?:'re| are) (?:one of )?our patients?\b|"
    r"\bglad (?:you(?:'re| are)|to hear you(?:'re| are)) (?:feeling|doing) better\b|"
    r"\bhope (?:you(?:'re| are)|your) (?:recovery|healing|feeling better)\b|"
    r"\bsee you (?:at|on|next)\b|\b(?:during|at|since) your (?:\w+\s+)?(?:visit|appointment|session)\b|"
    r"(?<!\bbe )(?<!\bbe so )\b(?:loved?|love|enjoy(?:ed)?|great|a pleasure|an honou?r|glad|happy) (?:seeing|to see|working with|treating|"
    r"caring for|to care for|to be) (?:you|her|him|them|your)\b|"
    r"\b(?:we|i|dr\.?\s+\w+|our (?:team|staff|provider|nurse))\s+(?:\w+\s+)?(?:spent|worked|saw|see|reviewed|checked|"
    r"adjusted|examined|treated|loves? seeing (?:you|her|him|them|your))\b|"
    r"\b(?:we see|according to our (?:system|records|notes|chart)|our (?:system|chart|notes) (?:shows?|says))\b|"
    r"\byou (?:arrived|were here|came in|checked in|no-?showed|missed|cancell?ed)\b|"
    r"\b(?:your|his|her) (?:first|last|next|\d+\w*)\s+(?:session|visit|appointment|class|group)\b|"
    r"\b(?:tell|give) (?:her|him|them|your \w+) (?:we|to|that|\w+ says)\b|"
    r"\bprogress you['’]ve made\b|\bhow far you['’]ve come\b|\bbe your (?:doctor|provider|dentist|therapist)\b|"
    r"\bin our (?:\w+ )?(?:night |morning )?(?:group|class|program)\b",
    re.IGNORECASE,
)
DISCUSSES_CARE = re.compile(
    r"\byour (?:(?:son|daughter|child|kid|baby|husband|wife|partner|mom|dad|mother|father)(?:'s|’s)\\s+)?(?:procedure|surgery|operation|treatment|diagnosis|test|lab|blood ?work|results?|"
    r"x-?ray|scan|mri|biopsy|medications?|meds|prescriptions?|refill|condition|injury|wound|"
    r"stitches|cast|implant|crown|filling|root canal|extraction|pregnancy|delivery|therapy|"
    r"care plan|insurance|vaccin\w*|shots?|allergy|symptoms|pain|recovery)\b|"
    r"\b(?:we|dr\.?\s+\w+|the doctor|our (?:team|nurse|staff))\s+(?:prescribed|performed|did|"
    r"ordered|diagnosed|removed|treated|recommended|referred)\b|"
    r"\bthe (?:procedure|surgery|medication|dose|treatment) (?:we|you) (?:did|had|got|received|prescribed)\b",
    re.IGNORECASE,
)
REPLY_ADVICE = re.compile(
    r"\b(?:you should|you need to|you must|try (?:taking|using|applying)|i(?:'d| would) recommend|"
    r"we(?:'d| would)? recommend (?:that )?you|make sure (?:you|to) (?:take|use|apply|ice|rest)|"
    r"(?:just|simply) (?:ice|rest|apply|take|use|elevate|drink)|keep (?:it|the \w+) (?:iced|elevated|"
    r"clean and)|apply (?:ice|heat|a cream|ointment))\b|"
    r"(?:^|[.!?]\s+)(?:try|use|apply|put|alternate)\s+(?:some\s+|a\s+|an\s+)?(?:heat|ice|rest|"
    r"stretch\w*|compress\w*|heating pad|cold pack|fluids|salt water|saline|cream|ointment|brace|"
    r"wrap|humidifier|elevat\w*)\b",
    re.IGNORECASE,
)


class ReplyRule(Rule):
    """Shared shape of the ENG rules: replies only, every match reported."""

    pattern: re.Pattern[str]
    label: str = ""
    hint = SAFE_REPLY

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.subject.kind != "reply":
            return
        for m in ctx.finditer(self.pattern):
            yield self.finding(ctx, m.start(), m.end(), f"{self.label} at {describe_span(*m.span())}.")


@register
class ReplyConfirmsPatient(ReplyRule):
    """Reply that confirms someone is a patient.

    What it does:
        In replies, finds wording that confirms the person was seen by the
        practice: "thanks for visiting us", "your appointment", "when you came
        in", "we remember you", "welcome back".

    Why:
        Confirming that someone is a patient discloses protected health
        information. HHS OCR has fined practices for exactly this in replies to
        online reviews, even when the reviewer disclosed it first.

    Example:
        "We're sorry your appointment with Dr. Lee ran late, Jim!"
    """

    code = "ENG001"
    slug = "reply-confirms-patient"
    severity = Severity.ERROR
    pattern = CONFIRMS_PATIENT
    label = "Wording that confirms a patient relationship"


@register
class ReplyDiscussesCare(ReplyRule):
    """Reply that discusses someone's care.

    What it does:
        In replies, finds mentions of the person's procedure, results,
        medicines, diagnosis or what the practice did for them.

    Why:
        Any detail of a person's care in a public reply is a disclosure of
        protected health information.

    Example:
        "Your crown should feel normal in a week; the filling we did was deep."
    """

    code = "ENG002"
    slug = "reply-discusses-care"
    severity = Severity.ERROR
    pattern = DISCUSSES_CARE
    label = "Details of someone's care"

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.subject.kind != "reply":
            return
        spans = [m.span() for m in ctx.finditer(self.pattern)]
        # Replies are strict: a condition, treatment, medicine or body part that belongs to
        # someone ("your knee", "Lily's ear", "that amoxicillin") is their care, whatever the verb.
        for term in lexicon.terms_of(ctx.text, *lexicon.HEALTH, lexicon.BODY):
            if term.words in GENERIC_WORDS:
                continue
            lead = ctx.text[max(0, term.start - 30):term.start]
            if INVITED.search(lead) or (term.kinds == {lexicon.SYMPTOM} and SYMPATHY.search(lead)):
                continue
            sentence = sentence_around(ctx.text, term.start, term.end)
            if GLAD_ABOUT.search(lead) and term.kinds & {lexicon.PROCEDURE, lexicon.CONDITION}:
                spans.append((term.start, term.end))
                continue
            if OWNED.search(ctx.text, max(0, term.start - 30), term.start) and not HYPOTHETICAL.search(sentence):
                spans.append((term.start, term.end))
                continue
            if PERSONAL_SENTENCE.search(sentence) and not GENERAL_INFO.search(sentence):
                spans.append((term.start, term.end))
        last_end = -1
        for start, end in sorted(spans):
            if start >= last_end:
                last_end = end
                yield self.finding(ctx, start, end, f"{self.label} at {describe_span(start, end)}.")


@register
class ReplyGivesAdvice(Rule):
    """Reply that gives medical advice.

    What it does:
        In replies, finds advice: doses, treatment directives, diagnoses (the
        ADV patterns) and home-care instructions ("you should ice it", "try
        taking", "I'd recommend").

    Why:
        Advice to one person in public implies a care relationship and is
        given without an evaluation. Invite them to call instead.

    Example:
        "Sounds like a sprain, just ice it and keep it elevated."
    """

    code = "ENG003"
    slug = "reply-gives-advice"
    severity = Severity.WARNING
    hint = SAFE_REPLY

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if ctx.subject.kind != "reply":
            return
        spans = [(s, e) for s, e, _ in advice_spans(ctx.text)]
        spans += [m.span() for m in ctx.finditer(REPLY_ADVICE)]
        last_end = -1
        for start, end in sorted(spans):
            if start >= last_end:
                last_end = end
                yield self.finding(ctx, start, end, f"Advice at {describe_span(start, end)}.")
