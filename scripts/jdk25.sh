# Sourced by ./adaptseg and ./mvn25: sets ADAPTSEG_JAVA_HOME to a JDK 25 or newer, or exits with a message.
# Search order: $JAVA_HOME, the `java` on PATH, then the system's JVM directories.

adaptseg_java_major() { # prints the feature version of the java binary $1 (e.g. 25), or nothing
  # A JDK's `release` file names its version: reading it costs nothing, where starting each candidate JVM
  # cost every ./adaptseg command about 0.7 s of CPU (docs/benchmarks.md, scoring as a process).
  local line
  if [ -f "${1%/bin/java}/release" ]; then
    while IFS= read -r line; do
      case "$line" in
        JAVA_VERSION=\"*)
          line="${line#JAVA_VERSION=\"}"
          line="${line%%[.\"_+-]*}"
          [ "$line" = 1 ] && line=8 # "1.8.0_…" before JDK 9
          echo "$line"
          return
          ;;
      esac
    done <"${1%/bin/java}/release"
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1
}

adaptseg_find_jdk25() {
  local candidates=() home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for home in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -d "$home" ] && candidates+=("$home")
  done
  for home in "${candidates[@]}"; do
    [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
    major=$(adaptseg_java_major "$home/bin/java")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      ADAPTSEG_JAVA_HOME="$home"
      return 0
    fi
  done
  echo "adaptseg: no JDK 25 or newer found (looked at JAVA_HOME, the java on PATH and /usr/lib/jvm)." >&2
  echo "adaptseg: install a JDK 25 (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  exit 1
}
