"""PRO001–PRO004 and TON001: professionalism and tone."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from socialtui.checks.claims import AT_READER, FEAR
from socialtui.checks.vocabulary import sentence_around
from socialtui.checks.findings import Finding, Severity, describe_span
from socialtui.checks.rule import CheckContext, Lifecycle, Rule, register

PROFANE_WORDS = (
    "fuck", "fucking", "fucked", "fucker", "motherfucker", "shit", "shitty", "bullshit", "bitch",
    "bastard", "asshole", "ass", "jackass", "damn", "dammit", "goddamn", "crap", "crappy", "piss",
    "pissed", "douche", "douchebag", "wtf", "stfu", "twat", "wanker", "bollocks", "hell",
)
_LEET = {"a": "a@4*", "e": "e3*", "i": "i1!|*", "o": "o0*", "s": "s$5*", "u": "uv*", "t": "t7+*",
         "c": "c(*", "k": "k*", "l": "l1|", "g": "g9"}


@lru_cache(maxsize=1)
def profanity_pattern() -> re.Pattern[str]:
    """One pattern for every profane word, tolerating leetspeak, masking and stretching."""
    alternatives = []
    for word in sorted(PROFANE_WORDS, key=len, reverse=True):
        parts = [re.escape(word[0])]
        for ch in word[1:]:
            chars = _LEET.get(ch, ch + "*")
            parts.append("[" + re.escape(chars) + "]+")
        alternatives.append("".join(parts))
    body = "|".join(alternatives)
    suffix = r"(?:s|es|ed|er|ers|ing|ty|y|show|storm|head|hole|face|bag)?"
    return re.compile(r"(?<![\w*@$])(?:" + body + r")" + suffix + r"(?![\w*@$])", re.IGNORECASE)


_HELL_OK = re.compile(r"\bhell(?:o|enic)|\bhell\s+(?:of\s+a|yeah)\b", re.IGNORECASE)
CARE_INSTRUCTION = re.compile(r"\b(?:swelling|rash|skin|redness|irritation|inflammation|symptoms|flare|stomach|"
                              r"let (?:it|things))\b", re.IGNORECASE)
EXCLAIM = re.compile(r"(?:[!¡]\s*){3,}|(?:[!?]\s*){4,}")
ARGUMENT = re.compile(
    r"\b(?:you(?:'re| are) (?:wrong|lying|a liar|clueless|ignorant|crazy|delusional|mistaken|"
    r"ridiculous|rude)|that(?:'s| is) (?:a lie|false|ridiculous|absurd|nonsense|not true)|"
    r"how dare you|liars?|idiots?|stupid|morons?|pathetic|clueless|ignorant|"
    r"do your (?:own )?research|educate yourself|learn to read|get your facts straight|"
    r"if you don't like it|go (?:somewhere|elsewhere)|find (?:a|another) (?:doctor|practice|dentist)|"
    r"(?:not|never) our (?:fault|problem)|your (?:own )?fault|we did nothing wrong|"
    r"you should have (?:read|known|listened)|you clearly (?:didn't|did not|don't)|"
    r"nobody asked|fake review|trolls?|calm down|we don't care|whatever you say|"
    r"grow up|shut up|get over it|quit whining|stop complaining|how about you|"
    r"obviously you|clearly you|you people|good luck with that|go ahead and google|"
    r"(?:if )?you think you know (?:more|better)|pure BS|total BS|such BS|that never happened|"
    r"(?:your|this|that) (?:review|comment|post|story) is (?:a lie|false|fake|made up|a fabrication)|"
    # Defensive rhetoric in answers to complaints: blaming the reader, citing the record at them.
    r"sorry you feel that way,? but|simply not true|done arguing|unfollow us|ok,? boomer|"
    r"maybe (?:if )?you(?:['’]d| had| hadn['’]t| would| should)|maybe (?:next time|reflect|try|consider)|"
    r"(?:actually|clearly) (?:spent|explained|documented|showed|posted|stated|told)|"
    r"(?:per|according to) our (?:records|system|notes),? (?:you|dr\.?|our)|"
    r"you (?:were|arrived|checked in|showed up) \d+ minutes late|longer than most|"
    r"we (?:have|keep) the (?:records|receipts|notes)|we explained (?:this|that|it) (?:clearly|already|twice))\b",
    re.IGNORECASE,
)
_SYMPTOM_SUBSIDES = re.compile(r"\b(?:should|will|would|it['’]ll|can|could|it|to|until it|let it|they|that)\s+$",
                               re.IGNORECASE)
"""Words before "calm down" that make it a symptom settling, not an order to a person."""
SARCASM = re.compile(
    # The word boundary is factored out: the alternatives are tried only where a word starts.
    r"[🙄🤦🤡🤷😒]|\b(?:lol,? ok(?:ay)?\b|wow,? ok(?:ay)?\b|but sure\b|maybe (?:the problem is you|take some|try "
    r"(?:planning|reading|showing|being))|enjoy your (?:measles|flu|\w+ bill)\b|some of (?:y['’]all|you) need\b|"
    r"don['’]t bother\b|(?:respect|honesty) (?:our|goes)\b|not trying hard enough\b|ghost(?:ed|ing)? us\b|"
    r"frequent flyer\b|we saw (?:you|that)\b|we know (?:exactly )?who you are\b|appreciate honesty\b|"
    r"is not a (?:massage spa|spa|hotel|restaurant|drive-?thru)\b|obviously\b(?=[^.!?]*😎)|"
    r"the number of people who\b|did their research\b|leave the doctoring\b|not a \"?narcissist\b)",
    re.IGNORECASE,
)
"""Sarcasm and put-downs without a profane or insulting word."""
ALARM = re.compile(
    r"\b(?:deadly|killer|kills?|killing|lethal|panic|terrif\w+|horrif\w+|scary|frightening|"
    r"nightmare|catastroph\w+|devastating|ticking time bomb|silent killer|"
    r"(?:epidemic|outbreak|pandemic|virus) (?:is )?sweeping|spreading like wildfire|"
    r"you (?:could|might|will) die|could kill you|before it'?s too late|nobody is safe|"
    r"no one is safe|everyone is at risk|be very afraid|skyrocket\w*|out of control|"
    r"alarming|ruins? your (?:life|health)|destroys? your (?:life|health|body))\b",
    re.IGNORECASE,
)
ACTIONABLE = re.compile(
    r"\b(?:get (?:vaccinated|your|a|tested|screened|checked)|wash(?:ing)? (?:your )?hands|book|"
    r"schedul\w+|call (?:us|our|911)|talk (?:to|with) your|ask your|here(?:'s| is| are) (?:how|what)|"
    r"tips?|steps?|you can|protect yourself|to (?:lower|reduce) your risk|screenings?|"
    r"check (?:your|for)|learn the signs|watch for|if you notice|know the signs|"
    r"is (?:preventable|treatable)|can be (?:prevented|treated)|stay home|cover your|wear|"
    r"visit|free|available|appointments?|sign up|walk[- ]in|drink|stay|keep|use|remember|"
    r"make sure|rest|limit|avoid|bring|come in|see (?:a|your)|contact)\b",
    re.IGNORECASE,
)


_ALARM_STEMS = ("dead", "kill", "lethal", "panic", "terrif", "horrif", "scary", "fright", "nightmare",
                "catastroph", "devastat", "time bomb", "sweeping", "wildfire", "die", "too late", "safe",
                "at risk", "afraid", "skyrocket", "out of control", "alarming", "ruin", "destroy")
"""Every ALARM alternative contains one of these."""


_NEGATED_FEAR = re.compile(r"\b(?:no|not|don['’]t|never|without)\s+(?:\w+\s+)?$", re.IGNORECASE)
_IMPERATIVE_DONT = re.compile(r"(?:^|[.!?:]\s+|\n|[^\w\s,]\s*)don['’]t\s+(?:\w+\s+)?$", re.IGNORECASE)


def _negated(text: str, start: int) -> bool:
    """Whether a fear word is denied ("no deadly side effects"); "Don't gamble with your life" is not."""
    lead = text[max(0, start - 14):start]
    return _NEGATED_FEAR.search(lead) is not None and _IMPERATIVE_DONT.search(text[max(0, start - 24):start]) is None


@register
class Profanity(Rule):
    """Profanity, including masked spellings.

    What it does:
        Finds swear words, including leetspeak and masked spellings
        ("f*ck", "sh1t", "b!tch", "a$$"), and stretched ones ("shiiit").

    Why:
        The practice's posts and replies are its public image; profanity is
        unprofessional even when meant as humour.

    Example:
        "Flu season is no joke, this sh*t is serious."
    """

    code = "PRO001"
    slug = "profanity"
    severity = Severity.ERROR
    hint = "Rephrase without the word."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for m in ctx.finditer(profanity_pattern()):
            if m.group().lower() == "hell" and (_HELL_OK.match(ctx.text, m.start())
                                                or ctx.text[max(0, m.start() - 5):m.start()].lower() == "from "):
                continue
            yield self.finding(ctx, m.start(), m.end(),
                               f"Profanity at {describe_span(*m.span())}.")


WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


@register
class Shouting(Rule):
    """Shouting: too much of the text in capitals.

    What it does:
        Reports runs of three or more all-capital words, or a text whose
        letters are mostly capitals. Short acronyms standing alone (CDC, RSV,
        COVID) are ignored, and so are texts with few letters.

    Why:
        Capitals read as shouting; they make the practice sound alarmed or
        aggressive and are harder to read.

    Example:
        "DO NOT COME TO THE ER FOR A COLD."
    """

    code = "PRO002"
    slug = "shouting"
    severity = Severity.WARNING
    hint = "Write in sentence case; use one capitalised word for emphasis if needed."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        text = ctx.text
        if sum(map(str.isupper, text)) < 10:
            return  # both tests below need at least ten capitals
        words = [m for m in WORD.finditer(text) if len(m.group()) >= 2]
        letters = sum(len(m.group()) for m in words)
        if letters < ctx.settings.shouting_min_letters:
            return
        runs: list[tuple[int, int]] = []
        run: list[re.Match[str]] = []
        for m in [*words, None]:
            if m is not None and m.group().isupper():
                run.append(m)
                continue
            if len(run) >= 3 and sum(len(w.group()) for w in run) >= 10:
                runs.append((run[0].start(), run[-1].end()))
            run = []
        # Acronyms of up to five letters between lowercase words are not shouting.
        capital = sum(len(m.group()) for m in words if m.group().isupper() and len(m.group()) > 5)
        capital += sum(e - s for s, e in runs) if runs else 0
        if runs:
            for start, end in runs:
                yield self.finding(ctx, start, end, f"Text in capitals at {describe_span(start, end)}.")
        elif capital / letters > ctx.settings.shouting_capitals_share:
            yield self.finding(ctx, 0, len(text), "Most of the text is in capitals.")


@register
class RepeatedExclamation(Rule):
    """Runs of exclamation marks.

    What it does:
        Notes runs of three or more exclamation marks (or four of ! and ?).

    Why:
        Strings of "!!!" read as excited or alarmed rather than professional.
        Info only: it is a matter of style.

    Example:
        "We're open Saturday!!!"
    """

    code = "PRO003"
    slug = "repeated-exclamation"
    severity = Severity.INFO
    hint = "One exclamation mark is enough."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        if "!" not in ctx.text:
            return
        for m in EXCLAIM.finditer(ctx.text):
            end = len(ctx.text[:m.end()].rstrip())
            yield self.finding(ctx, m.start(), end, f"Repeated exclamation marks at {describe_span(m.start(), end)}.")


@register
class Argumentative(Rule):
    """Insulting, argumentative or defensive wording.

    What it does:
        Finds insults ("idiot", "liar"), argument ("you're wrong", "do your
        research") and defensive phrasing ("not our fault", "fake review",
        "if you don't like it, go elsewhere").

    Why:
        The guidance warns against arguing or answering criticism defensively
        in public; it escalates and looks worse than the complaint.

    Example:
        "This is clearly a fake review. If you don't like our policies, find another doctor."
    """

    code = "PRO004"
    slug = "argumentative"
    severity = Severity.WARNING
    hint = "Thank the person, acknowledge the concern, and invite them to call the office."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for m in sorted([*ctx.finditer(ARGUMENT), *ctx.finditer(SARCASM)], key=lambda m: m.start()):
            if m.group().lower() == "calm down" and (
                    CARE_INSTRUCTION.search(ctx.text, max(0, m.start() - 40), m.end() + 40)
                    or _SYMPTOM_SUBSIDES.search(ctx.text, max(0, m.start() - 20), m.start())):
                continue  # "let the swelling calm down", "should calm down in a week": care, not rudeness
            yield self.finding(ctx, m.start(), m.end(),
                               f"Argumentative or defensive wording at {describe_span(*m.span())}.")


@register
class Alarmist(Rule):
    """Alarmist language without actionable guidance.

    What it does:
        Finds fear appeals: two or more fear words ("deadly", "silent killer",
        "death trap", "on ventilators"), or one in a sentence aimed at the
        reader ("Will it be you tonight?"). A call to action ("book a
        screening") does not cancel the finding: fear posts nearly always end
        with one.

    Why:
        The guidance asks practices not to cause unnecessary fear, and to
        empower readers with useful, actionable information instead.

    Example:
        "A deadly virus is sweeping the nation and nobody is safe."
    """

    code = "TON001"
    slug = "alarmist"
    severity = Severity.WARNING
    lifecycle = Lifecycle.PREVIEW
    hint = "Keep the facts, drop the fear words, and add one thing readers can do."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        # A call to action does not cancel a fear appeal: real ones nearly always end with one.
        matches = [m for m in ctx.finditer(FEAR) if not _negated(ctx.text, m.start())]
        if not matches:
            return
        if len(matches) < 2 and not any(AT_READER.search(sentence_around(ctx.text, m.start(), m.end()))
                                        for m in matches):
            return
        first = matches[0]
        yield self.finding(ctx, first.start(), first.end(),
                           f"Alarming wording at {describe_span(*first.span())} "
                           f"({len(matches)} in all) without reassuring, actionable guidance.")
