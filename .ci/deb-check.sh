#!/usr/bin/env bash
# The installer check (.ci/run calls it after `./mvnw verify`; run it by hand as root on Debian or Ubuntu):
# build the .deb, install it with dpkg, run the installed `cairn` from the PATH (--version, info, and the window
# under Xvfb), check the menu entry and the .onnx association, then remove the package. Fails on the first miss.
# Needs: root, apt, fakeroot (jpackage's .deb step), xvfb and x11-utils (xwininfo).
set -euo pipefail
cd "$(dirname "$0")/.."

# -am: a fresh machine has no cairn-app in ~/.m2, so the reactor builds it again; with compiled classes and
# -DskipTests that costs about 20 s (the shaded jars are rewritten), the .deb itself about 25 s.
./mvnw -B -q -pl installers -am -Pdeb package -DskipTests
debs=(installers/target/jpackage/deb/cairn_*.deb)
deb=${debs[0]}
echo "Built $deb ($(du -m "$deb" | cut -f1) MB)"

home=$(mktemp -d)
gui_pid='' xvfb_pid=''
cleanup() {
  [ -n "$gui_pid" ] && kill "$gui_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  if dpkg-query -W -f='${Status}' cairn 2>/dev/null | grep -q installed; then dpkg -r cairn >/dev/null || true; fi
  rm -rf "$home"
}
trap cleanup EXIT
fail() { echo "deb-check: $*" >&2; exit 1; }

# dpkg -i fetches no dependencies: install those the package names first, so that dpkg -i itself must succeed
# (its postinst included: menu entry, MIME type, /usr/bin/cairn).
export DEBIAN_FRONTEND=noninteractive
read -ra depends <<< "$(dpkg-deb -f "$deb" Depends | tr -d ' ' | tr ',' ' ')"
apt-get install -y -qq --no-install-recommends "${depends[@]}" >/dev/null
dpkg -i "$deb"

[ "$(command -v cairn)" = /usr/bin/cairn ] || fail "cairn is not on the PATH as /usr/bin/cairn: $(command -v cairn || true)"
built=$(java -jar app/target/cairn.jar --version | head -1)
installed=$(cd / && cairn --version)
echo "$installed"
[ "$(head -1 <<< "$installed")" = "$built" ] || fail "installed cairn --version says '$installed', the build '$built'"
info=$(cd / && cairn --home "$home" info)
grep -q "^Data directory  *$home\$" <<< "$info" || fail "cairn info did not use $home: $info"
grep -q '^Schema version' <<< "$info" || fail "cairn info made no database: $info"

# The example plugins in the installed runtime (jlink's module list must cover what they use): listed, and the
# energy-distance test used in a comparison. The window below starts with them in its plugins folder too.
mkdir -p "$home/plugins"
cp plugins/drift-tests/target/cairn-plugin-drift-tests-*.jar plugins/parquet/target/cairn-plugin-parquet-*.jar "$home/plugins/"
listing=$(cd / && cairn --home "$home" plugins) || fail "cairn plugins found a problem: $listing"
grep -q 'provides Drift test ed (Energy distance)' <<< "$listing" || fail "no energy-distance test: $listing"
grep -q 'provides Dataset reader: Parquet (.parquet)' <<< "$listing" || fail "no Parquet reader: $listing"
penguins=$(cd "$(dirname "$0")/.." && pwd)/testdata/datasets/penguins.csv
drift=$(cd / && cairn --home "$home" drift "$penguins" "$penguins" --column-test bill_length_mm=ed --no-register) \
  || fail "cairn drift with the plugin's test failed: $drift"
grep -Eq '^bill_length_mm +num +ed ' <<< "$drift" || fail "the plugin's test is not in the report: $drift"

files=$(dpkg -L cairn)
grep -qx /opt/cairn/lib/app/cairn-runtime.jar <<< "$files" || fail "cairn-runtime.jar is not beside cairn.jar"
[ -f /usr/share/applications/cairn-cairn.desktop ] || fail "no menu entry in /usr/share/applications"
grep -qx 'Exec=/opt/cairn/bin/cairn %F' /usr/share/applications/cairn-cairn.desktop || fail "menu entry's Exec line"
grep -qx 'MimeType=application/x-onnx' /usr/share/applications/cairn-cairn.desktop || fail "menu entry's MimeType"
grep -q ':application/x-onnx:\*\.onnx$' /usr/share/mime/globs2 || fail "*.onnx is not registered as application/x-onnx"

# The window: a free display, the installed launcher, and a top-level window titled exactly "Cairn" within 60 s.
display=''
for d in $(seq 90 120); do [ -e "/tmp/.X$d-lock" ] || { display=:$d; break; }; done
[ -n "$display" ] || fail "no free X display between :90 and :120"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
(cd / && DISPLAY=$display exec cairn --home "$home") > "$home/gui.out" 2>&1 &
gui_pid=$!
window=''
for _ in $(seq 120); do
  window=$(DISPLAY=$display xwininfo -root -tree 2>/dev/null | grep -F '"Cairn": (' || true)
  [ -n "$window" ] && break
  kill -0 "$gui_pid" 2>/dev/null || break
  sleep 0.5
done
[ -n "$window" ] || { cat "$home/gui.out" >&2; fail "the installed cairn opened no window titled Cairn on $display"; }
echo "Window:$window"
sleep 3   # still up a moment later: no crash right after the first frame
kill -0 "$gui_pid" 2>/dev/null || { cat "$home/gui.out" >&2; fail "the window closed by itself"; }
kill "$gui_pid"; wait "$gui_pid" 2>/dev/null || true; gui_pid=''
kill "$xvfb_pid"; wait "$xvfb_pid" 2>/dev/null || true; xvfb_pid=''

dpkg -r cairn >/dev/null
[ ! -e /usr/bin/cairn ] || fail "dpkg -r left /usr/bin/cairn behind"
[ ! -e /usr/share/applications/cairn-cairn.desktop ] || fail "dpkg -r left the menu entry behind"
echo "deb-check: $deb installs, runs (--version, info, plugins, window) and removes cleanly"
