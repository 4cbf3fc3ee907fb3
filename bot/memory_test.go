package main

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestPaceCollector: serve's pace applies unless the operator set their own.
func TestPaceCollector(t *testing.T) {
	// Not parallel: the collector's settings are the whole process's.
	gc, limit := debug.SetGCPercent(100), debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(gc); debug.SetMemoryLimit(limit) })

	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	paceCollector()
	assert.Equal(t, serveGC, debug.SetGCPercent(100), "no GOGC: serve's pace")
	assert.Equal(t, int64(serveMemoryLimit), debug.SetMemoryLimit(math.MaxInt64), "no GOMEMLIMIT: serve's limit")

	t.Setenv("GOGC", "50")
	t.Setenv("GOMEMLIMIT", "1GiB")
	paceCollector()
	assert.Equal(t, 100, debug.SetGCPercent(100), "GOGC set: left as the runtime read it")
	assert.Equal(t, int64(math.MaxInt64), debug.SetMemoryLimit(math.MaxInt64), "GOMEMLIMIT set: left as the runtime read it")
}
