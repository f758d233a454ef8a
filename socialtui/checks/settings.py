"""Settings of the safeguard checks: the ``[checks]`` table of the config file."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

DEFAULT_RELIABLE_SOURCES = [
    # National and international health agencies.
    "cdc.gov", "nih.gov", "fda.gov", "hhs.gov", "medlineplus.gov", "cancer.gov",
    "who.int", "nhs.uk", "nice.org.uk", "canada.ca", "ecdc.europa.eu",
    "health.gov", "healthfinder.gov", "womenshealth.gov", "samhsa.gov", "ahrq.gov", "cms.gov",
    "medicare.gov", "vaccines.gov", "va.gov", "niddk.nih.gov", "nimh.nih.gov", "988lifeline.org",
    "uspreventiveservicestaskforce.org", "canada.ca", "health.govt.nz", "health.gov.au",
    # Specialty societies and their patient sites.
    "aap.org", "healthychildren.org", "acog.org", "aad.org", "ada.org", "mouthhealthy.org", "diabetes.org",
    "aafp.org", "familydoctor.org", "cancer.org", "facs.org", "heart.org", "stroke.org", "aapd.org",
    "apa.org", "psychiatry.org", "apta.org", "choosept.com", "aao.org", "aaaai.org", "acaai.org",
    "acponline.org", "idsociety.org", "lung.org", "kidney.org", "arthritis.org", "endocrine.org",
    "acc.org", "skincancer.org", "nami.org", "aaos.org", "orthoinfo.aaos.org", "entnet.org",
    # Literature databases and identifiers.
    "pubmed.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov", "doi.org", "cochranelibrary.com",
    # Major peer-reviewed journals.
    "nejm.org", "thelancet.com", "jamanetwork.com", "bmj.com", "nature.com",
    "annals.org", "ahajournals.org", "acpjournals.org", "cochrane.org", "plos.org", "sciencedirect.com",
    "springer.com", "wiley.com", "oup.com", "pediatrics.aappublications.org", "aappublications.org",
]


class CheckSettings(BaseModel):
    """How the safeguard checks behave for this practice."""

    model_config = ConfigDict(extra="forbid")

    reading_grade_target: float = 8.0
    """Highest acceptable reading grade (Flesch-Kincaid) for patient-facing text."""

    reliable_sources: list[str] = Field(default_factory=lambda: list(DEFAULT_RELIABLE_SOURCES))
    """Registered domains whose citations count as reliable (subdomains included)."""

    affiliated_brands: list[str] = Field(default_factory=list)
    """Brands the practice has a financial relationship with; mentioning one needs a disclosure."""

    disabled: list[str] = Field(default_factory=list)
    """Check codes switched off for this practice, e.g. ``["RDB001"]``. Changing this needs the admin
    role in the app; an edit of the file outside socialtui is recorded and shown until an admin
    acknowledges it."""

    disabled_reasons: dict[str, str] = Field(default_factory=dict)
    """Why each switched-off code is off, e.g. ``{ RDB001 = "our audience reads at grade 10" }``. A
    privacy (PRV) code cannot be switched off without one: it is shown wherever the checks are."""

    @model_validator(mode="after")
    def _privacy_needs_reason(self) -> CheckSettings:
        missing = [c for c in self.disabled if c.upper().startswith("PRV") and not self.disabled_reasons.get(c, "").strip()]
        if missing:
            raise ValueError(
                f"switching off privacy check {missing[0]} needs a written reason: add "
                f'disabled_reasons.{missing[0]} = "why" under [checks]'
            )
        return self

    policy_review_days: int = 90
    """A platform policy note not reviewed within this many days is flagged."""

    practice_contacts: list[str] = Field(default_factory=list)
    """The practice's own phone and fax numbers, e-mail addresses or domains, and street
    addresses: published contact details that are never a patient's identifier."""

    reading_min_words: int = 30
    """Texts shorter than this are not graded for reading level (the grade is unreliable)."""

    shouting_min_letters: int = 20
    """Texts with fewer letters than this are never judged to be shouting."""

    shouting_capitals_share: float = 0.6
    """Share of capital letters (outside short acronyms) above which a text is shouting."""

    disclosure_window_lines: int = 2
    """A sponsorship disclosure must start within this many first lines of the text."""
