#!/bin/sh
# Install the Debian/Ubuntu packages the toolkit needs when they are missing and we may:
#   fonts-noto-cjk          Chinese glyphs for handouts (without it every Chinese character is a box)
#   fonts-noto-color-emoji  emoji in articles and comments (👨‍👩‍👧), for handouts and feedback sheets
#   fonts-hanazono          rare CJK ideographs (Extension B and later, e.g. 𠀀), which Noto CJK lacks
#   libharfbuzz-subset0     font subsetting; without it WeasyPrint takes ~15 s per CJK PDF instead of ~0.4 s
#   poppler-utils           pdftotext/pdftoppm, to check and look at built PDFs
#   fontconfig              how WeasyPrint finds the fonts (and fc-list)
# As root on Debian/Ubuntu they are installed with apt-get, waiting (up to $SYSTEM_DEPS_LOCK_WAIT
# seconds, default 600) while another program holds the package manager's lock; otherwise we say
# what to install.
set -u
PACKAGES="fonts-noto-cjk fonts-noto-color-emoji fonts-hanazono libharfbuzz-subset0 poppler-utils fontconfig"
LOCK_WAIT=${SYSTEM_DEPS_LOCK_WAIT:-600}

# Installed and usable: configured, or configured with triggers left for another apt run to
# process ("triggers-pending", "triggers-awaited"; the files are all in place).
have_pkg() {
    status=$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null) || return 1
    case "${status##* }" in
        installed|triggers-pending|triggers-awaited) return 0 ;;
    esac
    return 1
}

# apt-get "$@". While another program holds one of the package manager's locks, say which and
# who, and wait: apt-get's own DPkg::Lock::Timeout for dpkg's lock, retries for the package
# lists' lock (which that option does not cover), up to $LOCK_WAIT seconds in all.
apt_get() {
    started=$(date +%s)
    timeout=0
    said=""
    while :; do
        errors=$(apt-get -o DPkg::Lock::Timeout="$timeout" "$@" 2>&1 >/dev/null) && return 0
        lock=$(printf '%s\n' "$errors" | sed -n -e 's/^E: Could not get lock \([^ ]*\)\. .*/\1/p' \
               -e 's/^E: Could not get lock \([^ ]*\) - .*/\1/p' \
               -e 's/^E: Unable to acquire .* (\([^)]*\)).*/\1/p' \
               -e 's/^E: Unable to lock .* (\([^)]*\)).*/\1/p' | head -n 1)
        waited=$(( $(date +%s) - started ))
        if [ -z "$lock" ] || [ "$waited" -ge "$LOCK_WAIT" ]; then
            printf '%s\n' "$errors" >&2
            [ -n "$lock" ] && echo "system-deps: gave up after $waited s: $lock is still locked" >&2
            return 1
        fi
        if [ "$lock" != "$said" ]; then
            holder=$(printf '%s\n' "$errors" | sed -n 's/.*It is held by \(.*\)$/\1/p' | head -n 1)
            echo "system-deps: waiting for $lock${holder:+ (held by $holder)}: another program" \
                 "is installing packages; waiting up to $LOCK_WAIT s" >&2
            said=$lock
        fi
        timeout=$(( LOCK_WAIT - waited ))
        sleep 2
    done
}

need=""
if command -v dpkg-query >/dev/null 2>&1; then
    for pkg in $PACKAGES; do
        have_pkg "$pkg" || need="$need $pkg"
    done
else
    echo "system-deps: not a Debian/Ubuntu system; make sure a CJK font (Noto CJK), an emoji font (Noto Color Emoji), a font for rare CJK ideographs (HanaMin), HarfBuzz's subset library and poppler-utils are installed." >&2
    exit 0
fi
[ -z "$need" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: installing$need"
    export DEBIAN_FRONTEND=noninteractive
    { apt_get update -qq && apt_get install -y -qq --no-install-recommends $need; } \
        || { echo "system-deps: apt-get failed to install$need" >&2; exit 1; }
else
    echo "system-deps: missing Debian packages:$need" >&2
    echo "system-deps: install them with: sudo apt-get install$need" >&2
    echo "system-deps: (Chinese handouts cannot be built without fonts-noto-cjk; emoji and rare ideographs need fonts-noto-color-emoji and fonts-hanazono)" >&2
fi
