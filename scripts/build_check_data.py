"""Rebuild the word lists the safeguard checks ship in ``socialtui/checks/data/``.

Run from the repository root, in any environment that has the source packages
(the checks themselves never need them, and nothing is downloaded at run time):

    python -m venv /tmp/build && /tmp/build/bin/pip install drug-named-entity-recognition names simple-icd-10-cm textstat
    /tmp/build/bin/python scripts/build_check_data.py

Sources (all offline, installed with pip):

* ``drug-named-entity-recognition`` (MIT, Fast Data Science): generic and brand drug
  names from MedlinePlus, NHS, Wikipedia and MeSH -> ``drugs.txt``.
* ``simple-icd-10-cm`` (MIT; the ICD-10-CM tabular list is a US government work in the
  public domain, CDC/NCHS): short disease and symptom titles -> ``conditions_icd.txt``.
* ``names`` (MIT; the 1990 US Census first-name and surname frequency files, public
  domain) -> ``first_names.txt`` and ``surnames.txt``.
* ``textstat`` (MIT): the Dale-Chall list of familiar English words, used only to drop
  drug names and surnames that are everyday words ("Focus", "Young").

The hand-written consumer vocabulary (``pink eye``, ``shingles``, body parts,
procedures) lives in ``socialtui/checks/lexicon_terms.py``, not here.
"""

from __future__ import annotations

import bz2
import importlib.util
import pickle
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "socialtui" / "checks" / "data"

EVERYDAY_EXTRA = set("""
    today focus plan align care clear total balance bright smile smart active natural relief
    restore boost calm rest sleep energy ocean sun salt sugar water oxygen air iron zinc
    alcohol caffeine coffee tea honey milk cocoa mint lemon garlic ginger oil vinegar soap
    guard shield pure fresh nature prime complete advance pro plus max ultra one all day night
    cold hot heat ice cool flex motion move free easy simple gentle mild strong rapid quick fast
    premium basic essential control comfort support protect defense cover block sure aim elite
    lift glow gold silver zest joy hope grace faith love peace unity liberty victory vital
    bonine sunday monday august may june april march ban dove dial olay tums gas
    stop start take keep less more
""".split())


def site_packages_file(module: str, *parts: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise SystemExit(f"pip install the package that provides {module!r} first")
    return Path(spec.origin).parent.joinpath(*parts)


def everyday_words() -> set[str]:
    easy = site_packages_file("textstat", "resources", "en", "easy_words.txt")
    words = {w.strip().lower() for w in easy.read_text(encoding="utf-8").split()}
    return words | EVERYDAY_EXTRA


def build_drugs(everyday: set[str]) -> list[str]:
    data = pickle.load(bz2.open(site_packages_file(
        "drug_named_entity_recognition", "drug_ner_dictionary.pkl.bz2")))
    keep = set()
    for variant in data["drug_variant_to_canonical"]:
        v = variant.strip().lower()
        if not re.fullmatch(r"[a-z][a-z0-9'-]*(?: [a-z0-9'-]+)?", v) or len(v) < 4:
            continue
        if v in everyday or any(part in everyday for part in v.split()) and " " not in v:
            continue
        if re.search(r"\d", v) and not re.fullmatch(r"[a-z]+ \d+|[a-z]+-\d+", v):
            continue
        keep.add(v)
    return sorted(keep)


SKIP_ICD = re.compile(r"^(?:other|unspecified|personal|family|encounter|contact|exposure|"
                      r"occupant|pedestrian|person|sequelae|complication|underdosing|poisoning|"
                      r"adverse|toxic|problems?|findings?|abnormal)\b", re.IGNORECASE)


ICD_FUNCTION_WORDS = {"or", "and", "of", "in", "to", "the", "for", "by", "on", "at", "as", "from", "left", "right",
                      "bilateral", "initial", "subsequent", "mild", "moderate", "severe", "single", "multiple"}
ICD_NOT_A_CONDITION = {"onset", "phenotype", "use", "stage", "degree", "episode", "status", "history", "stability",
                       "state", "type", "level", "trimester", "weeks", "week", "manifestation", "classified",
                       "specified", "organism", "agent", "drug", "drugs", "substance", "substances", "behavior"}


def build_icd_conditions(everyday: set[str]) -> list[str]:
    import simple_icd_10_cm as icd

    terms = set()
    for code in icd.get_all_codes(False):
        if code[0] in "VWXYZSTUO" and not code.startswith(("O0", "O2")):
            continue  # external causes, injuries by site, encounters: not condition names
        for part in re.split(r",|;| with | without | due to | in diseases | not elsewhere", icd.get_description(code)):
            term = re.sub(r"\s*\[.*?\]|\s*\(.*?\)", "", part).strip().lower()
            term = re.sub(r"^(?:unspecified|acute|chronic|other|primary|secondary) ", "", term)
            words = term.split()
            if not 1 <= len(words) <= 3 or SKIP_ICD.match(term) or len(term) < 5:
                continue
            if not re.fullmatch(r"[a-z][a-z' -]*[a-z]", term) or words[-1] in {"of", "and", "or", "the", "to", "in", "site", "type", "part"}:
                continue
            if words[0] in ICD_FUNCTION_WORDS or ICD_NOT_A_CONDITION.intersection(words):
                continue
            if len(words) == 1 and (term in everyday or len(term) < 6):
                continue
            terms.add(term)
    return sorted(terms)


def read_census(path: Path, limit: int) -> list[str]:
    names = []
    for line in path.read_text(encoding="ascii").splitlines()[:limit]:
        name = line.split()[0].lower()
        if len(name) >= 2:
            names.append(name)
    return names


def build_names(everyday: set[str]) -> tuple[list[str], list[str]]:
    first = read_census(site_packages_file("names", "dist.male.first"), 100_000)
    first += read_census(site_packages_file("names", "dist.female.first"), 100_000)
    # The 1990 list runs to 88,799 surnames; the rarest are noise for our purposes.
    last = read_census(site_packages_file("names", "dist.all.last"), 40_000)
    last = [n for n in last if n not in everyday and len(n) >= 3]
    return sorted(set(first)), sorted(set(last))


def write(name: str, words: list[str], source: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    header = f"# {source}\n# Rebuilt by scripts/build_check_data.py; do not edit by hand.\n"
    (OUT / name).write_text(header + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{name}: {len(words)} entries")


def main() -> None:
    everyday = everyday_words()
    write("drugs.txt", build_drugs(everyday),
          "Drug names (generic and brand) from drug-named-entity-recognition 2.x (MIT, Fast Data Science).")
    write("conditions_icd.txt", build_icd_conditions(everyday),
          "Short condition titles from the ICD-10-CM tabular list (public domain, CDC/NCHS) via simple-icd-10-cm.")
    first, last = build_names(everyday)
    write("first_names.txt", first, "US Census 1990 first names (public domain) via the 'names' package (MIT).")
    write("surnames.txt", last, "US Census 1990 surnames, top 40,000 minus everyday words (public domain).")


if __name__ == "__main__":
    main()
