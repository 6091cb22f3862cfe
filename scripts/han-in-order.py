#!/usr/bin/env python3
"""Checks that every Chinese character of a Word file reaches an output in order.

    scripts/han-in-order.py SOURCE.docx OUTPUT.md|OUTPUT.docx [...]

The source's characters are those Word shows in its body (tracked insertions kept, deletions
left out, a text box read once from mc:Choice, field results kept) followed by its footnotes
and endnotes. A table of contents is left out: wengao drops it and says so (`--toc` writes a
fresh one). Headers, footers and comments are not in the body: wengao replaces or drops them and
reports their text. Each output must hold those characters as a subsequence, in order; it may
hold more (a Markdown front matter repeats the title). Prints one line per output and exits 1
when a character is missing or out of order.
"""
import bisect
import re
import sys
import zipfile
import xml.etree.ElementTree as ET

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def han(text):
    return HAN.findall(text)


def word_text(root):
    """The characters Word shows, in document order, without deletions, mc:Fallback copies,
    TOC fields and TOC content controls."""
    out = []
    toc_depth = 0  # open TOC fields (fldChar begin ... end, instrText TOC)
    field_stack = []  # per open field: whether it is a TOC
    # Where the last two paragraphs started in `out`: a "目录" label just before a TOC field
    # goes with it.
    paragraph_starts = [0, 0]

    def walk(node):
        nonlocal toc_depth
        tag = node.tag
        if tag == W + "p":
            paragraph_starts[:] = [paragraph_starts[1], len(out)]
        if tag in (W + "del", W + "moveFrom", MC + "Fallback"):
            return
        if tag == W + "sdt":
            gallery = node.find(f"./{W}sdtPr/{W}docPartObj/{W}docPartGallery")
            if gallery is not None and "Table of Contents" in (gallery.get(W + "val") or ""):
                return
        if tag == W + "fldChar":
            kind = node.get(W + "fldCharType")
            if kind == "begin":
                field_stack.append(False)
            elif kind == "end" and field_stack:
                if field_stack.pop():
                    toc_depth -= 1
        if tag == W + "instrText" and field_stack and not field_stack[-1]:
            if (node.text or "").strip().upper().startswith("TOC"):
                field_stack[-1] = True
                toc_depth += 1
                for start in reversed(paragraph_starts):
                    if "".join(out[start:]) == "目录":
                        del out[start:]
                        break
        if tag == W + "fldSimple" and (node.get(W + "instr") or "").strip().upper().startswith("TOC"):
            return
        if tag == W + "t" and toc_depth == 0:
            out.extend(han(node.text or ""))
        for child in node:
            walk(child)

    walk(root)
    return out


def parts_text(package, names):
    chars = []
    for name in names:
        if name in package.namelist():
            chars.extend(word_text(ET.fromstring(package.read(name))))
    return chars


def docx_chars(path):
    with zipfile.ZipFile(path) as package:
        return parts_text(package, ["word/document.xml", "word/footnotes.xml", "word/endnotes.xml"])


def output_chars(path):
    if path.endswith(".docx"):
        return docx_chars(path)
    with open(path, encoding="utf-8") as fh:
        return han(fh.read())


# How far ahead in the output a source character is looked for: far enough for what an output
# adds (a front matter's title, a label), near enough that one missing character does not
# make the match jump to a far occurrence and lose everything in between.
LOOKAHEAD = 2000


def missing_in_order(source, output):
    """Indices of source characters that the output does not hold in order: each is looked
    for in the output after the last match, within LOOKAHEAD characters; a character not
    found there is counted missing and matching goes on from the same place."""
    positions = {}
    for index, char in enumerate(output):
        positions.setdefault(char, []).append(index)
    missing = []
    at = 0
    for index, char in enumerate(source):
        candidates = positions.get(char, [])
        k = bisect.bisect_left(candidates, at)
        if k == len(candidates) or candidates[k] - at > LOOKAHEAD:
            missing.append(index)
        else:
            at = candidates[k] + 1
    return missing


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 2
    source = docx_chars(argv[1])
    status = 0
    for path in argv[2:]:
        missing = missing_in_order(source, output_chars(path))
        if missing:
            first = missing[0]
            context = "".join(source[max(0, first - 8) : first + 8])
            print(f"{path}: {len(missing)} of {len(source)} Chinese characters missing or out of order (first near {context!r})")
            status = 1
        else:
            print(f"{path}: all {len(source)} Chinese characters in order")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
