#!/usr/bin/env bash
# Installs PostgreSQL 15 from the Debian packages for the tests that need a real PostgreSQL
# (io.seatwarden.testing.TestingPostgres starts its own private cluster from these binaries).
# Idempotent: does nothing when the binaries are already there.
set -euo pipefail

if [ -x /usr/lib/postgresql/15/bin/initdb ]; then
    exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq postgresql-15 >/dev/null || $sudo apt-get install -y -qq postgresql >/dev/null

if [ ! -x /usr/lib/postgresql/15/bin/initdb ]; then
    echo "install-postgres: /usr/lib/postgresql/15/bin/initdb is still missing after installing postgresql" >&2
    exit 1
fi
# The Debian package starts a system cluster on 5432; the tests do not use it.
