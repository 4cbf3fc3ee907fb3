# Tocsin. `make run` starts the console on tocsin.db; `make test` is what CI runs.
GO ?= go
export CGO_ENABLED = 1

.PHONY: run test build lint bench clean

run:
	$(GO) run ./bot

test:
	$(GO) test -race -count=1 ./...

build:
	$(GO) build -o bin/tocsin ./bot

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

bench:
	$(GO) test -run='^$$' -bench=. -benchmem ./...

clean:
	rm -rf bin
