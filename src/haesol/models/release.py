"""The structured release: blocks, contacts, timing, licence and source information."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

from haesol.models.raw import Dropped, Table


class BlockKind(StrEnum):
    """What a body block is."""

    PARAGRAPH = "paragraph"
    BULLET = "bullet"
    NOTE = "note"
    HEADING = "heading"
    TABLE = "table"
    CAPTION = "caption"


class Part(StrEnum):
    """Where in the release a block sits: the main body, a 참고 section or a 붙임."""

    BODY = "body"
    REFERENCE = "reference"
    APPENDIX = "appendix"


@dataclass(frozen=True, slots=True)
class Block:
    """One body unit: a paragraph, a bullet line with its level, a table or a photo caption."""

    id: str
    kind: BlockKind
    text: str
    level: int = 0
    marker: str = ""
    part: Part = Part.BODY
    parent: str | None = None
    table: Table | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    """A contact row of the 담당 table: department, role (책임자/담당자), position, name, phone."""

    department: str
    role: str = ""
    position: str = ""
    name: str = ""
    phone: str = ""


@dataclass(frozen=True, slots=True)
class Timing:
    """A 보도시점 or 배포 statement: the text as written and what it means."""

    raw: str = ""
    date: dt.date | None = None
    time: dt.time | None = None
    edition: str = ""
    immediate: bool = False

    @property
    def embargo_until(self) -> dt.datetime | None:
        """The earliest moment (KST) the release may be published; conservative for 조간/석간."""
        if self.immediate or self.date is None:
            return None
        if self.time is not None:
            moment = self.time
        elif self.edition == "석간":
            moment = dt.time(12, 0)
        else:
            moment = dt.time(0, 0)
        return dt.datetime.combine(self.date, moment, tzinfo=KST)


KST = dt.timezone(dt.timedelta(hours=9), "KST")


@dataclass(frozen=True, slots=True)
class License:
    """The KOGL (공공누리) type found for the text, and where it was found."""

    kogl_type: int | None = None
    evidence: str = ""
    scope: str = "text_only"

    @property
    def allows_changes(self) -> bool:
        """Types 0, 1 and 2 allow derivative works; 3 and 4 forbid changes."""
        return self.kogl_type in (0, 1, 2)

    @property
    def allows_commercial(self) -> bool:
        """Types 0, 1 and 3 allow commercial use."""
        return self.kogl_type in (0, 1, 3)


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """Where the release came from."""

    format: str
    path: str = ""
    url: str = ""
    news_id: str = ""
    sha256: str = ""
    size: int = 0


class AgencySource(StrEnum):
    """Where the issuing agency was established; UNKNOWN means it was not (never credit a guess)."""

    UNKNOWN = ""
    USER = "user"
    PAGE = "page"
    HEADER = "header"
    CONTACTS = "contacts"
    LEAD = "lead"


@dataclass(frozen=True, slots=True)
class EditorNote:
    """A note to reporters or page furniture kept out of the story ('※ 사진 별도 배포', 엠바고, 붙임 참고)."""

    kind: str
    text: str


@dataclass(frozen=True, slots=True)
class ReportedClaim:
    """What a news outlet reported, quoted in a 보도설명자료/해명자료 box; never the ministry's own statement."""

    outlet: str
    date_text: str
    text: str
    date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class Release:
    """A parsed 보도자료: header fields, contacts and body blocks in order."""

    title: str
    blocks: tuple[Block, ...]
    source: SourceInfo
    subtitles: tuple[str, ...] = ()
    doc_type: str = "보도자료"
    agency: str = ""
    timing: Timing = field(default_factory=Timing)
    distributed: Timing = field(default_factory=Timing)
    contacts: tuple[Contact, ...] = ()
    license: License = field(default_factory=License)
    style: str = "paragraph"
    dropped: tuple[Dropped, ...] = ()
    agency_source: AgencySource = AgencySource.UNKNOWN
    doc_type_stated: bool = True
    notes: tuple[EditorNote, ...] = ()
    reported_claims: tuple[ReportedClaim, ...] = ()

    def body_blocks(self) -> tuple[Block, ...]:
        """Blocks of the main body, without 참고/붙임 and without captions."""
        return tuple(b for b in self.blocks if b.part is Part.BODY and b.kind is not BlockKind.CAPTION)

    def missing_signals(self) -> tuple[str, ...]:
        """The release signals this document lacks (document type, timing, contacts, agency)."""
        missing = []
        if not self.doc_type_stated:
            missing.append("문서 종류(보도자료 등) (document type)")
        if not (self.timing.raw or self.distributed.raw):
            missing.append("보도시점/배포 (release timing)")
        if not self.contacts:
            missing.append("담당자 연락처 (contact block)")
        if not self.agency:
            missing.append("발행 기관 (issuing agency)")
        return tuple(missing)

    def is_release(self) -> bool:
        """A press release shows a type word, a 보도시점/배포 or a contact block (any government document
        has an agency, so an agency alone does not make one)."""
        return self.doc_type_stated or bool(self.timing.raw or self.distributed.raw) or bool(self.contacts)

    @property
    def date(self) -> dt.date | None:
        """The release date: the 보도시점 date, else the 배포 date."""
        return self.timing.date or self.distributed.date
