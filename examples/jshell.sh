#!/usr/bin/env bash
# JShell with multicloud, the mock driver and the mock's SSH servers on the class path, and the
# library's packages imported (examples/startup.jsh). The same as ./dev jshell:
#   examples/jshell.sh                               interactive
#   examples/jshell.sh < examples/jshell-smoke.jsh   a script on standard input
# Any arguments go on to jshell. It compiles what is needed first (quietly), so the session always
# runs the code of this work tree, on a JDK 21 or newer that ./dev finds (JAVA_HOME if that is one,
# else the newest under /usr/lib/jvm). No test framework is on the class path.
exec "$(cd "$(dirname "$0")/.." && pwd)/dev" jshell "$@"
