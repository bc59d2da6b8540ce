# The builder contract (build, test, version) for the shop's Python components; component.mk
# is the TypeScript one. Standard library only: Python 3 is the one thing these need, no pip.
# Each component's Makefile sets VERSION and PACKAGES, includes this file and writes its own
# `test` recipe (how it meets its contracts differs: abe mock for a consumer, abe verify for a
# provider).
PYTHON ?= python3
# abe-ts as installed beside the shop (node_modules/.bin/abe); override to try another build.
ABE ?= npx abe

.PHONY: build test version

# Byte-compiling is Python's "type-check": a syntax error fails the build step, before tests.
build:
	$(PYTHON) -m compileall -q $(PACKAGES) tests

version:
	@echo $(VERSION)
