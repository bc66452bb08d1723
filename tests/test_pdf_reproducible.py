"""A PDF printed twice is the same bytes: Chromium's node ids in tagged PDFs are renumbered by rank."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject

from build_tools.pdf_reproducible import page_count, renumber_node_ids, reproducible


def tagged_pdf(first_id: int) -> bytes:
    """A one-page PDF whose structure tree has a table header cell with id ``first_id`` and one after it,
    named by a data cell's ``/Headers`` and by the id tree, as Chromium writes them."""
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    names = [f"node{first_id:08d}", f"node{first_id + 2:08d}"]
    headers = [
        writer._add_object(
            DictionaryObject({NameObject("/S"): NameObject("/TH"), NameObject("/ID"): TextStringObject(n)})
        )
        for n in names
    ]
    cell = DictionaryObject(
        {
            NameObject("/S"): NameObject("/TD"),
            NameObject("/A"): ArrayObject(
                [DictionaryObject({NameObject("/Headers"): ArrayObject([TextStringObject(names[1])])})]
            ),
        }
    )
    id_tree = DictionaryObject(
        {
            NameObject("/Limits"): ArrayObject([TextStringObject(names[0]), TextStringObject(names[1])]),
            NameObject("/Names"): ArrayObject(
                [TextStringObject(names[0]), headers[0], TextStringObject(names[1]), headers[1]]
            ),
        }
    )
    root = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/StructTreeRoot"),
            NameObject("/K"): ArrayObject([*headers, writer._add_object(cell)]),
            NameObject("/IDTree"): writer._add_object(id_tree),
        }
    )
    writer.root_object[NameObject("/StructTreeRoot")] = writer._add_object(root)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_the_same_table_printed_after_other_pages_gives_the_same_bytes() -> None:
    first, later = tagged_pdf(1061), tagged_pdf(5230)
    assert first != later
    assert reproducible(first, 0) == reproducible(later, 0)


def test_renumbered_ids_keep_every_reference_and_the_id_tree_order() -> None:
    data = reproducible(tagged_pdf(1061), 0)
    structure = PdfReader(io.BytesIO(data)).root_object["/StructTreeRoot"]
    kids = [kid.get_object() for kid in structure["/K"]]
    assert [str(kid["/ID"]) for kid in kids[:2]] == ["node00000001", "node00000002"]
    assert [str(h) for h in kids[2]["/A"][0]["/Headers"]] == ["node00000002"]
    id_tree = structure["/IDTree"].get_object()
    assert [str(n) for n in id_tree["/Limits"]] == ["node00000001", "node00000002"]
    assert [str(n) for n in id_tree["/Names"][::2]] == ["node00000001", "node00000002"]
    assert id_tree["/Names"][3].get_object()["/ID"] == "node00000002"


def test_dates_come_from_the_epoch_and_the_page_count_is_read() -> None:
    data = reproducible(tagged_pdf(7), 86400)
    assert PdfReader(io.BytesIO(data)).metadata["/CreationDate"] == "D:19700102000000Z"
    assert page_count(data) == 1


def test_a_pdf_without_node_ids_is_left_alone() -> None:
    root = DictionaryObject({NameObject("/K"): ArrayObject([TextStringObject("nodeless")])})
    assert renumber_node_ids(root) == 0
    assert str(root["/K"][0]) == "nodeless"
