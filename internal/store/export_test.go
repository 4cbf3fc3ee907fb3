package store

// TraceQueries sets the function that sees every query a transaction runs;
// nil stops it. Tests only: set it before any transaction starts.
func TraceQueries(f func(query string)) { traceQuery = f }
