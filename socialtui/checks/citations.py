"""Citations: tell URLs, DOIs and PMIDs apart, validate them, and judge their source."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from tldextract import TLDExtract

CitationKind = Literal["url", "doi", "pmid", "unknown"]

DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.IGNORECASE)
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
PMID_PREFIX = re.compile(r"^(?:PMID|PubMed ID)\s*:?\s*", re.IGNORECASE)
PMID = re.compile(r"^[1-9]\d{0,8}$")
INLINE_CITATION = re.compile(
    r"\b(?:https?://|www\.)\S+|\bdoi:\s*10\.\d+|\b10\.\d{4,9}/\S+|\bPMID:?\s*\d+|"
    r"\b(?:source|sources|via|according to|per|ref|reference)\s*:?\s+(?:the\s+)?"
    r"(?:CDC|NIH|FDA|WHO|AAP|AHA|ACS|ADA|USPSTF|NHS|NEJM|JAMA|Lancet|BMJ|Cochrane|Mayo Clinic|"
    r"American \w+ (?:Association|Society|Academy|College))",
    re.IGNORECASE,
)
"""A source named or linked inside the post text itself."""


@dataclass(frozen=True)
class ParsedCitation:
    """A citation reference and what it turned out to be."""

    kind: CitationKind
    value: str
    """The DOI (``10.x/y``), the PMID digits, the URL, or the reference as given."""
    malformed: str | None = None
    """Why a reference that looks like a DOI or PMID is not a valid one."""


def parse_citation(reference: str) -> ParsedCitation:
    """Classify a citation reference as a URL, DOI or PMID, and check its form."""
    ref = reference.strip()
    doi_prefixed = DOI_PREFIX.match(ref)
    if doi_prefixed or ref.startswith("10."):
        doi = ref[doi_prefixed.end():] if doi_prefixed else ref
        if DOI.match(doi):
            return ParsedCitation("doi", doi)
        return ParsedCitation("doi", doi, "a DOI is 10.<4–9 digit registrant>/<suffix>")
    pmid_prefixed = PMID_PREFIX.match(ref)
    if pmid_prefixed:
        digits = ref[pmid_prefixed.end():].strip()
        if PMID.match(digits):
            return ParsedCitation("pmid", digits)
        return ParsedCitation("pmid", digits, "a PMID is 1 to 9 digits, e.g. PMID: 12345678")
    if re.match(r"^(?:https?://)?[\w-]+(?:\.[\w-]+)+(?:[/?#:]\S*)?$", ref, re.IGNORECASE):
        return ParsedCitation("url", ref)
    return ParsedCitation("unknown", ref)


@lru_cache(maxsize=1)
def _extractor() -> TLDExtract:
    import tldextract

    # No suffix-list URLs and no cache: tldextract uses the snapshot bundled in
    # the package, so nothing is downloaded or written to disk.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)


def host_of(url: str) -> str:
    """The lowercase host name of a URL (scheme optional), without port or trailing dot."""
    parts = urlsplit(url if "://" in url else "https://" + url)
    return (parts.hostname or "").rstrip(".").lower()


def registered_domain(host: str) -> str:
    """The registrable domain of a host (``pubmed.ncbi.nlm.nih.gov`` -> ``nih.gov``)."""
    result = _extractor()(host)
    if result.domain and result.suffix:
        return f"{result.domain}.{result.suffix}"
    return host


def is_reliable_url(url: str, sources: list[str]) -> bool:
    """Whether the URL's host is a listed source or a subdomain of one.

    Entries may be written as domains or URLs. Single-label entries (a bare
    top-level domain such as ``gov``) never match: they would trust everyone.
    """
    host = host_of(url)
    if not host:
        return False
    for source in sources:
        own = host_of(source) if "/" in source else source.strip().lower().rstrip(".")
        if "." not in own:
            continue
        if host == own or host.endswith("." + own):
            return True
    return False
