# Sourced by ./mvnw before anything else: the project targets Java 21, while many machines
# still default to Java 17. Picks a JDK 21+ and exports JAVA_HOME, or stops with one line
# saying how to fix it. POSIX sh, no bashisms (mvnw runs under /bin/sh).

mvnw_required_java=21

# Prints the major version of the JDK at $1, or nothing when it is not a JDK.
mvnw_jdk_major() {
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] || return 0
  if [ -f "$1/release" ]; then
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release")
  else
    v=$("$1/bin/java" -version 2>&1 | sed -n '1s/.*version "\([0-9]*\).*/\1/p')
  fi
  [ "$v" = 1 ] && v=8
  echo "$v"
}

mvnw_select_jdk() {
  if [ -n "${JAVA_HOME-}" ]; then
    m=$(mvnw_jdk_major "$JAVA_HOME")
    [ -n "$m" ] && [ "$m" -ge "$mvnw_required_java" ] && return 0
  fi
  if command -v java >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    m=$(mvnw_jdk_major "$home")
    if [ -n "$m" ] && [ "$m" -ge "$mvnw_required_java" ]; then
      JAVA_HOME=$home; export JAVA_HOME; return 0
    fi
  fi
  best=; best_major=0
  set +f # mvnw runs with globbing off; the candidate list needs it
  for home in /usr/lib/jvm/* /opt/java/* /opt/jdk* "${HOME-}"/.sdkman/candidates/java/* \
    "${HOME-}"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$home" ] || continue
    m=$(mvnw_jdk_major "$home")
    if [ -n "$m" ] && [ "$m" -ge "$mvnw_required_java" ] && [ "$m" -gt "$best_major" ]; then
      best=$home; best_major=$m
    fi
  done
  set -f
  if [ -n "$best" ]; then
    JAVA_HOME=$best; export JAVA_HOME; return 0
  fi
  echo "mvnw: this project needs a JDK $mvnw_required_java or newer; install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME to it." >&2
  exit 1
}

mvnw_select_jdk
# Maven's own Guice warns on JDK 24+ about sun.misc.Unsafe; the flag that quiets it does not exist
# before JDK 23, so it is added only where it is understood.
mvnw_major=$(mvnw_jdk_major "$JAVA_HOME")
if [ -n "$mvnw_major" ] && [ "$mvnw_major" -ge 24 ]; then
  MAVEN_OPTS="${MAVEN_OPTS-} --sun-misc-unsafe-memory-access=allow"
  export MAVEN_OPTS
fi
