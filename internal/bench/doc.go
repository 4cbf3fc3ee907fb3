// Package bench holds `make bench`: one table of Tocsin's figures, each
// beside its floor (the same work done by the bare library underneath),
// measured in the same run. Everything is in its tests: nothing here is
// part of the program.
package bench
