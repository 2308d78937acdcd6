#!/usr/bin/env bash
# Prints the path of a fontconfig file under which Chromium renders with Noto Sans (Android's own family), as it does
# on a machine with Debian's fonts-noto-core installed, without installing it: the package is fetched with
# `apt-get download` and unpacked into a cache folder, and the file adds that folder to the system's configuration.
# Pass it as FONTCONFIG_FILE to one run only (scripts/test-all.sh does, for the phone-layout end-to-end tests): the
# machine's default fonts stay what every other run uses. Exits non-zero when the package cannot be fetched.
#
#   FONTCONFIG_FILE=$(bash scripts/noto-fonts.sh) npx playwright test --grep @phone
set -euo pipefail

CACHE=${NOTO_FONTS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/two-tier-tracker/fonts-noto}
CONF=$CACHE/fonts.conf
FONTS=$CACHE/root/usr/share/fonts/truetype/noto

if [[ ! -f $FONTS/NotoSans-Regular.ttf ]]; then
  mkdir -p "$CACHE"
  tmp=$(mktemp -d "$CACHE/download.XXXXXX")
  trap 'rm -rf "$tmp"' EXIT
  # `apt-get download` writes into the current folder; as root it warns that _apt cannot write there (harmless).
  (cd "$tmp" && apt-get download -qq fonts-noto-core 2>/dev/null) ||
    { apt-get update -qq >/dev/null 2>&1 && (cd "$tmp" && apt-get download -qq fonts-noto-core 2>/dev/null); } || {
    echo "noto-fonts: apt-get download fonts-noto-core failed" >&2
    exit 1
  }
  rm -rf "$CACHE/root"
  dpkg-deb -x "$tmp"/fonts-noto-core_*.deb "$CACHE/root"
fi

mkdir -p "$CACHE/fc-cache"
cat >"$CONF" <<CONF
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>$CACHE/root/usr/share/fonts</dir>
  <cachedir>$CACHE/fc-cache</cachedir>
</fontconfig>
CONF
if [[ $(FONTCONFIG_FILE=$CONF fc-match -f '%{family[0]}' sans-serif) != "Noto Sans" ]]; then
  echo "noto-fonts: sans-serif is not Noto Sans under $CONF" >&2
  exit 1
fi
echo "$CONF"
