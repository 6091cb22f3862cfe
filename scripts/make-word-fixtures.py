#!/usr/bin/env python3
"""Generate the Word (.docx) reading fixtures in fixtures/word/.

Standard library only, and deterministic: every zip entry is dated
1980-01-01, the parts are written in a fixed order, nothing is random, and
the images are built byte by byte (the PNG uses stored deflate blocks), so
re-running gives byte-identical files on a given Python/zlib.

    python3 scripts/make-word-fixtures.py          # (re)write fixtures/word/
    python3 scripts/make-word-fixtures.py --check  # exit 1 if any file would change

For each fixture NAME it writes NAME.docx, NAME.expect.txt (the text Word
shows after accepting all changes), NAME.outline.txt (the true heading
outline) and, for `unsupported`, NAME.unsupported.txt.  The conventions of
those files are described in fixtures/word/README.md.

The WordprocessingML is written by hand, as strings: this is a test-data
generator, and the point is to control exactly what is in each part.
"""

import os
import struct
import sys
import zipfile
import zlib
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(os.path.dirname(HERE), "fixtures", "word")

XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
WPS_URI = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WPG_URI = "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"
CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
DGM_URI = "http://schemas.openxmlformats.org/drawingml/2006/diagram"
PKG_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT_W = "application/vnd.openxmlformats-officedocument.wordprocessingml."

NAMESPACES = [
    ("wpc", "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"),
    ("mc", "http://schemas.openxmlformats.org/markup-compatibility/2006"),
    ("o", "urn:schemas-microsoft-com:office:office"),
    ("r", R_NS),
    ("m", "http://schemas.openxmlformats.org/officeDocument/2006/math"),
    ("v", "urn:schemas-microsoft-com:vml"),
    ("wp14", "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"),
    ("wp", "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"),
    ("w10", "urn:schemas-microsoft-com:office:word"),
    ("w", W),
    ("w14", "http://schemas.microsoft.com/office/word/2010/wordml"),
    ("w15", "http://schemas.microsoft.com/office/word/2012/wordml"),
    ("wpg", WPG_URI),
    ("wpi", "http://schemas.microsoft.com/office/word/2010/wordprocessingInk"),
    ("wne", "http://schemas.microsoft.com/office/word/2006/wordml"),
    ("wps", WPS_URI),
]
NS_DECL = " ".join(f'xmlns:{p}="{u}"' for p, u in NAMESPACES)
W_ROOT = NS_DECL + ' mc:Ignorable="w14 w15 wp14"'
WPS_CUSTOM = "http://www.wps.cn/officeDocument/2013/wpsCustomData"

DEFAULT_TYPES = [
    ("bmp", "image/bmp"),
    ("emf", "image/x-emf"),
    ("gif", "image/gif"),
    ("jpeg", "image/jpeg"),
    ("png", "image/png"),
    ("rels", "application/vnd.openxmlformats-package.relationships+xml"),
    ("xml", "application/xml"),
]

AUTHOR = "市政府办公室"
DATE = "2024-03-15T09:30:00Z"


def q(s):
    """Escape an attribute value."""
    return escape(s, {'"': "&quot;"})


# ---------------------------------------------------------------------------
# Fragments: a piece of WordprocessingML and the text it stands for.
# ---------------------------------------------------------------------------


class F:
    """Inline content: xml, the text it shows once changes are accepted, and
    lines that follow the paragraph (text boxes anchored in it)."""

    def __init__(self, xml, text="", after=()):
        self.xml = xml
        self.text = text
        self.after = list(after)


class Block:
    """Body-level content (a paragraph or a table) and its expected lines."""

    def __init__(self, xml, lines, text=""):
        self.xml = xml
        self.lines = list(lines)
        self.text = text


def rp(rpr):
    return f"<w:rPr>{rpr}</w:rPr>" if rpr else ""


def t_el(s, tag="w:t"):
    sp = ' xml:space="preserve"' if s[:1] == " " or s[-1:] == " " else ""
    return f"<{tag}{sp}>{escape(s)}</{tag}>"


def run_content(text, tag="w:t"):
    """'\\t' is w:tab, '\\n' w:br, U+2011 w:noBreakHyphen."""
    out, buf = [], []

    def flush():
        if buf:
            out.append(t_el("".join(buf), tag))
            buf.clear()

    for ch in text:
        if ch == "\t":
            flush()
            out.append("<w:tab/>")
        elif ch == "\n":
            flush()
            out.append("<w:br/>")
        elif ch == "\u2011":
            flush()
            out.append("<w:noBreakHyphen/>")
        else:
            buf.append(ch)
    flush()
    return "".join(out)


def R(text, rpr=""):
    return F(f"<w:r>{rp(rpr)}{run_content(text)}</w:r>", text)


def X(xml):
    """Markup that shows no text (bookmarks, comment ranges, ...)."""
    return F(xml, "")


def items_of(items):
    return [R(i) if isinstance(i, str) else i for i in items]


def P(*items, style=None, ppr="", mark="", tail="", label="", lines=None, attrs=""):
    """A paragraph.  `ppr` is the pPr content after pStyle (in schema order),
    `mark` the paragraph mark's rPr content, `tail` what follows it in pPr
    (sectPr, pPrChange).  `label` is the numbering label Word prints."""
    frs = items_of(items)
    inner = (f'<w:pStyle w:val="{style}"/>' if style else "") + ppr
    inner += (f"<w:rPr>{mark}</w:rPr>" if mark else "") + tail
    ppr_xml = f"<w:pPr>{inner}</w:pPr>" if inner else ""
    xml = f"<w:p{attrs}>{ppr_xml}{''.join(f.xml for f in frs)}</w:p>"
    text = label + "".join(f.text for f in frs)
    after = [line for f in frs for line in f.after]
    if lines is None:
        lines = ([text] if text else []) + after
    return Block(xml, lines, text)


def FIELD(instr, result, rpr=""):
    r = rp(rpr)
    return F(
        f'<w:r>{r}<w:fldChar w:fldCharType="begin"/></w:r>'
        f'<w:r>{r}<w:instrText xml:space="preserve">{escape(instr)}</w:instrText></w:r>'
        f'<w:r>{r}<w:fldChar w:fldCharType="separate"/></w:r>'
        + R(result, rpr).xml
        + f'<w:r>{r}<w:fldChar w:fldCharType="end"/></w:r>',
        result,
    )


def BOOKMARK(bid, name, *items):
    frs = items_of(items)
    return F(
        f'<w:bookmarkStart w:id="{bid}" w:name="{q(name)}"/>'
        + "".join(f.xml for f in frs)
        + f'<w:bookmarkEnd w:id="{bid}"/>',
        "".join(f.text for f in frs),
    )


class Rev:
    """Revision ids and attributes."""

    def __init__(self, author="张伟", date="2024-03-10T09:00:00Z"):
        self.n = 0
        self.author = author
        self.date = date

    def attrs(self, author=None):
        self.n += 1
        return f'w:id="{self.n}" w:author="{q(author or self.author)}" w:date="{self.date}"'

    def ins(self, *items, author=None):
        frs = items_of(items)
        return F(f"<w:ins {self.attrs(author)}>" + "".join(f.xml for f in frs) + "</w:ins>",
                 "".join(f.text for f in frs))

    def dele(self, text, rpr="", author=None):
        return F(f"<w:del {self.attrs(author)}><w:r>{rp(rpr)}{run_content(text, 'w:delText')}</w:r></w:del>")


def NUMPR(ilvl, num_id):
    return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'


JC_CENTER = '<w:jc w:val="center"/>'
SINGLE = '<w:spacing w:line="240" w:lineRule="auto"/>'
JC_RIGHT = '<w:jc w:val="right"/>'
NO_INDENT = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'
HEI = '<w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hAnsi="黑体"/>'
KAI = '<w:rFonts w:ascii="楷体_GB2312" w:eastAsia="楷体_GB2312" w:hAnsi="楷体_GB2312"/>'
XBS = '<w:rFonts w:ascii="方正小标宋简体" w:eastAsia="方正小标宋简体" w:hAnsi="方正小标宋简体"/>'


# ---------------------------------------------------------------------------
# Tables
# ---------------------------------------------------------------------------


def TC(*blocks, w, span=None, vmerge=None, valign="center"):
    tcpr = f'<w:tcW w:w="{w}" w:type="dxa"/>'
    if span:
        tcpr += f'<w:gridSpan w:val="{span}"/>'
    if vmerge == "restart":
        tcpr += '<w:vMerge w:val="restart"/>'
    elif vmerge == "continue":
        tcpr += "<w:vMerge/>"
    if valign:
        tcpr += f'<w:vAlign w:val="{valign}"/>'
    bl = [P(b) if isinstance(b, str) else b for b in blocks] or [P()]
    return Block(f"<w:tc><w:tcPr>{tcpr}</w:tcPr>{''.join(b.xml for b in bl)}</w:tc>",
                 [line for b in bl for line in b.lines])


def TR(*cells, header=False, height=None):
    trpr = ""
    if height:
        trpr += f'<w:trHeight w:val="{height}"/>'
    if header:
        trpr += "<w:tblHeader/>"
    trpr = f"<w:trPr>{trpr}</w:trPr>" if trpr else ""
    return Block(f"<w:tr>{trpr}{''.join(c.xml for c in cells)}</w:tr>",
                 [line for c in cells for line in c.lines])


def TBL(grid, *rows, style="TableGrid", jc="center"):
    total = sum(grid)
    tblpr = (f'<w:tblStyle w:val="{style}"/><w:tblW w:w="{total}" w:type="dxa"/>'
             f'<w:jc w:val="{jc}"/><w:tblLayout w:type="fixed"/>'
             '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" '
             'w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>')
    g = "".join(f'<w:gridCol w:w="{w}"/>' for w in grid)
    return Block(f"<w:tbl><w:tblPr>{tblpr}</w:tblPr><w:tblGrid>{g}</w:tblGrid>"
                 + "".join(r.xml for r in rows) + "</w:tbl>",
                 [line for r in rows for line in r.lines])


# ---------------------------------------------------------------------------
# Styles
# ---------------------------------------------------------------------------


def style(sid, name, kind="paragraph", based=None, nxt=None, link=None, ui=None,
          semi=False, unhide=False, qformat=False, default=False, ppr="", rpr="", tblpr=""):
    s = f'<w:style w:type="{kind}"' + (' w:default="1"' if default else "") + f' w:styleId="{q(sid)}">'
    s += f'<w:name w:val="{q(name)}"/>'
    if based:
        s += f'<w:basedOn w:val="{q(based)}"/>'
    if nxt:
        s += f'<w:next w:val="{q(nxt)}"/>'
    if link:
        s += f'<w:link w:val="{q(link)}"/>'
    if ui is not None:
        s += f'<w:uiPriority w:val="{ui}"/>'
    if semi:
        s += "<w:semiHidden/>"
    if unhide:
        s += "<w:unhideWhenUsed/>"
    if qformat:
        s += "<w:qFormat/>"
    if ppr:
        s += f"<w:pPr>{ppr}</w:pPr>"
    if rpr:
        s += f"<w:rPr>{rpr}</w:rPr>"
    if tblpr:
        s += f"<w:tblPr>{tblpr}</w:tblPr>"
    return s + "</w:style>"


DOC_DEFAULTS = (
    '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" '
    'w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:kern w:val="2"/><w:sz w:val="21"/>'
    '<w:szCs w:val="22"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr>'
    "</w:rPrDefault><w:pPrDefault/></w:docDefaults>"
)

TABLE_NORMAL_PR = (
    '<w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/>'
    '<w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar>'
)
GRID_BORDERS = (
    "<w:tblBorders>"
    + "".join(f'<w:{b} w:val="single" w:sz="4" w:space="0" w:color="auto"/>'
              for b in ("top", "left", "bottom", "right", "insideH", "insideV"))
    + "</w:tblBorders>"
)
BODY_RPR = ('<w:rFonts w:ascii="Times New Roman" w:eastAsia="仿宋_GB2312" w:hAnsi="Times New Roman"/>'
            '<w:sz w:val="32"/><w:szCs w:val="32"/>')
BODY_PPR = ('<w:widowControl w:val="0"/><w:spacing w:line="560" w:lineRule="exact"/>'
            '<w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>')


def styles_xml(styles):
    return (XML_DECL + f'<w:styles xmlns:mc="{NAMESPACES[1][1]}" xmlns:r="{R_NS}" xmlns:w="{W}" '
            f'xmlns:w14="{NAMESPACES[10][1]}" xmlns:w15="{NAMESPACES[11][1]}" mc:Ignorable="w14 w15">'
            + DOC_DEFAULTS + "".join(styles) + "</w:styles>")


def en_styles(h1_numpr="", extra=()):
    """The style set English-UI Word writes (style ids = English names)."""
    return [
        style("Normal", "Normal", default=True, qformat=True, ppr=BODY_PPR, rpr=BODY_RPR),
        style("Heading1", "heading 1", based="Normal", nxt="Normal", ui=9, qformat=True,
              ppr="<w:keepNext/><w:keepLines/>" + h1_numpr + '<w:outlineLvl w:val="0"/>', rpr=HEI),
        style("Heading2", "heading 2", based="Normal", nxt="Normal", ui=9, unhide=True, qformat=True,
              ppr='<w:keepNext/><w:keepLines/><w:outlineLvl w:val="1"/>', rpr=KAI),
        style("Heading3", "heading 3", based="Normal", nxt="Normal", ui=9, unhide=True, qformat=True,
              ppr='<w:keepNext/><w:keepLines/><w:outlineLvl w:val="2"/>', rpr="<w:b/><w:bCs/>"),
        style("DefaultParagraphFont", "Default Paragraph Font", kind="character", default=True,
              ui=1, semi=True, unhide=True),
        style("TableNormal", "Normal Table", kind="table", default=True, ui=99, semi=True,
              unhide=True, tblpr=TABLE_NORMAL_PR),
        style("NoList", "No List", kind="numbering", default=True, ui=99, semi=True, unhide=True),
        style("Title", "Title", based="Normal", nxt="Normal", ui=10, qformat=True,
              ppr='<w:spacing w:before="240" w:after="240" w:line="240" w:lineRule="auto"/>'
                  + NO_INDENT + JC_CENTER,
              rpr=XBS + '<w:sz w:val="44"/><w:szCs w:val="44"/>'),
        style("ListParagraph", "List Paragraph", based="Normal", ui=34, qformat=True,
              ppr='<w:ind w:firstLineChars="200" w:firstLine="420"/>'),
        style("Caption", "caption", based="Normal", nxt="Normal", ui=35, unhide=True, qformat=True,
              ppr=NO_INDENT + JC_CENTER, rpr=KAI + '<w:sz w:val="28"/><w:szCs w:val="28"/>'),
        style("TableGrid", "Table Grid", kind="table", based="TableNormal", ui=39,
              tblpr=GRID_BORDERS),
        style("Hyperlink", "Hyperlink", kind="character", based="DefaultParagraphFont", ui=99,
              unhide=True, rpr='<w:color w:val="0563C1"/><w:u w:val="single"/>'),
    ] + list(extra)


NOTE_STYLES = [
    style("FootnoteText", "footnote text", based="Normal", ui=99, semi=True, unhide=True,
          ppr='<w:snapToGrid w:val="0"/>' + NO_INDENT + '<w:jc w:val="left"/>',
          rpr='<w:sz w:val="18"/><w:szCs w:val="18"/>'),
    style("FootnoteReference", "footnote reference", kind="character", based="DefaultParagraphFont",
          ui=99, semi=True, unhide=True, rpr='<w:vertAlign w:val="superscript"/>'),
    style("EndnoteText", "endnote text", based="Normal", ui=99, semi=True, unhide=True,
          ppr='<w:snapToGrid w:val="0"/>' + NO_INDENT + '<w:jc w:val="left"/>'),
    style("EndnoteReference", "endnote reference", kind="character", based="DefaultParagraphFont",
          ui=99, semi=True, unhide=True, rpr='<w:vertAlign w:val="superscript"/>'),
]
HF_STYLES = [
    style("Header", "header", based="Normal", ui=99, unhide=True,
          ppr='<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="auto"/></w:pBdr>'
              '<w:tabs><w:tab w:val="center" w:pos="4153"/><w:tab w:val="right" w:pos="8306"/></w:tabs>'
              '<w:snapToGrid w:val="0"/>' + NO_INDENT + JC_CENTER,
          rpr='<w:sz w:val="18"/><w:szCs w:val="18"/>'),
    style("Footer", "footer", based="Normal", ui=99, unhide=True,
          ppr='<w:tabs><w:tab w:val="center" w:pos="4153"/><w:tab w:val="right" w:pos="8306"/></w:tabs>'
              '<w:snapToGrid w:val="0"/>' + NO_INDENT + '<w:jc w:val="left"/>',
          rpr='<w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体"/><w:sz w:val="28"/><w:szCs w:val="28"/>'),
]


# ---------------------------------------------------------------------------
# Other parts
# ---------------------------------------------------------------------------


def settings_xml(track=False, even_odd=False, notes=False, extra_root=""):
    s = XML_DECL + f"<w:settings {NS_DECL}{extra_root}" + ' mc:Ignorable="w14 w15 wp14">'
    s += '<w:zoom w:percent="100"/><w:bordersDoNotSurroundHeader/><w:bordersDoNotSurroundFooter/>'
    if track:
        s += "<w:trackRevisions/>"
    s += '<w:defaultTabStop w:val="420"/>'
    if even_odd:
        s += "<w:evenAndOddHeaders/>"
    s += ('<w:drawingGridVerticalSpacing w:val="156"/><w:displayHorizontalDrawingGridEvery w:val="0"/>'
          '<w:displayVerticalDrawingGridEvery w:val="2"/>'
          '<w:characterSpacingControl w:val="compressPunctuation"/>')
    if notes:
        s += ('<w:footnotePr><w:footnote w:id="-1"/><w:footnote w:id="0"/></w:footnotePr>'
              '<w:endnotePr><w:endnote w:id="0"/><w:endnote w:id="1"/></w:endnotePr>')
    s += ('<w:compat><w:spaceForUL/><w:balanceSingleByteDoubleByteWidth/><w:doNotLeaveBackslashAlone/>'
          '<w:ulTrailSpace/><w:doNotExpandShiftReturn/><w:adjustLineHeightInTable/><w:useFELayout/>'
          '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
          'w:val="15"/></w:compat>'
          '<w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/>'
          '<w:decimalSymbol w:val="."/><w:listSeparator w:val=","/></w:settings>')
    return s


FONTS = [
    ("Times New Roman", "00", "roman", "02020603050405020304"),
    ("宋体", "86", "auto", "02010600030101010101"),
    ("仿宋_GB2312", "86", "modern", "02010609030101010101"),
    ("黑体", "86", "modern", "02010609060101010101"),
    ("楷体_GB2312", "86", "modern", "02010609030101010101"),
    ("方正小标宋简体", "86", "script", "02000000000000000000"),
]


def font_table_xml():
    s = XML_DECL + f'<w:fonts xmlns:mc="{NAMESPACES[1][1]}" xmlns:r="{R_NS}" xmlns:w="{W}">'
    for name, charset, family, panose in FONTS:
        s += (f'<w:font w:name="{name}"><w:panose1 w:val="{panose}"/><w:charset w:val="{charset}"/>'
              f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>')
    return s + "</w:fonts>"


def core_xml(title, created, creator=AUTHOR):
    return (XML_DECL + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
            'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{escape(title)}</dc:title><dc:creator>{escape(creator)}</dc:creator>"
            f"<cp:lastModifiedBy>{escape(creator)}</cp:lastModifiedBy><cp:revision>3</cp:revision>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{created}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{DATE}</dcterms:modified>'
            "</cp:coreProperties>")


def app_xml(application, paragraphs, version="16.0000"):
    ver = f"<AppVersion>{version}</AppVersion>" if version else ""
    return (XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
            'docPropsVTypes"><Template>Normal.dotm</Template><TotalTime>12</TotalTime><Pages>1</Pages>'
            f"<Words>0</Words><Characters>0</Characters><Application>{escape(application)}</Application>"
            f"<DocSecurity>0</DocSecurity><Lines>1</Lines><Paragraphs>{paragraphs}</Paragraphs>"
            "<ScaleCrop>false</ScaleCrop><Company></Company><LinksUpToDate>false</LinksUpToDate>"
            "<CharactersWithSpaces>0</CharactersWithSpaces><SharedDoc>false</SharedDoc>"
            f"<HyperlinksChanged>false</HyperlinksChanged>{ver}</Properties>")


def sect_pr(refs="", titlepg=False, landscape=False, stype="",
            grid='<w:docGrid w:type="lines" w:linePitch="579"/>'):
    if landscape:
        size = '<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>'
        mar = ('<w:pgMar w:top="1588" w:right="2098" w:bottom="1474" w:left="1984" '
               'w:header="851" w:footer="992" w:gutter="0"/>')
    else:
        size = '<w:pgSz w:w="11906" w:h="16838"/>'
        mar = ('<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" '
               'w:header="851" w:footer="992" w:gutter="0"/>')
    t = f'<w:type w:val="{stype}"/>' if stype else ""
    return (f'<w:sectPr>{refs}{t}{size}{mar}<w:cols w:space="425"/>'
            + ("<w:titlePg/>" if titlepg else "") + grid + "</w:sectPr>")


# ---------------------------------------------------------------------------
# Images, built byte by byte
# ---------------------------------------------------------------------------


def png(w, h, rgb):
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))
    # zlib stream with one stored block: independent of the zlib build.
    stream = (b"\x78\x01" + b"\x01" + struct.pack("<HH", len(raw), len(raw) ^ 0xFFFF) + raw
              + struct.pack(">I", zlib.adler32(raw)))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", stream) + chunk(b"IEND", b""))


def _huffman(bits, vals):
    codes, code, k = {}, 0, 0
    for length in range(1, 17):
        for _ in range(bits[length - 1]):
            codes[vals[k]] = (code, length)
            code += 1
            k += 1
        code <<= 1
    return codes


def jpeg(w, h, rgb):
    """A baseline JFIF of a solid colour: 4:4:4 YCbCr, all-ones quantisation,
    the standard luminance DC table and a two-symbol AC table (only EOB used)."""
    assert w % 8 == 0 and h % 8 == 0
    r, g, b = rgb
    ycc = (0.299 * r + 0.587 * g + 0.114 * b,
           128 - 0.168736 * r - 0.331264 * g + 0.5 * b,
           128 + 0.5 * r - 0.418688 * g - 0.081312 * b)
    dcs = [int(round(8 * (c - 128))) for c in ycc]
    dc_bits = [0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0]
    dc_vals = list(range(12))
    ac_bits = [0, 2] + [0] * 14
    ac_vals = [0x00, 0x01]
    dc_codes, ac_codes = _huffman(dc_bits, dc_vals), _huffman(ac_bits, ac_vals)
    out_bits = []

    def put(code, length):
        for i in range(length - 1, -1, -1):
            out_bits.append((code >> i) & 1)

    pred = [0, 0, 0]
    for _ in range((w // 8) * (h // 8)):
        for c in range(3):
            diff = dcs[c] - pred[c]
            pred[c] = dcs[c]
            cat = abs(diff).bit_length()
            put(*dc_codes[cat])
            if cat:
                put(diff if diff > 0 else diff + (1 << cat) - 1, cat)
            put(*ac_codes[0x00])  # EOB
    while len(out_bits) % 8:
        out_bits.append(1)
    scan = bytearray()
    for i in range(0, len(out_bits), 8):
        byte = int("".join(map(str, out_bits[i:i + 8])), 2)
        scan.append(byte)
        if byte == 0xFF:
            scan.append(0x00)

    def seg(marker, data):
        return bytes([0xFF, marker]) + struct.pack(">H", len(data) + 2) + data

    return (b"\xFF\xD8"
            + seg(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")
            + seg(0xDB, b"\x00" + b"\x01" * 64)
            + seg(0xC0, struct.pack(">BHHB", 8, h, w, 3) + b"\x01\x11\x00\x02\x11\x00\x03\x11\x00")
            + seg(0xC4, b"\x00" + bytes(dc_bits) + bytes(dc_vals))
            + seg(0xC4, b"\x10" + bytes(ac_bits) + bytes(ac_vals))
            + seg(0xDA, b"\x03\x01\x00\x02\x00\x03\x00\x00\x3F\x00")
            + bytes(scan) + b"\xFF\xD9")


def gif(w, h, rgb):
    """GIF89a, two-colour palette, LZW with a clear code every two pixels so
    the code width stays at 3 bits."""
    codes = []
    for _ in range(w * h // 2):
        codes += [4, 0, 0]
    codes.append(5)
    acc = nbits = 0
    data = bytearray()
    for c in codes:
        acc |= c << nbits
        nbits += 3
        while nbits >= 8:
            data.append(acc & 0xFF)
            acc >>= 8
            nbits -= 8
    if nbits:
        data.append(acc & 0xFF)
    blocks = b"".join(bytes([len(data[i:i + 255])]) + bytes(data[i:i + 255]) for i in range(0, len(data), 255))
    return (b"GIF89a" + struct.pack("<HHBBB", w, h, 0x80, 0, 0) + bytes(rgb) + b"\x00\x00\x00"
            + b"," + struct.pack("<HHHHB", 0, 0, w, h, 0) + b"\x02" + blocks + b"\x00;")


def bmp(w, h, rgb):
    row = bytes((rgb[2], rgb[1], rgb[0])) * w
    row += b"\x00" * ((4 - len(row) % 4) % 4)
    pixels = row * h
    return (b"BM" + struct.pack("<IHHI", 54 + len(pixels), 0, 0, 54)
            + struct.pack("<IiiHHIIiiII", 40, w, h, 1, 24, 0, len(pixels), 2835, 2835, 0, 0) + pixels)


def emf(rgb, px=32):
    """EMR_HEADER, a solid brush, a rectangle, EMR_EOF."""
    colour = rgb[0] | (rgb[1] << 8) | (rgb[2] << 16)
    body = (struct.pack("<IIIIII", 39, 24, 1, 0, colour, 0)  # CREATEBRUSHINDIRECT
            + struct.pack("<III", 37, 12, 1)  # SELECTOBJECT
            + struct.pack("<II4i", 43, 24, 0, 0, px - 1, px - 1)  # RECTANGLE
            + struct.pack("<III", 40, 12, 1)  # DELETEOBJECT
            + struct.pack("<IIIII", 14, 20, 0, 16, 20))  # EOF
    size = 108 + len(body)
    frame = px * 2540 // 96
    header = (struct.pack("<II4i4i", 1, 108, 0, 0, px - 1, px - 1, 0, 0, frame, frame)
              + struct.pack("<IIIIHHIII", 0x464D4520, 0x00010000, size, 6, 2, 0, 0, 0, 0)
              + struct.pack("<2i2i", 1024, 768, 271, 203)
              + struct.pack("<III", 0, 0, 0)
              + struct.pack("<2i", 270933, 203200))
    assert len(header) == 108
    return header + body


def cfb_empty():
    """A valid, empty OLE compound file (v3, 512-byte sectors): header, one
    FAT sector, one directory sector holding only the root entry."""
    endc, free, fatsect, nostream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    header = (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\x00" * 16
              + struct.pack("<HHHHH", 0x003E, 0x0003, 0xFFFE, 9, 6) + b"\x00" * 6
              + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, endc, 0, endc, 0)
              + struct.pack("<I", 0) + struct.pack("<I", free) * 108)
    assert len(header) == 512
    fat = struct.pack("<II", fatsect, endc) + struct.pack("<I", free) * 126
    name = "Root Entry".encode("utf-16-le") + b"\x00\x00"
    root = (name.ljust(64, b"\x00") + struct.pack("<HBB", len(name), 5, 1)
            + struct.pack("<III", nostream, nostream, nostream) + b"\x00" * 16
            + struct.pack("<I", 0) + b"\x00" * 16 + struct.pack("<IQ", endc, 0))
    assert len(root) == 128
    empty = b"\x00" * 64 + struct.pack("<HBB", 0, 0, 0) + struct.pack("<III", nostream, nostream, nostream) + b"\x00" * 48
    assert len(empty) == 128
    return header + fat + root + empty * 3


# ---------------------------------------------------------------------------
# The package
# ---------------------------------------------------------------------------


class Fx:
    def __init__(self, name, title, application="Microsoft Office Word"):
        self.name = name
        self.title = title
        self.application = application
        self.blocks = []
        self.final_sect = sect_pr()
        self.styles = en_styles()
        self.settings = settings_xml()
        self.root = W_ROOT
        self.rels = []
        self.parts = {}  # name -> (bytes, content type or None)
        self.notes, self.headers, self.toc, self.outline, self.unsupported = [], [], [], [], []
        self.doc_transform = None
        self.custom_props = None
        self.app_version = "16.0000"
        self._docpr = 0
        self.created = "2024-03-01T08:00:00Z"
        self.rel(RT + "styles", "styles.xml")
        self.rel(RT + "settings", "settings.xml")
        self.rel(RT + "fontTable", "fontTable.xml")

    def rel(self, rtype, target, external=False):
        rid = f"rId{len(self.rels) + 1}"
        self.rels.append((rid, rtype, target, external))
        return rid

    def part(self, name, data, ctype=None):
        self.parts[name] = (data.encode("utf-8") if isinstance(data, str) else data, ctype)

    def docpr(self):
        self._docpr += 1
        return self._docpr

    def add(self, *blocks):
        self.blocks.extend(blocks)

    def expect_text(self):
        lines = [line for b in self.blocks for line in b.lines]
        for head, extra in (("NOTES:", self.notes), ("HEADERS:", self.headers), ("TOC:", self.toc)):
            if extra:
                lines += [head] + extra
        return "".join(line + "\n" for chunk in lines for line in chunk.split("\n"))

    def document_xml(self):
        body = "".join(b.xml for b in self.blocks) + self.final_sect
        doc = XML_DECL + f"<w:document {self.root}><w:body>{body}</w:body></w:document>"
        return self.doc_transform(doc) if self.doc_transform else doc

    def build(self):
        parts = dict(self.parts)
        overrides = {
            "word/document.xml": CT_W + "document.main+xml",
            "word/styles.xml": CT_W + "styles+xml",
            "word/settings.xml": CT_W + "settings+xml",
            "word/fontTable.xml": CT_W + "fontTable+xml",
            "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
            "docProps/app.xml": "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        }
        files = {
            "word/document.xml": self.document_xml().encode("utf-8"),
            "word/styles.xml": styles_xml(self.styles).encode("utf-8"),
            "word/settings.xml": self.settings.encode("utf-8"),
            "word/fontTable.xml": font_table_xml().encode("utf-8"),
            "docProps/core.xml": core_xml(self.title, self.created).encode("utf-8"),
            "docProps/app.xml": app_xml(self.application, len(self.blocks), self.app_version).encode("utf-8"),
        }
        pkg_rels = [("rId1", RT + "officeDocument", "word/document.xml"),
                    ("rId2", "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
                             "core-properties", "docProps/core.xml"),
                    ("rId3", RT + "extended-properties", "docProps/app.xml")]
        if self.custom_props:
            files["docProps/custom.xml"] = self.custom_props.encode("utf-8")
            overrides["docProps/custom.xml"] = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
            pkg_rels.append(("rId4", RT + "custom-properties", "docProps/custom.xml"))
        for name, (data, ctype) in parts.items():
            files[name] = data
            if ctype:
                overrides[name] = ctype
        files["_rels/.rels"] = (XML_DECL + f'<Relationships xmlns="{PKG_RELS}">' + "".join(
            f'<Relationship Id="{i}" Type="{t}" Target="{g}"/>' for i, t, g in pkg_rels)
            + "</Relationships>").encode("utf-8")
        files["word/_rels/document.xml.rels"] = (XML_DECL + f'<Relationships xmlns="{PKG_RELS}">' + "".join(
            f'<Relationship Id="{i}" Type="{t}" Target="{q(g)}"' + (' TargetMode="External"' if ext else "") + "/>"
            for i, t, g, ext in self.rels) + "</Relationships>").encode("utf-8")
        defaults = list(DEFAULT_TYPES)
        if any(n.endswith(".bin") for n in files):
            defaults.insert(0, ("bin", "application/vnd.openxmlformats-officedocument.oleObject"))
        ct = (XML_DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
              + "".join(f'<Default Extension="{e}" ContentType="{c}"/>' for e, c in defaults)
              + "".join(f'<Override PartName="/{n}" ContentType="{c}"/>' for n, c in sorted(overrides.items()))
              + "</Types>")
        order = ["[Content_Types].xml", "_rels/.rels"] + sorted(n for n in files if n != "_rels/.rels")
        files["[Content_Types].xml"] = ct.encode("utf-8")
        return zip_bytes([(n, files[n]) for n in order])


def zip_bytes(entries):
    import io
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            z.writestr(info, data, compresslevel=6)
    return buf.getvalue()


def hf_xml(tag, blocks):
    return (XML_DECL + f"<w:{tag} {W_ROOT}>" + "".join(b.xml for b in blocks) + f"</w:{tag}>")


# Drawing helpers ------------------------------------------------------------


def pic_graphic(rid, cx, cy, pic_id, fname):
    return (f'<a:graphic xmlns:a="{A}"><a:graphicData uri="{PIC}"><pic:pic xmlns:pic="{PIC}">'
            f'<pic:nvPicPr><pic:cNvPr id="{pic_id}" name="{fname}"/><pic:cNvPicPr>'
            '<a:picLocks noChangeAspect="1" noChangeArrowheads="1"/></pic:cNvPicPr></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr bwMode="auto"><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
            '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>')


def inline(graphic, cx, cy, did, name, extra_attrs="", locks=True):
    lock = (f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{A}" noChangeAspect="1"/>'
            "</wp:cNvGraphicFramePr>") if locks else "<wp:cNvGraphicFramePr/>"
    return (f'<w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"{extra_attrs}>'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
            f'<wp:docPr id="{did}" name="{q(name)}"/>{lock}{graphic}</wp:inline></w:drawing>')


def anchor(graphic, cx, cy, did, name, wrap='<wp:wrapSquare wrapText="bothSides"/>', h=0, v=0,
           rel_height=251659264, tail=""):
    return (f'<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
            f'relativeHeight="{rel_height}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
            '<wp:simplePos x="0" y="0"/>'
            f'<wp:positionH relativeFrom="column"><wp:posOffset>{h}</wp:posOffset></wp:positionH>'
            f'<wp:positionV relativeFrom="paragraph"><wp:posOffset>{v}</wp:posOffset></wp:positionV>'
            f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>{wrap}'
            f'<wp:docPr id="{did}" name="{q(name)}"/><wp:cNvGraphicFramePr/>{graphic}{tail}'
            "</wp:anchor></w:drawing>")


SIZE_REL = ('<wp14:sizeRelH relativeFrom="margin"><wp14:pctWidth>0</wp14:pctWidth></wp14:sizeRelH>'
            '<wp14:sizeRelV relativeFrom="margin"><wp14:pctHeight>0</wp14:pctHeight></wp14:sizeRelV>')

SHAPETYPE_202 = ('<v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
                 'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
                 '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>')

SHAPETYPE_75 = ('<v:shapetype id="_x0000_t75" coordsize="21600,21600" o:spt="75" o:preferrelative="t" '
                'path="m@4@5l@4@11@9@11@9@5xe" filled="f" stroked="f"><v:stroke joinstyle="miter"/>'
                "<v:formulas>"
                + "".join(f'<v:f eqn="{e}"/>' for e in (
                    "if lineDrawn pixelLineWidth 0", "sum @0 1 0", "sum 0 0 @1", "prod @2 1 2",
                    "prod @3 21600 pixelWidth", "prod @3 21600 pixelHeight", "sum @0 0 1", "prod @6 1 2",
                    "prod @7 21600 pixelWidth", "sum @8 21600 0", "prod @7 21600 pixelHeight",
                    "sum @10 21600 0"))
                + '</v:formulas><v:path o:extrusionok="f" gradientshapeok="t" o:connecttype="rect"/>'
                '<o:lock v:ext="edit" aspectratio="t"/></v:shapetype>')


def wsp_textbox(blocks, cx, cy, x=0, y=0, cnvpr=""):
    return (f"<wps:wsp>{cnvpr}<wps:cNvSpPr txBox=\"1\"/><wps:spPr><a:xfrm><a:off x=\"{x}\" y=\"{y}\"/>"
            f'<a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            '<a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln w="6350"><a:solidFill>'
            '<a:srgbClr val="000000"/></a:solidFill></a:ln></wps:spPr>'
            f"<wps:txbx><w:txbxContent>{''.join(b.xml for b in blocks)}</w:txbxContent></wps:txbx>"
            '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="91440" tIns="45720" rIns="91440" '
            'bIns="45720" anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr></wps:wsp>')


def pt(emu):
    return f"{emu / 12700:g}pt"


def textbox(fx, blocks, cx, cy, v=0):
    """A text box as Word 2010+ writes it: DrawingML in mc:Choice, the same
    text again in a VML fallback.  Its paragraphs follow the anchoring one."""
    did = fx.docpr()
    name = f"文本框 {did}"
    graphic = f'<a:graphic xmlns:a="{A}"><a:graphicData uri="{WPS_URI}">{wsp_textbox(blocks, cx, cy)}</a:graphicData></a:graphic>'
    choice = anchor(graphic, cx, cy, did, name, v=v, rel_height=251659264 + did, tail=SIZE_REL)
    fallback = (f"<w:pict>{SHAPETYPE_202}<v:shape id=\"{name}\" o:spid=\"_x0000_s{1025 + did}\" "
                f'type="#_x0000_t202" style="position:absolute;margin-left:0;margin-top:{pt(v)};'
                f"width:{pt(cx)};height:{pt(cy)};z-index:{did};visibility:visible;"
                'mso-wrap-style:square" fillcolor="white" strokeweight=".5pt"><v:textbox>'
                f"<w:txbxContent>{''.join(b.xml for b in blocks)}</w:txbxContent></v:textbox></v:shape></w:pict>")
    xml = (f'<w:r><mc:AlternateContent><mc:Choice Requires="wps">{choice}</mc:Choice>'
           f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r>")
    return F(xml, "", [line for b in blocks for line in b.lines])


def textbox_group(fx, boxes, cx, cy, gap=254000):
    """A group (wpg:wgp) of text boxes side by side, with a VML v:group fallback."""
    gid = fx.docpr()
    width = (cx - gap * (len(boxes) - 1)) // len(boxes)
    wsps, vml = [], []
    for i, blocks in enumerate(boxes):
        sid = fx.docpr()
        x = i * (width + gap)
        wsps.append(wsp_textbox(blocks, width, cy, x=x, cnvpr=f'<wps:cNvPr id="{sid}" name="文本框 {sid}"/>'))
        vml.append(f'<v:shape id="文本框 {sid}" o:spid="_x0000_s{1025 + sid}" type="#_x0000_t202" '
                   f'style="position:absolute;left:{x};top:0;width:{width};height:{cy};visibility:visible;'
                   'mso-wrap-style:square" fillcolor="white" strokeweight=".5pt"><v:textbox>'
                   f"<w:txbxContent>{''.join(b.xml for b in blocks)}</w:txbxContent></v:textbox></v:shape>")
    grp = (f'<wpg:wgp><wpg:cNvGrpSpPr/><wpg:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/>'
           f'<a:chOff x="0" y="0"/><a:chExt cx="{cx}" cy="{cy}"/></a:xfrm></wpg:grpSpPr>{"".join(wsps)}</wpg:wgp>')
    graphic = f'<a:graphic xmlns:a="{A}"><a:graphicData uri="{WPG_URI}">{grp}</a:graphicData></a:graphic>'
    choice = anchor(graphic, cx, cy, gid, f"组合 {gid}", wrap='<wp:wrapTopAndBottom/>', v=76200,
                    rel_height=251659264 + gid, tail=SIZE_REL)
    fallback = (f'<w:pict>{SHAPETYPE_202}<v:group id="组合 {gid}" o:spid="_x0000_s{1025 + gid}" '
                f'style="position:absolute;margin-left:0;margin-top:6pt;width:{pt(cx)};height:{pt(cy)};'
                f'z-index:{gid}" coordsize="{cx},{cy}">{"".join(vml)}</v:group></w:pict>')
    xml = (f'<w:r><mc:AlternateContent><mc:Choice Requires="wpg">{choice}</mc:Choice>'
           f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent></w:r>")
    return F(xml, "", [line for blocks in boxes for b in blocks for line in b.lines])


def image(fx, data, ext, cx, cy, floating=False, extra_attrs=""):
    n = sum(1 for p in fx.parts if p.startswith("word/media/")) + 1
    target = f"media/image{n}.{ext}"
    fx.part("word/" + target, data)
    rid = fx.rel(RT + "image", target)
    did = fx.docpr()
    graphic = pic_graphic(rid, cx, cy, 0, f"image{n}.{ext}")
    if floating:
        xml = anchor(graphic, cx, cy, did, f"图片 {did}", h=3600000, v=0, rel_height=251658240 + did)
    else:
        xml = inline(graphic, cx, cy, did, f"图片 {did}", extra_attrs)
    return F(f"<w:r><w:rPr><w:noProof/></w:rPr>{xml}</w:r>")


def cn(n):
    d = "零一二三四五六七八九"
    if n < 10:
        return d[n]
    if n < 20:
        return "十" + (d[n - 10] if n > 10 else "")
    return d[n // 10] + "十" + (d[n % 10] if n % 10 else "")


def caption(n, text):
    return P("图", FIELD(" SEQ 图 \\* ARABIC ", str(n)), "　" + text, style="Caption")


# ===========================================================================
# The fixtures
# ===========================================================================


def lvl(i, fmt, text, start=1, pstyle=None):
    return (f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            + (f'<w:pStyle w:val="{pstyle}"/>' if pstyle else "")
            + f'<w:suff w:val="nothing"/><w:lvlText w:val="{q(text)}"/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:left="0" w:firstLine="640"/></w:pPr></w:lvl>')


def abstract_num(aid, nsid, levels):
    levels = list(levels)
    for i in range(len(levels), 9):
        levels.append(lvl(i, "decimal", f"%{i + 1}."))
    return (f'<w:abstractNum w:abstractNumId="{aid}"><w:nsid w:val="{nsid}"/>'
            f'<w:multiLevelType w:val="multilevel"/><w:tmpl w:val="{nsid[::-1]}"/>'
            + "".join(levels) + "</w:abstractNum>")


def fx_numbering():
    fx = Fx("numbering", "关于进一步加强安全生产工作的实施意见")
    fx.styles = en_styles(h1_numpr='<w:numPr><w:numId w:val="1"/></w:numPr>', extra=[
        style("NumberedItem", "编号条目", based="Normal", ui=11, qformat=True, ppr=NUMPR(2, 1)),
    ])
    numbering = (XML_DECL + f"<w:numbering {W_ROOT}>"
                 + abstract_num(0, "1A2B3C01", [
                     lvl(0, "chineseCounting", "%1、", pstyle="Heading1"),
                     lvl(1, "chineseCounting", "（%2）"),
                     lvl(2, "decimal", "%3."),
                     lvl(3, "decimal", "（%4）"),
                     lvl(4, "decimalEnclosedCircle", "%5"),
                 ])
                 + abstract_num(1, "1A2B3C02", [
                     lvl(0, "chineseCountingThousand", "第%1项："),
                     lvl(1, "ideographTraditional", "%2、"),
                     lvl(2, "upperLetter", "%3."),
                     lvl(3, "lowerLetter", "%4)"),
                     lvl(4, "upperRoman", "%5."),
                     lvl(5, "lowerRoman", "%6."),
                     lvl(6, "decimalZero", "%7.", start=3),
                 ])
                 + abstract_num(2, "1A2B3C03", [
                     lvl(0, "upperLetter", "%1."),
                     lvl(1, "decimal", "%1.%2"),
                 ])
                 + '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
                 '<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="1">'
                 '<w:startOverride w:val="5"/></w:lvlOverride></w:num>'
                 '<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>'
                 '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>'
                 "</w:numbering>")
    fx.part("word/numbering.xml", numbering, CT_W + "numbering+xml")
    fx.rel(RT + "numbering", "numbering.xml")

    def h1(text, label):  # numbered by its style
        return P(text, style="Heading1", label=label)

    def h2(text, label, num=1):  # numbered in the paragraph
        return P(text, style="Heading2", ppr=NUMPR(1, num), label=label)

    def item(ilvl, text, label, num=1):
        return P(text, ppr=NUMPR(ilvl, num), label=label)

    typed_h1 = HEI
    fx.add(
        P("关于进一步加强安全生产工作的实施意见", style="Title"),
        P("为深入贯彻落实党中央、国务院关于安全生产工作的决策部署，有效防范化解重大安全风险，"
          "结合我市实际，提出如下实施意见。"),
        h1("总体要求", "一、"),
        h2("指导思想", "（一）"),
        P("坚持人民至上、生命至上，统筹发展和安全，牢固树立安全发展理念，全面落实安全生产责任制。"),
        h2("工作目标", "（二）"),
        P("到2025年底，全市生产安全事故起数和死亡人数持续下降。", style="NumberedItem", label="1."),
        P("重点行业领域安全监管实现全覆盖。隐患排查治理实现常态化、制度化。", style="NumberedItem", label="2."),
        item(3, "危险化学品企业每季度开展一次全面排查。排查结果纳入企业安全信用档案。", "（1）"),
        item(4, "储存设施每月专项检查一次。", "①"),
        item(4, "运输车辆每周动态抽查一次。", "②"),
        P("上述目标纳入各地年度绩效考核，考核结果向社会公开。", style="NumberedItem",
          ppr='<w:numPr><w:ilvl w:val="2"/><w:numId w:val="0"/></w:numPr>'),
        P("安全生产应急救援能力明显提升。", style="NumberedItem", label="3."),
        h1("主要任务", "二、"),
        h2("压实安全生产责任", "（一）"),
        P("各级党委和政府要把安全生产纳入重要议事日程，定期研究解决重大问题。"),
        item(2, "落实党政领导责任。党政主要负责人是本地区安全生产第一责任人，要亲自部署、亲自督查。", "1."),
        item(2, "落实部门监管责任。按照“管行业必须管安全”的要求，厘清部门职责边界。", "2."),
        h2("深化隐患排查治理", "（二）"),
        P("全面推行安全风险分级管控和隐患排查治理双重预防机制，建立隐患排查治理台账。"),
        h1("保障措施", "三、"),
        h2("加强组织领导", "（五）", num=2),
        P("各地要成立安全生产工作领导小组，由主要负责同志任组长。"),
        h2("强化监督考核", "（六）", num=2),
        P("将安全生产工作纳入领导班子和领导干部实绩考核内容。"),
        P(R("四、工作要求", typed_h1)),
        P(R("（一）明确责任分工", KAI)),
        P("各责任单位要对照以下要点开展自查："),
        item(0, "企业主体责任落实情况", "第一项：", num=3),
        item(1, "安全管理机构设置", "甲、", num=3),
        item(2, "主要负责人履职情况", "A.", num=3),
        item(3, "安全生产责任制制定情况", "a)", num=3),
        item(4, "制度文本", "I.", num=3),
        item(5, "签字确认", "i.", num=3),
        item(6, "存档备查", "03.", num=3),
        item(6, "定期复核", "04.", num=3),
        item(5, "公示上墙", "ii.", num=3),
        item(1, "隐患排查治理情况", "乙、", num=3),
        item(2, "排查台账建立情况", "A.", num=3),
        item(0, "部门监管责任落实情况", "第二项：", num=3),
        item(1, "执法检查计划执行情况", "甲、", num=3),
        P(R("（二）加强督促检查", KAI)),
        P("督查工作按以下安排进行："),
        item(0, "企业自查", "A.", num=4),
        item(1, "每月开展一次全面自查。", "A.1", num=4),
        item(1, "自查结果报属地监管部门备案。", "A.2", num=4),
        item(0, "部门抽查", "B.", num=4),
        item(1, "每季度随机抽取不少于10%的企业进行检查。", "B.1", num=4),
        P("各地各部门要于每年12月底前将落实情况报市安委会办公室。"),
    )
    fx.outline = [
        "关于进一步加强安全生产工作的实施意见",
        "  一、总体要求",
        "    （一）指导思想",
        "    （二）工作目标",
        "      1.到2025年底，全市生产安全事故起数和死亡人数持续下降。",
        "      2.重点行业领域安全监管实现全覆盖。",
        "        （1）危险化学品企业每季度开展一次全面排查。",
        "          ①储存设施每月专项检查一次。",
        "          ②运输车辆每周动态抽查一次。",
        "      3.安全生产应急救援能力明显提升。",
        "  二、主要任务",
        "    （一）压实安全生产责任",
        "      1.落实党政领导责任。",
        "      2.落实部门监管责任。",
        "    （二）深化隐患排查治理",
        "  三、保障措施",
        "    （五）加强组织领导",
        "    （六）强化监督考核",
        "  四、工作要求",
        "    （一）明确责任分工",
        "    （二）加强督促检查",
    ]
    return fx


def fx_tracked():
    fx = Fx("tracked", "在全市优化营商环境大会上的讲话")
    fx.settings = settings_xml(track=True)
    fx.styles = en_styles(extra=[
        style("CommentText", "annotation text", based="Normal", ui=99, semi=True, unhide=True,
              ppr='<w:jc w:val="left"/>'),
        style("CommentReference", "annotation reference", kind="character", based="DefaultParagraphFont",
              ui=99, semi=True, unhide=True, rpr='<w:sz w:val="21"/><w:szCs w:val="21"/>'),
    ])
    rev = Rev()
    rev2 = Rev(author="李娜")
    rev2.n = 100

    def comment_start(cid):
        return X(f'<w:commentRangeStart w:id="{cid}"/>')

    def comment_end(cid):
        return X(f'<w:commentRangeEnd w:id="{cid}"/><w:r><w:rPr><w:rStyle w:val="CommentReference"/>'
                 f'</w:rPr><w:commentReference w:id="{cid}"/></w:r>')

    comments = [("0", "王强", "WQ", "建议与会议通知的表述保持一致。"),
                ("1", "王强", "WQ", "“推绕拖”是否加注释？请斟酌。")]
    cxml = XML_DECL + f"<w:comments {W_ROOT}>"
    for cid, author, initials, text in comments:
        cxml += (f'<w:comment w:id="{cid}" w:author="{author}" w:date="2024-03-11T10:00:00Z" '
                 f'w:initials="{initials}"><w:p><w:pPr><w:pStyle w:val="CommentText"/></w:pPr>'
                 '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:annotationRef/></w:r>'
                 f"<w:r><w:t>{escape(text)}</w:t></w:r></w:p></w:comment>")
    cxml += "</w:comments>"
    fx.part("word/comments.xml", cxml, CT_W + "comments+xml")
    fx.rel(RT + "comments", "comments.xml")

    move_text = "企业开办时间压缩至1个工作日，"
    move_from = F(f'<w:moveFromRangeStart {rev.attrs()} w:name="move151"/>'
                  f"<w:moveFrom {rev.attrs()}><w:r>{run_content(move_text)}</w:r></w:moveFrom>"
                  f'<w:moveFromRangeEnd w:id="{rev.n - 1}"/>', "")
    move_to = F(f'<w:moveToRangeStart {rev.attrs()} w:name="move151"/>'
                f"<w:moveTo {rev.attrs()}><w:r>{run_content(move_text)}</w:r></w:moveTo>"
                f'<w:moveToRangeEnd w:id="{rev.n - 1}"/>', move_text)

    # A deleted paragraph mark: this paragraph and the next are one.
    part1 = P("有的部门服务意识不强，", mark=f"<w:del {rev.attrs()}/>")
    part2 = P("有的窗口仍然存在“", comment_start("1"), "推绕拖", comment_end("1"),
              "”现象，群众和企业反映强烈。")
    joined = Block(part1.xml + part2.xml, [part1.text + part2.text])

    # An inserted paragraph, and a deleted one (its text and its mark).
    inserted = P(rev2.ins(R("三是强化法治保障。加快制定优化营商环境条例实施细则，依法保护各类市场主体合法权益。")),
                 mark=f"<w:ins {rev2.attrs()}/>")
    deleted = P(rev2.dele("四是开展专项督查。由市委督查室牵头，每季度通报一次。"), mark=f"<w:del {rev2.attrs()}/>")
    deleted.lines = []

    fx.add(
        P("在全市优化营商环境大会上的讲话", style="Title"),
        P("同志们：", ppr=NO_INDENT),
        P("今天，我们召开全市优化营商环境大会，", rev.dele("主要任务是"), rev.ins("主要目的是"),
          comment_start("0"), "总结经验、查找不足、部署任务", comment_end("0"), "。"),
        P("一、充分肯定取得的成绩", style="Heading1"),
        P("过去一年，全市上下", rev.ins("坚持把优化营商环境作为“一号工程”，"), "持续深化“放管服”改革，",
          move_from, "市场主体活跃度明显提升。"),
        P("全年新增市场主体3.2万户，增长", rev.dele("12.5%"), rev.ins("15.3%"), "。"),
        P("二、清醒认识存在的差距", style="Heading1",
          tail=f"<w:pPrChange {rev.attrs()}><w:pPr/></w:pPrChange>"),
        joined,
        P("三、扎实抓好重点任务", style="Heading1"),
        P("一是提升审批效率。", move_to, "工程建设项目审批时间再压减20%。"),
        P("二是优化政务服务。推进“一网通办”，实现高频事项“掌上办”“就近办”。"),
        inserted,
        deleted,
        P("同志们，优化营商环境永远在路上。让我们", rev.dele("共同"), rev.ins("凝心聚力、"),
          "奋发有为，奋力开创全市高质量发展新局面！"),
    )
    fx.outline = [
        "在全市优化营商环境大会上的讲话",
        "  一、充分肯定取得的成绩",
        "  二、清醒认识存在的差距",
        "  三、扎实抓好重点任务",
        "    一是提升审批效率。",
        "    二是优化政务服务。",
        "    三是强化法治保障。",
    ]
    return fx


def fx_textbox():
    fx = Fx("textbox", "关于开展“文明城市创建”宣传月活动的通知")
    box = '<w:spacing w:line="240" w:lineRule="auto"/>' + NO_INDENT + JC_CENTER
    small = '<w:sz w:val="28"/><w:szCs w:val="28"/>'
    box1 = [P(R("活动口号", HEI + small), ppr=box),
            P(R("文明城市　人人共建　共建共享　美好家园", small), ppr=box)]
    online = [P(R("线上板块", HEI + small), ppr=box),
              P(R("“文明随手拍”作品征集", small), ppr=box)]
    offline = [P(R("线下板块", HEI + small), ppr=box),
               P(R("“文明志愿行”集中服务日", small), ppr=box)]
    fx.add(
        P("关于开展“文明城市创建”宣传月活动的通知", style="Title"),
        P("各区县、市直各部门：", ppr=NO_INDENT),
        P(textbox(fx, box1, 2286000, 914400, v=76200),
          "为深入推进全国文明城市创建工作，营造人人参与、人人共建的良好氛围，市文明办决定于2024年4月"
          "开展“文明城市创建”宣传月活动。现将有关事项通知如下。"),
        P("一、活动时间", style="Heading1"),
        P("2024年4月1日至4月30日。"),
        P("二、活动内容", style="Heading1"),
        P("活动分线上、线下两个板块同步开展。", textbox_group(fx, [online, offline], 5334000, 685800)),
        P("各区县要结合实际，组织开展形式多样的宣传活动。"),
        P("三、工作要求", style="Heading1"),
        P("（一）加强组织领导。各单位要高度重视，明确专人负责，确保活动取得实效。"),
        P("（二）注重宣传实效。要创新宣传方式，扩大活动覆盖面和影响力。"),
        P("各单位请于5月10日前将活动开展情况报市文明办。"),
        P("市文明办", ppr=JC_RIGHT),
        P("2024年3月25日", ppr=JC_RIGHT),
    )
    fx.outline = [
        "关于开展“文明城市创建”宣传月活动的通知",
        "  一、活动时间",
        "  二、活动内容",
        "  三、工作要求",
        "    （一）加强组织领导。",
        "    （二）注重宣传实效。",
    ]
    return fx


def fx_tables():
    fx = Fx("tables", "2024年城市更新重点项目推进方案")
    grid = [900, 2200, 3800, 1800]
    cell = NO_INDENT + JC_CENTER
    left = NO_INDENT + '<w:jc w:val="left"/>'

    def c(text, i, **kw):
        return TC(P(text, ppr=cell), w=grid[i], **kw)

    head = '<w:b/><w:bCs/>'
    nested = TBL([1800, 1800],
                 TR(TC(P("一期", ppr=cell), w=1800), TC(P("15公里", ppr=cell), w=1800)),
                 TR(TC(P("二期", ppr=cell), w=1800), TC(P("20公里", ppr=cell), w=1800)))
    table = TBL(
        grid,
        TR(*[TC(P(R(t, head), ppr=cell), w=grid[i]) for i, t in enumerate(("序号", "项目名称", "建设内容", "责任单位"))],
           header=True, height=454),
        TR(c("1", 0), c("老旧小区改造", 1),
           TC(P("完成改造老旧小区42个。", ppr=left), P("同步加装电梯60部。", ppr=left), w=grid[2]),
           c("市住建局", 3, vmerge="restart")),
        TR(c("2", 0), TC(P("背街小巷整治：打通断头路8条，整治街巷35条", ppr=left), w=grid[1] + grid[2], span=2),
           TC(P(ppr=cell), w=grid[3], vmerge="continue")),
        TR(c("3", 0), c("城市绿道建设", 1),
           TC(nested, P("合计建设绿道35公里。", ppr=left), w=grid[2]),
           TC(P(ppr=cell), w=grid[3], vmerge="continue")),
    )
    fx.add(
        P("2024年城市更新重点项目推进方案", style="Title"),
        P("为加快推进城市更新行动，提升城市功能品质，结合我市实际，制定本方案。"),
        P("一、重点项目安排", style="Heading1"),
        P("2024年，全市共安排城市更新重点项目3大类，具体安排见表1。"),
        P("表1　2024年城市更新重点项目安排表", style="Caption"),
        table,
        P("注：表中项目按开工时间先后排列。", ppr=NO_INDENT),
        P("二、推进措施", style="Heading1"),
        P("（一）强化要素保障", style="Heading2"),
        P("各责任单位要加强资金、土地等要素保障，确保项目按期推进。"),
        P("（二）加强调度督导", style="Heading2"),
        P("市城市更新工作专班每月调度一次项目进展，对滞后项目及时督办。"),
    )
    fx.outline = [
        "2024年城市更新重点项目推进方案",
        "  一、重点项目安排",
        "  二、推进措施",
        "    （一）强化要素保障",
        "    （二）加强调度督导",
    ]
    return fx


def fx_images():
    fx = Fx("images", "2024年一季度城市建设进展图文简报")
    c = SINGLE + NO_INDENT + JC_CENTER
    fx.add(
        P("2024年一季度城市建设进展图文简报", style="Title"),
        P("一季度以来，全市城市建设工作稳步推进，现将主要进展情况简报如下。"),
        P("一、老旧小区改造", style="Heading1"),
        P("全市已开工改造老旧小区18个，完成投资2.3亿元。"),
        P(image(fx, png(16, 16, (0x2E, 0x7D, 0x32)), "png", 1440000, 1440000), ppr=c),
        caption(1, "改造后的小区入口（示意）"),
        P("二、背街小巷整治", style="Heading1"),
        P(image(fx, jpeg(16, 16, (0xC6, 0x28, 0x28)), "jpeg", 1440000, 1440000), ppr=c),
        caption(2, "整治后的街巷风貌（示意）"),
        P(image(fx, png(16, 16, (0x15, 0x65, 0xC0)), "png", 1080000, 1080000, floating=True),
          "背街小巷整治后，沿街立面焕然一新，群众满意度明显提升。右图为整治前后对比示意。"),
        caption(3, "整治前后对比（浮动图片）"),
        P("三、城市绿化提升", style="Heading1"),
        P("新建口袋公园12个，新增绿地面积8.6万平方米。"),
        P(image(fx, gif(16, 16, (0xF9, 0xA8, 0x25)), "gif", 1080000, 1080000), ppr=c),
        caption(4, "口袋公园鸟瞰（GIF）"),
        P(image(fx, bmp(16, 16, (0x6A, 0x1B, 0x9A)), "bmp", 1080000, 1080000), ppr=c),
        caption(5, "绿道夜景（BMP）"),
        P(image(fx, emf((0xEF, 0x6C, 0x00)), "emf", 1080000, 1080000), ppr=c),
        caption(6, "口袋公园平面示意图（EMF矢量图）"),
        P("下一步，将继续加快项目建设进度，确保按期完成年度目标任务。"),
    )
    fx.outline = [
        "2024年一季度城市建设进展图文简报",
        "  一、老旧小区改造",
        "  二、背街小巷整治",
        "  三、城市绿化提升",
    ]
    return fx


def fx_notes():
    fx = Fx("notes", "关于2023年度全市财政预算执行情况的报告")
    fx.settings = settings_xml(notes=True)
    fx.styles = en_styles(extra=NOTE_STYLES)
    sep = ('<w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p>')
    cont = ('<w:p><w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/>'
            "</w:r></w:p>")
    footnotes = [
        (1, ["数据为快报数，最终以决算数为准。"]),
        (2, ["税收收入包括增值税、企业所得税、个人所得税等主要税种。",
             "非税收入主要为专项收入和国有资源（资产）有偿使用收入。"]),
        (3, ["含国有土地使用权出让收入及城市基础设施配套费收入。"]),
    ]
    endnotes = [
        (2, ["民生支出口径按照财政部有关规定确定。"]),
        (3, ["国有资本经营预算收入主要来源于市属国有企业利润上缴。"]),
    ]

    def notes_xml(tag, seps, notes, pstyle, rstyle, ref):
        s = XML_DECL + f"<w:{tag}s {W_ROOT}>"
        for nid, kind, body in seps:
            s += f'<w:{tag} w:type="{kind}" w:id="{nid}">{body}</w:{tag}>'
        for nid, paras in notes:
            s += f'<w:{tag} w:id="{nid}">'
            for i, text in enumerate(paras):
                mark = (f'<w:r><w:rPr><w:rStyle w:val="{rstyle}"/></w:rPr><w:{ref}/></w:r>'
                        '<w:r><w:t xml:space="preserve"> </w:t></w:r>') if i == 0 else ""
                s += f'<w:p><w:pPr><w:pStyle w:val="{pstyle}"/></w:pPr>{mark}<w:r>{run_content(text)}</w:r></w:p>'
            s += f"</w:{tag}>"
        return s + f"</w:{tag}s>"

    fx.part("word/footnotes.xml",
            notes_xml("footnote", [(-1, "separator", sep), (0, "continuationSeparator", cont)],
                      footnotes, "FootnoteText", "FootnoteReference", "footnoteRef"),
            CT_W + "footnotes+xml")
    fx.part("word/endnotes.xml",
            notes_xml("endnote", [(0, "separator", sep), (1, "continuationSeparator", cont)],
                      endnotes, "EndnoteText", "EndnoteReference", "endnoteRef"),
            CT_W + "endnotes+xml")
    fx.rel(RT + "footnotes", "footnotes.xml")
    fx.rel(RT + "endnotes", "endnotes.xml")

    def fn(nid):
        return X(f'<w:r><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr><w:footnoteReference w:id="{nid}"/></w:r>')

    def en(nid):
        return X(f'<w:r><w:rPr><w:rStyle w:val="EndnoteReference"/></w:rPr><w:endnoteReference w:id="{nid}"/></w:r>')

    fx.add(
        P("关于2023年度全市财政预算执行情况的报告", style="Title"),
        P("主任、各位副主任、秘书长、各位委员：", ppr=NO_INDENT),
        P("受市人民政府委托，现将2023年度全市财政预算执行情况报告如下，请予审议。"),
        P("一、一般公共预算执行情况", style="Heading1"),
        P("全市一般公共预算收入完成356.8亿元", fn(1), "，同比增长6.2%。其中，税收收入占比达到78.5%", fn(2), "。"),
        P("全市一般公共预算支出完成512.3亿元，民生支出占比保持在80%以上", en(2), "。"),
        P("二、政府性基金预算执行情况", style="Heading1"),
        P("全市政府性基金预算收入完成210.4亿元", fn(3), "，同比下降8.7%，主要是国有土地使用权出让收入减少。"),
        P("三、国有资本经营预算执行情况", style="Heading1"),
        P("全市国有资本经营预算收入完成8.6亿元", en(3), "，全部按规定调入一般公共预算统筹使用。"),
        P("四、下一步工作安排", style="Heading1"),
        P("（一）着力培植财源税源。", "加强重点税源企业跟踪服务，确保应收尽收。"),
        P("（二）持续优化支出结构。", "坚持过紧日子，严控一般性支出，集中财力保障重点领域。"),
        P("（三）严格防范债务风险。", "落实政府债务限额管理，坚决遏制隐性债务增量。"),
    )
    fx.notes = [t for _, paras in footnotes for t in paras] + [t for _, paras in endnotes for t in paras]
    fx.outline = [
        "关于2023年度全市财政预算执行情况的报告",
        "  一、一般公共预算执行情况",
        "  二、政府性基金预算执行情况",
        "  三、国有资本经营预算执行情况",
        "  四、下一步工作安排",
        "    （一）着力培植财源税源。",
        "    （二）持续优化支出结构。",
        "    （三）严格防范债务风险。",
    ]
    return fx


TOC_DOC = [
    (1, "一、总体要求", [(2, "（一）指导思想"), (2, "（二）主要目标")]),
    (1, "二、重点任务", [(2, "（一）加快乡村信息基础设施建设"), (2, "（二）发展农村数字经济"),
                    (2, "（三）提升乡村数字治理水平")]),
    (1, "三、保障措施", []),
]
TOC_BODY = {
    "一、总体要求": "以习近平新时代中国特色社会主义思想为指导，坚持农业农村优先发展，着力发挥信息化在推进乡村振兴中的驱动作用。",
    "（一）指导思想": "坚持统筹谋划、整体推进，坚持改革引领、创新驱动，坚持因地制宜、分类指导。",
    "（二）主要目标": "到2025年，全市数字乡村建设取得重要进展，乡村4G深化普及、5G创新应用。",
    "二、重点任务": "围绕数字乡村建设重点领域，统筹推进以下工作。",
    "（一）加快乡村信息基础设施建设": "推进农村光纤网络、移动通信网络提档升级，实现行政村5G网络全覆盖。",
    "（二）发展农村数字经济": "推动农业生产智能化、经营网络化，培育农村电商新业态。",
    "（三）提升乡村数字治理水平": "推进“互联网+政务服务”向乡村延伸，提升村级事务管理智慧化水平。",
    "三、保障措施": "各地要加强组织领导，加大资金投入，强化人才支撑，确保各项任务落到实处。",
}


def toc_headings():
    out = []
    for lvl_, text, subs in TOC_DOC:
        out.append((lvl_, text))
        out.extend(subs)
    return out


def fx_toc():
    fx = Fx("toc", "关于加快推进数字乡村建设的实施方案")
    fx.styles = en_styles(extra=[
        style("TOCHeading", "TOC Heading", based="Heading1", nxt="Normal", ui=39, unhide=True, qformat=True,
              ppr='<w:widowControl/><w:spacing w:before="240" w:line="259" w:lineRule="auto"/>' + NO_INDENT
                  + '<w:jc w:val="center"/><w:outlineLvl w:val="9"/>'),
        style("TOC1", "toc 1", based="Normal", nxt="Normal", ui=39, unhide=True, ppr=NO_INDENT),
        style("TOC2", "toc 2", based="Normal", nxt="Normal", ui=39, unhide=True,
              ppr='<w:ind w:leftChars="200" w:left="420" w:firstLineChars="0" w:firstLine="0"/>'),
    ])
    heads = toc_headings()
    tabs = '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8834"/></w:tabs>'
    entries = []
    for i, (level, text) in enumerate(heads):
        bm = f"_Toc16{i:04d}"
        page = str(2 + i // 3)
        link = (f'<w:hyperlink w:anchor="{bm}" w:history="1">{R(text).xml}'
                f'<w:r><w:webHidden/><w:tab/></w:r>'
                + FIELD(f" PAGEREF {bm} \\h ", page, "<w:webHidden/>").xml + "</w:hyperlink>")
        begin = ""
        if i == 0:
            begin = ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                     '<w:r><w:instrText xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r>'
                     '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')
        entries.append(P(X(begin + link), style=f"TOC{level}", ppr=tabs, mark="<w:noProof/>", lines=[]))
        fx.toc.append(text)
    end = P(X('<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:fldChar w:fldCharType="end"/></w:r>'), lines=[])
    title = P("目录", style="TOCHeading", lines=[])
    fx.toc.insert(0, "目录")
    inner = title.xml + "".join(e.xml for e in entries) + end.xml
    sdt = Block('<w:sdt><w:sdtPr><w:id w:val="-1520461284"/><w:docPartObj>'
                '<w:docPartGallery w:val="Table of Contents"/><w:docPartUnique/></w:docPartObj></w:sdtPr>'
                '<w:sdtEndPr><w:rPr><w:b/><w:bCs/></w:rPr></w:sdtEndPr>'
                f"<w:sdtContent>{inner}</w:sdtContent></w:sdt>", [])
    fx.add(sdt, P("关于加快推进数字乡村建设的实施方案", style="Title", ppr="<w:pageBreakBefore/>"))
    for i, (level, text) in enumerate(heads):
        fx.add(P(BOOKMARK(100 + i, f"_Toc16{i:04d}", text), style=f"Heading{level}"),
               P(TOC_BODY[text]))
    fx.outline = ["关于加快推进数字乡村建设的实施方案"] + ["  " * lv + t for lv, t in heads]
    return fx


BARE_DOC = [
    (1, "一、2023年工作回顾", [(2, "（一）经济运行稳中向好"), (2, "（二）改革开放持续深化")]),
    (1, "二、2024年工作安排", [(2, "（一）扩大有效投资"), (2, "（二）提振消费需求")]),
]
BARE_BODY = {
    "一、2023年工作回顾": "2023年，面对复杂严峻的外部环境，全区上下攻坚克难，较好完成了全年目标任务。",
    "（一）经济运行稳中向好": "全年实现地区生产总值1286亿元，增长5.8%，高于全市平均水平。",
    "（二）改革开放持续深化": "营商环境评价位居全市前列，实际利用外资增长12%。",
    "二、2024年工作安排": "2024年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右。",
    "（一）扩大有效投资": "全年实施重点项目120个，完成投资380亿元以上。",
    "（二）提振消费需求": "培育壮大新型消费，办好系列促消费活动。",
}


def fx_toc_bare():
    fx = Fx("toc-bare", "2023年区政府工作总结和2024年工作安排",
            application="LibreOffice/7.5.9.2$Linux_X86_64 LibreOffice_project/cdeefe45c17511d326101eed8008ac4092f278a9")
    fx.app_version = "15.0000"
    fx.styles = en_styles(extra=[
        style("ContentsHeading", "TOC Heading", based="Heading1", ppr=NO_INDENT + JC_CENTER + '<w:outlineLvl w:val="9"/>'),
        style("Contents1", "toc 1", based="Normal", ppr=NO_INDENT),
        style("Contents2", "toc 2", based="Normal",
              ppr='<w:ind w:left="640" w:firstLineChars="0" w:firstLine="0"/>'),
    ])
    heads = [(lv, t) for lv0, t0, subs in BARE_DOC for lv, t in [(lv0, t0)] + subs]
    tabs = '<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="8844"/></w:tabs>'
    blocks = [P(X('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
                  '<w:r><w:instrText xml:space="preserve"> TOC \\f \\o "1-9" \\h</w:instrText></w:r>'
                  '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'), R("目　录"),
                style="ContentsHeading", lines=[])]
    fx.toc.append("目　录")
    for i, (level, text) in enumerate(heads):
        anchor_name = f"__RefHeading___Toc{1000 + 2 * i}_3621480512"
        end = '<w:r><w:fldChar w:fldCharType="end"/></w:r>' if i == len(heads) - 1 else ""
        blocks.append(P(X(f'<w:hyperlink w:anchor="{anchor_name}">' + R(f"{text}\t{1 + i // 2}").xml
                          + "</w:hyperlink>" + end), style=f"Contents{level}", ppr=tabs, lines=[]))
        fx.toc.append(text)
    fx.add(*blocks)
    fx.add(P("2023年区政府工作总结和2024年工作安排", style="Title"))
    for i, (level, text) in enumerate(heads):
        fx.add(P(BOOKMARK(i, f"__RefHeading___Toc{1000 + 2 * i}_3621480512", text), style=f"Heading{level}"),
               P(BARE_BODY[text]))
    fx.outline = ["2023年区政府工作总结和2024年工作安排"] + ["  " * lv + t for lv, t in heads]
    return fx


def fx_headers():
    fx = Fx("headers", "X市人民政府办公室关于做好2024年防汛工作的通知")
    fx.settings = settings_xml(even_odd=True)
    fx.styles = en_styles(extra=HF_STYLES)
    page_rpr = '<w:rFonts w:ascii="宋体" w:hAnsi="宋体"/><w:sz w:val="28"/><w:szCs w:val="28"/>'

    def footer(page, jc):
        return P(R("— ", page_rpr), FIELD(" PAGE ", page, page_rpr), R(" —", page_rpr), style="Footer",
                 ppr=f'<w:jc w:val="{jc}"/>')

    hf = {
        ("header", "default"): [P("X市人民政府办公室", style="Header")],
        ("header", "even"): [P("X府办发〔2024〕12号", style="Header")],
        ("header", "first"): [P(R("X市人民政府办公室文件", '<w:color w:val="FF0000"/>'), style="Header")],
        ("footer", "default"): [footer("1", "right")],
        ("footer", "even"): [footer("2", "left")],
        ("footer", "first"): [footer("1", "right")],
    }
    counters = {"header": 0, "footer": 0}
    rid = {}
    for kind in ("header", "footer"):
        for which in ("default", "even", "first"):
            counters[kind] += 1
            name = f"{kind}{counters[kind]}.xml"
            fx.part("word/" + name, hf_xml("hdr" if kind == "header" else "ftr", hf[(kind, which)]),
                    CT_W + f"{kind}+xml")
            rid[(kind, which)] = fx.rel(RT + kind, name)
    order = [("header", "even"), ("header", "default"), ("footer", "even"), ("footer", "default"),
             ("header", "first"), ("footer", "first")]
    refs = "".join(f'<w:{k}Reference w:type="{w_}" r:id="{rid[(k, w_)]}"/>' for k, w_ in order)
    fx.final_sect = sect_pr(refs=refs, titlepg=True)
    fx.headers = [line for key in order for b in hf[key] for line in b.lines]
    fx.add(
        P("X市人民政府办公室关于做好2024年防汛工作的通知", style="Title"),
        P("各区县人民政府，市政府各部门：", ppr=NO_INDENT),
        P("当前已进入汛期，为切实做好今年防汛工作，确保人民群众生命财产安全，经市政府同意，现将有关事项通知如下。"),
        P("一、提高思想认识", style="Heading1"),
        P("各地各部门要充分认识做好防汛工作的极端重要性，克服麻痹思想和侥幸心理，扎实做好各项防汛准备工作。"),
        P("二、强化监测预警", style="Heading1"),
        P("气象、水利、自然资源等部门要加强会商研判，及时发布预警信息，延长预见期，提高精准度。"),
        P("对山洪灾害易发区、地质灾害隐患点，要落实专人巡查，发现险情立即组织群众转移。"),
        P("三、落实值班值守", style="Heading1"),
        P("汛期各级防汛指挥机构实行24小时值班制度，严格执行领导带班和信息报送制度。"),
        P("遇有重大汛情险情，要在第一时间报告市防汛抗旱指挥部办公室。"),
        P("X市人民政府办公室", ppr=JC_RIGHT),
        P("2024年5月20日", ppr=JC_RIGHT),
    )
    fx.outline = [
        "X市人民政府办公室关于做好2024年防汛工作的通知",
        "  一、提高思想认识",
        "  二、强化监测预警",
        "  三、落实值班值守",
    ]
    return fx


def fx_heading_styles():
    """Style ids as Chinese-UI Word writes them."""
    fx = Fx("heading-styles", "2024年全市数字政府建设工作要点")
    fx.styles = [
        style("a", "Normal", default=True, qformat=True, ppr=BODY_PPR, rpr=BODY_RPR),
        style("1", "heading 1", based="a", nxt="a", link="10", ui=9, qformat=True,
              ppr='<w:keepNext/><w:keepLines/><w:spacing w:before="340" w:after="330" w:line="578" '
                  'w:lineRule="auto"/><w:outlineLvl w:val="0"/>',
              rpr=HEI + '<w:kern w:val="44"/>'),
        style("2", "heading 2", based="a", nxt="a", link="20", ui=9, unhide=True, qformat=True,
              ppr='<w:keepNext/><w:keepLines/><w:outlineLvl w:val="1"/>', rpr=KAI),
        style("3", "heading 3", based="a", nxt="a", link="30", ui=9, unhide=True, qformat=True,
              ppr='<w:keepNext/><w:keepLines/><w:outlineLvl w:val="2"/>', rpr="<w:b/><w:bCs/>"),
        style("a0", "Default Paragraph Font", kind="character", default=True, ui=1, semi=True, unhide=True),
        style("a1", "Normal Table", kind="table", default=True, ui=99, semi=True, unhide=True,
              tblpr=TABLE_NORMAL_PR),
        style("a2", "No List", kind="numbering", default=True, ui=99, semi=True, unhide=True),
        style("a3", "Title", based="a", nxt="a", link="a4", ui=10, qformat=True,
              ppr='<w:spacing w:before="240" w:after="60"/>' + NO_INDENT + JC_CENTER + '<w:outlineLvl w:val="0"/>',
              rpr=XBS + '<w:sz w:val="44"/><w:szCs w:val="44"/>'),
        style("10", "标题 1 字符", kind="character", based="a0", link="1", ui=9, rpr=HEI),
        style("20", "标题 2 字符", kind="character", based="a0", link="2", ui=9, rpr=KAI),
        style("30", "标题 3 字符", kind="character", based="a0", link="3", ui=9, rpr="<w:b/><w:bCs/>"),
        style("a4", "标题 字符", kind="character", based="a0", link="a3", ui=10, rpr=XBS),
        style("a5", "标题 4", based="a", nxt="a", qformat=True,
              ppr="<w:keepNext/><w:keepLines/>", rpr='<w:b/><w:bCs/>'),
        style("a6", "我的标题", based="2", nxt="a", qformat=True,
              rpr='<w:color w:val="1F3864"/>'),
    ]
    fx.add(
        P("2024年全市数字政府建设工作要点", style="a3"),
        P("2024年是全面推进数字政府建设的关键之年。为扎实推进各项工作，制定本要点。"),
        P("总体要求", style="1"),
        P("全面贯彻落实党中央、国务院关于加强数字政府建设的决策部署，以数字化改革引领政府治理现代化。"),
        P("指导思想", style="2"),
        P("坚持以人民为中心，坚持数据赋能、协同高效，推动政府治理流程优化、模式创新和履职能力提升。"),
        P("基本原则", style="3"),
        P("坚持统筹规划、集约建设", style="a5"),
        P("强化全市“一盘棋”，避免重复建设和资源浪费。"),
        P("坚持需求导向、注重实效", style="a5"),
        P("聚焦企业群众办事难点堵点，推动政务服务从“能办”向“好办”转变。"),
        P("发展目标", style="a6"),
        P("到2024年底，政务服务事项网上可办率达到98%以上，“一件事一次办”事项拓展至50项。"),
        P(R("重点任务", "<w:b/><w:bCs/>"), ppr='<w:outlineLvl w:val="0"/>'),
        P("夯实数字基础设施", style="2"),
        P("推进政务云集约建设", style="3"),
        P("整合各部门分散建设的机房和系统，推动政务信息系统整体迁移上云。"),
        P("完善电子政务外网", style="3"),
        P("推进电子政务外网向乡镇（街道）、村（社区）延伸覆盖。"),
        P("提升政务服务效能", style="2"),
        P("深化“一网通办”改革，推进高频事项“掌上办”“指尖办”。"),
        P("保障措施", style="1"),
        P("各地各部门要加强组织领导，健全工作机制，确保各项任务落地见效。"),
    )
    fx.outline = [
        "2024年全市数字政府建设工作要点",
        "  总体要求",
        "    指导思想",
        "      基本原则",
        "        坚持统筹规划、集约建设",
        "        坚持需求导向、注重实效",
        "    发展目标",
        "  重点任务",
        "    夯实数字基础设施",
        "      推进政务云集约建设",
        "      完善电子政务外网",
        "    提升政务服务效能",
        "  保障措施",
    ]
    return fx


def fx_webpaste():
    fx = Fx("webpaste", "关于做好2024年春节期间安全生产工作的通知")
    fx.styles = [
        style("a", "Normal", default=True, qformat=True, ppr='<w:widowControl w:val="0"/><w:jc w:val="both"/>'),
        style("a0", "Default Paragraph Font", kind="character", default=True, ui=1, semi=True, unhide=True),
        style("a1", "Normal Table", kind="table", default=True, ui=99, semi=True, unhide=True,
              tblpr=TABLE_NORMAL_PR),
        style("a2", "No List", kind="numbering", default=True, ui=99, semi=True, unhide=True),
        style("a3", "Normal (Web)", based="a", ui=99, unhide=True,
              ppr='<w:widowControl/><w:spacing w:before="100" w:beforeAutospacing="1" w:after="100" '
                  'w:afterAutospacing="1"/><w:jc w:val="left"/>',
              rpr='<w:rFonts w:ascii="宋体" w:hAnsi="宋体" w:cs="宋体"/><w:kern w:val="0"/>'
                  '<w:sz w:val="24"/><w:szCs w:val="24"/>'),
        style("a4", "Hyperlink", kind="character", based="a0", ui=99, semi=True, unhide=True,
              rpr='<w:color w:val="0000FF"/><w:u w:val="single"/>'),
    ]
    url = "http://www.example.gov.cn/yjglj/"
    link_rid = fx.rel(RT + "hyperlink", url, external=True)
    web = ('<w:shd w:val="clear" w:color="auto" w:fill="FFFFFF"/><w:spacing w:before="0" w:beforeAutospacing="0" '
           'w:after="0" w:afterAutospacing="0" w:line="560" w:lineRule="exact"/>')
    fs = ('<w:rFonts w:ascii="仿宋" w:eastAsia="仿宋" w:hAnsi="仿宋" w:cs="仿宋"/><w:color w:val="333333"/>'
          '<w:sz w:val="32"/><w:szCs w:val="32"/>')
    bold = ('<w:rFonts w:ascii="黑体" w:eastAsia="黑体" w:hAnsi="黑体" w:cs="黑体"/><w:b/><w:bCs/>'
            '<w:color w:val="333333"/><w:sz w:val="32"/><w:szCs w:val="32"/>')

    def wp(*items, ppr=""):
        return P(*[R(i, fs) if isinstance(i, str) else i for i in items], style="a3", ppr=web + ppr)

    smart = F('<w:smartTag w:uri="urn:schemas-microsoft-com:office:smarttags" w:element="chsdate">'
              '<w:smartTagPr><w:attr w:name="IsROCDate" w:val="False"/><w:attr w:name="IsLunarDate" w:val="False"/>'
              '<w:attr w:name="Day" w:val="10"/><w:attr w:name="Month" w:val="2"/><w:attr w:name="Year" w:val="2024"/>'
              f"</w:smartTagPr>{R('2月10日', fs).xml}</w:smartTag>", "2月10日")
    custom = F('<w:customXml w:uri="http://www.example.gov.cn/gongwen" w:element="fwjg">'
               f"{R('X市安全生产委员会', fs).xml}</w:customXml>", "X市安全生产委员会")
    custom_para = ('<w:customXml w:uri="http://www.example.gov.cn/gongwen" w:element="luokuan">'
                   + wp("X市安全生产委员会办公室", ppr=JC_RIGHT).xml + "</w:customXml>")
    link = F(f'<w:hyperlink r:id="{link_rid}" w:history="1">'
             + R("www.example.gov.cn/yjglj", '<w:rStyle w:val="a4"/>' + fs).xml + "</w:hyperlink>",
             "www.example.gov.cn/yjglj")
    star = F(f'<w:r>{rp(fs)}<w:sym w:font="宋体" w:char="2605"/></w:r>', "★")
    # CREATEDATE, not DATE: DATE would show the day the file is opened.
    fx.created = "2024-02-01T10:00:00Z"
    date = F('<w:fldSimple w:instr=" CREATEDATE \\@ &quot;yyyy年M月d日&quot; \\* MERGEFORMAT ">'
             + R("2024年2月1日", fs).xml + "</w:fldSimple>", "2024年2月1日")
    fx.add(
        P(R("关于做好2024年春节期间安全生产工作的通知",
            '<w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体" w:cs="宋体"/><w:b/><w:bCs/>'
            '<w:color w:val="333333"/><w:sz w:val="36"/><w:szCs w:val="36"/>'),
          style="a3", ppr=web + JC_CENTER),
        wp("各区县人民政府，市政府各部门，各有关单位："),
        wp("　　2024年春节假期为", smart, "至2月17日。根据", custom,
           "统一部署，为切实做好节日期间安全生产工作，现就有关事项通知如下："),
        wp(R("　　一、加强组织领导", bold)),
        wp("　　（一）压实工作责任。各级各部门要严格落实安全生产责任制，主要负责同志要亲自部署、亲自检查。"),
        wp("　　（二）强化值班值守。节日期间实行24小时值班和领导带班制度。\n值班电话：0571\u201187654321\t传真：0571\u201187654322"),
        wp(R("　　二、突出重点防控", bold)),
        wp("　　1.道路交通安全。要加强对“两客一危”车辆的动态监管，严厉查处超速、超员、疲劳驾驶等违法行为。"),
        wp("　　2.", BOOKMARK(1, "消防安全", R("消防安全", fs)), R("。要以人员密集场所为重点，开展消防安全检查，确保安全通道畅通。", fs)),
        wp("　　3.烟花爆竹安全。严禁在禁放区域燃放烟花爆竹，发现问题要立即处置。"),
        wp("　　", star, "重点提示：节日期间如遇突发事件，须在30分钟内电话报告、1小时内书面报告。"),
        wp("　　相关政策文件详见市应急管理局网站（", link, "）。"),
        wp("　　联系人：张\u00a0\u00a0明，电话：0571\u201187654300。", X('<w:bookmarkStart w:id="0" w:name="_GoBack"/><w:bookmarkEnd w:id="0"/>')),
        Block(custom_para, ["X市安全生产委员会办公室"]),
        wp(date, ppr=JC_RIGHT),
    )
    fx.outline = [
        "关于做好2024年春节期间安全生产工作的通知",
        "  一、加强组织领导",
        "    （一）压实工作责任。",
        "    （二）强化值班值守。",
        "  二、突出重点防控",
        "    1.道路交通安全。",
        "    2.消防安全。",
        "    3.烟花爆竹安全。",
    ]
    return fx


def fx_ns_prefix():
    fx = Fx("ns-prefix", "在全市文化旅游发展大会上的讲话", application="python-docx-like writer")
    fx.app_version = ""
    ids = iter(range(0x1A2B0001, 0x1A2B0100))

    def pid():
        n = next(ids)
        return f' w14:paraId="{n:08X}" w14:textId="77777777"'

    def p(*items, **kw):
        return P(*items, attrs=pid(), **kw)

    img = image(fx, png(16, 16, (0x00, 0x83, 0x8F)), "png", 1800000, 1080000,
                extra_attrs=' wp14:anchorId="3C1B2A01" wp14:editId="5D6E7F01"')
    fx.add(
        p("在全市文化旅游发展大会上的讲话", style="Title"),
        p("同志们：", ppr=NO_INDENT),
        p("今天召开全市文化旅游发展大会，主要任务是总结成绩、分析形势，动员全市上下加快建设文化旅游强市。"),
        p("一、充分认识文化旅游发展的重要意义", style="Heading1"),
        p("文化旅游产业是综合性强、关联度高、带动力大的产业。去年全市接待游客5800万人次，增长18.6%。"),
        p(img, ppr=SINGLE + NO_INDENT + JC_CENTER),
        p("图1　2019—2023年全市接待游客人次", style="Caption"),
        p("二、准确把握文化旅游发展的重点任务", style="Heading1"),
        p("（一）丰富文化旅游产品供给", style="Heading2"),
        p("一是打造精品线路。围绕红色文化、山水生态、历史古城，推出10条精品旅游线路。"),
        p("二是培育新兴业态。大力发展研学旅游、康养旅游、夜间经济等新业态。"),
        p("（二）提升文化旅游服务品质", style="Heading2"),
        p("加强旅游厕所、停车场、游客服务中心等基础设施建设，提升智慧旅游服务水平。"),
        p("三、切实加强组织保障", style="Heading1"),
        p("各地各部门要把文化旅游发展摆在重要位置，形成推动文化旅游高质量发展的强大合力。"),
    )

    def transform(doc):
        doc = doc.replace("xmlns:w=", "xmlns:ns0=").replace("xmlns:r=", "xmlns:ns1=")
        doc = doc.replace("<w:", "<ns0:").replace("</w:", "</ns0:").replace(" w:", " ns0:")
        doc = doc.replace(" r:", " ns1:")
        return doc

    # Written with w: and r:, then renamed to ns0: and ns1: by `transform`.
    fx.root = (f'xmlns:w="{W}" xmlns:r="{R_NS}" xmlns:mc="{NAMESPACES[1][1]}" '
               f'xmlns:wp="{NAMESPACES[7][1]}" xmlns:wp14="{NAMESPACES[6][1]}" '
               f'xmlns:w14="{NAMESPACES[10][1]}" mc:Ignorable="w14 wp14"')
    fx.doc_transform = transform
    fx.outline = [
        "在全市文化旅游发展大会上的讲话",
        "  一、充分认识文化旅游发展的重要意义",
        "  二、准确把握文化旅游发展的重点任务",
        "    （一）丰富文化旅游产品供给",
        "      一是打造精品线路。",
        "      二是培育新兴业态。",
        "    （二）提升文化旅游服务品质",
        "  三、切实加强组织保障",
    ]
    return fx


def fx_unsupported():
    fx = Fx("unsupported", "2023年全市科技创新工作总结")
    cm = '<w:rFonts w:ascii="Cambria Math" w:hAnsi="Cambria Math"/>'

    def mr(text):
        return f"<m:r><w:rPr>{cm}</w:rPr><m:t>{escape(text)}</m:t></m:r>"

    equation = Block(
        f'<w:p><w:pPr>{SINGLE}<w:jc w:val="center"/></w:pPr><m:oMathPara>'
        '<m:oMathParaPr><m:jc m:val="center"/>'
        f"</m:oMathParaPr><m:oMath>{mr('R=')}<m:f><m:fPr><m:ctrlPr><w:rPr>{cm}<w:i/></w:rPr></m:ctrlPr></m:fPr>"
        f"<m:num>{mr('E')}</m:num><m:den>{mr('G')}</m:den></m:f>{mr('×100%')}</m:oMath></m:oMathPara></w:p>", [])

    # A chart part.
    chart_rid = fx.rel(RT + "chart", "charts/chart1.xml")
    cats = ["2021年", "2022年", "2023年"]
    vals = ["820", "1046", "1315"]
    chart = (XML_DECL + f'<c:chartSpace xmlns:c="{CHART_URI}" xmlns:a="{A}" xmlns:r="{R_NS}">'
             '<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart>'
             '<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:r><a:rPr lang="zh-CN"/><a:t>高新技术企业数量</a:t>'
             '</a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>'
             '<c:plotArea><c:layout/><c:pieChart><c:varyColors val="1"/><c:ser><c:idx val="0"/><c:order val="0"/>'
             "<c:tx><c:v>企业数</c:v></c:tx>"
             + "".join(f'<c:dPt><c:idx val="{i}"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="{c}"/>'
                       '</a:solidFill></c:spPr></c:dPt>' for i, c in enumerate(("4472C4", "ED7D31", "A5A5A5")))
             + "<c:cat><c:strLit>"
             f'<c:ptCount val="{len(cats)}"/>'
             + "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(cats))
             + "</c:strLit></c:cat><c:val><c:numLit><c:formatCode>General</c:formatCode>"
             f'<c:ptCount val="{len(vals)}"/>'
             + "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(vals))
             + '</c:numLit></c:val></c:ser><c:firstSliceAng val="0"/></c:pieChart></c:plotArea>'
             '<c:legend><c:legendPos val="r"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/>'
             '<c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>')
    fx.part("word/charts/chart1.xml", chart, "application/vnd.openxmlformats-officedocument.drawingml.chart+xml")
    did = fx.docpr()
    chart_run = X("<w:r>" + inline(f'<a:graphic xmlns:a="{A}"><a:graphicData uri="{CHART_URI}">'
                                   f'<c:chart xmlns:c="{CHART_URI}" r:id="{chart_rid}"/></a:graphicData></a:graphic>',
                                   4572000, 2743200, did, f"图表 {did}", locks=False) + "</w:r>")

    # SmartArt: data, layout, quick style and colours.
    dgm = f'xmlns:dgm="{DGM_URI}" xmlns:a="{A}" xmlns:r="{R_NS}"'
    steps = ["成果登记", "评估论证", "转化实施"]

    def guid(n):
        return "{%08X-1B2C-4D3E-8F40-%012X}" % (0x5A6B7C00 + n, n)

    pts = ('<dgm:pt modelId="' + guid(0) + '" type="doc"><dgm:prSet loTypeId="urn:microsoft.com/office/officeart/'
           '2005/8/layout/process1" loCatId="process" qsTypeId="urn:microsoft.com/office/officeart/2005/8/quickstyle/'
           'simple1" qsCatId="simple" csTypeId="urn:microsoft.com/office/officeart/2005/8/colors/accent1_2" '
           'csCatId="accent1" phldr="0"/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/><a:p>'
           '<a:endParaRPr lang="zh-CN" altLang="en-US"/></a:p></dgm:t></dgm:pt>')
    cxns = ""
    for i, s in enumerate(steps):
        node, par, sib = guid(10 + i), guid(20 + i), guid(30 + i)
        pts += (f'<dgm:pt modelId="{node}"><dgm:prSet phldrT="[文本]"/><dgm:spPr/><dgm:t><a:bodyPr/><a:lstStyle/>'
                f'<a:p><a:r><a:rPr lang="zh-CN" altLang="en-US"/><a:t>{s}</a:t></a:r></a:p></dgm:t></dgm:pt>'
                f'<dgm:pt modelId="{par}" type="parTrans" cxnId="{guid(40 + i)}"><dgm:prSet/><dgm:spPr/><dgm:t>'
                '<a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="zh-CN" altLang="en-US"/></a:p></dgm:t></dgm:pt>'
                f'<dgm:pt modelId="{sib}" type="sibTrans" cxnId="{guid(40 + i)}"><dgm:prSet/><dgm:spPr/><dgm:t>'
                '<a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang="zh-CN" altLang="en-US"/></a:p></dgm:t></dgm:pt>')
        cxns += (f'<dgm:cxn modelId="{guid(40 + i)}" srcId="{guid(0)}" destId="{node}" srcOrd="{i}" destOrd="0" '
                 f'parTransId="{par}" sibTransId="{sib}"/>')
    data = (XML_DECL + f"<dgm:dataModel {dgm}><dgm:ptLst>{pts}</dgm:ptLst><dgm:cxnLst>{cxns}</dgm:cxnLst>"
            "<dgm:bg/><dgm:whole/></dgm:dataModel>")
    layout = (XML_DECL + f'<dgm:layoutDef {dgm} uniqueId="urn:microsoft.com/office/officeart/2005/8/layout/process1">'
              '<dgm:title val=""/><dgm:desc val=""/><dgm:catLst><dgm:cat type="process" pri="1000"/></dgm:catLst>'
              '<dgm:layoutNode name="Name0"><dgm:varLst><dgm:dir/><dgm:resizeHandles val="exact"/></dgm:varLst>'
              '<dgm:alg type="lin"/><dgm:shape r:blip=""><dgm:adjLst/></dgm:shape><dgm:presOf/>'
              '<dgm:forEach name="Name1" axis="ch" ptType="node"><dgm:layoutNode name="node">'
              '<dgm:alg type="tx"/><dgm:shape type="roundRect" r:blip=""><dgm:adjLst/></dgm:shape>'
              '<dgm:presOf axis="desOrSelf" ptType="node"/></dgm:layoutNode></dgm:forEach>'
              "</dgm:layoutNode></dgm:layoutDef>")
    scene = ('<dgm:scene3d><a:camera prst="orthographicFront"/><a:lightRig rig="threePt" dir="t"/></dgm:scene3d>')
    quick = (XML_DECL + f'<dgm:styleDef {dgm} uniqueId="urn:microsoft.com/office/officeart/2005/8/quickstyle/simple1">'
             '<dgm:title val=""/><dgm:desc val=""/><dgm:catLst><dgm:cat type="simple" pri="10100"/></dgm:catLst>'
             f'{scene}<dgm:styleLbl name="node1">{scene}<dgm:sp3d/><dgm:txPr/><dgm:style>'
             '<a:lnRef idx="2"><a:scrgbClr r="0" g="0" b="0"/></a:lnRef><a:fillRef idx="1"><a:scrgbClr r="0" g="0" b="0"/>'
             '</a:fillRef><a:effectRef idx="0"><a:scrgbClr r="0" g="0" b="0"/></a:effectRef><a:fontRef idx="minor">'
             '<a:schemeClr val="lt1"/></a:fontRef></dgm:style></dgm:styleLbl></dgm:styleDef>')
    colors = (XML_DECL + f'<dgm:colorsDef {dgm} uniqueId="urn:microsoft.com/office/officeart/2005/8/colors/accent1_2">'
              '<dgm:title val=""/><dgm:desc val=""/><dgm:catLst><dgm:cat type="accent1" pri="11200"/></dgm:catLst>'
              '<dgm:styleLbl name="node1"><dgm:fillClrLst meth="repeat"><a:schemeClr val="accent1"/></dgm:fillClrLst>'
              '<dgm:linClrLst meth="repeat"><a:schemeClr val="lt1"/></dgm:linClrLst><dgm:effectClrLst/>'
              '<dgm:txLinClrLst/><dgm:txFillClrLst meth="repeat"><a:schemeClr val="lt1"/></dgm:txFillClrLst>'
              "<dgm:txEffectClrLst/></dgm:styleLbl></dgm:colorsDef>")
    ct_d = "application/vnd.openxmlformats-officedocument.drawingml."
    fx.part("word/diagrams/data1.xml", data, ct_d + "diagramData+xml")
    fx.part("word/diagrams/layout1.xml", layout, ct_d + "diagramLayout+xml")
    fx.part("word/diagrams/quickStyle1.xml", quick, ct_d + "diagramStyle+xml")
    fx.part("word/diagrams/colors1.xml", colors, ct_d + "diagramColors+xml")
    r_dm = fx.rel(RT + "diagramData", "diagrams/data1.xml")
    r_lo = fx.rel(RT + "diagramLayout", "diagrams/layout1.xml")
    r_qs = fx.rel(RT + "diagramQuickStyle", "diagrams/quickStyle1.xml")
    r_cs = fx.rel(RT + "diagramColors", "diagrams/colors1.xml")
    did = fx.docpr()
    smartart_run = X("<w:r><w:rPr><w:noProof/></w:rPr>" + inline(
        f'<a:graphic xmlns:a="{A}"><a:graphicData uri="{DGM_URI}"><dgm:relIds xmlns:dgm="{DGM_URI}" '
        f'r:dm="{r_dm}" r:lo="{r_lo}" r:qs="{r_qs}" r:cs="{r_cs}"/></a:graphicData></a:graphic>',
        5486400, 1371600, did, f"图示 {did}", locks=False) + "</w:r>")

    # An embedded OLE object (an empty compound file) with an EMF preview.
    fx.part("word/media/image1.emf", emf((0x1F, 0x6F, 0xB4)))
    img_rid = fx.rel(RT + "image", "media/image1.emf")
    fx.part("word/embeddings/oleObject1.bin", cfb_empty())
    ole_rid = fx.rel(RT + "oleObject", "embeddings/oleObject1.bin")
    ole_run = X(f'<w:r><w:object w:dxaOrig="1440" w:dyaOrig="1440">{SHAPETYPE_75}'
                '<v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:36pt;height:36pt" o:ole="">'
                f'<v:imagedata r:id="{img_rid}" o:title=""/></v:shape>'
                '<o:OLEObject Type="Embed" ProgID="Package" ShapeID="_x0000_i1025" DrawAspect="Icon" '
                f'ObjectID="_1767225601" r:id="{ole_rid}"/></w:object></w:r>')

    # A shape with no text: the red line under a 红头.
    did = fx.docpr()
    line_graphic = (f'<a:graphic xmlns:a="{A}"><a:graphicData uri="{WPS_URI}"><wps:wsp><wps:cNvCnPr/><wps:spPr>'
                    '<a:xfrm><a:off x="0" y="0"/><a:ext cx="5615940" cy="0"/></a:xfrm><a:prstGeom prst="line">'
                    '<a:avLst/></a:prstGeom><a:ln w="19050"><a:solidFill><a:srgbClr val="FF0000"/></a:solidFill>'
                    "</a:ln></wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>")
    line_run = X('<w:r><mc:AlternateContent><mc:Choice Requires="wps">'
                 + anchor(line_graphic, 5615940, 0, did, f"直接连接符 {did}", wrap="<wp:wrapNone/>", v=101600,
                          rel_height=251660288, tail=SIZE_REL)
                 + '</mc:Choice><mc:Fallback><w:pict><v:line id="直接连接符 {0}" o:spid="_x0000_s{1}" '
                   'style="position:absolute;z-index:251660288;visibility:visible;mso-wrap-style:square" '
                   'from="0,8pt" to="442.2pt,8pt" o:connectortype="straight" strokecolor="red" strokeweight="1.5pt">'
                   '<v:stroke joinstyle="miter"/></v:line></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
                   .format(did, 1025 + did))

    glow = ('<w14:glow w14:rad="63500"><w14:srgbClr w14:val="FF0000"><w14:alpha w14:val="60000"/></w14:srgbClr>'
            "</w14:glow>")
    eq_before = "研发投入强度按以下公式计算："
    chart_before = "全年高新技术企业数量变化情况如下图所示。"
    smart_before = "科技成果转化工作流程如下。"
    ole_text = "2023年重点科技项目明细详见附件（双击图标打开）。"
    line_text = "X市科学技术局"
    landscape_text = "注：以上项目按立项时间排列。"
    glow_text = "全力建设具有全国影响力的区域科技创新中心！"
    fx.add(
        P("2023年全市科技创新工作总结", style="Title"),
        P(line_text, line_run, ppr=NO_INDENT + JC_CENTER),
        P("一、总体情况", style="Heading1"),
        P("2023年，全社会研发投入增长12.3%，研发投入强度达到2.85%。"),
        P(eq_before),
        equation,
        P("式中，E为全社会研发经费支出，G为地区生产总值。", ppr=NO_INDENT),
        P("二、主要成效", style="Heading1"),
        P(chart_before),
        P(chart_run, ppr=SINGLE + NO_INDENT + JC_CENTER),
        P(smart_before),
        P(smartart_run, ppr=SINGLE + NO_INDENT + JC_CENTER),
        P(ole_text, ole_run, tail=sect_pr()),
        P("附表　2023年重点科技项目清单", style="Caption"),
        TBL([3000, 6000, 4000],
            TR(*[TC(P(R(t, "<w:b/>"), ppr=NO_INDENT + JC_CENTER), w=w_) for t, w_ in
                 (("序号", 3000), ("项目名称", 6000), ("承担单位", 4000))], header=True),
            TR(TC(P("1", ppr=NO_INDENT + JC_CENTER), w=3000), TC(P("新型储能材料关键技术研发", ppr=NO_INDENT), w=6000),
               TC(P("市新材料研究院", ppr=NO_INDENT), w=4000))),
        P(landscape_text, ppr=NO_INDENT, tail=sect_pr(landscape=True)),
        P("三、下一步打算", style="Heading1"),
        P("2024年，我们将坚持创新驱动发展战略，", R(glow_text, glow)),
    )
    fx.unsupported = [
        f"shape\tin\t{line_text}",
        f"equation\tafter\t{eq_before}",
        f"chart\tafter\t{chart_before}",
        f"smartart\tafter\t{smart_before}",
        f"ole-object\tin\t{ole_text}",
        f"landscape-section\tin\t{landscape_text}",
        f"text-effect\tin\t2024年，我们将坚持创新驱动发展战略，{glow_text}",
    ]
    fx.outline = [
        "2023年全市科技创新工作总结",
        "  一、总体情况",
        "  二、主要成效",
        "  三、下一步打算",
    ]
    return fx


LONG_HEADS = [
    "坚定不移推动经济稳定增长", "加快建设现代化产业体系", "全面深化重点领域改革", "持续扩大高水平对外开放",
    "深入实施创新驱动发展战略", "大力推进乡村全面振兴", "加快推进新型城镇化建设", "持续加强生态环境保护",
    "切实保障和改善民生", "统筹发展和安全", "加快建设法治政府", "全面加强政府自身建设",
]
LONG_SUBS = ["强化统筹谋划", "狠抓项目建设", "优化要素保障", "加强督促落实", "健全工作机制",
             "突出重点领域", "补齐短板弱项", "提升服务效能"]
LONG_ACTS = ["压实工作责任", "完善政策体系", "加大资金投入", "强化人才支撑", "深化试点示范",
             "加强监测分析", "推进数字赋能", "严格考核评价", "加强宣传引导", "防范化解风险"]
LONG_FOLLOW = [
    "各地各部门要结合实际制定具体措施，确保各项任务落地见效。",
    "要建立工作台账，明确时间节点和责任人，实行销号管理。",
    "要加强部门协同，形成工作合力，坚决避免推诿扯皮。",
    "要坚持问题导向，聚焦群众急难愁盼，切实解决实际问题。",
    "要及时总结推广典型经验，以点带面推动整体工作提升。",
]


def fx_long():
    fx = Fx("long", "在全市经济工作会议上的讲话")
    plain = '<w:rFonts w:eastAsia="仿宋_GB2312"/>'
    fx.styles = en_styles()
    blocks = [
        P("在全市经济工作会议上的讲话", style="Title"),
        P("同志们：", ppr=NO_INDENT),
        P("这次全市经济工作会议的主要任务是，全面贯彻中央和省委经济工作会议精神，总结今年经济工作，分析当前经济形势，部署明年经济工作。"),
        P("今年以来，面对复杂严峻的外部环境，全市上下团结一心、砥砺奋进，经济社会发展取得新的成绩。"),
        P("下面，我就明年经济工作讲几点意见。"),
    ]
    outline = ["在全市经济工作会议上的讲话"]
    for i, head in enumerate(LONG_HEADS):
        h = f"{cn(i + 1)}、{head}"
        blocks.append(P(R(h, HEI)))
        outline.append("  " + h)
        blocks.append(P(f"{head}是明年工作的重中之重，必须摆在更加突出的位置，以更大力度抓实抓好。"))
        for j in range(3 if i % 2 else 4):
            sub = LONG_SUBS[(i * 3 + j) % len(LONG_SUBS)]
            s = f"（{cn(j + 1)}）{sub}"
            blocks.append(P(R(s, KAI)))
            outline.append("    " + s)
            if j % 2:
                blocks.append(P(f"围绕{sub}，要进一步细化目标任务，层层传导压力，确保年底前取得明显进展。"))
            else:
                blocks.append(P(f"今年以来，全市在{sub}方面做了大量工作，取得了阶段性成效，但与目标要求相比仍有差距。"))
            for k in range(3):
                act = LONG_ACTS[(i * 5 + j * 3 + k) % len(LONG_ACTS)]
                lead = f"{cn(k + 1)}是{act}。"
                blocks.append(P(R(lead + LONG_FOLLOW[(i + j + k) % len(LONG_FOLLOW)], plain)))
                outline.append("      " + lead)
            blocks.append(P(LONG_FOLLOW[(i * 2 + j) % len(LONG_FOLLOW)]))
    blocks += [
        P("同志们，做好明年经济工作任务艰巨、责任重大。"),
        P("让我们更加紧密地团结在以习近平同志为核心的党中央周围，锐意进取、真抓实干，奋力谱写高质量发展新篇章！"),
    ]
    fx.add(*blocks)
    fx.outline = outline
    return fx


def fx_wps():
    fx = Fx("wps", "在全市安全生产工作会议上的讲话",
            application="WPS Office_11.1.0.14036_F1E327BC-269C-435d-A152-05C5408002CA")
    fx.app_version = ""
    fx.root = W_ROOT.replace(' mc:Ignorable=', f' xmlns:wpsCustomData="{WPS_CUSTOM}" mc:Ignorable=')
    fx.settings = settings_xml(extra_root=f' xmlns:wpsCustomData="{WPS_CUSTOM}"')
    fx.custom_props = (XML_DECL + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                       'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
                       '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer">'
                       '<vt:lpwstr>2052-11.1.0.14036</vt:lpwstr></property>'
                       '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="ICV">'
                       '<vt:lpwstr>5F3C1A2B4D6E4F708192A3B4C5D6E7F8</vt:lpwstr></property></Properties>')

    def f(name):
        return f'<w:rFonts w:hint="eastAsia" w:ascii="{name}" w:hAnsi="{name}" w:eastAsia="{name}" w:cs="{name}"/>'

    lang = '<w:lang w:val="en-US" w:eastAsia="zh-CN"/>'
    body = f("仿宋_GB2312") + '<w:sz w:val="32"/><w:szCs w:val="32"/>' + lang
    wps_ppr = ('<w:keepNext w:val="0"/><w:keepLines w:val="0"/><w:pageBreakBefore w:val="0"/><w:widowControl/>'
               '<w:kinsoku/><w:wordWrap/><w:overflowPunct/><w:topLinePunct w:val="0"/><w:autoSpaceDE/>'
               '<w:autoSpaceDN/><w:bidi w:val="0"/><w:adjustRightInd/><w:snapToGrid/>'
               '<w:spacing w:line="560" w:lineRule="exact"/><w:ind w:firstLine="640" w:firstLineChars="200"/>'
               '<w:jc w:val="both"/><w:textAlignment w:val="auto"/>')
    fx.styles = [
        style("1", "Normal", default=True, qformat=True,
              ppr='<w:widowControl w:val="0"/><w:jc w:val="both"/>',
              rpr=f("Times New Roman") + '<w:kern w:val="2"/><w:sz w:val="21"/><w:szCs w:val="24"/>'
                  + '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'),
        style("2", "heading 1", based="1", nxt="1", qformat=True,
              ppr='<w:keepNext/><w:keepLines/><w:spacing w:line="560" w:lineRule="exact"/>'
                  '<w:ind w:firstLine="640" w:firstLineChars="200"/><w:outlineLvl w:val="0"/>',
              rpr=f("黑体") + '<w:kern w:val="44"/><w:sz w:val="32"/>'),
        style("3", "heading 2", based="1", nxt="1", unhide=True, qformat=True,
              ppr='<w:keepNext/><w:keepLines/><w:spacing w:line="560" w:lineRule="exact"/>'
                  '<w:ind w:firstLine="640" w:firstLineChars="200"/><w:outlineLvl w:val="1"/>',
              rpr=f("楷体_GB2312") + '<w:sz w:val="32"/>'),
        style("4", "Default Paragraph Font", kind="character", default=True, semi=True),
        style("5", "Normal Table", kind="table", default=True, semi=True,
              tblpr=TABLE_NORMAL_PR),
        style("6", "footer", based="1", ppr='<w:tabs><w:tab w:val="center" w:pos="4153"/>'
                                         '<w:tab w:val="right" w:pos="8306"/></w:tabs><w:snapToGrid w:val="0"/>'
                                         '<w:jc w:val="left"/>',
              rpr='<w:sz w:val="18"/><w:szCs w:val="24"/>'),
    ]

    def p(text, style_id=None, rpr=body, ppr=wps_ppr):
        return P(R(text, rpr), style=style_id, ppr=ppr if style_id is None else "", mark=rpr)

    center = wps_ppr.replace('<w:ind w:firstLine="640" w:firstLineChars="200"/><w:jc w:val="both"/>',
                             '<w:ind w:firstLine="0" w:firstLineChars="0"/><w:jc w:val="center"/>')
    h1 = f("黑体") + '<w:sz w:val="32"/><w:szCs w:val="32"/>' + lang
    h2 = f("楷体_GB2312") + '<w:sz w:val="32"/><w:szCs w:val="32"/>' + lang
    page = f("宋体") + '<w:sz w:val="28"/><w:szCs w:val="28"/>' + lang
    footer = P(R("— ", page), FIELD(" PAGE  \\* MERGEFORMAT ", "1", page), R(" —", page), style="6",
               ppr='<w:framePr w:wrap="around" w:vAnchor="text" w:hAnchor="margin" w:xAlign="outside" w:y="1"/>')
    fx.part("word/footer1.xml", hf_xml("ftr", [footer]), CT_W + "footer+xml")
    frid = fx.rel(RT + "footer", "footer1.xml")
    fx.headers = footer.lines
    fx.final_sect = sect_pr(refs=f'<w:footerReference w:type="default" r:id="{frid}"/>',
                            grid='<w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-842"/>')
    fx.add(
        p("在全市安全生产工作会议上的讲话", rpr=f("方正小标宋简体") + '<w:sz w:val="44"/><w:szCs w:val="44"/>' + lang,
          ppr=center),
        p("市长　李　明", rpr=f("楷体_GB2312") + '<w:sz w:val="32"/><w:szCs w:val="32"/>' + lang, ppr=center),
        p("（2024年1月18日）", rpr=f("楷体_GB2312") + '<w:sz w:val="32"/><w:szCs w:val="32"/>' + lang, ppr=center),
        p("同志们：", ppr=wps_ppr.replace('<w:ind w:firstLine="640" w:firstLineChars="200"/>',
                                       '<w:ind w:firstLine="0" w:firstLineChars="0"/>')),
        p("这次会议的主要任务是，深入贯彻落实全国、全省安全生产电视电话会议精神，总结去年工作，部署今年任务。"),
        p("一、清醒认识当前安全生产面临的形势", "2", h1),
        p("去年，全市生产安全事故起数和死亡人数实现“双下降”，安全生产形势总体平稳。"),
        p("（一）成绩来之不易", "3", h2),
        p("这些成绩的取得，是各级各部门共同努力的结果，也是广大安全生产工作者辛勤付出的结果。"),
        p("（二）问题不容忽视", "3", h2),
        p("一些企业主体责任落实不到位，部分行业领域隐患排查治理还不深入、不彻底。"),
        p("二、扎实做好今年安全生产各项工作", "2", h1),
        p("一是深化专项整治。聚焦危险化学品、矿山、消防、交通运输等重点行业领域，持续开展专项整治。"),
        p("二是强化执法检查。坚持“四不两直”，加大明查暗访力度，对违法违规行为严查重处。"),
        p("三是提升应急能力。加强应急救援队伍建设，完善应急预案，定期开展应急演练。"),
        p("三、切实加强组织领导", "2", h1),
        p("各级党委政府要认真落实“党政同责、一岗双责、齐抓共管、失职追责”要求，确保各项措施落到实处。"),
        p("同志们，安全生产责任重于泰山。让我们以高度的政治责任感，扎实做好安全生产各项工作！"),
    )
    fx.outline = [
        "在全市安全生产工作会议上的讲话",
        "  一、清醒认识当前安全生产面临的形势",
        "    （一）成绩来之不易",
        "    （二）问题不容忽视",
        "  二、扎实做好今年安全生产各项工作",
        "    一是深化专项整治。",
        "    二是强化执法检查。",
        "    三是提升应急能力。",
        "  三、切实加强组织领导",
    ]
    return fx


def fx_styled_under_typed():
    """Typed 一、 headings in Normal style, with sub-headings styled Heading 2 in one part and
    Heading 4 in another (a draft edited by several hands); headings that end in "："; a form
    line under the title."""
    fx = Fx("styled-under-typed", "X区数据中心升级改造项目立项申请书")
    fx.styles = en_styles(extra=[
        style("Heading4", "heading 4", based="Normal", nxt="Normal", ui=9, unhide=True, qformat=True,
              ppr='<w:keepNext/><w:keepLines/><w:outlineLvl w:val="3"/>', rpr="<w:b/><w:bCs/>"),
    ])
    fx.add(
        P("X区数据中心升级改造项目立项申请书", style="Title"),
        P("申请日期：2025年3月1日　　　　项目编号：XM-2025-018"),
        P("一、立项目的："),
        P("为提升全区政务数据处理能力，保障各部门业务系统安全稳定运行，申请对区数据中心进行升级改造。"),
        P("二、建设内容"),
        P("本项目分为两个子项目，分述如下。"),
        P("子项目1 机房基础设施改造", style="Heading2"),
        P("更换老化的配电、制冷和消防设备，机房等级达到国家标准B级要求。"),
        P("子项目2 云平台扩容", style="Heading2"),
        P("新增计算节点和存储容量，满足各部门未来三年业务增长需要。"),
        P("三、进度安排："),
        P("项目建设周期为十二个月，分两个阶段实施。"),
        P("子项目1 机房基础设施改造", style="Heading4"),
        P("第一阶段完成机房改造，计划于2025年9月底前完成。"),
        P("子项目2 云平台扩容", style="Heading4"),
        P("第二阶段完成云平台扩容，计划于2026年2月底前完成。"),
        P("四、保障措施"),
        P("成立项目建设领导小组，统筹推进项目实施，确保按期保质完成建设任务。"),
    )
    fx.outline = [
        "X区数据中心升级改造项目立项申请书",
        "  一、立项目的：",
        "  二、建设内容",
        "    子项目1 机房基础设施改造",
        "    子项目2 云平台扩容",
        "  三、进度安排：",
        "    子项目1 机房基础设施改造",
        "    子项目2 云平台扩容",
        "  四、保障措施",
    ]
    return fx


FIXTURES = [fx_numbering, fx_tracked, fx_textbox, fx_tables, fx_images, fx_notes, fx_toc, fx_toc_bare,
            fx_headers, fx_heading_styles, fx_webpaste, fx_ns_prefix, fx_unsupported, fx_long, fx_wps,
            fx_styled_under_typed]


def outputs():
    files = {}
    for make in FIXTURES:
        fx = make()
        files[f"{fx.name}.docx"] = fx.build()
        files[f"{fx.name}.expect.txt"] = fx.expect_text().encode("utf-8")
        files[f"{fx.name}.outline.txt"] = "".join(line + "\n" for line in fx.outline).encode("utf-8")
        if fx.unsupported:
            files[f"{fx.name}.unsupported.txt"] = "".join(line + "\n" for line in fx.unsupported).encode("utf-8")
    return files


def main(argv):
    check = "--check" in argv
    files = outputs()
    changed = []
    for name, data in files.items():
        path = os.path.join(OUT, name)
        old = None
        if os.path.exists(path):
            with open(path, "rb") as fh:
                old = fh.read()
        if old != data:
            changed.append(name)
            if not check:
                os.makedirs(OUT, exist_ok=True)
                with open(path, "wb") as fh:
                    fh.write(data)
    if check:
        for name in changed:
            print(f"would change: fixtures/word/{name}")
        return 1 if changed else 0
    print(f"{len(files)} files in fixtures/word/, {len(changed)} written")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
