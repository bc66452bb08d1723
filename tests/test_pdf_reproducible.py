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


def skia_pdf(first_id: int, created: str, box: str = "0 0 200 200") -> bytes:
    """A PDF laid out as Chromium's Skia writes it: plain objects, one cross-reference table, an
    information dictionary first, no file id; a structure tree naming two node ids."""
    names = [f"node{first_id:08d}", f"node{first_id + 5:08d}"]
    objects = [
        f"<</Title (A routine)\n/Producer (Skia/PDF m156)\n/CreationDate (D:{created}+00'00')\n"
        f"/ModDate (D:{created}+00'00')>>",
        "<</Type /Catalog\n/Pages 3 0 R\n/StructTreeRoot 5 0 R>>",
        "<</Type /Pages\n/Count 1\n/Kids [4 0 R]>>",
        f"<</Type /Page\n/Parent 3 0 R\n/MediaBox [{box}]>>",
        f"<</Type /StructTreeRoot\n/K [6 0 R 7 0 R]\n/IDTree <</Names [({names[0]}) 6 0 R ({names[1]}) 7 0 R]>>>>",
        f"<</S /TH\n/ID ({names[0]})>>",
        f"<</S /TD\n/A [<</Headers [({names[1]})]>>]>>",
    ]
    out, offsets = b"%PDF-1.4\n%\xd3\xeb\xe9\xe1\n", []
    for number, text in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{text}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += f"trailer\n<</Size {len(objects) + 1}\n/Root 2 0 R\n/Info 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_chromium_pdfs_are_rewritten_as_bytes_with_every_change() -> None:
    from build_tools.pdf_reproducible import _rewrite_skia

    first, later = skia_pdf(1061, "20261201150133"), skia_pdf(5230, "20270304101010")
    assert _rewrite_skia(first, 0) is not None  # the byte rewrite, not the pypdf one
    assert _rewrite_skia(tagged_pdf(1061), 0) is None  # pypdf's own PDF (it has a file id) goes through pypdf
    data = reproducible(first, 86400)
    assert data == reproducible(later, 86400)
    reader = PdfReader(io.BytesIO(data), strict=True)  # strict: every offset in the new table must hold
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == "D:19700102000000Z"
    assert reader.metadata["/Producer"] == "build_tools with Chromium"
    assert reader.trailer["/ID"][0] == reader.trailer["/ID"][1] and len(reader.trailer["/ID"][0]) == 16
    structure = reader.root_object["/StructTreeRoot"]
    kids = [kid.get_object() for kid in structure["/K"]]
    assert kids[0]["/ID"] == "node00000001"
    assert [str(h) for h in kids[1]["/A"][0]["/Headers"]] == ["node00000002"]
    assert [str(n) for n in structure["/IDTree"]["/Names"][::2]] == ["node00000001", "node00000002"]
    assert page_count(data) == 1
    assert reproducible(skia_pdf(1061, "20261201150133").replace(b"(A routine)", b"(Another)"), 86400) != data


def test_the_byte_rewrite_gives_what_pypdf_would_keep() -> None:
    from build_tools.pdf_reproducible import _rewrite_with_pypdf

    data = skia_pdf(1061, "20261201150133")
    fast, slow = (PdfReader(io.BytesIO(d)) for d in (reproducible(data, 0), _rewrite_with_pypdf(data, 0)))
    assert fast.metadata == slow.metadata
    fast_ids = [str(k.get_object().get("/ID", "")) for k in fast.root_object["/StructTreeRoot"]["/K"]]
    slow_ids = [str(k.get_object().get("/ID", "")) for k in slow.root_object["/StructTreeRoot"]["/K"]]
    assert fast_ids == slow_ids


def test_a_print_is_boxed_on_each_paper_at_its_top_centred_across() -> None:
    from build_tools.pdf_reproducible import _rewrite_skia, _rewrite_with_pypdf, paper_box

    # Printed on 150 x 200 points; the paper is wider and taller: the print keeps its top, centred across.
    assert paper_box((0, 0, 150, 200), (170, 260)) == (-10, -60, 160, 200)
    assert paper_box((0, 0, 150, 200), (150, 200)) == (0, 0, 150, 200)
    data = skia_pdf(1061, "20261201150133", box="0 0 150.5 200")
    for rewrite in (_rewrite_skia, _rewrite_with_pypdf):
        boxed = rewrite(data, 0, (170.5, 260))
        assert boxed is not None
        reader = PdfReader(io.BytesIO(boxed), strict=True)  # strict: the object offsets moved with the longer box
        box = reader.pages[0].mediabox
        assert (float(box.left), float(box.bottom), float(box.right), float(box.top)) == (-10, -60, 160.5, 200)
        assert float(box.width) == 170.5 and float(box.height) == 260
        assert [str(n) for n in reader.root_object["/StructTreeRoot"]["/IDTree"]["/Names"][::2]] == [
            "node00000001",
            "node00000002",
        ]
    assert reproducible(data, 0, (170.5, 260)) != reproducible(data, 0, (150.5, 200))  # the file id follows the box
