#!/usr/bin/env bash
# Render an HTML page in headless Chromium: a screenshot (PNG) and a print to PDF, as a user
# would see the page on screen and get it from the browser's Print.
#   scripts/render-html.sh IN.html OUTDIR   ->   OUTDIR/<name>.png  OUTDIR/<name>.pdf
# Environment: CHROMIUM (default: chromium, chromium-browser or google-chrome on PATH),
#              WINDOW (screenshot size, default 1280,1800).
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 IN.html OUTDIR" >&2
    exit 64
fi
input=$1
outdir=$2
if [ ! -f "$input" ]; then
    echo "render-html: no such file: $input" >&2
    exit 66
fi

browser=${CHROMIUM:-}
if [ -z "$browser" ]; then
    for candidate in chromium chromium-browser google-chrome google-chrome-stable; do
        if command -v "$candidate" >/dev/null 2>&1; then
            browser=$candidate
            break
        fi
    done
fi
if [ -z "$browser" ]; then
    echo "render-html: no Chromium found; install it (Debian: apt-get install chromium) or set CHROMIUM" >&2
    exit 69
fi

mkdir -p "$outdir"
name=$(basename "$input")
name=${name%.*}
url="file://$(cd "$(dirname "$input")" && pwd)/$(basename "$input")"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT

common=(--headless --no-sandbox --disable-gpu --disable-background-networking
        --disable-extensions --no-first-run --hide-scrollbars --mute-audio
        --user-data-dir="$profile" --virtual-time-budget=5000)

"$browser" "${common[@]}" --window-size="${WINDOW:-1280,1800}" \
    --screenshot="$outdir/$name.png" "$url" >"$profile/screenshot.log" 2>&1 || {
    cat "$profile/screenshot.log" >&2
    exit 1
}
"$browser" "${common[@]}" --no-pdf-header-footer --print-to-pdf="$outdir/$name.pdf" "$url" \
    >"$profile/pdf.log" 2>&1 || {
    cat "$profile/pdf.log" >&2
    exit 1
}
for made in "$outdir/$name.png" "$outdir/$name.pdf"; do
    if [ ! -s "$made" ]; then
        echo "render-html: chromium did not write $made" >&2
        cat "$profile"/*.log >&2
        exit 1
    fi
done
echo "$outdir/$name.png"
echo "$outdir/$name.pdf"
