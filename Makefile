# The two set-up commands of README.md: `make demo` and `make test`. Both install what is missing first.
SHELL := /bin/bash
APT_PACKAGES := libzstd-dev libsnappy-dev liblz4-dev zlib1g-dev libpq-dev libcurl4-openssl-dev postgresql-15 openssl python3 python3-pip python3-venv
PIP_PACKAGES := pyarrow duckdb numpy deltalake
DEMO_DIR ?= $(CURDIR)/.demo

.PHONY: demo test deps-system deps-python build-release

## Installs system libraries, builds in release and runs the reference pipeline end to end on the recorded API
## payloads (Fixtures/api) into a fresh lake root, loading a PostgreSQL it starts itself unless LAKE_WAREHOUSE_URL
## is set; then time-travel and KPI queries over the silver tables.
demo: deps-system build-release
	.build/release/lake pipeline demo --dir "$(DEMO_DIR)" --pipeline Fixtures/pipeline/pipeline.toml --replay Fixtures/api

## Installs system libraries and the Python peers, then runs the whole test suite.
test: deps-system deps-python
	swift build --build-tests
	swift test --skip-build

deps-system:
	@missing=""; for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

deps-python:
	@python3 -c "import pyarrow, duckdb, numpy, deltalake" 2>/dev/null || python3 -m pip install -q $(PIP_PACKAGES)

build-release:
	swift build -c release --product lake
