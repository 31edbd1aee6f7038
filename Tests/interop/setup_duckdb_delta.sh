#!/usr/bin/env bash
# Creates (once) the virtual environment in which DuckDB's delta extension reads our tables, and prints the path of
# its Python interpreter on stdout.
#
# Usage: setup_duckdb_delta.sh [venv directory]
#   The directory defaults to $LAKE_DUCKDB_DELTA_VENV, else <repository>/.build-interop/duckdb-delta-venv.
#
# Why a separate environment (spec/table-log.md §15.1): `INSTALL delta` needs the extension repository, which is not
# reachable here, and the extension on PyPI (`duckdb-extension-delta`) is signed for exactly one DuckDB release
# (1.5.5), while the project's own DuckDB (2.0.0, used by the Parquet checks) refuses it. The venv pins
# duckdb==1.5.5 with the matching extension; `duckdb_delta_read.py` loads the extension file from site-packages.
#
# Idempotent and safe to run concurrently (creation holds a lock): when the interpreter already imports the pinned
# packages and the extension file exists, nothing is installed. Progress and pip output go to stderr so that stdout
# is only the interpreter path.
set -euo pipefail

repository="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${1:-${LAKE_DUCKDB_DELTA_VENV:-$repository/.build-interop/duckdb-delta-venv}}"
python="$venv/bin/python"
duckdb_version="1.5.5"
packages=("duckdb==$duckdb_version" "duckdb-extension-delta==$duckdb_version" "deltalake==1.6.6" "pyarrow")

ready() {
    [ -x "$python" ] || return 1
    "$python" - "$duckdb_version" <<'EOF' >/dev/null 2>&1
import os, sys
import duckdb, duckdb_extension_delta, deltalake, pyarrow
version = sys.argv[1]
assert duckdb.__version__ == version, duckdb.__version__
extension = os.path.join(os.path.dirname(duckdb_extension_delta.__file__), "extensions", "v" + version,
                         "delta.duckdb_extension")
assert os.path.isfile(extension), extension
EOF
}

if ready; then
    echo "$python"
    exit 0
fi

# Test suites run in parallel and may all ask for the venv at once: one creates it while the others wait on the
# lock, then find it ready (a reader must never load a half-installed extension).
mkdir -p "$(dirname "$venv")"
exec 9>"$venv.lock"
flock 9
if ready; then
    echo "$python"
    exit 0
fi

echo "setup_duckdb_delta: creating $venv with ${packages[*]}" >&2
[ -x "$python" ] || python3 -m venv "$venv" >&2
"$python" -m pip install --quiet --disable-pip-version-check "${packages[@]}" >&2
if ! ready; then
    echo "setup_duckdb_delta: $venv still lacks a loadable duckdb $duckdb_version delta extension" >&2
    exit 1
fi
echo "$python"
