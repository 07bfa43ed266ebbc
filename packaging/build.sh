#!/usr/bin/env bash
# Build Wavesmith for Linux in one command: a PyInstaller onedir build in dist/wavesmith/,
# a tarball of it, their sizes, and the frozen app's own --self-test (offscreen).
#     packaging/build.sh            # from anywhere; takes minutes and several GB (torch)
# Environment: WAVESMITH_BUILD_KEEP=1 keeps build/ (PyInstaller's work folder, GBs);
# by default it is removed once the build is done.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)

echo "== environment with the packaging group (PyInstaller)"
uv sync --locked --group packaging

echo "== translations (resources/i18n/*.qm, which the spec ships with resources/)"
# The frozen app has no lrelease to compile the .ts at start-up, as a checkout does.
uv run --no-sync python scripts/translations.py compile

echo "== icons (resources/icons/wavesmith.ico, .icns, .png from the SVG)"
uv run --no-sync python packaging/make_icons.py

echo "== PyInstaller (onedir)"
uv run --no-sync pyinstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build packaging/wavesmith.spec
built=$(date +%s)
[ "${WAVESMITH_BUILD_KEEP:-0}" = 1 ] || rm -rf build

version=$(dist/wavesmith/wavesmith --version | awk '{print $2}')
tarball="dist/wavesmith-${version}-linux-$(uname -m).tar.gz"
echo "== tarball $tarball"
# gzip -1: torch's CUDA libraries hardly compress, and -6 takes minutes longer for ~1%.
tar -C dist -cf - wavesmith | gzip -1 > "$tarball"
packed=$(date +%s)

if command -v appimagetool >/dev/null 2>&1; then
  echo "== appimagetool found: an AppImage is not made yet (see packaging/README.md)"
else
  echo "== no appimagetool on this machine: no AppImage (the tarball is the Linux build)"
fi

echo "== frozen app's --self-test (offscreen)"
QT_QPA_PLATFORM=offscreen dist/wavesmith/wavesmith --self-test
tested=$(date +%s)

echo "== sizes"
du -sh dist/wavesmith "$tarball"
echo "largest parts of dist/wavesmith/_internal:"
du -sh dist/wavesmith/_internal/* 2>/dev/null | sort -rh | head -8
du -sh dist/wavesmith/_internal/nvidia/* 2>/dev/null | sort -rh | head -8 || true
echo "== build $(( built - start )) s, tarball $(( packed - built )) s, self-test $(( tested - packed )) s"
