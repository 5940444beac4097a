"""The issuing agency: from --agency, the portal page, the header banner or the contact table — never the body."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Sequence

from haesol.data.lexicon import load_lexicon
from haesol.models import AgencySource, Contact
from haesol.parse.structure.header import detect_doc_type

LOGGER = logging.getLogger(__name__)

ISSUER_KINDS = frozenset({"부처", "처", "청", "위원회", "대통령실", "공공기관", "지자체", "국회", "사법"})
CUT_MIN_CHARS = 2
HANGUL_RUN_RE = re.compile(r"[가-힣]+")
HEAD_TITLES = "장관|차관|청장|처장|위원장|사장|이사장|원장|총장|본부장|시장|도지사|구청장|군수|실장"
SELF_INTRO_RE = re.compile(
    r"^\s*(?:[□○ㅇ◦❍■]\s*)?(?P<agency>[가-힣A-Za-z0-9·\s]{2,30}?)\s*\(\s*(?:" + HEAD_TITLES + r")\s"
)
HEAD_SUBJECT_RE = re.compile(
    r"^\s*(?:[□○ㅇ◦❍■]\s*)?[가-힣]{2,4}\s+(?P<agency>[가-힣A-Za-z()·\s-]{2,30}?)\s*(?:" + HEAD_TITLES + r")(?:은|는)\s"
)


def find_agency(
    *,
    user: str = "",
    page: str = "",
    header_texts: Sequence[str] = (),
    contacts: Sequence[Contact] = (),
    title: str = "",
    lead: str = "",
) -> tuple[str, AgencySource]:
    """The issuer and where it was established, or ('', UNKNOWN).

    Args:
        user: the ``--agency`` value; it always wins.
        page: the agency a portal page states.
        header_texts: cell texts of the banner table (T1) and header lines, without the type word.
        contacts: the 담당 rows; a department that names a listed agency establishes it.
        title: the release title (confirms a head-of-agency subject in the lead).
        lead: the first body sentence; only its self-introduction counts ('○○부(장관 ○○○)는').
    """
    if user.strip():
        return canonical_or_same(user.strip()), AgencySource.USER
    if page.strip():
        return canonical_or_same(page.strip()), AgencySource.PAGE
    for text in header_texts:
        found = agency_in_banner(text)
        if found:
            return found, AgencySource.HEADER
    for contact in contacts:
        found = listed_agency_in(contact.department)
        if found:
            return found, AgencySource.CONTACTS
    found = self_introduced(lead, title)
    return (found, AgencySource.LEAD) if found else ("", AgencySource.UNKNOWN)


ANNOUNCING_RE = re.compile(
    r"^\s*(?:[□○ㅇ◦❍■]\s*)?(?P<agency>[가-힣A-Za-z0-9·]{2,20}(?:\s[가-힣A-Za-z0-9·]{2,20})?)(?:은|는)\s.*(?:밝혔다|발표했다|전했다|밝혔습니다|발표했습니다)\.?\s*$"
)

OWN_REPORT_RE = re.compile(r"^\s*(?:20\d\d년\s*)?(?P<agency>[가-힣]{2,20})\s*(?:20\d\d년\s*)?업무\s*보고")


def self_introduced(lead: str, title: str) -> str:
    """The agency the lead sentence introduces as its subject: '○○부(장관 ○○○)는', '○○부는 … 밝혔다', or
    '○○○ ○○공사 사장은' when the title names the same body; '' otherwise (a body mention is no issuer)."""
    match = SELF_INTRO_RE.match(lead)
    if match:
        found = listed_agency_in(match.group("agency"))
        if found and "".join(match.group("agency").split()).endswith(_squeezed_names(found)):
            return found
    match = HEAD_SUBJECT_RE.match(lead)
    if match:
        found = listed_agency_in(match.group("agency"))
        if found and found in listed_agencies_in(title):
            return found
    match = ANNOUNCING_RE.match(lead.split("\n")[0])
    if match:
        return load_lexicon().agency(match.group("agency"))
    match = OWN_REPORT_RE.match(title)
    return load_lexicon().agency(match.group("agency")) if match else ""


def _squeezed_names(canonical: str) -> tuple[str, ...]:
    lexicon = load_lexicon()
    return tuple(name for name, value in lexicon.agencies.items() if value == canonical)


def listed_agencies_in(text: str) -> set[str]:
    """Every listed agency a text names."""
    lexicon = load_lexicon()
    return {lexicon.agencies[m.group(0).replace(" ", "")] for m in lexicon.agency_pattern().finditer(text)}


def canonical_or_same(name: str) -> str:
    """The canonical name of a listed agency or alias, else the name as given."""
    return load_lexicon().agency(name) or " ".join(name.split())


def listed_agency_in(text: str) -> str:
    """The first listed agency a text names (spaces ignored), or ''."""
    lexicon = load_lexicon()
    match = lexicon.agency_pattern().search(text)
    if match:
        return lexicon.agencies[match.group(0).replace(" ", "")]
    squeezed = "".join(text.split())
    match = lexicon.agency_pattern().search(squeezed)
    return lexicon.agencies[match.group(0)] if match else ""


def agency_in_banner(text: str) -> str:
    """The agency a banner cell names: whole, letter-spaced ('해 양 수 산 부') or cut ('광부' of 문화체육관광부)."""
    text = " ".join(text.split())
    if not text or detect_doc_type(text):
        return ""
    found = listed_agency_in(text)
    if found:
        return found
    words = [w for w in HANGUL_RUN_RE.findall(text) if not detect_doc_type(w)]
    return unique_cut_match("".join(words)) if len(words) <= 2 else ""


def unique_cut_match(fragment: str) -> str:
    """The one issuing agency whose name ends (or starts) with ``fragment``, or '' when none or several do."""
    if len(fragment) < CUT_MIN_CHARS:
        return ""
    matches = {name for name in _issuer_names() if name.endswith(fragment) or name.startswith(fragment)}
    canonical = {load_lexicon().agencies[name] for name in matches}
    return next(iter(canonical)) if len(canonical) == 1 else ""


@functools.cache
def _issuer_names() -> tuple[str, ...]:
    lexicon = load_lexicon()
    return tuple(
        name
        for name, canonical in lexicon.agencies.items()
        if lexicon.agency_kinds.get(canonical, "") in ISSUER_KINDS and len(name) >= 3
    )


def banner_texts(cells: Iterable[str]) -> list[str]:
    """Banner cells that may hold the agency: not the type word, not empty."""
    return [c for c in (" ".join(cell.split()) for cell in cells) if c and not detect_doc_type(c)]
