#!/usr/bin/env python3
"""Whole-process timing and memory of wengao reading a Word file, against the anchors, in one run.

Usage: scripts/bench-word.py [--runs N] [FILE.docx]
Default FILE: ../shared/docx-corpus/texts/11_* (the 246-page draft), else fixtures/word/long.docx.
Needs target/release/wengao, scripts/install-bench-deps.sh (pandoc), LibreOffice (soffice).
Prints the median wall time of: wengao FILE -> DOCX and -> PDF; pandoc FILE -> DOCX;
soffice FILE -> PDF (in rounds of one run each); the ratios the issue sets (<= 0.1x pandoc,
<= 0.05x LibreOffice); and wengao's peak RSS (median of 5) and peak private memory (largest
of 5 sampled runs) against the file's unzipped XML size (goal <= 10x).
"""
import argparse
import glob
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WENGAO = os.path.join(ROOT, "target/release/wengao")
BENCH_BIN = os.environ.get("WENGAO_BENCH_DIR", "/opt/wengao-bench") + "/bin"


def tool(name):
    path = shutil.which(name) or os.path.join(BENCH_BIN, name)
    if not os.path.exists(path):
        sys.exit(f"{name} not found: run scripts/install-bench-deps.sh / install-test-deps.sh")
    return path


def peak_rss_kb(cmd):
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, check=True,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    return int(out.stderr.strip().splitlines()[-1])


def peak_private_kb(cmd):
    """Peak of the process's private memory (RssAnon: heap, stacks), sampled every 0.5 ms.

    Peak RSS also counts file pages the process maps: its own code and libraries (~8.5 MiB)
    and the font files read while subsetting, which are shared page cache and the same for
    any input. The kernel keeps no high-water mark for anonymous memory, hence sampling."""
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0
    while process.poll() is None:
        try:
            with open(f"/proc/{process.pid}/status") as status:
                for line in status:
                    if line.startswith("RssAnon:"):
                        peak = max(peak, int(line.split()[1]))
        except (FileNotFoundError, ProcessLookupError, ValueError):
            pass
        time.sleep(0.0005)
    return peak


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("file", nargs="?")
    args = parser.parse_args()
    source = args.file
    if not source:
        found = glob.glob(os.path.join(ROOT, "../shared/docx-corpus/texts/11_*.docx"))
        source = found[0] if found else os.path.join(ROOT, "fixtures/word/long.docx")
    with zipfile.ZipFile(source) as z:
        xml = sum(i.file_size for i in z.infolist() if i.filename.endswith(".xml"))
    pandoc, soffice = tool("pandoc"), tool("soffice")
    with tempfile.TemporaryDirectory() as tmp:
        out = lambda ext: os.path.join(tmp, "out." + ext)
        profile = "-env:UserInstallation=file://" + os.path.join(tmp, "lo-profile")
        # LibreOffice's first start builds its profile: not counted.
        subprocess.run([soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", tmp,
                        source], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        commands = {
            "wengao -> docx": [WENGAO, "convert", source, "-o", out("docx")],
            "wengao -> pdf": [WENGAO, "convert", source, "-o", out("pdf")],
            "pandoc -> docx": [pandoc, source, "-o", out("p.docx")],
            "soffice -> pdf": [soffice, profile, "--headless", "--convert-to", "pdf",
                               "--outdir", tmp, source],
        }
        # Rounds of one run each, so that a slow minute of the host slows every command
        # alike (run one after the other, the short runs and the long ones met different
        # minutes: 0.044 and 0.056 for the PDF within half an hour).
        times = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, cmd in commands.items():
                start = time.perf_counter()
                subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
                times[name].append(time.perf_counter() - start)
        rows = {name: statistics.median(runs) for name, runs in times.items()}
        rss = {kind: statistics.median(peak_rss_kb([WENGAO, "convert", source, "-o", out(kind)])
                                       for _ in range(5)) for kind in ("docx", "pdf")}
        private = {kind: max(peak_private_kb([WENGAO, "convert", source, "-o", out(kind)])
                             for _ in range(5)) for kind in ("docx", "pdf")}
    print(f"{os.path.basename(source)}: unzipped XML {xml / 1e6:.1f} MB, median of {args.runs}")
    for name, seconds in rows.items():
        print(f"  {name:16} {seconds * 1000:8.0f} ms")
    docx_ratio = rows["wengao -> docx"] / rows["pandoc -> docx"]
    pdf_ratio = rows["wengao -> pdf"] / rows["soffice -> pdf"]
    print(f"  docx / pandoc    {docx_ratio:8.3f}  (goal <= 0.1)")
    print(f"  pdf / soffice    {pdf_ratio:8.3f}  (goal <= 0.05)")
    for kind in ("docx", "pdf"):
        for what, kb in [("peak RSS", rss[kind]), ("peak private", private[kind])]:
            print(f"  {what:12} {kind:4} {kb / 1024:6.1f} MiB = {kb * 1024 / xml:5.1f}x the XML"
                  " (goal <= 10x)")


if __name__ == "__main__":
    main()
