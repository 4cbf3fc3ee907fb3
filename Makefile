# Tocsin. `make run` starts the console on tocsin.db; `make test` is what CI runs.
GO ?= go
export CGO_ENABLED = 1

.PHONY: run test build lint bench demo deps clean

run:
	$(GO) run ./bot

test: deps
	$(GO) test -race -count=1 ./...

# Tools the tests use that Go does not bring: pdftotext reads the complaint
# PDF back. Installed only when missing, and only where apt-get can.
deps:
	@bash .ci/deps

build:
	$(GO) build -o bin/tocsin ./bot

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

# The Caen crisis of 26-27 September 2022, replayed under a virtual clock.
demo:
	$(GO) run ./bot replay testdata/scenarios/caen-2022.yaml --out demo-out
	@echo "Look at demo-out/transcript.md first, then log.md, tasks.md, documents/ and published/."

clean:
	rm -rf bin demo-out
