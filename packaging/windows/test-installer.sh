#!/usr/bin/env bash
# The Windows installer run under Wine, silently, as a user without admin rights would:
# install, install again over it (an upgrade), uninstall; the shop's data in
# %APPDATA%\vn.khachquen.app must survive all three. Wine has no WebView2, so the app itself is
# not started here (README's Windows section lists the checks by hand).
#
#   packaging/windows/test-installer.sh target/installers/KhachQuen_<version>_x64-setup.exe
set -euo pipefail
setup_exe=$(realpath "$1")
wine=/usr/lib/wine/wine64 # the `wine` wrapper looks for 32-bit Wine, which is not installed
wineserver=$(command -v wineserver || echo /usr/lib/wine/wineserver64)

export WINEPREFIX WINEDEBUG=-all
WINEPREFIX=$(mktemp -d "${TMPDIR:-/tmp}/khachquen-setup.XXXXXX")
cleanup() {
  "$wineserver" -k 2>/dev/null || true
  rm -rf "$WINEPREFIX"
}
trap cleanup EXIT
fail() { echo "installer test FAILED: $*" >&2; exit 1; }

"$wine" wineboot --init >/dev/null 2>&1
user_dir="$WINEPREFIX/drive_c/users/$(id -un)"
# Wine links Desktop to $HOME: a real folder keeps the desktop shortcut inside the prefix.
rm -f "$user_dir/Desktop" && mkdir "$user_dir/Desktop"
program="$user_dir/AppData/Local/Khách Quen"
data="$user_dir/AppData/Roaming/vn.khachquen.app"
uninst_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Khách Quen'

installed_version() {
  "$wine" reg query "$uninst_key" /v DisplayVersion 2>/dev/null | tr -d '\r' |
    awk '/DisplayVersion/ {print $3}'
}

"$wine" "$setup_exe" /S || fail "silent install exited non-zero"
"$wineserver" -w
for f in khachquen-app.exe WebView2Loader.dll uninstall.exe; do
  [ -f "$program/$f" ] || fail "$f is not in $program"
done
start_menu="$user_dir/AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Khách Quen.lnk"
[ -f "$start_menu" ] || fail "no Start-menu entry"
[ -f "$user_dir/Desktop/Khách Quen.lnk" ] || fail "no desktop shortcut"
version=$(installed_version)
[ -n "$version" ] || fail "no uninstall entry under HKCU (per-user install)"
echo "installed $version in $program"

# The shop's data, as the app would have left it.
mkdir -p "$data/backups"
printf 'SQLite format 3\0 (stand-in)' >"$data/khachquen.db"
printf 'backup' >"$data/backups/khachquen-2026-11-29.db"
before=$(cd "$data" && find . -type f -exec sha256sum {} + | sort)

"$wine" "$setup_exe" /S || fail "installing over the installed version exited non-zero"
[ -f "$program/khachquen-app.exe" ] || fail "the program is gone after installing over it"

"$wine" "$program/uninstall.exe" /S || fail "silent uninstall exited non-zero"
# The uninstaller copies itself to a temp folder and returns at once: wait for it.
for _ in $(seq 50); do [ -e "$program/khachquen-app.exe" ] || break; sleep 0.2; done
"$wineserver" -w
[ ! -e "$program/khachquen-app.exe" ] || fail "the program is still there after uninstall"
[ ! -e "$start_menu" ] || fail "the Start-menu entry is still there after uninstall"
[ -z "$(installed_version)" ] || fail "the uninstall entry is still there"
after=$(cd "$data" && find . -type f -exec sha256sum {} + | sort)
[ "$before" = "$after" ] || fail "uninstall changed the shop's data folder"
echo "installer test passed: per-user install, Start menu, upgrade in place, uninstall kept the data"
