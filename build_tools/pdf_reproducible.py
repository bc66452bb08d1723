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
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from typing import Any

NODE_ID = re.compile(r"node(\d+)")
"""A structure element id as Chromium writes it."""


def reproducible(data: bytes, epoch: int) -> bytes:
    """``data`` rewritten with dates from ``epoch``, a content-derived file id and renumbered node ids."""
    from pypdf import PdfReader, PdfWriter

    from .internals import set_pdf_file_id

    when = dt.datetime.fromtimestamp(epoch, tz=dt.UTC).strftime("D:%Y%m%d%H%M%SZ")
    reader = PdfReader(io.BytesIO(data))
    content = hashlib.md5(usedforsecurity=False)
    for page in reader.pages:
        stream = page.get_contents()
        content.update(stream.get_data() if stream is not None else b"")
    writer = PdfWriter(clone_from=reader)
    writer.add_metadata({"/CreationDate": when, "/ModDate": when, "/Producer": "build_tools with Chromium"})
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
