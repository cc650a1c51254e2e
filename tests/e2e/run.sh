#!/bin/sh
# End-to-end test of `timelinec preview --html` in Debian's chromium (tests/e2e/e2e.py).
#   usage: tests/e2e/run.sh path/to/timelinec
# Needs Debian's python3 with python3-selenium, chromium and chromium-driver
# (apt-get install python3-selenium chromium chromium-driver); nothing is downloaded.
# The interpreter is $TIMELINEC_PYTHON, else /usr/bin/python3 (Debian's, which has the selenium
# package; a python3 earlier on PATH may not), else python3. The browser and driver are
# $TIMELINEC_CHROMIUM (default /usr/bin/chromium) and $TIMELINEC_CHROMEDRIVER (default
# /usr/bin/chromedriver). Pages, timelines and screenshots go to DIR/e2e/ beside the tool
# (build/e2e/). Prints one summary line on success; every failure (and exit status 1) otherwise.
set -eu
if [ $# -ne 1 ] || [ -z "$1" ]; then
	echo "usage: tests/e2e/run.sh path/to/timelinec" >&2
	exit 2
fi
tool=$1
here=$(cd "$(dirname "$0")" && pwd)
apt="apt-get install python3-selenium chromium chromium-driver"
py=${TIMELINEC_PYTHON:-/usr/bin/python3}
if [ ! -f "$py" ]; then
	py=python3
fi
chromium=${TIMELINEC_CHROMIUM:-/usr/bin/chromium}
chromedriver=${TIMELINEC_CHROMEDRIVER:-/usr/bin/chromedriver}
if [ ! -x "$chromium" ]; then
	echo "e2e: FAIL: $chromium (chromium) is needed ($apt)" >&2
	exit 1
fi
if [ ! -x "$chromedriver" ]; then
	echo "e2e: FAIL: $chromedriver (chromedriver) is needed ($apt)" >&2
	exit 1
fi
# e2e.py says so itself when this interpreter has no selenium.
exec "$py" "$here/e2e.py" "$tool"
