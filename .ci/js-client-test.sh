#!/usr/bin/env bash
# Second, independent client of the Graph emulator: Microsoft's JavaScript Graph SDK
# (engine/src/test/js) against `seatwarden emulator`. Builds nothing: it needs
# engine/target/seatwarden.jar (./mvnw -B verify or package first), a JDK 17+ and Node.js 18+ with npm.
set -euo pipefail
cd "$(dirname "$0")/.."

jar=engine/target/seatwarden.jar
fixture=engine/src/test/resources/tenants/emulator-small.json
if [[ ! -f "$jar" ]]; then
    echo "js-client-test: $jar is missing; build it first (./mvnw -B verify)" >&2
    exit 1
fi

work=$(mktemp -d)
emulator_pid=""
cleanup() {
    if [[ -n "$emulator_pid" ]] && kill -0 "$emulator_pid" 2>/dev/null; then
        kill -TERM "$emulator_pid" 2>/dev/null || true
        wait "$emulator_pid" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT

java -jar "$jar" emulator --tenant "$fixture" --port 0 >"$work/stdout" 2>"$work/stderr" &
emulator_pid=$!

url=""
for _ in $(seq 1 600); do
    if [[ -s "$work/stdout" ]]; then
        url=$(head -n 1 "$work/stdout")
        [[ "$url" == http://127.0.0.1:*/v1.0 ]] && break
    fi
    if ! kill -0 "$emulator_pid" 2>/dev/null; then
        break
    fi
    sleep 0.1
done
if [[ "$url" != http://127.0.0.1:*/v1.0 ]]; then
    echo "js-client-test: the emulator did not print its URL" >&2
    cat "$work/stderr" >&2
    exit 1
fi
echo "js-client-test: emulator at $url" >&2

(cd engine/src/test/js && npm ci --no-audit --no-fund --loglevel=error && node emulator-client-test.mjs "$url")
status=$?

kill -TERM "$emulator_pid"
wait "$emulator_pid" || { echo "js-client-test: the emulator did not exit cleanly" >&2; status=1; }
emulator_pid=""
exit "$status"
