"""Generated texts shared by the tests and the benchmarks (benchmarks/bounded_cost.py and
benchmarks/memory.py import them from here): plain words without a term, made-up words
no dictionary holds, and minimal .docx packages written from chunks."""
from __future__ import annotations

import io
import zipfile

WORDS = "the clinic staff met people in recovery and offered support with housing and food every week".split()


def words(n: int) -> str:
    """About n characters of everyday words, none of them a term."""
    out, size, k = [], 0, 0
    while size < n:
        w = WORDS[k % len(WORDS)]
        out.append(w)
        size += len(w) + 1
        k += 1
    return " ".join(out)


_C, _V = "bcdfghklmnprstvz", "aeiou"


def made_up(i: int) -> str:
    """The i-th made-up word: i in base 80, a consonant and a vowel per digit (distinct i,
    distinct words; from 6,400 on, three syllables or more)."""
    out = []
    while True:
        out.append(_C[i % 16] + _V[(i // 16) % 5])
        i //= 80
        if not i:
            return "".join(out)


# -- .docx ----------------------------------------------------------------------------------------

DOCUMENT = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
END = "<w:sectPr/></w:body></w:document>"
PARAGRAPH = '<w:p><w:pPr><w:pStyle w:val="BodyText"/></w:pPr><w:r><w:t>{}</w:t></w:r></w:p>'


def package(document_chunks, styles: str | None = None) -> bytes:
    """A minimal .docx whose document.xml is written from chunks (streamed, so it may be big)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/>'
                   '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.document.main+xml"/>'
                   '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.wordprocessingml.styles+xml"/></Types>')
        z.writestr("_rels/.rels",
                   '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
                   '2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>')
        rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                'relationships">')
        if styles:
            rels += ('<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                     'relationships/styles" Target="styles.xml"/>')
            z.writestr("word/styles.xml", styles)
        z.writestr("word/_rels/document.xml.rels", rels + "</Relationships>")
        with z.open("word/document.xml", "w", force_zip64=True) as fh:
            for chunk in document_chunks:
                fh.write(chunk.encode("utf-8"))
    return buf.getvalue()
