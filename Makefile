# Tocsin. `make run` starts the console on tocsin.db; `make test` is what CI runs.
GO ?= go
export CGO_ENABLED = 1

.PHONY: run test build lint vuln fuzz bench demo deps clean

run:
	$(GO) run ./bot

test: deps
	$(GO) test -race -count=1 ./...

# Tools the tests use that Go does not bring: pdftotext reads the complaint
# PDF back; Chromium and axe-core (npm ci in internal/publish/browser) render
# and check the status page. Installed only when missing, and only where
# apt-get and npm can; else the tests that need them skip, saying why.
deps:
	@bash .ci/deps

build:
	$(GO) build -o bin/tocsin ./bot

lint: vuln
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# govulncheck needs its vulnerability database online: where it cannot be
# reached the check says so and lint goes on with vet and gofmt.
GOVULNCHECK ?= golang.org/x/vuln/cmd/govulncheck@v1.9.0
vuln:
	@if ! GOBIN=$(CURDIR)/bin $(GO) install $(GOVULNCHECK) 2>/dev/null; then \
	  echo "govulncheck cannot be installed here: vulnerabilities not checked"; exit 0; fi; \
	bin/govulncheck ./... > bin/govulncheck.out 2>&1; code=$$?; cat bin/govulncheck.out; \
	case $$code in 0) ;; 3) exit 3 ;; *) echo "govulncheck could not reach its database: vulnerabilities not checked" ;; esac

# Every fuzz target for FUZZTIME (default 30s) each; crashers are kept as seeds.
FUZZTIME ?= 30s
fuzz:
	FUZZTIME=$(FUZZTIME) bash .ci/fuzz

# One table: each figure of Tocsin's beside its floor (the bare library
# doing the same work), measured in the same run, and their ratio. The
# Discord figures need ../shared/discord/openapi.json, as the double does.
bench: build
	TOCSIN_BIN=$(CURDIR)/bin/tocsin $(GO) test -run='^$$' -bench='^BenchmarkTable$$' -benchtime=1x -timeout=30m ./internal/bench/

# The Caen crisis of 26-27 September 2022, replayed under a virtual clock.
demo:
	$(GO) run ./bot replay testdata/scenarios/caen-2022.yaml --out demo-out
	@echo "Look at demo-out/transcript.md first, then log.md, tasks.md, documents/ and published/."

clean:
	rm -rf bin demo-out
