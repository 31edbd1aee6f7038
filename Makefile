# The two set-up commands of README.md: `make demo` and `make test`. Both install what is missing first.
SHELL := /bin/bash
APT_PACKAGES := libzstd-dev libsnappy-dev liblz4-dev zlib1g-dev libpq-dev libcurl4-openssl-dev postgresql-15 openssl python3 python3-pip python3-venv
PIP_PACKAGES := pyarrow duckdb numpy deltalake
DEMO_DIR ?= $(CURDIR)/.demo

.PHONY: demo test deps-system deps-python build-release

## Installs system libraries, builds in release and runs the end-to-end demo on generated data.
demo: deps-system build-release
	.build/release/lake demo --dir "$(DEMO_DIR)"

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
