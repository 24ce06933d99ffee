#!/bin/sh
# What `make test` needs beyond `make demo`:
#   chromium chromium-driver  to drive doccano's annotation page headless (tests/doccano/test_browser.py)
#   postgresql redis-server   a throwaway PostgreSQL cluster and Redis that the suite starts on
#                             loopback, to run doccano on them (tests/doccano/test_scale.py); the
#                             packages' own services are not needed (the suite starts its own)
# As root on Debian/Ubuntu they are installed with apt-get (waiting up to 10 minutes for another
# package manager's lock); otherwise we say what to install, and those tests fail saying so.
set -u
need=""
have_pkg() {  # installed, even when another apt run left its triggers pending
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -Eq "install ok (installed|triggers-pending|triggers-awaited)"
}
command -v dpkg-query >/dev/null 2>&1 || { echo "test-deps: not a Debian/Ubuntu system; install chromium and its chromedriver for the browser test, PostgreSQL and Redis for the scale tests." >&2; exit 0; }
for pkg in chromium chromium-driver postgresql redis-server; do
    have_pkg "$pkg" || need="$need $pkg"
done
[ -z "$need" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "test-deps: installing$need (browser: about 100 MB; PostgreSQL and Redis: about 50 MB; waits for apt's lock if another program holds it)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null && \
        apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $need >/dev/null \
        || { echo "test-deps: apt-get failed to install$need" >&2; exit 1; }
else
    echo "test-deps: missing Debian packages:$need; install them with: sudo apt-get install$need" >&2
fi
