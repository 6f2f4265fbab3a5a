#!/usr/bin/env bash
# The installers, in one command:
#
#   scripts/package.sh            the Linux .deb and the Windows installer .exe
#   scripts/package.sh --deb      only the .deb          scripts/package.sh --exe   only the .exe
#   --no-setup                    skip scripts/setup.sh (scripts/test.sh has just run it)
#
# Output in target/installers/: KhachQuen_<version>_amd64.deb and KhachQuen_<version>_x64-setup.exe.
# Both are built with the `installer` profile (release, no debug info, stripped) in their own
# target folders, so they neither rebuild nor overwrite the release build the benchmarks use.
#
# The .deb comes from the Tauri bundler (`tauri build --bundles deb`, the CLI from ui/'s npm
# devDependencies). The .exe does not: Tauri's NSIS path downloads its nsis_tauri_utils plugin
# from GitHub, which the build machines cannot reach, so the app is cross-built for
# x86_64-pc-windows-gnu and fed with packaging/windows/installer.nsi to Debian's makensis.
# If MicrosoftEdgeWebview2Setup.exe (Microsoft's WebView2 bootstrapper) has been put in
# packaging/windows/ by hand, the installer carries it and runs it when the runtime is missing;
# without it the installer detects the missing runtime and tells the user where to get it.
set -euo pipefail
cd "$(dirname "$0")/.."

want_deb=1 want_exe=1 setup=1
for arg in "$@"; do
  case "$arg" in
    --deb) want_exe=0 ;;
    --exe) want_deb=0 ;;
    --no-setup) setup=0 ;;
    *) echo "usage: scripts/package.sh [--deb|--exe] [--no-setup]" >&2; exit 2 ;;
  esac
done

step() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
elapsed() { echo "$(($(date +%s) - $1)) s"; }

# The test command checks the packaging (bundler config, installer script, install, removal,
# upgrade) on a debug build of the app, which reuses what its earlier steps compiled: a release
# build of ~460 crates for two targets would take most of CI's time. Shipped installers are the
# default, release.
profile=${KHACHQUEN_INSTALLER_PROFILE:-installer}
if [ "$profile" = debug ]; then
  tauri_profile=(--debug) cargo_profile=() profile_dir=debug
else
  tauri_profile=() cargo_profile=(-- --profile "$profile") profile_dir=$profile
fi

version=$(sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
out=target/installers
mkdir -p "$out"

if [ $setup = 1 ]; then
  step "Setup"
  scripts/setup.sh
fi

if [ $want_exe = 1 ]; then
  packages=(nsis gcc-mingw-w64-x86-64)
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    step "Installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
  if ! rustup target list --installed | grep -qx x86_64-pc-windows-gnu; then
    step "Rust target x86_64-pc-windows-gnu"
    rustup target add x86_64-pc-windows-gnu
  fi
fi

step "UI build"
(cd ui && npm run --silent build)

if [ $want_deb = 1 ]; then
  step "Linux .deb (tauri build --bundles deb)"
  start=$(date +%s)
  rm -rf "target/$profile_dir/bundle/deb"
  ui/node_modules/.bin/tauri build --ci "${tauri_profile[@]}" --bundles deb "${cargo_profile[@]}"
  built=(target/"$profile_dir"/bundle/deb/*.deb)
  [ ${#built[@]} = 1 ] || { echo "expected one .deb, found: ${built[*]}" >&2; exit 1; }
  # The bundler derives the package name from the product name, "khách-quen", which dpkg refuses
  # (ASCII only), and names the desktop entry "Khách Quen.desktop": repack with ASCII names.
  tree=$(mktemp -d)
  dpkg-deb -R "${built[0]}" "$tree/root"
  sed -i 's/^Package: .*/Package: khach-quen/' "$tree/root/DEBIAN/control"
  # The bundler adds WebKitGTK, GTK and the tray's appindicator itself, the last one twice.
  awk -F': ' -v OFS=': ' '/^Depends:/ { n = split($2, d, ", "); $2 = ""; delete seen
    for (i = 1; i <= n; i++) if (!seen[d[i]]++) $2 = $2 (i > 1 && $2 != "" ? ", " : "") d[i] } 1' \
    "$tree/root/DEBIAN/control" >"$tree/control" && mv "$tree/control" "$tree/root/DEBIAN/control"
  for dep in libwebkit2gtk-4.1-0 libgtk-3-0 libayatana-appindicator3-1; do
    grep -q "^Depends:.*\b$dep\b" "$tree/root/DEBIAN/control" || { echo "the .deb does not depend on $dep" >&2; exit 1; }
  done
  mv "$tree/root/usr/share/applications/"*.desktop "$tree/root/usr/share/applications/vn.khachquen.app.desktop"
  (cd "$tree/root" && find usr -type f -exec md5sum {} + >DEBIAN/md5sums)
  dpkg-deb --root-owner-group -Zxz -b "$tree/root" "$out/KhachQuen_${version}_amd64.deb" >/dev/null
  rm -rf "$tree"
  echo "deb built in $(elapsed "$start")"
fi

if [ $want_exe = 1 ]; then
  step "Windows installer (cross-built app, makensis)"
  start=$(date +%s)
  target=x86_64-pc-windows-gnu
  # The build `tauri build --bundles nsis` would make; its bundling step is what cannot run here.
  ui/node_modules/.bin/tauri build --ci "${tauri_profile[@]}" --no-bundle --target $target \
    "${cargo_profile[@]}"
  bin_dir=target/$target/$profile_dir
  # webview2-com-sys puts the loader next to the binary for GNU builds; the app needs it there.
  loader=$bin_dir/WebView2Loader.dll
  [ -f "$loader" ] || loader=$(find "$bin_dir/build" -path '*x64/WebView2Loader.dll' | head -1)
  [ -f "$loader" ] || { echo "WebView2Loader.dll not found under $bin_dir" >&2; exit 1; }
  bootstrapper=()
  if [ -f packaging/windows/MicrosoftEdgeWebview2Setup.exe ]; then
    bootstrapper=("-DWEBVIEW2_BOOTSTRAPPER=$PWD/packaging/windows/MicrosoftEdgeWebview2Setup.exe")
  else
    echo "note: no packaging/windows/MicrosoftEdgeWebview2Setup.exe: the installer will point users without WebView2 to Microsoft's download page"
  fi
  makensis -V2 -DVERSION="$version" -DAPP_EXE="$PWD/$bin_dir/khachquen-app.exe" \
    -DLOADER_DLL="$PWD/$loader" -DICON="$PWD/icons/icon.ico" \
    -DOUTFILE="$PWD/$out/KhachQuen_${version}_x64-setup.exe" "${bootstrapper[@]}" \
    packaging/windows/installer.nsi
  echo "exe built in $(elapsed "$start")"
fi

step "Installers"
for f in "$out"/KhachQuen_"${version}"_*; do
  printf '%s\t%s bytes (%s)\n' "$f" "$(stat -c %s "$f")" "$(du -h "$f" | cut -f1)"
done
