# The builder contract every component of the shop meets: `build` and `test`, and `version`
# for tags. abe runs `make -C <component> <target>` with NAME, DOCKER_IMAGE and DOCKER_TAG in
# the environment. Each component's Makefile sets VERSION and includes this file.
.PHONY: build test version

build:
	npx tsc -p tsconfig.json

test:
	npx vitest run --config ../vitest.config.mjs --root .

version:
	@echo $(VERSION)
