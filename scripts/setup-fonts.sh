#!/usr/bin/env bash
# Install the CJK fonts wengao's renderers and tests rely on.
#
#   * Debian `fonts-noto-cjk` (Noto Serif/Sans CJK SC, ...).
#   * The Fandol OpenType fonts (FandolSong/Hei/Kai/Fang), taken out of the
#     Debian `texlive-lang-chinese` .deb WITHOUT installing TeX Live: the .deb is
#     only downloaded and unpacked into a temp dir, and the six .otf files are
#     copied to ${WENGAO_FONT_DIR:-/usr/local/share/fonts/wengao}.
#
# Idempotent: every step is skipped when its result is already there.
# Meant to run as root (CI, fresh Debian bookworm); uses sudo when not root.
set -euo pipefail

export DEBIAN_FRONTEND=noninteractive

FONT_DIR="${WENGAO_FONT_DIR:-/usr/local/share/fonts/wengao}"
FANDOL_FILES=(
  FandolFang-Regular.otf
  FandolKai-Regular.otf
  FandolHei-Regular.otf
  FandolHei-Bold.otf
  FandolSong-Regular.otf
  FandolSong-Bold.otf
)

log() { printf '[setup-fonts] %s\n' "$*" >&2; }

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo); else
    log "WARNING: not root and no sudo; apt steps will likely fail"
  fi
fi

# apt-get update at most once per run, and only when needed.
APT_UPDATED=0
apt_update_once() {
  if [ "$APT_UPDATED" -eq 0 ]; then
    log "apt-get update"
    "${SUDO[@]}" apt-get update -qq
    APT_UPDATED=1
  fi
}

# True when apt knows a candidate version for package $1.
has_candidate() {
  local cand
  cand="$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2; exit}')"
  [ -n "$cand" ] && [ "$cand" != "(none)" ]
}

# Make sure the package lists know about all given packages (update if not).
ensure_apt_lists() {
  local p
  for p in "$@"; do
    if ! has_candidate "$p"; then apt_update_once; return 0; fi
  done
}

pkg_installed() {
  [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null || true)" = "install ok installed" ]
}

apt_install() {
  local missing=() p
  for p in "$@"; do pkg_installed "$p" || missing+=("$p"); done
  [ "${#missing[@]}" -eq 0 ] && return 0
  ensure_apt_lists "${missing[@]}"
  log "apt-get install ${missing[*]}"
  if ! "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"; then
    # Stale lists (404 on a superseded .deb): refresh once and retry.
    apt_update_once
    "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
}

# ---------------------------------------------------------------- Noto CJK, Liberation
# fonts-liberation2: Liberation Serif, metric-compatible with Times New Roman (Latin and digits).
apt_install fonts-noto-cjk fonts-liberation2 fontconfig

# ---------------------------------------------------------------- Fandol
fandol_missing=()
for f in "${FANDOL_FILES[@]}"; do
  [ -s "$FONT_DIR/$f" ] || fandol_missing+=("$f")
done

fandol_changed=0
if [ "${#fandol_missing[@]}" -gt 0 ]; then
  log "Fandol fonts missing in $FONT_DIR: ${fandol_missing[*]}"
  ensure_apt_lists texlive-lang-chinese
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  # Let apt's unprivileged _apt user write here (avoids the "unsandboxed" warning).
  chmod 755 "$tmp"
  if id _apt >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then chown _apt "$tmp" || true; fi
  (cd "$tmp" && apt-get download -qq texlive-lang-chinese) || {
    apt_update_once
    (cd "$tmp" && apt-get download -qq texlive-lang-chinese)
  }
  deb="$(ls "$tmp"/texlive-lang-chinese_*.deb | head -n1)"
  # Locate the fandol directory inside the .deb rather than hard-coding it
  # (bookworm: ./usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/).
  fandol_dir="$(dpkg-deb -c "$deb" | awk '{print $NF}' \
    | grep -E '/fonts/opentype/.*/fandol/FandolSong-Regular\.otf$' | head -n1 | xargs -r dirname)"
  if [ -z "$fandol_dir" ]; then
    log "ERROR: no fandol fonts found inside $deb"
    exit 1
  fi
  log "extracting ${fandol_dir} from $(basename "$deb")"
  mkdir -p "$tmp/x"
  # Only unpack the fandol fonts (and their licence/README), not the whole package.
  dpkg-deb --fsys-tarfile "$deb" \
    | tar -x -C "$tmp/x" --wildcards "${fandol_dir}/*.otf" './usr/share/doc/texlive-doc/fonts/fandol/*' 2>/dev/null \
    || dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$tmp/x" --wildcards "${fandol_dir}/*.otf"
  "${SUDO[@]}" mkdir -p "$FONT_DIR"
  for f in "${FANDOL_FILES[@]}"; do
    src="$tmp/x/${fandol_dir#./}/$f"
    if [ ! -s "$src" ]; then log "ERROR: $f not in $(basename "$deb")"; exit 1; fi
    "${SUDO[@]}" install -m 0644 "$src" "$FONT_DIR/$f"
  done
  # Keep the licence (GPL with font exception) next to the fonts.
  docdir="$tmp/x/usr/share/doc/texlive-doc/fonts/fandol"
  if [ -d "$docdir" ]; then
    "${SUDO[@]}" mkdir -p "$FONT_DIR/fandol-doc"
    "${SUDO[@]}" cp -f "$docdir"/* "$FONT_DIR/fandol-doc/" || true
  fi
  fandol_changed=1
fi

# ---------------------------------------------------------------- fontconfig
if command -v fc-cache >/dev/null 2>&1; then
  # /usr/local/share/fonts is in fontconfig's default path; a custom
  # WENGAO_FONT_DIR may not be, so point fontconfig at it explicitly.
  in_fc_path=0
  case "$FONT_DIR" in
    /usr/share/fonts/*|/usr/local/share/fonts/*|"$HOME"/.local/share/fonts/*|"$HOME"/.fonts/*) in_fc_path=1 ;;
  esac
  if [ "$in_fc_path" -eq 0 ] && [ "$(id -u)" -eq 0 ] && [ -d /etc/fonts/conf.d ]; then
    conf=/etc/fonts/conf.d/99-wengao-fonts.conf
    want="<dir>$FONT_DIR</dir>"
    if ! grep -qF "$want" "$conf" 2>/dev/null; then
      log "registering $FONT_DIR with fontconfig ($conf)"
      printf '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  %s\n</fontconfig>\n' "$want" >"$conf"
      fandol_changed=1
    fi
  fi
  # Windows/macOS Chinese family names (as a .docx names them) to the free faces, so that
  # LibreOffice and browsers on Linux render 仿宋/楷体/黑体/宋体 with the right face instead of
  # one sans fallback for everything.
  if [ "$(id -u)" -eq 0 ] && [ -d /etc/fonts/conf.d ]; then
    alias_conf=/etc/fonts/conf.d/65-wengao-chinese-aliases.conf
    alias_xml="$(
      printf '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
      alias_to() {
        local target="$1"; shift
        for name in "$@"; do
          printf '  <alias binding="same"><family>%s</family><prefer><family>%s</family></prefer></alias>\n' "$name" "$target"
        done
      }
      alias_to FandolFang 仿宋_GB2312 FangSong_GB2312 仿宋 FangSong STFangsong 华文仿宋
      alias_to FandolKai 楷体_GB2312 KaiTi_GB2312 楷体 KaiTi STKaiti 华文楷体
      alias_to FandolHei 黑体 SimHei STHeiti 华文黑体
      alias_to FandolSong 宋体 SimSun STSong 华文宋体
      alias_to "Noto Serif CJK SC" 方正小标宋简体 FZXiaoBiaoSong-B05S 方正小标宋_GBK 华文中宋 STZhongsong
      printf '</fontconfig>\n'
    )"
    if [ "$(cat "$alias_conf" 2>/dev/null || true)" != "$alias_xml" ]; then
      log "writing Chinese font aliases ($alias_conf)"
      printf '%s\n' "$alias_xml" >"$alias_conf"
      fandol_changed=1
    fi
  fi
  if [ "$fandol_changed" -eq 1 ] || [[ "$(fc-list : family 2>/dev/null || true)" != *FandolSong* ]]; then
    log "fc-cache -f $FONT_DIR"
    "${SUDO[@]}" fc-cache -f "$FONT_DIR" >/dev/null || true
    "${SUDO[@]}" fc-cache >/dev/null || true
  fi
fi

# ---------------------------------------------------------------- summary
echo "setup-fonts: done"
echo "  fonts-noto-cjk $(dpkg-query -W -f='${Version}' fonts-noto-cjk 2>/dev/null || echo '?')" \
  "-> $(dpkg -L fonts-noto-cjk 2>/dev/null | grep -E '\.tt[cf]$' | head -n1 | xargs -r dirname || true)"
echo "  Fandol fonts (from texlive-lang-chinese) in $FONT_DIR:"
for f in "${FANDOL_FILES[@]}"; do echo "    $FONT_DIR/$f"; done
if command -v fc-list >/dev/null 2>&1; then
  echo "  fontconfig zh families:"
  { fc-list :lang=zh family | tr ',' '\n' | grep -E '^(Noto (Serif|Sans) CJK SC|Fandol[A-Za-z]+)$' | sort -u | sed 's/^/    /'; } || true
fi
