#!/usr/bin/env python3
"""Whole-process timing of wengao against the anchors, alternating runs on one machine.

Usage: scripts/bench-anchors.py [--runs N] [--seed FILE] [--binary PATH]
Needs: target/release/wengao (cargo build --release), scripts/install-bench-deps.sh (pandoc 3,
typst), scripts/install-test-deps.sh (LibreOffice). Prints the median wall time of each command
and the ratio wengao / anchor for: DOCX, HTML and Markdown vs pandoc; PDF vs typst; PDF vs
LibreOffice converting the DOCX. On the seed speech and on a 1 MB speech built from it.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WENGAO = os.path.join(ROOT, "target/release/wengao")
BENCH_BIN = os.environ.get("WENGAO_BENCH_DIR", "/opt/wengao-bench") + "/bin"
FONT_DIRS = ["/usr/local/share/fonts/wengao", "/usr/share/fonts/opentype/noto"]


def find_tool(name):
    path = shutil.which(name) or os.path.join(BENCH_BIN, name)
    if not os.path.exists(path):
        sys.exit(f"{name} not found: run scripts/install-bench-deps.sh")
    return path


def seed_path(explicit):
    if explicit:
        return explicit
    shared = os.path.join(ROOT, "../shared/seed/texts")
    if os.path.isdir(shared):
        return os.path.join(shared, sorted(os.listdir(shared))[0])
    return os.path.join(ROOT, "fixtures/sample/input.txt")


def run(cmd, cwd):
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{done.stderr.decode(errors='replace')}")
    return elapsed


def typst_source(markdown_path):
    """A typst file with the speech's title, headings and paragraphs in the same faces."""
    lines = open(markdown_path, encoding="utf-8").read().split("\n")
    if lines and lines[0] == "---":
        end = lines.index("---", 1)
        lines = lines[end + 1:]
    out = [
        '#set page(paper: "a4", margin: (top: 37mm, bottom: 35mm, left: 28mm, right: 26mm), '
        'footer: context align(if calc.odd(here().page()) { right } else { left }, [— #counter(page).display() —]))',
        '#set text(font: ("FandolFang", "Noto Serif CJK SC"), size: 16pt, lang: "zh")',
        "#set par(justify: true, first-line-indent: (amount: 2em, all: true), leading: 13pt)",
        '#show heading: set text(font: ("FandolHei", "Noto Sans CJK SC"), size: 16pt)',
    ]
    for line in lines:
        if not line.strip():
            continue
        body = line.lstrip("#").strip()
        level = len(line) - len(line.lstrip("#"))
        body = body.replace("{ .run-in }", "").replace("\\", "")
        escaped = "".join("\\" + c if c in "#*_`$<>@[]" else c for c in body)
        if level == 1:
            out.append(f'#align(center, text(font: ("FandolSong", "Noto Serif CJK SC"), size: 22pt)[{escaped}])')
        elif level > 1:
            out.append("=" * (level - 1) + " " + escaped)
        else:
            out.append(escaped)
        out.append("")
    return "\n".join(out)


def main():
    global WENGAO
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--seed")
    parser.add_argument("--binary", help="the wengao to time (default target/release/wengao)")
    args = parser.parse_args()
    WENGAO = os.path.abspath(args.binary) if args.binary else WENGAO
    pandoc, typst, soffice = find_tool("pandoc"), find_tool("typst"), find_tool("soffice")
    work = tempfile.mkdtemp(prefix="wengao-bench-")
    seed = open(seed_path(args.seed), encoding="utf-8").read()
    body = "\n".join(seed.split("\n")[6:])
    big = seed
    while len(big.encode()) < 1 << 20:
        big += "\n" + body
    cases = {"seed": seed, "1MB": big}
    print(f"{'case':6} {'task':26} {'wengao ms':>10} {'anchor ms':>10} {'ratio':>7}")
    for case, text in cases.items():
        src = os.path.join(work, f"{case}.txt")
        open(src, "w", encoding="utf-8").write(text)
        for fmt in ["md", "docx"]:
            subprocess.run([WENGAO, "convert", src, "-o", os.path.join(work, f"{case}.{fmt}")], check=True, stderr=subprocess.DEVNULL)
        md, docx = os.path.join(work, f"{case}.md"), os.path.join(work, f"{case}.docx")
        typ = os.path.join(work, f"{case}.typ")
        open(typ, "w", encoding="utf-8").write(typst_source(md))
        lo_profile = "file://" + os.path.join(work, "lo-profile")
        fonts = [arg for d in FONT_DIRS for arg in ("--font-path", d)]
        tasks = [
            ("DOCX vs pandoc", [WENGAO, "convert", src, "-o", f"{work}/w.docx"], [pandoc, md, "-o", f"{work}/p.docx"]),
            ("HTML vs pandoc -s", [WENGAO, "convert", src, "-o", f"{work}/w.html"], [pandoc, "-s", md, "-o", f"{work}/p.html"]),
            ("Markdown vs pandoc", [WENGAO, "convert", src, "-o", f"{work}/w.md"], [pandoc, md, "-t", "commonmark", "-o", f"{work}/p.md"]),
            ("PDF vs typst", [WENGAO, "convert", src, "-o", f"{work}/w.pdf"], [typst, "compile", typ, f"{work}/t.pdf", *fonts]),
            ("PDF vs LibreOffice(DOCX)", [WENGAO, "convert", src, "-o", f"{work}/w.pdf"],
             [soffice, "--headless", "--norestore", f"-env:UserInstallation={lo_profile}", "--convert-to", "pdf", "--outdir", f"{work}/lo", docx]),
        ]
        for name, ours, anchor in tasks:
            runs = args.runs if "LibreOffice" not in name else max(3, args.runs // 3)
            run(ours, work), run(anchor, work)  # warm caches
            mine, theirs = [], []
            for _ in range(runs):
                mine.append(run(ours, work))
                theirs.append(run(anchor, work))
            m, t = statistics.median(mine) * 1000, statistics.median(theirs) * 1000
            print(f"{case:6} {name:26} {m:10.1f} {t:10.1f} {m / t:7.3f}", flush=True)
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
