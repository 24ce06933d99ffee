#!/bin/sh
# What `make test` needs beyond `make demo`: Debian's chromium and chromium-driver, which the
# suite uses to drive doccano's annotation page headless (tests/doccano/test_browser.py).
# As root on Debian/Ubuntu they are installed with apt-get (waiting up to 10 minutes for another
# package manager's lock); otherwise we say what to install, and that test fails saying so.
set -u
need=""
have_pkg() {  # installed, even when another apt run left its triggers pending
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -Eq "install ok (installed|triggers-pending|triggers-awaited)"
}
command -v dpkg-query >/dev/null 2>&1 || { echo "test-deps: not a Debian/Ubuntu system; install chromium and its chromedriver for the browser test." >&2; exit 0; }
for pkg in chromium chromium-driver; do
    have_pkg "$pkg" || need="$need $pkg"
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-deps: installing$need (for the browser test; about 100 MB; waits for apt's lock if another program holds it)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null && \
        apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $need >/dev/null \
        || { echo "test-deps: apt-get failed to install$need" >&2; exit 1; }
else
    echo "test-deps: missing Debian packages:$need; install them with: sudo apt-get install$need" >&2
fi
