"""Build small HWPX packages in code for the HWPX parser tests (OWPML 2011 namespaces)."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

HP = "http://www.hancom.co.kr/hwpml/2011/paragraph"
HS = "http://www.hancom.co.kr/hwpml/2011/section"
HH = "http://www.hancom.co.kr/hwpml/2011/head"
HC = "http://www.hancom.co.kr/hwpml/2011/core"
OPF = "http://www.idpf.org/2007/opf/"
ODF_MANIFEST = "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"
NAMESPACES = f'xmlns:hp="{HP}" xmlns:hs="{HS}" xmlns:hh="{HH}" xmlns:hc="{HC}"'
XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>'

# paraPr ids of the default header: 0 plain, 1 bullet □, 2 bullet ○ (level 2), 3 numbering level 1 "^1.",
# 4 numbering level 2 "^2." (가.), 5 outline level 1, 6 outline level 2.
PLAIN, BULLET_SQUARE, BULLET_CIRCLE, NUMBER_1, NUMBER_2, OUTLINE_1, OUTLINE_2 = range(7)


# -- section content ----------------------------------------------------------------------------


def text(value: str) -> str:
    """An ``hp:t`` element holding ``value`` (escaped)."""
    return f"<hp:t>{escape(value)}</hp:t>"


def run(*inner: str) -> str:
    """An ``hp:run`` around text elements and controls."""
    return f'<hp:run charPrIDRef="0">{"".join(inner)}</hp:run>'


def para(*content: str, para_pr: int = PLAIN) -> str:
    """A paragraph; plain strings become text runs, XML fragments (starting with '<hp:') are kept."""
    runs = "".join(item if item.startswith("<hp:") else run(text(item)) for item in content)
    return f'<hp:p id="0" paraPrIDRef="{para_pr}" styleIDRef="0" pageBreak="0" columnBreak="0" merged="0">{runs}</hp:p>'


def sublist(*paragraphs: str) -> str:
    """An ``hp:subList`` holding paragraphs."""
    inner = "".join(paragraphs)
    return f'<hp:subList id="" textDirection="HORIZONTAL" lineWrap="BREAK" vertAlign="TOP">{inner}</hp:subList>'


@dataclass(frozen=True)
class Cell:
    """A table cell to write: its paragraphs, grid address and spans."""

    paragraphs: tuple[str, ...]
    row: int
    col: int
    row_span: int = 1
    col_span: int = 1


def cell(content: str | tuple[str, ...], row: int, col: int, row_span: int = 1, col_span: int = 1) -> Cell:
    """A cell with one text (or several ready-made paragraphs) at (row, col)."""
    paragraphs = (para(content),) if isinstance(content, str) else content
    return Cell(paragraphs, row, col, row_span, col_span)


def table(*rows: list[Cell], caption: str = "") -> str:
    """A run holding an ``hp:tbl``; ``rows`` lists the cells each ``hp:tr`` holds."""
    trs = []
    for cells in rows:
        tcs = "".join(
            f'<hp:tc name="" header="0" hasMargin="0" protect="0" editable="0" dirty="0" borderFillIDRef="1">'
            f"{sublist(*c.paragraphs)}"
            f'<hp:cellAddr colAddr="{c.col}" rowAddr="{c.row}"/>'
            f'<hp:cellSpan colSpan="{c.col_span}" rowSpan="{c.row_span}"/>'
            f'<hp:cellSz width="1000" height="1000"/></hp:tc>'
            for c in cells
        )
        trs.append(f"<hp:tr>{tcs}</hp:tr>")
    caption_xml = f'<hp:caption side="TOP">{sublist(para(caption))}</hp:caption>' if caption else ""
    columns = max((c.col + c.col_span for cells in rows for c in cells), default=0)
    return run(
        f'<hp:tbl id="1" zOrder="0" numberingType="TABLE" rowCnt="{len(rows)}" colCnt="{columns}">'
        f'<hp:sz width="1000" height="1000"/>{caption_xml}{"".join(trs)}</hp:tbl>'
    )


def footnote(*note_text: str) -> str:
    """A run holding a footnote control (the number autoNum first, as Hangul writes it)."""
    auto = '<hp:ctrl><hp:autoNum num="1" numType="FOOTNOTE"><hp:autoNumFormat type="DIGIT"/></hp:autoNum></hp:ctrl>'
    paragraphs = [para(run(auto, text(note_text[0])))] + [para(line) for line in note_text[1:]]
    return run(f'<hp:ctrl><hp:footNote number="1" instId="1">{sublist(*paragraphs)}</hp:footNote></hp:ctrl>')


def text_box(*paragraphs: str) -> str:
    """A run holding a rectangle with a text box (``hp:drawText``)."""
    return run(
        '<hp:rect id="2" zOrder="1" numberingType="PICTURE"><hp:offset x="0" y="0"/>'
        f'<hp:drawText lastWidth="1000" name="" editable="0">{sublist(*paragraphs)}'
        '<hp:textMargin left="0" right="0" top="0" bottom="0"/></hp:drawText>'
        '<hp:sz width="1000" height="1000"/><hp:shapeComment>사각형입니다.</hp:shapeComment></hp:rect>'
    )


def picture(comment: str = "그림입니다.\n원본 그림의 이름: 축제포스터.jpg", caption: str = "") -> str:
    """A run holding a picture with its shape comment (and an optional caption)."""
    caption_xml = f'<hp:caption side="BOTTOM">{sublist(para(caption))}</hp:caption>' if caption else ""
    return run(
        '<hp:pic id="3" zOrder="2" numberingType="PICTURE"><hp:offset x="0" y="0"/>'
        '<hc:img binaryItemIDRef="image1" bright="0" contrast="0" effect="REAL_PIC" alpha="0"/>'
        f'<hp:sz width="1000" height="1000"/>{caption_xml}<hp:shapeComment>{escape(comment)}</hp:shapeComment></hp:pic>'
    )


def page_header(value: str) -> str:
    """A run holding a page header control."""
    return run(f'<hp:ctrl><hp:header id="1" applyPageType="BOTH">{sublist(para(value))}</hp:header></hp:ctrl>')


def page_footer(value: str) -> str:
    """A run holding a page footer control."""
    return run(f'<hp:ctrl><hp:footer id="2" applyPageType="BOTH">{sublist(para(value))}</hp:footer></hp:ctrl>')


def page_number() -> str:
    """A run holding a page-number control."""
    return run('<hp:ctrl><hp:pageNum pos="BOTTOM_CENTER" formatType="DIGIT" sideChar="-"/></hp:ctrl>')


def section_properties(outline_id: int = 1) -> str:
    """A run holding the section properties Hangul writes into the first paragraph."""
    return run(f'<hp:secPr id="" textDirection="HORIZONTAL" outlineShapeIDRef="{outline_id}"/>')


def section(*paragraphs: str, prefix: str = "") -> str:
    """A whole section XML document (``prefix`` goes before the root, e.g. a DOCTYPE)."""
    return f"{XML_DECL}{prefix}<hs:sec {NAMESPACES}>{''.join(paragraphs)}</hs:sec>"


# -- header.xml ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class HeaderSpec:
    """What header.xml declares: paraPr headings, bullet characters and numbering formats."""

    headings: dict[int, tuple[str, int, int]] = field(
        default_factory=lambda: {
            BULLET_SQUARE: ("BULLET", 1, 0),
            BULLET_CIRCLE: ("BULLET", 2, 1),
            NUMBER_1: ("NUMBER", 2, 0),
            NUMBER_2: ("NUMBER", 2, 1),
            OUTLINE_1: ("OUTLINE", 0, 0),
            OUTLINE_2: ("OUTLINE", 0, 1),
        }
    )
    bullets: dict[int, str] = field(default_factory=lambda: {1: "□", 2: "○"})
    numberings: dict[int, list[tuple[str, str]]] = field(
        default_factory=lambda: {
            1: [("^1.", "DIGIT"), ("^2.", "HANGUL_SYLLABLE"), ("^3)", "DIGIT")],
            2: [("^1.", "DIGIT"), ("^2.", "HANGUL_SYLLABLE"), ("(^3)", "DIGIT")],
        }
    )


def header_xml(spec: HeaderSpec | None = None) -> str:
    """A header.xml with paragraph shapes 0-6 (see the constants) unless ``spec`` says otherwise."""
    spec = spec or HeaderSpec()
    numberings = "".join(
        f'<hh:numbering id="{nid}" start="0">'
        + "".join(
            f'<hh:paraHead start="1" level="{level}" numFormat="{fmt}">{escape(template)}</hh:paraHead>'
            for level, (template, fmt) in enumerate(levels, start=1)
        )
        + "</hh:numbering>"
        for nid, levels in spec.numberings.items()
    )
    bullets = "".join(
        f'<hh:bullet id="{bid}" char="{escape(char)}" useImage="0"/>' for bid, char in spec.bullets.items()
    )
    ids = sorted({PLAIN, *spec.headings})
    para_prs = "".join(_para_pr(pid, *spec.headings.get(pid, ("NONE", 0, 0))) for pid in ids)
    return (
        f'{XML_DECL}<hh:head {NAMESPACES} version="1.4" secCnt="1"><hh:refList>'
        f"<hh:numberings>{numberings}</hh:numberings><hh:bullets>{bullets}</hh:bullets>"
        f"<hh:paraProperties>{para_prs}</hh:paraProperties></hh:refList></hh:head>"
    )


def _para_pr(pid: int, kind: str, id_ref: int, level: int) -> str:
    return f'<hh:paraPr id="{pid}"><hh:heading type="{kind}" idRef="{id_ref}" level="{level}"/></hh:paraPr>'


# -- the package --------------------------------------------------------------------------------


def content_hpf(section_names: list[str], spine: list[int] | None = None) -> str:
    """The OPF package document listing the header and sections; ``spine`` orders the sections."""
    items = '<opf:item id="header" href="Contents/header.xml" media-type="application/xml"/>'
    items += "".join(
        f'<opf:item id="section{i}" href="{name}" media-type="application/xml"/>'
        for i, name in enumerate(section_names)
    )
    order = spine if spine is not None else list(range(len(section_names)))
    refs = '<opf:itemref idref="header" linear="yes"/>' + "".join(f'<opf:itemref idref="section{i}"/>' for i in order)
    return (
        f'{XML_DECL}<opf:package xmlns:opf="{OPF}"><opf:metadata><opf:title>보도자료</opf:title></opf:metadata>'
        f"<opf:manifest>{items}</opf:manifest><opf:spine>{refs}</opf:spine></opf:package>"
    )


CONTAINER_XML = (
    f'{XML_DECL}<ocf:container xmlns:ocf="urn:oasis:names:tc:opendocument:xmlns:container"><ocf:rootfiles>'
    '<ocf:rootfile full-path="Contents/content.hpf" media-type="application/hwpml-package+xml"/>'
    "</ocf:rootfiles></ocf:container>"
)
PLAIN_MANIFEST = f'{XML_DECL}<odf:manifest xmlns:odf="{ODF_MANIFEST}"/>'
ENCRYPTED_MANIFEST = (
    f'{XML_DECL}<odf:manifest xmlns:odf="{ODF_MANIFEST}">'
    '<odf:file-entry full-path="Contents/section0.xml" media-type="application/xml" size="512">'
    '<odf:encryption-data checksum-type="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#sha256-1k" checksum="AAAA">'
    '<odf:algorithm algorithm-name="http://www.w3.org/2001/04/xmlenc#aes256-cbc" initialisation-vector="AAAA"/>'
    '<odf:key-derivation key-derivation-name="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0#pbkdf2" '
    'key-size="32" iteration-count="1024" salt="AAAA"/></odf:encryption-data></odf:file-entry></odf:manifest>'
)


def build_hwpx(
    *sections: str,
    header: str | None = None,
    with_package: bool = True,
    spine: list[int] | None = None,
    manifest: str = PLAIN_MANIFEST,
    section_names: list[str] | None = None,
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """Zip sections into an HWPX package.

    Args:
        sections: section XML documents, in file order (section0.xml, section1.xml …).
        header: header.xml text; None writes the default (see ``header_xml``), "" writes none.
        with_package: write META-INF and content.hpf; False makes a package without a manifest.
        spine: the reading order of the sections (indices into ``sections``).
        manifest: META-INF/manifest.xml text.
        section_names: zip paths of the sections (default Contents/section{i}.xml).
        extra: more zip members.
    """
    names = section_names or [f"Contents/section{i}.xml" for i in range(len(sections))]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/hwp+zip")
        if with_package:
            archive.writestr("META-INF/container.xml", CONTAINER_XML)
            archive.writestr("META-INF/manifest.xml", manifest)
            archive.writestr("Contents/content.hpf", content_hpf(names, spine))
        if header != "":
            archive.writestr("Contents/header.xml", header if header is not None else header_xml())
        for name, xml in zip(names, sections, strict=True):
            archive.writestr(name, xml)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()
