#!/bin/sh
# Install the Debian/Ubuntu packages the toolkit needs when they are missing and we may:
#   fonts-noto-cjk        Chinese glyphs for handouts (without it every Chinese character is a box)
#   libharfbuzz-subset0   font subsetting; without it WeasyPrint takes ~15 s per CJK PDF instead of ~0.4 s
#   poppler-utils         pdftotext/pdftoppm, to check and look at built PDFs
# As root on Debian/Ubuntu they are installed with apt-get; otherwise we say what to install.
set -u
need=""
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
if command -v dpkg-query >/dev/null 2>&1; then
    for pkg in fonts-noto-cjk libharfbuzz-subset0 poppler-utils fontconfig; do
        have_pkg "$pkg" || need="$need $pkg"
    done
else
    echo "system-deps: not a Debian/Ubuntu system; make sure a CJK font (Noto CJK), HarfBuzz's subset library and poppler-utils are installed." >&2
    exit 0
fi
[ -z "$need" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: installing$need"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $need >/dev/null \
        || { echo "system-deps: apt-get failed to install$need" >&2; exit 1; }
else
    echo "system-deps: missing Debian packages:$need" >&2
    echo "system-deps: install them with: sudo apt-get install$need" >&2
    echo "system-deps: (Chinese handouts cannot be built without fonts-noto-cjk)" >&2
fi
