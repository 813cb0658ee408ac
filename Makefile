# localup: `make run` builds and serves on :8080 with the data imported;
# `make test` vets and tests everything. See README.md.

GO        ?= go
NPM       ?= npm
BIN       := bin/localup
ADDR      ?= :8080

# GOV.UK Frontend comes from npm (package.json pins it) and its compiled
# files are copied into the web package, which embeds them.
GOVUK_SRC := node_modules/govuk-frontend/dist/govuk
GOVUK_DST := internal/web/static/govuk
GOVUK_PKG := node_modules/govuk-frontend/package.json
GOVUK_CSS := $(GOVUK_DST)/govuk-frontend.min.css

# The revision is passed explicitly so that `localup version` works
# however Go's own VCS stamping is configured.
REVISION  := $(shell git rev-parse --short=12 HEAD 2>/dev/null)
LDFLAGS   := -X main.revision=$(REVISION)

.PHONY: all run build test bench assets clean

all: build

$(GOVUK_PKG): package.json package-lock.json
	$(NPM) ci --no-audit --no-fund
	@touch $@

$(GOVUK_CSS): $(GOVUK_PKG)
	rm -rf $(GOVUK_DST)
	mkdir -p $(GOVUK_DST)
	cp $(GOVUK_SRC)/govuk-frontend.min.css $(GOVUK_SRC)/govuk-frontend.min.js $(GOVUK_DST)/
	cp -R $(GOVUK_SRC)/assets $(GOVUK_DST)/assets
	@touch $@

## assets: install GOV.UK Frontend with npm and copy it into internal/web/static/govuk
assets: $(GOVUK_CSS)

## build: build bin/localup with the assets embedded
build: assets
	$(GO) build -buildvcs=false -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/localup

## run: build, import the data (a fast no-op when unchanged), serve on :8080
run: build
	./$(BIN) import
	./$(BIN) serve --addr $(ADDR)

## test: go vet, then every test, uncached
test: assets
	$(GO) vet ./...
	LOCALUP_REQUIRE_ASSETS=1 $(GO) test -count=1 ./...

## bench: every benchmark, with allocations
bench: assets
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin $(GOVUK_DST)
