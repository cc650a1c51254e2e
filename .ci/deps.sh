#!/bin/sh
# Checks the build dependencies (through pkg-config). When some are missing: installs them with
# apt-get if running as root on Debian/Ubuntu, otherwise prints the exact commands and fails.
set -u
APT_PKGS="build-essential pkg-config libyaml-dev libcjson-dev libicu-dev libcriterion-dev tzdata"
BREW_PKGS="pkg-config libyaml cjson icu4c criterion"
missing=""
command -v pkg-config >/dev/null 2>&1 || missing="pkg-config"
if [ -z "$missing" ]; then
	for m in yaml-0.1 libcjson icu-uc icu-i18n criterion; do
		pkg-config --exists "$m" 2>/dev/null || missing="$missing $m"
	done
fi
command -v cc >/dev/null 2>&1 || missing="$missing cc"
[ -z "$missing" ] && exit 0
echo "timelinec: missing build dependencies:$missing" >&2
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "timelinec: installing them with apt-get (running as root)" >&2
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq && apt-get install -y -qq $APT_PKGS >/dev/null && exit 0
	echo "timelinec: apt-get failed" >&2
	exit 1
fi
cat >&2 <<MSG
Install them, then run the command again:
  Debian/Ubuntu:  sudo apt-get install $APT_PKGS
  macOS (Homebrew): brew install $BREW_PKGS
                  export PKG_CONFIG_PATH="\$(brew --prefix icu4c)/lib/pkgconfig:\$PKG_CONFIG_PATH"
                  (icu4c is keg-only: pkg-config does not find it without PKG_CONFIG_PATH)
MSG
exit 1
