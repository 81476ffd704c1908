#!/usr/bin/env bash
# Runs every test of nkecon on a fresh machine: installs what it needs (the package
# with its test extras, which brings maturin, pyarrow, pytest...), then checks
# formatting and lints, runs the Rust tests, the Python tests, the stubs and the
# notebooks. Usage: bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PY=${PYTHON:-python3}
# A fresh clone builds everything once: incremental state would only cost disk.
export CARGO_INCREMENTAL=0
step() { printf '\n==> %s\n' "$*"; }

if [ ! -d ../shared/corpus ]; then
  if [ "${NKECON_REQUIRE_SHARED:-0}" = "1" ]; then
    echo "error: ../shared/corpus is missing; the corpus tests need it" >&2
    exit 1
  fi
  echo "note: ../shared is absent; tests that read the shared corpus will be skipped"
fi

df -h . | awk 'NR==2 {print "disk: " $4 " free where the build runs"}'

step "install nkecon with its test extras (release build through maturin)"
"$PY" -m pip install --quiet --disable-pip-version-check ".[test]"

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (core, tests, benches, and the python feature)"
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --lib --features python --quiet -- -D warnings

step "cargo test"
cargo test --quiet

# The fuzz targets (fuzz/, its own workspace) must keep compiling against the API.
# `cargo check` type-checks them without linking eleven 100 MB binaries (linking them
# once filled a CI machine's disk); the sanitizer build needs cargo-fuzz (3 min to
# install, much longer to build), so it runs only with NKECON_FUZZ=1. See fuzz/README.md.
step "fuzz targets type-check"
CARGO_TARGET_DIR=target cargo check --manifest-path fuzz/Cargo.toml --bins --quiet
if [ "${NKECON_FUZZ:-0}" = "1" ]; then
  command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
  (cd fuzz && RUSTC_BOOTSTRAP=1 cargo fuzz build -O)
fi

step "stubs match the extension (mypy.stubtest)"
"$PY" -m mypy.stubtest nkecon._core --mypy-config-file pyproject.toml --ignore-disjoint-bases

step "python tests (API, dataset, corpus scores, properties, notebooks)"
"$PY" -m pytest -q tests/python

echo
echo "all tests passed"
