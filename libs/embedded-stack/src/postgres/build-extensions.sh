#!/usr/bin/env bash
# Builds and installs the PostgreSQL extensions FerretDB 2 needs (pgvector, pg_cron, DocumentDB) into the system
# PostgreSQL 15 tree. deploy/local/postgres/extensions.ts extracts and checks the pinned sources into <work-dir>
# (pgvector/, pg_cron/, documentdb/) and keeps a stamp, so this runs once per machine. Needs root: `make install`
# writes under /usr.
#
#   build-extensions.sh <work-dir>
#
# The two shims are for Debian 12: its Intel decimal library has no pkg-config file (DocumentDB asks for
# `intelmathlib`; without linking the static library the extension fails to load with undefined `__bid128_*`
# symbols), and its libbson 1.23 lacks BSON_SUBTYPE_SENSITIVE, which DocumentDB (written against 1.28) only uses as
# a constant.
set -euo pipefail
work=$1
pg_config=/usr/lib/postgresql/15/bin/pg_config

mkdir -p "$work/pkgconfig"
cat > "$work/pkgconfig/intelmathlib.pc" <<PC
Name: intelmathlib
Description: Intel decimal floating-point math library (Debian libintelrdfpmath-dev)
Version: 2.0
Cflags: -DDECIMAL_CALL_BY_REFERENCE=0 -DDECIMAL_GLOBAL_ROUNDING=0 -DDECIMAL_GLOBAL_EXCEPTION_FLAGS=0
Libs: -l:libbidgcc000.a
PC
export PKG_CONFIG_PATH="$work/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}"

jobs=$(nproc)
pgxs() { make -j"$jobs" -C "$1" with_llvm=no PG_CONFIG="$pg_config" "${@:2}"; }
build() { pgxs "$@" && pgxs "$@" install; }

build "$work/pgvector"
build "$work/pg_cron"
build "$work/documentdb/pg_documentdb_core"
build "$work/documentdb/pg_documentdb" COPT='-DBSON_SUBTYPE_SENSITIVE=8 -Wno-switch'
