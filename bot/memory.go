package main

import (
	"os"
	"runtime/debug"
)

// serveGC is the collector's pace while serving Discord: a new cycle once
// the heap has grown by twice what the last one kept (Go's default is once
// it has doubled, 100). A cell meeting is a burst of twenty members typing
// at once; profiles of that burst (make bench) showed the collector taking
// a sixth of the program's processor, on a machine whose two cores the
// whole burst shares. The heap of a crisis is a few megabytes: at 200 the
// program idles at about 29 MB instead of 27 (at 400, 37 MB, too near the
// 40 MB it must stay under), and serveMemoryLimit bounds it whatever
// happens.
const (
	serveGC          = 200
	serveMemoryLimit = 256 << 20
)

// paceCollector sets the pace for serve, unless whoever runs the program
// set GOGC or GOMEMLIMIT: theirs is the last word.
func paceCollector() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(serveGC)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
}
