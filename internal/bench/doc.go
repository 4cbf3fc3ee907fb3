// Package bench holds `make bench`: one table of Tocsin's figures, each
// beside its floor (the same work done by the bare library underneath),
// measured in the same run. Everything is in its tests: nothing here is
// part of the program.
//
// To see where section 1's time goes, build the program with the
// tocsinpprof tag (bot/pprof_bench.go, never in a release build), which
// serves net/http/pprof on the loopback address TOCSIN_PPROF_ADDR names,
// and take a CPU profile while the load runs:
//
//	go build -tags tocsinpprof -o /tmp/tocsin ./bot
//	TOCSIN_PPROF_ADDR=127.0.0.1:16061 TOCSIN_BIN=/tmp/tocsin BENCH_SECTIONS=1 \
//	    go test -run='^$' -bench='^BenchmarkTable$' -benchtime=1x ./internal/bench/ &
//	curl -o cpu.pprof 'http://127.0.0.1:16061/debug/pprof/profile?seconds=3'
//	go tool pprof -top -cum /tmp/tocsin cpu.pprof
//
// (start the curl once the port answers: the floor runs first, and
// tocsin's load begins a second after its port opens.) Where goroutines
// wait (the writer's turn, the double's answers) is in the block profile,
// sampled when TOCSIN_PPROF_BLOCK is set too:
//
//	curl -o block.pprof 'http://127.0.0.1:16061/debug/pprof/block'
//
// Section 1 runs three rounds; the bench prints each round's throughput
// and what the double and the load used of the processor, since all of
// them share the machine with the program measured. It prints each kind's
// p50 and p99 too (the kinds that write wait for the writer; autocomplete
// does not), and the REST calls made under the load and after it: the
// mirror puts its edits off while interactions are being answered, for a
// second at most, so each round waits for it to settle, and the table's
// last CPU row counts that catch-up. For that reason the
// doubles of both sides are built WithoutCrossCheck: they check request
// bodies with their fast check alone, which every test run holds to the
// schema library's verdict on every request.
//
// Section 2 runs three times and keeps the median run; within a run, /log
// and its floor alternate in rounds of a hundred, each on a database of
// its own opened by the store (same pragmas, same driver, its statements
// kept prepared alike). The floor's database lacks the trigger that moves
// a crisis's log head with each entry: the floor is the row alone.
//
// The machine's noise is of the order of the targets' margins (the floor
// alone varies by a quarter from run to run): compare two builds by
// alternating them, several times each. Each commit runs with its own
// tree's bench: the bench seeds the database through its store, and a
// program refuses a schema newer than its own.
package bench
