#!/usr/bin/env bash
# Renders the publication page of an export folder to PNG with headless Chromium (Debian's `chromium`):
# OUT_DIR/index.png at desktop width and OUT_DIR/index-phone.png at phone width.
# Usage: scripts/screenshot.sh OUT_DIR
# When OUT_DIR has no index.html yet, the demo round is run into it first (`swift run psea demo --out OUT_DIR`).
set -euo pipefail
out="${1:?usage: scripts/screenshot.sh OUT_DIR}"
if [ ! -f "$out/index.html" ]; then
  echo "no $out/index.html yet: running swift run psea demo --out $out" >&2
  swift run psea demo --out "$out" >&2
fi
browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "chromium not found: apt-get install -y chromium fonts-thai-tlwg" >&2
  exit 2
fi
page="file://$(cd "$out" && pwd)/index.html"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
shoot() {
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
    --window-size="$1" --screenshot="$2" "$page" >/dev/null 2>&1
  [ -s "$2" ] || { echo "no screenshot written to $2" >&2; exit 1; }
  echo "$2"
}
shoot 1280,2000 "$out/index.png"
shoot 390,2400 "$out/index-phone.png"
