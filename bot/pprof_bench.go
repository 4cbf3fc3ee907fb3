//go:build tocsinpprof

// This file exists only in builds made with -tags tocsinpprof, for the
// benchmark's profiles: it serves net/http/pprof on the loopback address
// TOCSIN_PPROF_ADDR names. A release build never contains it.
package main

import (
	"fmt"
	"net"
	"net/http"
	_ "net/http/pprof"
	"os"
	"runtime"
	"time"
)

func init() {
	addr := os.Getenv("TOCSIN_PPROF_ADDR")
	if addr == "" {
		return
	}
	host, _, err := net.SplitHostPort(addr)
	if ip := net.ParseIP(host); err != nil || ip == nil || !ip.IsLoopback() {
		fmt.Fprintf(os.Stderr, "pprof: %q is not a loopback address: not serving profiles\n", addr)
		return
	}
	// Where goroutines wait (the writer's turn, a lock) is in the block
	// and mutex profiles: sampled only when asked, as they cost.
	if os.Getenv("TOCSIN_PPROF_BLOCK") != "" {
		runtime.SetBlockProfileRate(int(time.Microsecond))
		runtime.SetMutexProfileFraction(10)
	}
	go func() { _ = http.ListenAndServe(addr, nil) }()
}
