#!/usr/bin/env bash
# The test count on each database (issue 15's closing note), read from the surefire reports that the last
# `mvn test` / `mvn verify` left behind: target/surefire-reports is the default run (H2), and
# target/surefire-reports-postgresql the second run of the same classes on the throwaway PostgreSQL cluster
# (see PostgresServer). Run the tests first, e.g.
#   mvn -B -pl feedback-ui/store,feedback-ui/web,refresh,cli -am verify   (or .ci/run)
#   tools/db-test-count.sh
# A module whose reports are missing is listed as "not run".
set -euo pipefail
cd "$(dirname "$0")/.."
modules=(feedback-ui/store feedback-ui/web refresh cli)
printf '%-18s %-11s %6s %8s %7s\n' module database tests skipped failed
for m in "${modules[@]}"; do
  for run in h2:surefire-reports postgresql:surefire-reports-postgresql; do
    db=${run%%:*}
    dir="$m/target/${run#*:}"
    if ! compgen -G "$dir/TEST-*.xml" >/dev/null; then
      if [ "$db" = h2 ] || grep -q "surefire-reports-postgresql" "$m/pom.xml"; then
        printf '%-18s %-11s %s\n' "$m" "$db" "not run"
      fi
      continue
    fi
    grep -ho '<testsuite [^>]*>' "$dir"/TEST-*.xml | awk -v m="$m" -v db="$db" '
      function attr(s, name,   r) { r = s; if (!match(r, name "=\"[0-9]+\"")) return 0;
        r = substr(r, RSTART + length(name) + 2, RLENGTH - length(name) - 3); return r + 0 }
      { t += attr($0, "tests"); s += attr($0, "skipped"); f += attr($0, "failures") + attr($0, "errors") }
      END { printf "%-18s %-11s %6d %8d %7d\n", m, db, t, s, f }'
  done
done
