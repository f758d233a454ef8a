"""PRV011–PRV014: patient names, image metadata, unreadable media and consent."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socialtui.checks.findings import Finding, Severity, describe_span
from socialtui.checks.media import UnreadableImageError, describe_metadata
from socialtui.checks.people import patient_mentions
from socialtui.checks.rule import CheckContext, Rule, register
from socialtui.checks.subject import CheckSubject, ConsentInfo
from socialtui.checks.vocabulary import mentions_condition, mentions_medicine

_NAME = r"[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?"
_FULL = rf"{_NAME}(?:\s+(?:[A-Z]\.|{_NAME}))?"
_CARE = (
    r"(?:came in|come in|stopped by|visited|was seen|was admitted|was discharged|was diagnosed|"
    r"got diagnosed|underwent|is recovering|has recovered|recovered|is healing|is doing (?:great|well|"
    r"better)|had (?:her|his|their|a|an) \w+|finished (?:her|his|their)|completed (?:her|his|their)|"
    r"started (?:her|his|their)|rang the bell|is cancer[- ]free|survived|delivered|gave birth|"
    r"(?:has|had) been (?:battling|fighting|living with|treated)|suffers|suffered|broke (?:her|his|their)|"
    r"got (?:her|his|their)|received (?:her|his|their)|walked out|left (?:the|our) "
    r"(?:hospital|clinic|office)|is pregnant|lost \d+ (?:pounds|lbs|kg))"
)
NAME_PATTERNS = (
    re.compile(rf"\b(?:[Oo]ur|[Mm]y|[Aa]|[Tt]he|[Tt]his|[Ff]ormer|[Ll]ongtime|[Ff]avou?rite|[Ss]pecial|"
               rf"[Yy]oung|[Ss]weet|[Bb]rave|[Nn]ew)\s+(?:\w+\s+)?(?:patient|client)s?,?\s+(?P<name>{_FULL})"),
    re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+(?P<name>{_FULL})"),
    re.compile(rf"(?:^|[.!?]\s+|\n|,\s+|\b(?:and|since|when|after|because|that|as|until|before|while|"
               rf"how|why|where)\s+)(?P<name>{_FULL})\s+{_CARE}\b"),
    re.compile(rf"\b(?:review|comment|post|message|complaint|story|call|email|letter)\s+(?:from|by)\s+"
               rf"(?P<name>{_FULL})\b"),
    re.compile(rf"\b(?:patient|client)\s+(?P<name>{_FULL})\b"),
    re.compile(rf"\b(?:[Cc]ongrat(?:ulation)?s|[Ss]hout[- ]?out|[Hh]appy \w+|[Gg]et well soon|[Pp]roud of|"
               rf"[Ww]elcome back|[Pp]rayers for|[Pp]raying for|[Tt]hinking of|[Cc]heering (?:on|for)|"
               rf"[Gg]et well (?:soon|wishes)|[Tt]hank you|[Tt]hanks|[Ww]ishing|"
               rf"[Ss]ending (?:\w+\s+)?(?:love|prayers|hugs|vibes|wishes|thoughts|strength))"
               rf"(?:\s+to)?,?\s+(?:(?:Coach|Pastor|Officer|Principal|Uncle|Aunt|Grandma|Grandpa|Mr\.?|"
               rf"Mrs\.?|Ms\.?|Miss)\s+)?(?P<name>{_FULL}),?\s+(?:on|for|after|who|as|and (?:her|his|their))\b"),
    re.compile(rf"\b(?:[Ww]ishing|[Ss]ending)\s+(?:\w+\s+){{0,4}}?to\s+(?P<name>{_FULL})\b"),
    re.compile(rf"\b(?:[Ll]ittle|[Yy]oung|[Bb]aby|[Ss]weet|[Bb]rave|[Tt]iny)\s+(?P<name>{_NAME})\s+"
               rf"(?:was|is|did|came|had|got|has|just)\b"),
)
NAME_GATES: tuple[tuple[str, ...] | re.Pattern[str], ...] = (
    ("patient", "client"),
    ("mr", "ms", "miss", "mx"),
    re.compile(_CARE),
    ("from", " by "),
    ("patient", "client"),
    ("congrat", "shout", "happy", "get well", "proud", "welcome", "pray", "thinking", "cheering", "thank",
     "wishing", "sending"),
    ("wishing", "sending"),
    ("little", "young", "baby", "sweet", "brave", "tiny"),
)
"""For each of NAME_PATTERNS, what the lowercase text (or, for a pattern, the text) must contain
for the pattern to have a chance: a cheap test that spares most posts most patterns."""


def _gate_open(gate: tuple[str, ...] | re.Pattern[str], text: str, low: str) -> bool:
    if isinstance(gate, re.Pattern):
        return gate.search(text) is not None
    return any(map(low.__contains__, gate))


_CARE_STEMS = (
    "patient", "came in", "visit", "seen", "treat", "diagnos", "surgery", "procedure", "recover",
    "appointment", "knee", " hip", "heart", "checkup", "therapy", "chemo", "cancer", "admitted",
    "discharged", "hospital", "clinic", "pregnan", "baby", "fracture", "infection", "medication",
    "doctor", "dr.", " cast", "stitches", "x-ray", " scan", "vaccin", " shot", "physical", "rehab",
    "diabet", "blood", "pain", "symptom", "injur", "healing", "healed", "get well", "weight", "pounds", "bypass",
    "transplant", "stroke", "icu", "appendix", "tonsil", "gallbladder", "spine", "shoulder", "ankle",
    "wrist", "lung", "kidney", "liver", "scopy", "ectomy", "otomy", "plasty", "itis", "osis",
)
"""Substrings that put a nearby name in a care context."""


def _care_context(text: str) -> bool:
    low = text.lower()
    return (any(map(low.__contains__, _CARE_STEMS)) or mentions_medicine(text)
            or mentions_condition(text) or re.search(r"\bER\b", text) is not None)


NOT_NAMES = frozenset(
    "The Our We This That She He They It Today Yesterday Everyone Anyone Someone Nobody Dr Doctor "
    "Nurse Team Staff Happy Thank Thanks Please Patient Patients Every Each Many Most Some Your You "
    "Mom Dad Mommy Daddy Baby Grandma Grandpa Flu Covid January February March April May June July "
    "August September October November December Monday Tuesday Wednesday Thursday Friday Saturday "
    "Sunday Who What When Where Why How After Before Since If Once Last Next One Another Also Just "
    "Little Big Sweet Brave Young Everybody Family Families Kids Children Parents Teens Seniors Adults "
    "People Folks Mr Mrs Ms Miss Mx And Or But So Then Now Here There Finally Great Good".split()
)


_GREETING_BEFORE = re.compile(r"\b(?:hi|hello|hey|dear|thanks|thank you|congrats|congratulations|welcome)\s*,?\s*$",
                              re.IGNORECASE)
_VOCATIVE_BEFORE = re.compile(r"(?:^|[,—–]\s*|[.!?]\s+)$")
_VOCATIVE_AFTER = re.compile(r"\s*[!,.?:]")


def _addressed(text: str, start: int, end: int) -> bool:
    """Whether the name at ``[start, end)`` greets or addresses the reader ("Hi Maria!", ", Jenna.")."""
    lead = text[max(0, start - 20):start]
    if _GREETING_BEFORE.search(lead):
        return True
    return _VOCATIVE_BEFORE.search(lead) is not None and _VOCATIVE_AFTER.match(text, end) is not None


def _practice_tokens(subject: CheckSubject) -> list[set[str]]:
    return [set(re.findall(r"[a-z]+", n.lower())) for n in subject.practice_names]


def _is_practice_person(name: str, practice: list[set[str]]) -> bool:
    tokens = set(re.findall(r"[a-z]+", name.lower()))
    return any(tokens <= own for own in practice)


def read_metadata(ctx: CheckContext, path: str) -> list[str] | UnreadableImageError:
    """The photo's metadata kinds, or the error reading it; decoded once per check run."""
    key = "media:" + path
    cached = ctx.memo.get(key)
    if cached is None:
        try:
            cached = describe_metadata(path)
        except UnreadableImageError as exc:
            cached = exc
        ctx.memo[key] = cached
    assert isinstance(cached, (list, UnreadableImageError))
    return cached


def consent_gaps(subject: CheckSubject) -> tuple[list[str], list[ConsentInfo]]:
    """What a valid consent must still cover, and the consents that are not valid.

    Returns (gaps, invalid): ``gaps`` as "photo on facebook"-style phrases
    (empty when the valid consents cover every platform and media type needed).
    """
    needed = needed_media_types(subject)
    on = subject.reference_date()
    valid: list[ConsentInfo] = []
    invalid: list[ConsentInfo] = []
    for consent in subject.consents:
        ok = (consent.signed_on is not None and consent.signed_on <= on
              and consent.revoked_on is None
              and (consent.expires_on is None or consent.expires_on >= on))
        (valid if ok else invalid).append(consent)
    platforms = subject.platforms or ("",)
    gaps = []
    for media in sorted(needed):
        for platform in platforms:
            if not any(media in c.media_types and (not platform or platform in c.platforms) for c in valid):
                gaps.append(f"{media} on {platform}" if platform else media)
    return gaps, invalid


def needed_media_types(subject: CheckSubject) -> set[str]:
    """Media types a consent must cover for this post (empty: no consent needed)."""
    needed: set[str] = set()
    if subject.kind == "patient_story":
        needed.add("story")
    if subject.kind == "testimonial":
        needed.add("quote")
    if subject.shows_patient or subject.kind in ("patient_story", "testimonial"):
        needed |= {m.media_type for m in subject.media if m.media_type in ("photo", "video")}
    return needed


@register
class PatientName(Rule):
    """Person's name in a patient context.

    What it does:
        Finds names next to patient context: "our patient Maria Lopez",
        "Mrs. Chen came in for her knee", "Congrats to Sam on his recovery".
        Names in the practice's own people list (``practice_names``) are skipped.
        With a valid consent attached, the finding is a warning to confirm the
        consent allows naming the patient.

    Why:
        A name with any health detail is protected health information. Even a
        first name can identify a patient in a small community.

    Example:
        "Our patient Maria Lopez is walking again after her hip replacement!"
    """

    code = "PRV011"
    slug = "patient-name"
    severity = Severity.ERROR
    hint = "Remove the name or use \"one of our patients\"; naming needs written consent."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        text = ctx.text
        practice = _practice_tokens(ctx.subject)
        seen: set[int] = set()
        consented = bool(ctx.subject.consents) and not consent_gaps(ctx.subject)[0]
        spans: list[tuple[int, int]] = []
        # A reply that names anyone (the reviewer included) next to a health detail, a visit or a
        # date discloses that person's care in public, as a post would.
        # The reviewer greeted by name ("Hi Maria!", "..., Jenna.") has named themselves: ENG judges
        # what the reply says to them.
        mentions = [p for p in patient_mentions(text, ctx.subject.practice_names)
                    if ctx.subject.kind != "reply" or not _addressed(text, p.start, p.end)]
        for person in mentions:
            spans.append((person.start, person.end))
            seen.add(person.start)
        low = ctx.lower
        patterns = [p for p, gate in zip(NAME_PATTERNS, NAME_GATES) if _gate_open(gate, text, low)]
        for pattern in patterns if patterns and _care_context(text) else ():
            for m in pattern.finditer(text):
                start, end = m.span("name")
                name = m.group("name")
                if start in seen or name.split()[0] in NOT_NAMES or _is_practice_person(name, practice):
                    continue
                if text[max(0, start - 4):start].strip().rstrip(".") in ("Dr", "Doc"):
                    continue
                sentence = text[max(0, start - 80):end + 80]
                if not _care_context(sentence):
                    continue
                seen.add(start)
                spans.append((start, end))
        for start, end in sorted(spans):
            where = describe_span(start, end)
            if consented:
                yield self.finding(
                    ctx, start, end, f"A patient's name appears at {where}.",
                    "A consent is attached: confirm it allows naming the patient.", Severity.INFO,
                )
            else:
                yield self.finding(ctx, start, end, f"A patient's name appears at {where}.")


@register
class ImageMetadata(Rule):
    """Identifying metadata in an attached photo.

    What it does:
        Reads each attached photo's EXIF/XMP data and reports GPS position,
        camera serial number, owner name and timestamps.

    Why:
        A photo's GPS position can reveal a patient's home; timestamps date a
        visit. socialtui uploads a stripped copy, but the approver should know
        what the original carries (and that it must not be shared elsewhere).

    Example:
        A phone photo from a home visit, with GPS coordinates, attached to a
        "wound care tips" post.
    """

    code = "PRV012"
    slug = "image-metadata"
    severity = Severity.WARNING
    per_text = False
    hint = "socialtui uploads a copy without metadata; do not share the original file elsewhere."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for index, media in enumerate(ctx.subject.media, 1):
            if media.media_type != "photo":
                continue
            kinds = read_metadata(ctx, media.path)
            if isinstance(kinds, list) and kinds:  # an unreadable file is PRV013's
                yield self.post_finding(ctx, f"Attachment {index} carries {', '.join(kinds)}.")


@register
class UnreadableMedia(Rule):
    """Attached photo that cannot be read.

    What it does:
        Opens each attached photo and reports files that are missing, are not
        images or are corrupt.

    Why:
        A file the checks cannot read cannot be checked for metadata or sent
        safely; the platform would likely reject it too.

    Example:
        A ``.jpg`` that is really a truncated download.
    """

    code = "PRV013"
    slug = "unreadable-media"
    severity = Severity.ERROR
    per_text = False
    hint = "Re-export the photo as JPEG or PNG and attach it again."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for index, media in enumerate(ctx.subject.media, 1):
            if media.media_type != "photo":
                continue
            result = read_metadata(ctx, media.path)
            if isinstance(result, UnreadableImageError):
                yield self.post_finding(ctx, f"Attachment {index}: {result.message}", result.hint)


@register
class MissingConsent(Rule):
    """Patient story, testimonial or patient photo without a valid consent.

    What it does:
        For patient stories, testimonials and posts whose media show a patient,
        requires signed, unexpired (on the due date), unrevoked consents that
        together cover every target platform and each media type used: photo,
        video, quote (testimonial) and story (patient story).

    Why:
        HIPAA requires the patient's written authorization to use their story,
        words or image in marketing, for exactly the platforms and uses they
        agreed to.

    Example:
        A testimonial scheduled for X and Facebook whose consent covers
        Facebook only.
    """

    code = "PRV014"
    slug = "missing-consent"
    severity = Severity.ERROR
    per_text = False
    hint = "Attach the patient's signed consent (press C in the composer) or record a new one."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        subject = ctx.subject
        if not needed_media_types(subject):
            return
        gaps, invalid = consent_gaps(subject)
        on = subject.reference_date()
        for consent in invalid:
            if consent.revoked_on is not None:
                why = f"was revoked on {consent.revoked_on.isoformat()}"
            elif consent.signed_on is None:
                why = "is not signed"
            elif consent.signed_on > on:
                why = f"is signed only from {consent.signed_on.isoformat()}"
            else:
                why = f"expires on {consent.expires_on.isoformat() if consent.expires_on else '?'}, before the post"
            yield self.post_finding(ctx, f"Consent #{consent.id} {why}.")
        if not gaps:
            return
        what = "patient story" if subject.kind == "patient_story" else (
            "testimonial" if subject.kind == "testimonial" else "post showing a patient")
        if not subject.consents:
            yield self.post_finding(ctx, f"This {what} has no consent attached.")
        else:
            yield self.post_finding(ctx, f"No valid consent covers: {', '.join(gaps)}.")
