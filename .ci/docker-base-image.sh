#!/usr/bin/env bash
# Makes the small Java base image that Cairn's model images build FROM in tests and CI, where no image registry
# can be reached: a jlink'ed runtime of the host JDK (only the modules cairn-runtime.jar needs) plus the system
# libraries it and ONNX Runtime link against, imported with `docker import`. No shell, no package manager: the
# generated Dockerfile never RUNs anything, so any JRE image works as well (eclipse-temurin:17-jre by default).
# About 4 s and 45 MB, against 40 s and 350 MB for a debootstrap'ed Debian with OpenJDK. Does nothing when the
# image already exists.
set -euo pipefail

image="${1:-cairn/jre-base:17}"
if docker image inspect "$image" >/dev/null 2>&1; then
  echo "docker base image $image exists"
  exit 0
fi

java_home="$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"

# java.sql and jdk.management: Jackson and the Prometheus JVM metrics use them when present.
"$java_home/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.management,jdk.httpserver,jdk.unsupported,java.sql \
  --strip-debug --no-man-pages --no-header-files --compress=2 --output "$root/opt/java"

# The dynamic loader and every library the JVM links, plus what ONNX Runtime's native library links (libstdc++,
# libgcc_s, and glibc's libdl/librt/libpthread, stubs since glibc 2.34 but still named in its dependencies).
{
  find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -exec ldd {} \; 2>/dev/null
  ldconfig -p | grep -E 'lib(stdc\+\+\.so\.6|gcc_s\.so\.1|dl\.so\.2|rt\.so\.1|pthread\.so\.0|m\.so\.6) ' \
    | grep -v -E '(lib32|libx32|i386)'
} | grep -oE '/[^ ]+\.so[^ ]*' | sort -u | while read -r lib; do
  [ -e "$lib" ] && cp -L --parents "$lib" "$root/"
done
mkdir -p "$root/tmp" "$root/etc"
chmod 1777 "$root/tmp"
echo 'nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin' > "$root/etc/passwd"
# ONNX Runtime 1.29 reads /etc/os-release and /etc/machine-id while creating its environment; without the machine
# id it falls back to running a shell command, and with no shell it crashes the JVM (fclose of NULL).
cp -L /etc/os-release "$root/etc/os-release"
tr -d '-' < /proc/sys/kernel/random/uuid > "$root/etc/machine-id"

tar -C "$root" -c . | docker import \
  -c 'ENV JAVA_HOME=/opt/java' -c 'ENV PATH=/opt/java/bin:/usr/bin:/bin' -c 'ENV LANG=C.UTF-8' \
  -c 'CMD ["java", "-version"]' - "$image" >/dev/null
echo "docker base image $image made: $(docker image inspect -f '{{.Size}}' "$image") bytes"
