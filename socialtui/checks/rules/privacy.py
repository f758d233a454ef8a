"""PRV001–PRV010: HIPAA Safe Harbor identifiers written in the text.

Each rule points at the span it found and never repeats it. Contact details
that belong to the practice (listed in ``checks.practice_contacts``, or
introduced by words like "call us at") are reported as info, not errors.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterator
from urllib.parse import parse_qsl, urlsplit

from socialtui.checks.findings import Finding, Severity, describe_span
from socialtui.checks.rule import CheckContext, Rule, register
from socialtui.checks.rules import identifiers as ids
from socialtui.checks.vocabulary import before, looks_like_practice_contact, sentence_around

SPOKEN_BY_PRACTICE = re.compile(r"\b(?:us|our|we|we['’]re|we are)\b", re.IGNORECASE)
"""First-person wording before a contact: the practice speaking of its own line or address."""

PRACTICE_HINT = (
    "If it is a patient's or anyone else's, remove it. If it is the practice's own published "
    "contact, add it to checks.practice_contacts (or override this warning with a reason)."
)


class IdentifierRule(Rule):
    """Shared shape of the identifier rules: find spans, report each without its text."""

    what: str = "An identifier"
    contact_like: bool = False
    """Whether the practice may legitimately publish one of its own (phone, e-mail, address)."""
    about_a_person: bool = False
    """Whether the identifier describes a person (age, birth date): skipped when the sentence
    names one of the practice's own people (``practice_names``), who are not patients."""

    def spans(self, ctx: CheckContext) -> Iterator[tuple[int, int]]:
        """Spans of this identifier in the context's text."""
        raise NotImplementedError

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        for start, end in self.spans(ctx):
            if self.about_a_person and _names_practice_person(ctx, start, end):
                continue
            where = describe_span(start, end)
            own = self._is_practice(ctx, start, end) if self.contact_like else None
            if own == "listed":
                yield self.finding(ctx, start, end, f"{self.what} appears at {where}; it is the practice's own contact.",
                                   "Nothing to do.", Severity.INFO)
            elif own == "unlisted":
                # The practice listed its contacts and this is not one: say so, never "looks like ours".
                yield self.finding(
                    ctx, start, end,
                    f"{self.what} appears at {where}; it is not one of the practice's listed contacts.",
                    PRACTICE_HINT, Severity.WARNING,
                )
            elif own == "looks":
                # Wording alone ("call ...") cannot prove the number is ours, not a patient's: a person confirms.
                yield self.finding(
                    ctx, start, end,
                    f"{self.what} appears at {where}; it looks like the practice's own contact.",
                    PRACTICE_HINT, Severity.WARNING,
                )
            else:
                yield self.finding(ctx, start, end, f"{self.what} appears at {where}.")

    def _is_practice(self, ctx: CheckContext, start: int, end: int) -> str | None:
        """``"listed"`` (in practice_contacts or an event's venue), ``"looks"`` (by wording) or None."""
        found = ids.normalise(ctx.text[start:end])
        for contact in ctx.settings.practice_contacts:
            own = ids.normalise(contact)
            if own and (own == found or ("@" in found and found.endswith("@" + own.split("@")[-1]))):
                return "listed"
        if "@" in found and found.rsplit("@", 1)[-1] in ids.FREE_MAIL:
            return None  # a personal mailbox, even after "email us at"
        if ctx.subject.kind == "event" and self.code == "PRV005":
            return "listed"  # an event post names its public venue
        if not looks_like_practice_contact(ctx.text, start):
            return None
        if not ctx.settings.practice_contacts:
            return "looks"  # no config to compare with: the wording is all there is
        # With a config, only "call us / our line" can be an unlisted line of ours; a number
        # after a bare "call" that the practice did not list is someone's.
        return "unlisted" if SPOKEN_BY_PRACTICE.search(before(ctx.text, start, 48)) else None


_TITLES = frozenset({"dr", "doctor", "nurse", "mr", "mrs", "ms", "miss", "the", "and", "of", "md", "rn", "np", "pa"})


def _names_practice_person(ctx: CheckContext, start: int, end: int) -> bool:
    """Whether the sentence around a span names one of the practice's own people."""
    if not ctx.subject.practice_names:
        return False
    words = set(re.findall(r"[a-z]+", sentence_around(ctx.text, start, end).lower()))
    for name in ctx.subject.practice_names:
        tokens = [t for t in re.findall(r"[a-z]+", name.lower()) if t not in _TITLES and len(t) > 2]
        if tokens and any(t in words for t in tokens):
            return True
    return False


@register
class PhoneNumber(IdentifierRule):
    """Phone or fax number in the text.

    What it does:
        Finds telephone and fax numbers (US by default, international with a
        leading +) with Google's libphonenumber, and numbers dialled with "00"
        or a national trunk "0" ("0044 20 7946 0958", "07700 900123").

    Why:
        A phone number is a HIPAA Safe Harbor identifier: with a health detail
        next to it, it identifies a patient. The practice's own number is fine
        and is reported only as info.

    Example:
        "Mr. Ortiz's daughter can be reached at 312-867-5309 about his results."
    """

    code = "PRV001"
    slug = "phone-number"
    severity = Severity.ERROR
    what = "A phone or fax number"
    contact_like = True
    hint = "Remove the number. To invite contact, give the practice's own number instead."

    def spans(self, ctx: CheckContext) -> Iterator[tuple[int, int]]:
        found = list(ids.phone_spans(ctx.text))
        if not found:
            return
        claimed = ids.claimed_spans(ctx)
        for start, end in found:
            if not any(s < end and start < e for s, e in claimed):
                yield start, end


@register
class EmailAddress(IdentifierRule):
    """E-mail address in the text.

    What it does:
        Finds e-mail addresses, including in mailto: links, and addresses
        spelled out at a personal mail provider ("jdoe42 at gmail").

    Why:
        An e-mail address is a Safe Harbor identifier. The practice's own
        addresses (or any address on a domain in ``checks.practice_contacts``)
        are reported only as info.

    Example:
        "Thanks to jane.doe84@gmail.com for the lovely card after her surgery!"
    """

    code = "PRV002"
    slug = "email-address"
    severity = Severity.ERROR
    what = "An e-mail address"
    contact_like = True
    hint = "Remove the address; never name a patient's contact details in a post."

    def spans(self, ctx: CheckContext) -> Iterator[tuple[int, int]]:
        for m in ids.EMAIL.finditer(ctx.text):
            yield m.span()
        if " at " in ctx.lower or "[at]" in ctx.lower or "(at)" in ctx.lower:
            for m in ctx.finditer(ids.SPELLED_EMAIL):
                yield m.span()


@register
class SocialSecurityNumber(IdentifierRule):
    """Social Security number in the text.

    What it does:
        Finds numbers written like an SSN (123-45-6789), nine-digit numbers
        labelled SSN or social security, and an SSN's last four digits.

    Why:
        A Social Security number identifies a person outright and enables
        identity theft; it never belongs in a post.

    Example:
        "Please bring your card: SSN 123-45-6789 was on the form left at the desk."
    """

    code = "PRV003"
    slug = "social-security-number"
    severity = Severity.ERROR
    what = "A Social Security number"
    hint = "Remove the number entirely."

    def spans(self, ctx: CheckContext) -> Iterator[tuple[int, int]]:
        yield from ids.ssn_spans(ctx.text)


@register
class RecordNumber(IdentifierRule):
    """Medical record, chart, health-plan member, account or claim number.

    What it does:
        Finds numbers introduced by MRN, chart, patient ID, member ID, policy,
        group, account, claim, routing, a health plan's name ("Cigna ID") or
        similar labels (digit groups may be spaced), IBANs that pass their
        mod-97 check, and card-like numbers that pass the Luhn check.

    Why:
        Record, health-plan beneficiary and account numbers are Safe Harbor
        identifiers that link a post straight to a patient's file.

    Example:
        "Found a wallet in the lobby with member ID XJH448812903, come pick it up!"
    """

    code = "PRV004"
    slug = "record-number"
    severity = Severity.ERROR
    what = "A record, member or account number"
    hint = "Remove the number; describe things without reference to anyone's records."

    def spans(self, ctx: CheckContext) -> Iterator[tuple[int, int]]:
        yield from ids.record_spans(ctx.text)


@register
class StreetAddress(IdentifierRule):
    """Street address, PO box or ZIP code.

    What it does:
        Finds street addresses (number + street name + street type), PO boxes,
        "lives on ... Street", ZIP codes after a state or a "ZIP" label, military
        mail (APO/FPO/DPO, "Unit ... Box ..."), other countries' street addresses
        and UK/Canadian postcodes, and a room or bed that places a person on a day.

    Why:
        Geographic units smaller than a state are Safe Harbor identifiers. The
        practice's own address, or an event's venue, is reported only as info.

    Example:
        "We made a home visit to 4172 Willow Creek Lane to check on her wound."
    """

    code = "PRV005"
    slug = "street-address"
    severity = Severity.ERROR
    what = "A street address or ZIP code"
    contact_like = True
    hint = "Remove the address. Never say where a patient lives or was visited."

    def spans(self, ctx: CheckContext) -> Iterator[tuple[int, int]]:
        yield from ids.address_spans(ctx.text)


@register
class PersonalDate(IdentifierRule):
    """Full date tied to a person: birth, admission, discharge, a visit or procedure.

    What it does:
        Finds dates with at least a day and month next to words that tie them
        to a person (born, DOB, admitted, discharged, passed away, or "her
        appointment / surgery / visit"), and dates or days of the month in a
        sentence about someone's procedure, session or claim ("your 3/12
        colposcopy", "your session on the 14th").

    Why:
        All elements of dates (except the year) directly related to an
        individual are Safe Harbor identifiers. Clinic dates are fine.

    Example:
        "Happy to see him discharged on March 14, 2025 after his bypass!"
    """

    code = "PRV006"
    slug = "personal-date"
    severity = Severity.ERROR
    what = "A date tied to a person"
    about_a_person = True
    hint = "Drop the day and month (\"earlier this year\" reads just as well)."

    def spans(self, ctx: CheckContext) -> Iterator[tuple[int, int]]:
        yield from ids.personal_date_spans(ctx.text)


@register
class AgeOver89(IdentifierRule):
    """Age over 89.

    What it does:
        Finds ages of 90 and above: "92-year-old", "aged 95", "turned 101",
        "her 100th birthday".

    Why:
        Ages over 89 are rare enough to identify a person, so Safe Harbor
        requires them to be grouped as "90 or older".

    Example:
        "Our 94-year-old patient walked out of cataract surgery smiling."
    """

    code = "PRV007"
    slug = "age-over-89"
    severity = Severity.ERROR
    what = "An age over 89"
    about_a_person = True
    hint = "Say \"over 90\" or leave the age out."

    def spans(self, ctx: CheckContext) -> Iterator[tuple[int, int]]:
        yield from ids.age_spans(ctx.text)


@register
class LicenceOrVehicleId(IdentifierRule):
    """Licence, device serial or vehicle identifier.

    What it does:
        Finds driver's licence and other certificate numbers, device serial
        numbers (pacemakers, pumps, hearing aids), vehicle identification
        numbers (VIN) and licence plates, before or after the word "plate";
        licences of any state, with the state's code and spaced digit groups.

    Why:
        Certificate, licence, device and vehicle identifiers are Safe Harbor
        identifiers.

    Example:
        "Whoever owns the blue sedan, plate 7KJX412, your headlights are on!"
    """

    code = "PRV008"
    slug = "licence-device-vehicle-id"
    severity = Severity.ERROR
    what = "A licence, device or vehicle identifier"
    hint = "Remove the identifier."

    def spans(self, ctx: CheckContext) -> Iterator[tuple[int, int]]:
        yield from ids.licence_spans(ctx.text)


@register
class IpAddress(IdentifierRule):
    """IP address.

    What it does:
        Finds IPv4 and IPv6 addresses.

    Why:
        IP addresses are Safe Harbor identifiers (they can trace a person's
        device or home connection).

    Example:
        "The portal login from 73.162.45.201 was blocked, please call us."
    """

    code = "PRV009"
    slug = "ip-address"
    severity = Severity.ERROR
    what = "An IP address"
    hint = "Remove the address."

    def spans(self, ctx: CheckContext) -> Iterator[tuple[int, int]]:
        text = ctx.text
        if "." in text:
            for m in ids.IPV4.finditer(text):
                yield m.span()
        if text.count(":") >= 2:
            for m in ids.IPV6.finditer(text):
                try:
                    ipaddress.IPv6Address(m.group())
                except ValueError:
                    continue
                yield m.span()


PERSONAL_QUERY_KEYS = frozenset({
    "patient", "patientid", "patient_id", "pid", "mrn", "email", "e-mail", "mail", "name",
    "fullname", "full_name", "firstname", "first_name", "lastname", "last_name", "fname",
    "lname", "dob", "birthdate", "birth_date", "ssn", "phone", "tel", "mobile", "member",
    "memberid", "member_id", "chart", "chartid", "account", "acct", "address", "zip",
})


@register
class IdentifyingUrl(Rule):
    """Link that carries personal identifiers.

    What it does:
        Looks inside every URL in the text for query parameters such as
        ``patient=``, ``mrn=``, ``email=``, ``dob=`` or an e-mail address in the path.

    Why:
        A link copied from a portal or a form can carry a patient's identity
        in its query string, invisible in the post but readable by anyone.

    Example:
        "Results are ready: https://portal.example.com/view?mrn=448812&dob=1961-02-03"
    """

    code = "PRV010"
    slug = "identifying-url"
    severity = Severity.ERROR
    hint = "Link to the page without the part after '?', or to the portal's front page."

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        text = ctx.text
        if "http" not in text and "www." not in text:
            return
        for m in ids.URL.finditer(text):
            url = m.group().rstrip(".,);:!?")
            try:
                parts = urlsplit(url if "://" in url else "https://" + url)
            except ValueError:
                continue
            keys = {k.lower() for k, _ in parse_qsl(parts.query, keep_blank_values=True)}
            personal = sorted(keys & PERSONAL_QUERY_KEYS)
            if personal or ids.EMAIL.search(parts.path + "?" + parts.query):
                what = f"parameters {', '.join(personal)}" if personal else "an e-mail address"
                yield self.finding(
                    ctx, m.start(), m.start() + len(url),
                    f"The link at {describe_span(m.start(), m.start() + len(url))} "
                    f"carries personal identifiers ({what}).",
                )
