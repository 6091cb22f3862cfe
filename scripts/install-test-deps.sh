#!/usr/bin/env bash
# Install everything wengao's test suite and render checks need (Debian bookworm):
#   * CJK fonts: fonts-noto-cjk + Fandol (via scripts/setup-fonts.sh)
#   * poppler-utils  -> pdftotext, pdftoppm, pdffonts
#   * qpdf           -> qpdf
#   * LibreOffice Writer (headless) -> soffice --headless --convert-to pdf x.docx
#   * chromium       -> headless screenshots of HTML output
#
# Idempotent and quick on a second run: apt is skipped when all binaries exist.
# Usage: scripts/install-test-deps.sh [--verify]
#   --verify (or WENGAO_VERIFY_DEPS=1): also run smoke tests (docx -> pdf with
#   soffice, HTML screenshot with chromium) even when nothing had to be installed.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

VERIFY="${WENGAO_VERIFY_DEPS:-0}"
for a in "$@"; do
  case "$a" in
    --verify) VERIFY=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "unknown argument: $a" >&2; exit 2 ;;
  esac
done

log() { printf '[install-test-deps] %s\n' "$*" >&2; }

SUDO=()
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then SUDO=(sudo); fi

# ------------------------------------------------------------------ fonts
bash "$HERE/setup-fonts.sh"

# ------------------------------------------------------------------ apt
REQUIRED_BINS=(pdftotext pdftoppm pdffonts qpdf soffice chromium)

missing_bins=()
for b in "${REQUIRED_BINS[@]}"; do
  command -v "$b" >/dev/null 2>&1 || missing_bins+=("$b")
done

APT_UPDATED=0
apt_update_once() {
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    "${SUDO[@]}" apt-get update -qq
    APT_UPDATED=1
  fi
}
has_candidate() {
  local cand
  cand="$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2; exit}')"
  [ -n "$cand" ] && [ "$cand" != "(none)" ]
}

# LibreOffice 24.8 or later: older versions print a DOCX style separator (how wengao's run-in
# headings keep only the lead sentence in Word's navigation pane) as two paragraphs.
lo_major() { soffice --version 2>/dev/null | awk '{print $2}' | cut -d. -f1; }
lo_minor() { soffice --version 2>/dev/null | awk '{print $2}' | cut -d. -f2; }
lo_is_new_enough() {
  command -v soffice >/dev/null 2>&1 || return 1
  local major minor
  major="$(lo_major)"; minor="$(lo_minor)"
  [ -n "$major" ] && { [ "$major" -gt 24 ] || { [ "$major" -eq 24 ] && [ "${minor:-0}" -ge 8 ]; }; }
}
LO_FROM_BACKPORTS=()
if ! lo_is_new_enough; then
  codename="$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")"
  if [ "$codename" = "bookworm" ]; then
    list=/etc/apt/sources.list.d/bookworm-backports.list
    if ! grep -rqs "bookworm-backports" /etc/apt/sources.list /etc/apt/sources.list.d/; then
      log "adding bookworm-backports for LibreOffice 25.x"
      echo "deb http://deb.debian.org/debian bookworm-backports main" | "${SUDO[@]}" tee "$list" >/dev/null
    fi
    apt_update_once
    LO_FROM_BACKPORTS=(-t bookworm-backports)
  fi
  # soffice missing or too old: (re)install it below.
  missing_bins+=(soffice-new)
fi

installed_something=0
if [ "${#missing_bins[@]}" -gt 0 ]; then
  log "missing: ${missing_bins[*]}"
  # Make sure the package lists are there (fresh containers often have none).
  for p in poppler-utils qpdf chromium; do
    has_candidate "$p" || { apt_update_once; break; }
  done
  # The -nogui flavour (bookworm+) pulls no X11/GTK stack; fall back otherwise.
  if has_candidate libreoffice-writer-nogui; then
    LO_PKG=libreoffice-writer-nogui
  else
    LO_PKG=libreoffice-writer
  fi
  PKGS=(poppler-utils qpdf chromium fonts-noto-cjk fontconfig)
  log "apt-get install --no-install-recommends ${PKGS[*]} $LO_PKG ${LO_FROM_BACKPORTS[*]}"
  if ! "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${PKGS[@]}"; then
    apt_update_once   # stale lists -> 404s; refresh once and retry
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${PKGS[@]}"
  fi
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${LO_FROM_BACKPORTS[@]}" "$LO_PKG"
  lo_is_new_enough || { log "ERROR: LibreOffice 24.8 or later is needed; have: $(soffice --version 2>/dev/null)"; exit 1; }
  installed_something=1
  for b in "${REQUIRED_BINS[@]}"; do
    command -v "$b" >/dev/null 2>&1 || { log "ERROR: $b still missing after install"; exit 1; }
  done
fi

# ------------------------------------------------------------------ smoke tests
if [ "$installed_something" -eq 1 ] || [ "$VERIFY" = "1" ]; then
  t="$(mktemp -d)"
  trap 'rm -rf "$t"' EXIT
  # soffice: HTML -> DOCX -> PDF, with Chinese text; check a CJK font got embedded.
  cat >"$t/hello.html" <<'EOF'
<!DOCTYPE html><html><head><meta charset="utf-8"><title>t</title></head>
<body><h1>文稿测试</h1><p>中文段落：天地玄黄，宇宙洪荒。Latin text 123.</p></body></html>
EOF
  # A private profile dir keeps concurrent/root runs from clashing on ~/.config.
  lo=(soffice --headless --norestore "-env:UserInstallation=file://$t/lo-profile")
  log "smoke test: soffice html -> docx -> pdf"
  (cd "$t" && timeout 180 "${lo[@]}" --convert-to docx:"MS Word 2007 XML" --outdir "$t" hello.html >/dev/null 2>&1)
  [ -s "$t/hello.docx" ] || { log "ERROR: soffice did not produce hello.docx"; exit 1; }
  (cd "$t" && timeout 180 "${lo[@]}" --convert-to pdf --outdir "$t/pdf" hello.docx >/dev/null 2>&1)
  [ -s "$t/pdf/hello.pdf" ] || { log "ERROR: soffice did not convert hello.docx to pdf"; exit 1; }
  txt="$(pdftotext "$t/pdf/hello.pdf" -)"
  if [[ "$txt" != *天地玄黄* ]]; then
    log "ERROR: Chinese text missing from soffice's PDF"; exit 1
  fi
  fonts="$(pdffonts "$t/pdf/hello.pdf")"
  if ! grep -Eqi 'CJK|Fandol|Droid|WenQuanYi' <<<"$fonts"; then
    log "ERROR: no CJK font embedded by soffice:"; pdffonts "$t/pdf/hello.pdf" >&2; exit 1
  fi
  # chromium: headless screenshot (root needs --no-sandbox).
  log "smoke test: chromium --headless --screenshot"
  timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-dev-shm-usage \
    --disable-background-networking --hide-scrollbars --window-size=800,600 \
    --user-data-dir="$t/chromium-profile" \
    --screenshot="$t/shot.png" "file://$t/hello.html" >/dev/null 2>&1 || true
  [ -s "$t/shot.png" ] || { log "ERROR: chromium produced no screenshot"; exit 1; }
  log "smoke tests passed"
fi

# ------------------------------------------------------------------ summary
ver() { local v; v="$(dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true)"; echo "${v:--}"; }
lo_pkg=libreoffice-writer-nogui
[ "$(ver libreoffice-writer-nogui)" = "-" ] && lo_pkg=libreoffice-writer
echo "install-test-deps: done"
for b in "${REQUIRED_BINS[@]}"; do printf '  %-10s %s\n' "$b" "$(command -v "$b")"; done
echo "  versions: poppler-utils $(ver poppler-utils), qpdf $(ver qpdf)," \
  "$lo_pkg $(ver "$lo_pkg")," \
  "chromium $(ver chromium), fonts-noto-cjk $(ver fonts-noto-cjk)"
