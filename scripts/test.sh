#!/usr/bin/env bash
# Runs every test of nkecon on a fresh machine: installs what it needs (the package
# with its test extras, which brings maturin, pyarrow, pytest...), then checks
# formatting and lints, runs the Rust tests, the Python tests, the stubs and the
# notebooks. Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
step() { printf '\n==> %s\n' "$*"; }

if [ ! -d ../shared/corpus ]; then
  if [ "${NKECON_REQUIRE_SHARED:-0}" = "1" ]; then
    echo "error: ../shared/corpus is missing; the corpus tests need it" >&2
    exit 1
  fi
  echo "note: ../shared is absent; tests that read the shared corpus will be skipped"
fi

step "install nkecon with its test extras (release build through maturin)"
"$PY" -m pip install --quiet --disable-pip-version-check ".[test]"

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (core, tests, benches, and the python feature)"
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --lib --features python --quiet -- -D warnings

step "cargo test"
cargo test --quiet

step "stubs match the extension (mypy.stubtest)"
"$PY" -m mypy.stubtest nkecon._core --mypy-config-file pyproject.toml --ignore-disjoint-bases

step "python tests (API, dataset, corpus scores, properties, notebooks)"
"$PY" -m pytest -q tests/python

echo
echo "all tests passed"
