"""Claim grammar: what makes a sentence a health claim, an absolute promise or a fear appeal.

Shared by the accuracy (ACC) and tone (TON) rules. Patterns are built from parts
(effect verbs, outcomes, quantities) rather than listed phrases, so "clears it right
up", "fixes it completely" and "kick-starts labor" are found by one shape.
"""

from __future__ import annotations

import re

_CONDITIONISH = (r"(?:[\w-]+\s+){0,2}(?:attacks?|disease|cancer|infections?|sickness|illness|flu|colds?|arthritis|"
                 r"miscarriages?|autism|asthma|cramps|fat|depression|covid|"
                 r"stroke|diabetes|dementia|cavities|acne|pain|injur\w+)")
EFFECT = r"(?:prevent|cure|heal|fix|revers|clear|eliminat|melt|destroy|wreck|rot|kill|wip|stop|boost|flush|detox|remov|rebuild|regrow|restor|repair|shrink|dissolv|kick-?start|induc)"

ABSOLUTE_OUTCOME = re.compile(
    r"\b(?:never|won['’]t ever)\s+(?:again\s+)?(?:get|gets|have|has|catch|catches|need|needs|suffer|come back|"
    r"return|be sick|get sick|get injured|get hurt)\b|"
    r"\bworks? (?:every (?:single )?time|for (?:everyone|everybody|anyone)|100%)|\bevery single time\b|"
    r"\bzero (?:risk|side[- ]effects?|pain|downtime|chance)\b|"
    r"\bthe only (?:treatment|thing|way|cure|option|therapy|remedy|solution)\s+(?:that\s+)?(?:actually\s+|really\s+|truly\s+)?"
    r"(?:works?|helps?|fixes)\b|"
    r"\b" + EFFECT + r"(?:s|es|ed|ing)?\b(?!\s+(?:running|taking|using|eating|drinking))[^.!?\n]{0,40}?\b(?:completely|instantly|for good|forever|overnight|right up|permanently|"
    r"in (?:just )?\d+ (?:hours?|days?|minutes?))\b|"
    r"\b(?:safe|effective) for (?:absolutely |literally )?(?:everyone|everybody|anyone|all ages)\b|"
    r"\b(?:guaranteed to|always) (?:work|help|fix|cure)\w*\b|"
    r"\b(?:prevents?|stops?|eliminates?|removes?|kills?|blocks?|cures?)\s+(?:100\s?%|all|every)\b|"
    r"\b100\s?% of\b",
    re.IGNORECASE,
)
"""An outcome promised without exception: "never get", "works every time", "zero risk"."""

UNSUPPORTED_CLAIM = re.compile(
    r"\b(?:will|really will|can|does|do)\s+(?:\w+\s+)?(?:fix|cure|heal|clear up|reverse|melt away|detox)\b|"
    r"\b(?:gives?|giving) you\s+" + _CONDITIONISH + r"\b|"
    r"\b(?:causes?|triggers?)\s+(?!of\b)" + _CONDITIONISH + r"\b|"
    r"\bmakes? (?:kids|children|you|people|babies)\s+(?:hyperactive|sick|fat|smarter|immune|stronger)\b|"
    r"\b(?:destroys?|wrecks?|rots?|ruins?)\s+(?:your\s+|their\s+|the\s+)?(?:lungs?|teeth|brain|liver|heart|body|"
    r"skin|gut|immune system|kidneys?)\b|"
    r"\bkept\s+[^.!?\n]{0,30}?\b(?:flu|cold|sick|virus|germ|cavity|illness)[- ]free\b|"
    r"\bkick-?starts?\s+(?:labou?r|your metabolism|your immune)\b|"
    r"\bsafe (?:base )?tan\b|\bhealthy tan\b|"
    r"\b(?:heals?|cures?|fixes|treats|reverses)\s+(?:your\s+)?" + _CONDITIONISH + r"\b|"
    r"\b(?:is|are) just (?:a|an) (?:chemical imbalance|phase|bad habit|band-?aid)\b|"
    r"\b(?:heals?|fix(?:es)?|cures?|melts?|prevents?)\s+(?:torn\s+|your\s+|belly\s+)?[\w-]+(?:\s+[\w-]+)?\s+"
    r"(?:instantly|overnight|in (?:just )?\d+ \w+)|"
    r"\b(?:prevents?|cures?)\s+[\w-]+,\s*[\w-]+,?\s+(?:and|AND|&)\s+[\w-]+|"
    r"\bshaves? (?:years|decades) off\b|\bnaturally (?:softens|induces|cures|heals|boosts)\b|"
    r"\b(?:real|true) healing only\b",
    re.IGNORECASE,
)
"""A causal or remedy claim stated as fact ("X heals Y", "sugar makes kids hyperactive")."""

STATISTIC = re.compile(
    r"\b(?:science|research|doctors|experts|studies) (?:says?|agrees?)\b|"
    r"\b(?:nearly|almost|about|over|more than|roughly|around|up to)\s+(?:half|a third|a quarter|two[- ]thirds|"
    r"three[- ]quarters|\d+\s?%)\s+of\s+(?:all\s+)?(?:adults|americans|people|kids|children|women|men|teens|parents|"
    r"seniors|patients|cases|us)\b|"
    r"\bmost (?:people|parents|adults|americans|kids|children|teens|women|men)\s+(?:don['’]t|do not|never|have|are|"
    r"will|install|get|skip|forget)\b|"
    r"\bevery \d+ (?:seconds|minutes)\b|"
    r"\b(?:prevents?|removes?|kills?|reduces?|cuts?|lowers?|blocks?|eliminates?)\s+(?:up to\s+)?\d+(?:\.\d+)?\s?%\s+of\b|"
    r"\bcuts? (?:your |the )?risk (?:in half|by half)\b|\b(?:doubles?|triples?|halves) (?:your |the )?(?:risk|chances?)\b|"
    r"\blowers? (?:your|the) \w+ by \d+",
    re.IGNORECASE,
)
"""A quantified or appeal-to-evidence statement that needs a source."""

MYTH = re.compile(r"\b(?:no evidence|myths?|not true|false|don['’]t believe|no proof)\b",
                  re.IGNORECASE)
"""Wording that reports a claim in order to deny it ("there is no evidence that ...")."""
HEDGE = re.compile(r"\b(?:may|might|can help|could help|helps?|lowers? the chance|some studies)\b", re.IGNORECASE)

FEAR = re.compile(
    r"\b(?:deadly|killer|kills?|killing|lethal|terrif\w+|horrif\w+|scary|frightening|nightmare|"
    r"catastroph\w+|devastating|time bomb|death trap|silent killer|coming for|will it be you|could be you|"
    r"you could die|you (?:could|might|will) (?:die|lose|be next)|could kill you|before it'?s too late|nobody is safe|no one is safe|"
    r"everyone is at risk|be very afraid|skyrocket\w*|out of control|alarming|ruin(?:s|ed)? your (?:life|health)|"
    r"destroys? your (?:life|health|body)|aren['’]t here anymore|not here anymore|six feet under|in a coffin|"
    r"on (?:a )?ventilators?|disabled for life|paralyzed for life|gamble with|roll the dice|"
    r"(?:are you|you['’]re) (?:really )?willing to (?:risk|gamble)|scared yet|a lot of people who|you should be (?:scared|afraid|worried)|"
    r"hiding in your body|by the time you (?:notice|feel|find)|die from|dead from|"
    r"blind(?:ness)? (?:for life|forever)|lose (?:a|your) (?:leg|foot|limb|eye|eyesight|vision|teeth)|"
    r"amputat\w+|watch (?:kids|children|people) (?:die|suffer|end up)|silent (?:epidemic|thief|killer|threat)|"
    r"explod\w+|destroy(?:s|ing) (?:your|women|men|kids|children|lungs|the)|poison(?:s|ing) (?:your|kids|children)|"
    r"(?:as|more) deadly|dies? (?:from|of)|dying of|could be (?:a tumou?r|cancer|planning|next|dying)|"
    r"until your \w+ (?:snaps|breaks|gives out)|strike anyone|can['’]t (?:speak|breathe|walk)|headed there|jail|"
    r"lifetime of (?:pain|stiffness|regret|suffering)|shaves? years off|(?:be|are) in danger|turn deadly|"
    r"won['’]t feel a thing until|more dangerous than ever|too late|silent (?:destroyer|danger)|could already be|"
    r"(?:be|is|are) next|in real danger|every (?:\d+|few|single) (?:seconds?|minutes?)|one (?:slip|mistake|second) (?:is|can|could)|"
    r"frying|eating away|rushed to the (?:er|hospital)|ending up (?:on|in) (?:a |the )?(?:ventilators?|icu|er|hospital)|"
    r"deadlier|scariest|(?:is|are) poisoning|one (?:american|person|child|woman) (?:dies|every)|"
    r"a lifetime of|literally (?:killing|frying|rotting|poisoning))\b",
    re.IGNORECASE,
)
"""Words of fear. Two, or one in a sentence aimed at the reader, make a fear appeal."""

AT_READER = re.compile(r"\b(?:you|your|you['’]re|you['’]ll|yours|parents|kids|children|tonight)\b|\?", re.IGNORECASE)
