#!/usr/bin/env bash
# Install the comparison tools for wengao's benchmarks, from PyPI only:
#   * pandoc 3  -- the PyPI wheel `pypandoc-binary` ships a static pandoc binary
#                  at <site-packages>/pypandoc/files/pandoc.
#   * typst     -- PyPI `typst` (typst-py) is a Python binding that embeds the
#                  Typst compiler; no registry here ships the current typst CLI,
#                  so a small `typst compile` shim around the binding is written.
#
# Everything goes into a venv under ${WENGAO_BENCH_DIR:-/opt/wengao-bench};
# executables are in $WENGAO_BENCH_DIR/bin:
#   $WENGAO_BENCH_DIR/bin/pandoc  (symlink to the wheel's binary)
#   $WENGAO_BENCH_DIR/bin/typst   (shim: typst compile IN.typ [OUT.pdf|.png|.svg]
#                                  [--font-path DIR]... [--root DIR] [--ignore-system-fonts])
# Usage: scripts/install-bench-deps.sh [--link]   (--link: also symlink both into /usr/local/bin)
# Pin versions with PYPANDOC_BINARY_VERSION / TYPST_PY_VERSION.  Idempotent.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
BENCH_DIR="${WENGAO_BENCH_DIR:-/opt/wengao-bench}"
VENV="$BENCH_DIR/venv"
BIN="$BENCH_DIR/bin"
PYPANDOC_SPEC="pypandoc-binary${PYPANDOC_BINARY_VERSION:+==$PYPANDOC_BINARY_VERSION}"
TYPST_SPEC="typst${TYPST_PY_VERSION:+==$TYPST_PY_VERSION}"
LINK=0
for a in "$@"; do
  case "$a" in
    --link) LINK=1 ;;
    -h|--help) sed -n '2,16p' "$0"; exit 0 ;;
    *) echo "unknown argument: $a" >&2; exit 2 ;;
  esac
done

log() { printf '[install-bench-deps] %s\n' "$*" >&2; }

# ------------------------------------------------------------------ venv
if [ ! -x "$VENV/bin/python" ]; then
  PY="$(command -v python3 || true)"
  if [ -z "$PY" ] || ! "$PY" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    log "installing python3-venv from apt"
    apt-cache policy python3-venv 2>/dev/null | grep -q 'Candidate: [0-9]' || apt-get update -qq
    apt-get install -y -qq --no-install-recommends python3 python3-venv
    PY=/usr/bin/python3
  fi
  log "creating venv $VENV (with $PY)"
  mkdir -p "$BENCH_DIR"
  "$PY" -m venv "$VENV"
fi

if ! "$VENV/bin/python" - <<'EOF' >/dev/null 2>&1
import os, pypandoc, typst
assert os.access(os.path.join(os.path.dirname(pypandoc.__file__), "files", "pandoc"), os.X_OK)
EOF
then
  log "pip install $PYPANDOC_SPEC $TYPST_SPEC"
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check "$PYPANDOC_SPEC" "$TYPST_SPEC"
fi

# ------------------------------------------------------------------ executables
mkdir -p "$BIN"
PANDOC_REAL="$("$VENV/bin/python" -c 'import os, pypandoc; print(os.path.join(os.path.dirname(pypandoc.__file__), "files", "pandoc"))')"
ln -sfn "$PANDOC_REAL" "$BIN/pandoc"

cat >"$BIN/typst.new" <<EOF
#!$VENV/bin/python
"""Minimal typst CLI stand-in built on the typst-py binding (PyPI 'typst')."""
import argparse, sys
import typst

def main():
    argv = sys.argv[1:]
    if argv and argv[0] in ("--version", "-V"):
        print("typst (typst-py binding)", getattr(typst, "__version__", "")
              or __import__("importlib.metadata").metadata.version("typst"))
        return 0
    p = argparse.ArgumentParser(prog="typst")
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("compile", aliases=["c"])
    c.add_argument("input")
    c.add_argument("output", nargs="?")
    c.add_argument("--font-path", action="append", default=[])
    c.add_argument("--root")
    c.add_argument("--ignore-system-fonts", action="store_true")
    c.add_argument("-f", "--format")
    c.add_argument("--ppi", type=float)
    a = p.parse_args(argv)
    out = a.output
    if out is None:
        base = a.input[:-4] if a.input.endswith(".typ") else a.input
        out = base + "." + (a.format or "pdf")
    try:
        typst.compile(a.input, output=out, root=a.root, font_paths=a.font_path,
                      ignore_system_fonts=a.ignore_system_fonts, format=a.format, ppi=a.ppi)
    except Exception as e:  # typst.TypstError carries the diagnostics
        print(f"error: {e}", file=sys.stderr)
        return 1
    return 0

if __name__ == "__main__":
    sys.exit(main())
EOF
chmod 755 "$BIN/typst.new"
mv -f "$BIN/typst.new" "$BIN/typst"

if [ "$LINK" -eq 1 ]; then
  ln -sfn "$BIN/pandoc" /usr/local/bin/pandoc
  ln -sfn "$BIN/typst" /usr/local/bin/typst
  log "linked pandoc and typst into /usr/local/bin"
fi

# ------------------------------------------------------------------ check + summary
PANDOC_VER="$("$BIN/pandoc" --version | head -n1)"
case "$PANDOC_VER" in
  "pandoc 3."*) ;;
  *) log "ERROR: expected pandoc 3.x, got: $PANDOC_VER"; exit 1 ;;
esac
TYPST_VER="$("$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("typst"))')"

echo "install-bench-deps: done"
echo "  pandoc: $BIN/pandoc -> $PANDOC_REAL ($PANDOC_VER)"
echo "  typst:  $BIN/typst (shim over PyPI typst $TYPST_VER)"
echo "          e.g. $BIN/typst compile doc.typ doc.pdf --font-path /usr/local/share/fonts/wengao"
echo "  python: $VENV/bin/python -c 'import typst; typst.compile(\"doc.typ\", output=\"doc.pdf\", font_paths=[...])'"
echo "  add to PATH: export PATH=\"$BIN:\$PATH\""
