"""Test builders for HWP 5.0 files: record trees, DocInfo, and a minimal OLE compound-file writer."""

from __future__ import annotations

import itertools
import struct
import zlib
from dataclasses import dataclass, field

# Record tags (HWPTAG_BEGIN = 16)
NUMBERING, BULLET, PARA_SHAPE = 23, 24, 25
PARA_HEADER, PARA_TEXT, CTRL_HEADER, LIST_HEADER = 66, 67, 71, 72
SHAPE_COMPONENT, TABLE, RECTANGLE, PICTURE = 76, 77, 79, 85

FLAG_COMPRESSED, FLAG_PASSWORD, FLAG_DISTRIBUTION, FLAG_DRM = 1, 2, 4, 16
HEAD_OUTLINE, HEAD_NUMBER, HEAD_BULLET = 1, 2, 3


@dataclass
class Node:
    """A record with its children; ``ctrl_char`` marks a control that a paragraph anchors."""

    tag: int
    payload: bytes = b""
    children: list[Node] = field(default_factory=list)
    ctrl_char: int = 0


def record_bytes(tag: int, level: int, payload: bytes) -> bytes:
    """One record: a 32-bit header (tag, level, size; size 0xFFF means a DWORD follows) and payload."""
    if len(payload) >= 0xFFF:
        return struct.pack("<II", tag | level << 10 | 0xFFF << 20, len(payload)) + payload
    return struct.pack("<I", tag | level << 10 | len(payload) << 20) + payload


def serialize(nodes: list[Node], level: int = 0) -> bytes:
    """Write nodes depth-first, each child one level below its parent."""
    return b"".join(record_bytes(n.tag, level, n.payload) + serialize(n.children, level + 1) for n in nodes)


def paragraph(*pieces: str | Node, shape: int = 0) -> Node:
    """A paragraph of text pieces and controls; each control takes 8 WCHARs in the text."""
    text = bytearray()
    controls: list[Node] = []
    for piece in pieces:
        if isinstance(piece, str):
            # A tab is an inline control: 8 WCHARs (code, 6 WCHARs of tab data, code).
            tab = struct.pack("<H", 9) + b"\x00" * 12 + struct.pack("<H", 9)
            text += tab.join(part.encode("utf-16-le") for part in piece.split("\t"))
        else:
            char = struct.pack("<H", piece.ctrl_char)
            text += char + piece.payload[:4] + b"\x00" * 8 + char
            controls.append(piece)
    text += struct.pack("<H", 13)
    header = struct.pack("<IIHBBHHHI", len(text) // 2, 0, shape, 0, 0, 1, 0, 1, 0)
    return Node(PARA_HEADER, header, [Node(PARA_TEXT, bytes(text)), *controls])


def _ctrl(kind: str, char: int, extra: bytes = b"", children: list[Node] | None = None) -> Node:
    return Node(CTRL_HEADER, kind.encode("latin-1")[::-1] + extra, children or [], ctrl_char=char)


def list_header(count: int, extra: bytes = b"") -> Node:
    """A paragraph-list header (paragraph count and properties), with extra bytes such as a cell address."""
    return Node(LIST_HEADER, struct.pack("<iI", count, 0) + extra)


def paragraphs_of(content: str | list[Node]) -> list[Node]:
    """Paragraph nodes for a string (one paragraph per line) or the given nodes."""
    if isinstance(content, str):
        return [paragraph(line) for line in content.split("\n")]
    return content


@dataclass
class Cell:
    """A table cell with its text (or paragraph nodes) and spans."""

    content: str | list[Node]
    row_span: int = 1
    col_span: int = 1


def table(rows: list[list[str | Cell]], caption: str = "") -> Node:
    """A 'tbl ' control: caption list, TABLE record, then one list header and its paragraphs per cell."""
    children: list[Node] = []
    if caption:
        children += [list_header(1), *paragraphs_of(caption)]
    cells = [[c if isinstance(c, Cell) else Cell(c) for c in row] for row in rows]
    width = max(sum(c.col_span for c in row) for row in cells)
    children.append(Node(TABLE, struct.pack("<IHH", 0, len(cells), width) + b"\x00" * 10))
    taken: set[tuple[int, int]] = set()
    for r, row in enumerate(cells):
        col = 0
        for cell in row:
            while (r, col) in taken:
                col += 1
            taken.update((r + dr, col + dc) for dr in range(cell.row_span) for dc in range(cell.col_span))
            paras = paragraphs_of(cell.content)
            address = struct.pack("<HHHH", col, r, cell.col_span, cell.row_span) + b"\x00" * 18
            children += [list_header(len(paras), address), *paras]
            col += cell.col_span
    return _ctrl("tbl ", 11, b"\x00" * 42, children)


def footnote(text: str) -> Node:
    """A footnote control whose list holds ``text``."""
    paras = paragraphs_of(text)
    return _ctrl("fn  ", 17, b"\x00" * 8, [list_header(len(paras)), *paras])


def header(text: str, kind: str = "head") -> Node:
    """A page header ('head') or footer ('foot') control."""
    paras = paragraphs_of(text)
    return _ctrl(kind, 16, b"\x00" * 4, [list_header(len(paras)), *paras])


def text_box(text: str) -> Node:
    """A drawing object (rectangle) holding ``text``."""
    paras = paragraphs_of(text)
    shape = Node(
        SHAPE_COMPONENT, b"$rec$rec" + b"\x00" * 40, [list_header(len(paras)), *paras, Node(RECTANGLE, b"\x00" * 9)]
    )
    return _ctrl("gso ", 11, b"\x00" * 42, [shape])


def picture(caption: str = "") -> Node:
    """A picture drawing object, with a caption list when ``caption`` is given."""
    children: list[Node] = []
    if caption:
        paras = paragraphs_of(caption)
        children += [list_header(len(paras)), *paras]
    children.append(Node(SHAPE_COMPONENT, b"$pic$pic" + b"\x00" * 40, [Node(PICTURE, b"\x00" * 80)]))
    return _ctrl("gso ", 11, b"\x00" * 42, children)


def section_def(outline_numbering: int = 1) -> Node:
    """A section definition ('secd') naming the numbering used by outline paragraphs."""
    return _ctrl("secd", 2, struct.pack("<IHHHIH", 0, 0, 0, 0, 8000, outline_numbering) + b"\x00" * 20)


def overlap(chars: str) -> Node:
    """A character-overlap control ('tcps') that draws ``chars`` on top of each other."""
    return _ctrl("tcps", 23, struct.pack("<H", len(chars)) + chars.encode("utf-16-le") + b"\x00" * 4)


def para_shape(kind: int = 0, level: int = 0, ref_id: int = 0) -> bytes:
    """A 54-byte PARA_SHAPE payload with the head kind, level and numbering/bullet id."""
    properties = kind << 23 | level << 25
    return struct.pack("<I6iHHH4hIII", properties, 0, 0, 0, 0, 0, 0, 0, ref_id, 0, 0, 0, 0, 0, 0, 0, 0)


def numbering(levels: list[tuple[str, int]], start: int = 1) -> bytes:
    """A NUMBERING payload: per level a head info (number shape in bits 5-8) and a format like '^1.'."""
    out = bytearray()
    for fmt, shape in levels + [("", 0)] * (7 - len(levels)):
        out += struct.pack("<IhhI", shape << 5 | 0x0C, 0, 50, 0xFFFFFFFF)
        out += struct.pack("<H", len(fmt)) + fmt.encode("utf-16-le")
    return bytes(out + struct.pack("<H", start) + b"\x00" * 28)


def bullet(char: str) -> bytes:
    """A BULLET payload whose bullet character is ``char``."""
    return struct.pack("<IhhI", 0x0C, 0, 50, 0xFFFFFFFF) + char.encode("utf-16-le") + b"\x00" * 10


def doc_info(
    shapes: list[bytes] | None = None,
    numberings: tuple[bytes, ...] | list[bytes] = (),
    bullets: tuple[bytes, ...] | list[bytes] = (),
) -> bytes:
    """A DocInfo record stream; paragraph shape 0 has no head unless ``shapes`` says otherwise."""
    records = [(NUMBERING, p) for p in numberings] + [(BULLET, p) for p in bullets]
    records += [(PARA_SHAPE, p) for p in (shapes or [para_shape()])]
    return b"".join(record_bytes(tag, 0, payload) for tag, payload in records)


def file_header(flags: int = FLAG_COMPRESSED, version: tuple[int, int, int, int] = (5, 0, 3, 0)) -> bytes:
    """The 256-byte FileHeader stream."""
    packed = version[0] << 24 | version[1] << 16 | version[2] << 8 | version[3]
    return b"HWP Document File".ljust(32, b"\x00") + struct.pack("<II", packed, flags) + b"\x00" * 216


def deflate(data: bytes) -> bytes:
    """Raw deflate, as HWP stores compressed streams."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def hwp_file(
    sections: list[list[Node]],
    info: bytes | None = None,
    flags: int = FLAG_COMPRESSED,
    version: tuple[int, int, int, int] = (5, 0, 3, 0),
    extra: dict[str, bytes] | None = None,
) -> bytes:
    """A whole HWP file: FileHeader, DocInfo and one BodyText/SectionN stream per section."""
    pack = deflate if flags & FLAG_COMPRESSED else (lambda data: data)
    streams = {"FileHeader": file_header(flags, version), "DocInfo": pack(info if info is not None else doc_info())}
    for index, nodes in enumerate(sections):
        streams[f"BodyText/Section{index}"] = pack(serialize(nodes))
    streams.update(extra or {})
    return ole_file(streams)


# ---------------------------------------------------------------------------
# A minimal OLE compound file (version 3, 512-byte sectors) writer; olefile can only read.
# ---------------------------------------------------------------------------

SECTOR = 512
MINI_SECTOR = 64
MINI_CUTOFF = 4096
END_OF_CHAIN, FAT_SECTOR, FREE = 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
NO_STREAM = 0xFFFFFFFF


@dataclass
class _Entry:
    name: str
    kind: int  # 1 storage, 2 stream, 5 root
    data: bytes = b""
    children: list[_Entry] = field(default_factory=list)
    start: int = END_OF_CHAIN
    sid: int = 0
    right: int = NO_STREAM


def _pad(data: bytes, size: int) -> bytes:
    return data + b"\x00" * (-len(data) % size)


def _tree(streams: dict[str, bytes]) -> tuple[_Entry, list[_Entry]]:
    root = _Entry("Root Entry", 5)
    for path, data in streams.items():
        node = root
        *folders, name = path.split("/")
        for folder in folders:
            found = next((c for c in node.children if c.name == folder), None)
            if found is None:
                found = _Entry(folder, 1)
                node.children.append(found)
            node = found
        node.children.append(_Entry(name, 2, data))
    order: list[_Entry] = []
    pending = [root]
    while pending:
        entry = pending.pop(0)
        entry.sid = len(order)
        order.append(entry)
        pending.extend(entry.children)
    return root, order


def _chain(fat: list[int], first: int, count: int) -> None:
    for i in range(count):
        fat[first + i] = first + i + 1 if i < count - 1 else END_OF_CHAIN


def ole_file(streams: dict[str, bytes]) -> bytes:
    """Write ``streams`` (paths with '/' for storages) as an OLE compound file that olefile reads."""
    root, order = _tree(streams)
    mini = bytearray()
    minifat: list[int] = []
    for entry in order:
        if entry.kind == 2 and len(entry.data) < MINI_CUTOFF:
            entry.start = len(mini) // MINI_SECTOR if entry.data else END_OF_CHAIN
            count = -(-len(entry.data) // MINI_SECTOR)
            minifat += [len(minifat) + i + 1 for i in range(count)]
            if count:
                minifat[-1] = END_OF_CHAIN
            mini += _pad(entry.data, MINI_SECTOR)
    big = [e for e in order if e.kind == 2 and len(e.data) >= MINI_CUTOFF]
    dir_bytes_len = len(_pad(b"\x00" * 128 * len(order), SECTOR))
    minifat_bytes = _pad(b"".join(struct.pack("<I", v) for v in minifat), SECTOR) if minifat else b""
    sizes = [dir_bytes_len // SECTOR, len(minifat_bytes) // SECTOR, len(_pad(bytes(mini), SECTOR)) // SECTOR]
    sizes += [len(_pad(e.data, SECTOR)) // SECTOR for e in big]
    body = sum(sizes)
    fat_count = 1
    while fat_count * (SECTOR // 4) < body + fat_count:
        fat_count += 1
    fat = [FREE] * (fat_count * SECTOR // 4)
    for i in range(fat_count):
        fat[i] = FAT_SECTOR
    starts, cursor = [], fat_count
    for size in sizes:
        starts.append(cursor if size else END_OF_CHAIN)
        if size:
            _chain(fat, cursor, size)
        cursor += size
    root.start = starts[2] if mini else END_OF_CHAIN
    root.data = bytes(mini)
    for entry, start in zip(big, starts[3:], strict=True):
        entry.start = start
    directory = _pad(b"".join(_dir_entry(e) for e in order), SECTOR)
    sectors = b"".join(struct.pack("<I", v) for v in fat) + directory + minifat_bytes + _pad(bytes(mini), SECTOR)
    sectors += b"".join(_pad(e.data, SECTOR) for e in big)
    return _ole_header(fat_count, starts[0], starts[1], sizes[1]) + sectors


def _dir_entry(entry: _Entry) -> bytes:
    name = entry.name.encode("utf-16-le") + b"\x00\x00"
    siblings = entry.children
    child = siblings[0].sid if siblings else NO_STREAM
    # Link each storage's children as a chain of right siblings (olefile does not check colours).
    for left, right in itertools.pairwise(siblings):
        left.right = right.sid
    size = len(entry.data) if entry.kind in (2, 5) else 0
    start = entry.start if entry.kind != 1 else 0
    return (
        name.ljust(64, b"\x00")
        + struct.pack("<HBBIII", len(name), entry.kind, 1, NO_STREAM, entry.right, child)
        + b"\x00" * 36
        + struct.pack("<III", start, size, 0)
    )


def _ole_header(fat_count: int, dir_start: int, minifat_start: int, minifat_count: int) -> bytes:
    head = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16
    head += struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6) + b"\x00" * 6
    head += struct.pack("<IIIII", 0, fat_count, dir_start, 0, MINI_CUTOFF)
    head += struct.pack("<IIII", minifat_start if minifat_count else END_OF_CHAIN, minifat_count, END_OF_CHAIN, 0)
    difat = [i for i in range(fat_count)] + [FREE] * (109 - fat_count)
    return head + b"".join(struct.pack("<I", v) for v in difat)
