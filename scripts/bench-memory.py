#!/usr/bin/env python3
"""Peak resident memory of `wengao convert` on a 10 MB speech, for each output format.

Usage: scripts/bench-memory.py [--size-mb N] [FORMAT ...]
Builds the speech by repeating the seed's body (fixtures/seed), runs one
process per format and prints peak RSS and its ratio to the input size (goal: under 10×).
"""
import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WENGAO = os.path.join(ROOT, "target/release/wengao")


def seed_text():
    shared = os.path.join(ROOT, "fixtures/seed")
    if os.path.isdir(shared):
        return open(os.path.join(shared, "input.txt"), encoding="utf-8").read()
    return open(os.path.join(ROOT, "fixtures/sample/input.txt"), encoding="utf-8").read()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--size-mb", type=float, default=10)
    parser.add_argument("formats", nargs="*", default=["md", "json", "html", "docx", "pdf"])
    args = parser.parse_args()
    seed = seed_text()
    body = "\n".join(seed.split("\n")[6:])
    text = seed
    while len(text.encode()) < args.size_mb * (1 << 20):
        text += "\n" + body
    work = tempfile.mkdtemp(prefix="wengao-mem-")
    src = os.path.join(work, "big.txt")
    open(src, "w", encoding="utf-8").write(text)
    size = os.path.getsize(src)
    print(f"input {size / (1 << 20):.1f} MiB")
    print(f"{'format':8} {'seconds':>8} {'peak MiB':>9} {'× input':>8}")
    failed = False
    for fmt in args.formats:
        pid = os.fork()
        if pid == 0:
            os.execv(WENGAO, [WENGAO, "convert", src, "-o", os.path.join(work, f"big.{fmt}")])
        start = time.perf_counter()
        _, status, usage = os.wait4(pid, 0)
        elapsed = time.perf_counter() - start
        peak = usage.ru_maxrss * 1024
        ok = os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0
        failed |= not ok
        print(f"{fmt:8} {elapsed:8.2f} {peak / (1 << 20):9.1f} {peak / size:8.2f}{'' if ok else '  FAILED'}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
