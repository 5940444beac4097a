"""Structure-aware mutators: each takes a seeded ``random.Random`` and returns one hostile input of its format.

HWPX and DOCX mutate zip entries (drop, duplicate, rename, damage a deflate stream, truncate), their XML
(delete, duplicate and nest elements, truncate, bad characters) and table spans; HWP 5.0 mutates OLE
sectors (header, FAT, directory bytes) and records (tags, levels, sizes, payload bytes, inflated and
deflated again); PDF mutates content-stream operators (font sizes, positions, matrices), numbers and the
xref; HTML mutates tags, spans and nesting; text mutates encodings, bytes, separators and line lengths.
"""

from __future__ import annotations

import functools
import io
import random
import re
import struct
import zipfile
import zlib
from collections.abc import Callable

from lxml import etree

from tests.helpers import hwp_builders as hwpb
from tests.helpers import hwpx_builders as hb
from tests.reliability import recipes

Mutator = Callable[[random.Random], bytes]
HUGE_NUMBERS = ("0", "-1", "1000", "65535", "99999", "2147483648", "1e308", "NaN", "", "x")


# -- shared pieces -------------------------------------------------------------------------------------


def flip_bytes(rng: random.Random, data: bytes, count: int = 8) -> bytes:
    """``count`` random bytes of ``data`` replaced."""
    out = bytearray(data)
    for _ in range(count):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def truncate(rng: random.Random, data: bytes) -> bytes:
    """``data`` cut at a random point."""
    return data[: rng.randrange(1, max(len(data), 2))]


def mutate_xml(rng: random.Random, xml: bytes, span_attributes: tuple[str, ...] = ()) -> bytes:
    """One structural change to an XML document: an element deleted, duplicated, nested, an attribute set."""
    try:
        root = etree.fromstring(xml)
    except etree.XMLSyntaxError:
        return flip_bytes(rng, xml)
    elements = list(root.iter())
    action = rng.randrange(6)
    target = rng.choice(elements)
    parent = target.getparent()
    if action == 0 and parent is not None:
        parent.remove(target)
    elif action == 1 and parent is not None:
        for _ in range(rng.choice((1, 2, 50))):
            parent.insert(parent.index(target), etree.fromstring(etree.tostring(target)))
    elif action == 2:
        node = target
        for _ in range(rng.choice((10, 200, 2000))):
            child = etree.SubElement(node, target.tag)
            node = child
    elif action == 3 and target.attrib:
        key = rng.choice(sorted(target.attrib))
        target.set(key, rng.choice(HUGE_NUMBERS))
    elif action == 4 and span_attributes:
        for element in elements:
            for attribute in span_attributes:
                if element.get(attribute) is not None or rng.random() < 0.05:
                    element.set(attribute, rng.choice(HUGE_NUMBERS))
    else:
        text = etree.tostring(root)
        return text[: rng.randrange(1, len(text))] if rng.random() < 0.5 else text.replace(b">", b">\x01\xff", 1)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def zip_members(package: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return {info.filename: archive.read(info.filename) for info in archive.infolist()}


def rezip(members: list[tuple[str, bytes]], stored: frozenset[str] = frozenset({"mimetype"})) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            kind = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(zipfile.ZipInfo(name), data, compress_type=kind)
    return out.getvalue()


def mutate_package(rng: random.Random, package: bytes, xml_names: tuple[str, ...], spans: tuple[str, ...]) -> bytes:
    """A zip package with one entry-level or XML-level change."""
    try:
        members = list(zip_members(package).items())
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        return flip_bytes(rng, package)  # an earlier mutation broke the container: keep damaging bytes
    action = rng.randrange(7)
    if action == 0 and len(members) > 1:
        members.pop(rng.randrange(len(members)))
    elif action == 1:
        name, data = rng.choice(members)
        members.append((name, rng.choice((b"<x/>", data[: len(data) // 2], data))))
    elif action == 2:
        index = rng.randrange(len(members))
        members[index] = (members[index][0] + rng.choice(("x", "/", ".bak", "")), members[index][1])
    elif action == 3:
        return truncate(rng, package)
    elif action == 4:
        return recipes.corrupt_deflate_member(package, rng.choice([n for n, _ in members if n != "mimetype"]))
    else:
        names = [n for n, _ in members if n in xml_names] or [n for n, _ in members if n.endswith(".xml")]
        if names:
            chosen = rng.choice(names)
            members = [(n, mutate_xml(rng, d, spans) if n == chosen else d) for n, d in members]
    with _quiet():
        return rezip(members)


class _quiet:
    def __enter__(self) -> None:
        import warnings

        self._catch = warnings.catch_warnings()
        self._catch.__enter__()
        warnings.simplefilter("ignore")

    def __exit__(self, *exc: object) -> None:
        self._catch.__exit__(*exc)


# -- seeds (built once) --------------------------------------------------------------------------------


@functools.cache
def hwpx_seed() -> bytes:
    cells = [[hb.cell("구분", 0, 0), hb.cell("예산", 0, 1, col_span=2)], [hb.cell("2026년", 1, 0, row_span=2)]]
    body = [hb.para(line) for line in recipes.LINES[:4]] + [hb.para(hb.table(*cells))]
    body += [hb.para(hb.footnote("주석")), hb.para(recipes.LINES[5])]
    return hb.build_hwpx(hb.section(*body))


@functools.cache
def docx_seed() -> bytes:
    from tests.helpers import doc_builders as db

    return db.build_docx(with_image=False)


@functools.cache
def pdf_seed() -> bytes:
    """A one-page PDF with uncompressed content: text operators, a ruled grid, Korean text."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("HYSMyeongJo-Medium"))
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=(595, 842), pageCompression=0, invariant=1)
    page.setFont("HYSMyeongJo-Medium", 12)
    for index, line in enumerate(recipes.LINES):
        page.drawString(60, 780 - index * 22, line)
    for step in range(6):
        page.line(60, 500 - step * 20, 400, 500 - step * 20)
        page.line(60 + step * 68, 400, 60 + step * 68, 500)
    page.drawString(70, 485, "구분  예산  인원")
    page.showPage()
    page.save()
    return buffer.getvalue()


@functools.cache
def html_seed() -> bytes:
    rows = "".join(f"<tr><td rowspan='2'>{i}</td><td colspan='2'>칸 {i}</td></tr>" for i in range(4))
    paragraphs = "".join(f"<p>{line}</p>" for line in recipes.LINES)
    return (
        '<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8"><title>보도자료</title></head><body>'
        f'<div class="view_title"><h1>{recipes.LINES[2]}</h1></div><div class="view_cont">{paragraphs}'
        f"<table>{rows}</table></div></body></html>"
    ).encode()


# -- the mutators ----------------------------------------------------------------------------------------


def hwpx(rng: random.Random) -> bytes:
    data = hwpx_seed()
    for _ in range(rng.choice((1, 1, 2, 3))):
        data = mutate_package(rng, data, ("Contents/section0.xml", "Contents/header.xml"), ("rowSpan", "colSpan"))
    return data


def docx(rng: random.Random) -> bytes:
    data = docx_seed()
    for _ in range(rng.choice((1, 1, 2))):
        data = mutate_package(rng, data, ("word/document.xml",), (f"{{{recipes.W}}}val",))
    return data


def hwp(rng: random.Random) -> bytes:
    """HWP 5.0: either random records in a valid container, or damage to the OLE sectors of a valid file."""
    if rng.random() < 0.5:
        return _ole_damage(rng, hwpb.hwp_file([_nodes(rng)]))
    body = hwpb.serialize(_nodes(rng))
    body = _record_damage(rng, body)
    streams = {"FileHeader": hwpb.file_header(), "DocInfo": hwpb.deflate(hwpb.doc_info())}
    streams["BodyText/Section0"] = hwpb.deflate(body) if rng.random() < 0.9 else flip_bytes(rng, hwpb.deflate(body))
    return hwpb.ole_file(streams)


def _nodes(rng: random.Random) -> list[hwpb.Node]:
    nodes = [hwpb.paragraph(line) for line in recipes.LINES]
    if rng.random() < 0.5:
        nodes.append(
            hwpb.paragraph(hwpb.table([["구분", "예산"], ["2026년", hwpb.Cell("30억", row_span=1, col_span=1)]]))
        )
    return nodes


def _record_damage(rng: random.Random, body: bytes) -> bytes:
    out = bytearray(body)
    for _ in range(rng.choice((1, 2, 5))):
        if len(out) < 8:
            break
        at = rng.randrange(0, len(out) - 4)
        header = rng.choice(
            (
                struct.pack("<I", rng.randrange(2**32)),  # tag, level and size all random
                struct.pack("<I", (0xFFF << 20) | (rng.randrange(1024) << 10) | rng.randrange(1024)),  # extended size
                struct.pack("<I", (rng.randrange(4096) << 20) | (1023 << 10) | 0x4C),  # deep level
            )
        )
        out[at : at + 4] = header
    return bytes(out)


def _ole_damage(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    action = rng.randrange(4)
    if action == 0:  # header fields: sector shift, FAT count, directory start, mini stream cutoff
        for offset in rng.sample((0x1E, 0x20, 0x2C, 0x30, 0x38, 0x3C, 0x40, 0x44, 0x48), 2):
            out[offset : offset + 4] = struct.pack(
                "<I", rng.choice((0, 1, 0xFFFFFFFE, 0xFFFFFFFF, rng.randrange(2**32)))
            )
    elif action == 1:  # FAT / directory sectors: chains that loop or point outside the file
        sector = rng.randrange(1, max(len(out) // 512, 2))
        for index in range(rng.choice((1, 4, 16))):
            at = sector * 512 + 4 * rng.randrange(128)
            if at + 4 <= len(out):
                out[at : at + 4] = struct.pack("<I", rng.choice((sector, 0, 0xFFFFFFFD, rng.randrange(2**32), index)))
    elif action == 2:
        return truncate(rng, bytes(out))
    else:
        return flip_bytes(rng, bytes(out), rng.choice((4, 32, 256)))
    return bytes(out)


NUMBER_RE = re.compile(rb"(?<![A-Za-z/#])-?\d+(?:\.\d+)?")
OPERATOR_VALUES = (b"0", b"-1", b"0.0001", b"1000000", b"1e9", b"99999999999", b"-32768", b"nan")


def pdf(rng: random.Random) -> bytes:
    data = pdf_seed()
    action = rng.randrange(5)
    if action == 0:  # numbers anywhere: font sizes, positions, matrices, object sizes, xref offsets
        numbers = list(NUMBER_RE.finditer(data))
        picks = {m.start(): m for m in rng.sample(numbers, min(len(numbers), rng.choice((1, 5, 40))))}
        out, last = bytearray(), 0
        for start in sorted(picks):
            match = picks[start]
            out += data[last:start] + rng.choice(OPERATOR_VALUES)
            last = match.end()
        return bytes(out + data[last:])
    if action == 1:  # text operators repeated: thousands of glyphs, or zero-height glyphs
        stream = re.search(rb"BT.*?ET", data, re.S)
        if stream:
            block = stream.group(0)
            repeat = block.replace(b"12 Tf", rng.choice((b"0 Tf", b"0.01 Tf", b"5000 Tf", b"12 Tf"))) * rng.choice(
                (2, 50, 400)
            )
            return data.replace(block, repeat, 1)
    if action == 2:
        return truncate(rng, data)
    if action == 3:
        return (
            data.replace(b"xref", b"xrfe") if rng.random() < 0.5 else re.sub(rb"startxref\s+\d+", b"startxref\n1", data)
        )
    return flip_bytes(rng, data, rng.choice((8, 64)))


TAGS = (b"<table>", b"<tr>", b"<td rowspan='1000' colspan='1000'>", b"<div>", b"</div>", b"<p>", b"<br>", b"<script>")


def html(rng: random.Random) -> bytes:
    data = html_seed()
    action = rng.randrange(5)
    if action == 0:
        return re.sub(
            rb"(rowspan|colspan)='\d+'",
            lambda m: m.group(1) + b"='" + rng.choice(list(map(str.encode, HUGE_NUMBERS))) + b"'",
            data,
        )
    if action == 1:
        depth = rng.choice((50, 500, 5000))
        return data.replace(b"<body>", b"<body>" + b"<div>" * depth, 1)
    if action == 2:
        at = rng.randrange(len(data))
        return data[:at] + b"".join(rng.choice(TAGS) for _ in range(rng.choice((1, 20, 300)))) + data[at:]
    if action == 3:
        return data.replace(b"utf-8", rng.choice((b"euc-kr", b"utf-16", b"x-unknown", b"")), 1)
    return flip_bytes(rng, data, rng.choice((4, 64)))


def text(rng: random.Random) -> bytes:
    lines = list(recipes.LINES)
    action = rng.randrange(7)
    if action == 0:
        lines.insert(rng.randrange(len(lines)), rng.choice(("|---|---|", "| 구분 | 값 |", "\t\t\t", "|" * 500)))
    elif action == 1:
        lines.append("가" * rng.choice((1000, 100_000)))
    elif action == 2:
        lines = [f" ㅇ 항목 {i}" for i in range(rng.choice((100, 3000)))] + lines
    encoded = "\n".join(lines).encode(rng.choice(("utf-8", "utf-8", "cp949", "utf-16")), errors="replace")
    if action == 3:
        return flip_bytes(rng, encoded, rng.choice((1, 3, 50)))
    if action == 4:
        return encoded + bytes(rng.randrange(256) for _ in range(rng.choice((1, 3))))
    if action == 5:
        return b"\xef\xbb\xbf" + encoded.replace(b"\n", rng.choice((b"\r", b"\r\n", b"\x00", b"\x0b")))
    if action == 6:
        return zlib.compress(encoded) if rng.random() < 0.3 else encoded[: rng.randrange(1, len(encoded))]
    return encoded


MUTATORS: dict[str, Mutator] = {"hwpx": hwpx, "hwp": hwp, "pdf": pdf, "docx": docx, "html": html, "text": text}
