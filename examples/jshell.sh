#!/usr/bin/env bash
# JShell with multicloud and the mock driver on the class path, and the library's packages imported.
#   examples/jshell.sh                            interactive
#   examples/jshell.sh < examples/jshell-smoke.jsh   a script on standard input
# Any arguments go on to jshell. It compiles what is needed first (quietly), so the session
# always runs the code of this work tree. Needs a JDK 21 or newer: JAVA_HOME if that is one,
# else the newest under /usr/lib/jvm (the same choice as ./dev).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

java_major() { "$1/bin/java" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }

pick_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/jshell" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ]; then
    return
  fi
  local best="" best_major=0 dir major
  for dir in /usr/lib/jvm/*/; do
    dir=${dir%/}
    [ -x "$dir/bin/jshell" ] || continue
    major=$(java_major "$dir"); major=${major:-0}
    if [ "$major" -gt "$best_major" ]; then best=$dir; best_major=$major; fi
  done
  if [ "$best_major" -lt 21 ]; then
    echo "No JDK 21 or newer with jshell found (JAVA_HOME or /usr/lib/jvm): $(ls /usr/lib/jvm 2>/dev/null | tr '\n' ' ')" >&2
    exit 1
  fi
  export JAVA_HOME=$best
}

pick_jdk
export PATH="$JAVA_HOME/bin:$PATH"
if [ "$(java_major "$JAVA_HOME")" -ge 24 ]; then
  export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"
fi

# Compile examples and the modules it needs in one reactor: the class path then points at their
# target/classes (always this tree's code, nothing to install) plus the third-party jars.
classpath_file="$root/examples/target/jshell.classpath"
mkdir -p "$root/examples/target"
if ! build_log=$(mvn -B -ntp -q compile dependency:build-classpath -pl examples -am \
        -Dmdep.outputFile="$classpath_file" -DincludeScope=runtime 2>&1); then
  echo "Building the class path for JShell failed:" >&2
  echo "$build_log" >&2
  exit 1
fi

exec jshell --class-path "$(cat "$classpath_file"):$root/examples/target/classes" \
  --startup DEFAULT --startup "$root/examples/startup.jsh" "$@"
