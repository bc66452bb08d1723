"""Make a PDF Chromium printed the same, byte for byte, every time the same page is printed.

After the flow: ``printing`` hands each PDF Chromium wrote to ``reproducible`` before it is
cached and written into the site. Chromium stamps three things that change from print to print:
the dates (set here from ``SOURCE_DATE_EPOCH``), the file id (set here from the pages' content)
and, in a tagged PDF, the ids of structure elements that other elements point to (a table's
header cells, which each data cell names in ``/Headers``). Those ids are Blink's DOM node ids,
``node00001061``, taken from a counter shared by every page the renderer process has drawn, so
they depend on what was printed before. They are renumbered here in their own order
(``node00000001``, ``node00000002``, ...), which keeps the id tree sorted and every reference
pointing where it pointed.

Chromium's PDFs (Skia's writer: plain objects, one cross-reference table, no file id) are
rewritten as bytes (``_rewrite_skia``): the dates, producer and node ids are replaced in place,
the cross-reference table is written again and the file id added, in about a millisecond. Any
other PDF is rewritten with pypdf (the same changes, object by object; a tagged PDF takes a
tenth of a second or more).

Given a ``paper`` (width and height in points), every page's box is also set to that paper, the
printed page at its top and centred across it (``paper_box``): ``printing`` lays a handout out
once on the area both papers hold and writes it for A4 and for Letter this way. Nothing on the page
moves (its content, links and outline keep their coordinates); only the page around it changes.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import io
import re
from collections.abc import Callable
from typing import Any

NODE_ID = re.compile(r"node(\d+)")
"""A structure element id as Chromium writes it."""


PRODUCER = "build_tools with Chromium"


def pdf_date(epoch: int) -> str:
    """``epoch`` as a PDF date (UTC)."""
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC).strftime("D:%Y%m%d%H%M%SZ")


Paper = tuple[float, float]
"""A paper's width and height, in points."""
Box = tuple[float, float, float, float]
"""A PDF rectangle: left, bottom, right, top, in points."""


def reproducible(data: bytes, epoch: int, paper: Paper | None = None) -> bytes:
    """``data`` rewritten with dates from ``epoch``, a content-derived file id and renumbered node ids;
    with ``paper``, each page boxed on that paper (``paper_box``)."""
    rewritten = _rewrite_skia(data, epoch, paper)
    return rewritten if rewritten is not None else _rewrite_with_pypdf(data, epoch, paper)


def paper_box(printed: Box, paper: Paper) -> Box:
    """The box of ``paper`` around a page printed in ``printed``: the same top, centred across."""
    left, _, right, top = printed
    width, height = paper
    x0 = (left + right - width) / 2
    return (x0, top - height, x0 + width, top)


def _number(value: float) -> bytes:
    text = (b"%.4f" % value).rstrip(b"0").rstrip(b".")
    return b"0" if text in (b"", b"-0") else text


_STARTXREF = re.compile(rb"startxref\n(\d+)\n%%EOF\n?\Z")
_XREF_HEAD = re.compile(rb"xref\n0 (\d+)\n")
_TRAILER = re.compile(rb"trailer\n<<(/Size \d+\n/Root \d+ 0 R\n/Info (\d+) 0 R)>>\n")
_INFO = re.compile(rb"(\d+) 0 obj\n<<(.*?)>>\nendobj\n", re.S)
_INFO_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:[0-9+\-Z']*\)")
_INFO_PRODUCER = re.compile(rb"/Producer \((?:[^()\\]|\\.)*\)")
_NODE_STRING = re.compile(rb"\(node(\d{8})\)")
_MEDIA_BOX = re.compile(rb"/MediaBox \[([-0-9. ]+)\]")


def _rewrite_skia(data: bytes, epoch: int, paper: Paper | None = None) -> bytes | None:
    """``reproducible`` for a PDF as Skia writes it, done on the bytes; None if ``data`` is not laid out so."""
    end = _STARTXREF.search(data)
    if end is None or not data.startswith(b"%PDF-"):
        return None
    xref_at = int(end.group(1))
    head = _XREF_HEAD.match(data, xref_at)
    if head is None:
        return None
    count = int(head.group(1))
    table_at = head.end()
    trailer = _TRAILER.match(data, table_at + 20 * count)
    if trailer is None or trailer.end() != end.start():  # one table, a trailer with no file id, nothing else
        return None
    table = data[table_at : table_at + 20 * count]
    offsets = [int(table[20 * i : 20 * i + 10]) for i in range(count)]
    kinds = [table[20 * i + 17 : 20 * i + 18] for i in range(count)]
    info_number = int(trailer.group(2))
    if info_number >= count or kinds[info_number] != b"n":
        return None
    info = _INFO.match(data, offsets[info_number])
    if info is None or int(info.group(1)) != info_number:
        return None
    when = pdf_date(epoch).encode()
    fields = _INFO_DATE.sub(lambda m: b"/" + m.group(1) + b" (" + when + b")", info.group(2))
    fields = _INFO_PRODUCER.sub(lambda m: b"/Producer (" + PRODUCER.encode() + b")", fields)
    edits = [(info.start(), info.end(), b"%d 0 obj\n<<" % info_number + fields + b">>\nendobj\n")]
    if paper is not None:
        for box in _MEDIA_BOX.finditer(data, 0, xref_at):
            printed = tuple(float(v) for v in box.group(1).split())
            if len(printed) != 4:
                return None
            new_box = b" ".join(_number(v) for v in paper_box(printed, paper))
            edits.append((box.start(1), box.end(1), new_box))
        edits.sort()
    body, moved = _apply(data[:xref_at], edits)
    ranked = sorted({int(m.group(1)) for m in _NODE_STRING.finditer(body)})
    new_names = {b"%08d" % old: b"%08d" % rank for rank, old in enumerate(ranked, start=1)}
    body = _NODE_STRING.sub(lambda m: b"(node" + new_names[m.group(1)] + b")", body)  # same length: offsets hold
    rows = [
        b"%010d %s %s \n" % (moved(offset) if kind == b"n" else offset, table[20 * i + 11 : 20 * i + 16], kind)
        for i, (offset, kind) in enumerate(zip(offsets, kinds, strict=True))
    ]
    file_id = hashlib.md5(body, usedforsecurity=False).hexdigest().encode()  # from the content: the same every build
    return (
        body
        + b"xref\n0 %d\n" % count
        + b"".join(rows)
        + b"trailer\n<<"
        + trailer.group(1)
        + b"\n/ID [<"
        + file_id
        + b"> <"
        + file_id
        + b">]>>\nstartxref\n%d\n%%%%EOF\n" % len(body)
    )


def _apply(data: bytes, edits: list[tuple[int, int, bytes]]) -> tuple[bytes, Callable[[int], int]]:
    """``data`` with each (start, end, new bytes) edit made (in order, not overlapping), and where a
    position before the edits is after them (for the cross-reference table's object offsets)."""
    parts, starts, shifts, at, shift = [], [], [], 0, 0
    for start, end, new in edits:
        parts += [data[at:start], new]
        at = end
        shift += len(new) - (end - start)
        starts.append(start)
        shifts.append(shift)
    parts.append(data[at:])

    def moved(position: int) -> int:
        k = bisect.bisect_left(starts, position)  # edits starting before the position (objects start outside edits)
        return position + (shifts[k - 1] if k else 0)

    return b"".join(parts), moved


def _rewrite_with_pypdf(data: bytes, epoch: int, paper: Paper | None = None) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import RectangleObject

    from .internals import set_pdf_file_id

    when = pdf_date(epoch)
    reader = PdfReader(io.BytesIO(data))
    content = hashlib.md5(usedforsecurity=False)
    for page in reader.pages:
        stream = page.get_contents()
        content.update(stream.get_data() if stream is not None else b"")
    writer = PdfWriter(clone_from=reader)
    if paper is not None:
        for page in writer.pages:
            box = page.mediabox
            page.mediabox = RectangleObject(
                paper_box((float(box.left), float(box.bottom), float(box.right), float(box.top)), paper)
            )
    writer.add_metadata({"/CreationDate": when, "/ModDate": when, "/Producer": PRODUCER})
    structure = writer.root_object.get("/StructTreeRoot")
    if structure is not None:
        renumber_node_ids(structure)
    set_pdf_file_id(writer, content.digest())  # from the content, not random: the same PDF every build
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def renumber_node_ids(structure: Any) -> int:
    """Renumber every node id in the structure tree by rank; how many there were."""
    elements = list(_walk(structure))
    found = {str(value) for element in elements for value in _strings(element) if NODE_ID.fullmatch(str(value))}
    ranked = sorted(found, key=lambda name: int(NODE_ID.fullmatch(name).group(1)))  # type: ignore[union-attr]
    new_names = {old: f"node{rank:08d}" for rank, old in enumerate(ranked, start=1)}
    for element in elements:
        _rename(element, new_names)
    return len(new_names)


def _walk(root: Any) -> list[Any]:
    """Every dictionary and array reachable from ``root`` inside the structure tree, once each.

    Pages (``/Pg``) and marked-content references are not followed: node ids live only in
    structure elements, their attributes and the id tree."""
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    seen: set[int] = set()
    found: list[Any] = []
    stack = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            item = item.get_object()
        if not isinstance(item, DictionaryObject | ArrayObject) or id(item) in seen:
            continue
        seen.add(id(item))
        found.append(item)
        if isinstance(item, DictionaryObject):
            stack.extend(value for key, value in item.items() if key not in ("/Pg", "/Obj", "/Stm", "/ParentTree"))
        else:
            stack.extend(item)
    return found


def _strings(container: Any) -> list[Any]:
    from pypdf.generic import ByteStringObject, TextStringObject

    values = container.values() if isinstance(container, dict) else container
    return [value for value in values if isinstance(value, TextStringObject | ByteStringObject)]


def _rename(container: Any, new_names: dict[str, str]) -> None:
    from pypdf.generic import ByteStringObject, TextStringObject

    def renamed(value: Any) -> Any:
        if isinstance(value, TextStringObject | ByteStringObject) and str(value) in new_names:
            return TextStringObject(new_names[str(value)])
        return value

    pairs = list(container.items()) if isinstance(container, dict) else list(enumerate(container))
    for key, value in pairs:  # the stored values: indirect references stay references
        new = renamed(value)
        if new is not value:
            container[key] = new


def page_count(data: bytes) -> int:
    """How many pages the PDF has."""
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)
