package bench

import (
	"fmt"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// row is one line of the table: a figure of Tocsin's, its floor when it
// has one, their ratio, and the target the issue sets.
type row struct {
	what, value, floor, ratio, target string
}

// BenchmarkTable measures everything `make bench` reports and prints one
// table. It runs once whatever -benchtime says: each section does its own
// repetitions.
func BenchmarkTable(b *testing.B) {
	if b.N > 1 {
		b.Skip("BenchmarkTable runs once: use -benchtime=1x")
	}
	var rows []row
	only := os.Getenv("BENCH_SECTIONS") // "1,2": those sections alone
	section := func(name string, f func(b *testing.B) []row) {
		if only != "" && !strings.Contains(only, name[:1]) {
			return
		}
		start := time.Now()
		rows = append(rows, row{what: "## " + name})
		rows = append(rows, f(b)...)
		fmt.Fprintf(os.Stderr, "bench: %s measured in %v\n", name, time.Since(start).Round(time.Millisecond))
	}
	section("1. Discord interactions (mix, 20 in flight, median of 3 rounds)", discordRows)
	section("2. /log through the command table (median of 3 runs)", logRows)
	section("3. Documents", documentRows)
	printTable(os.Stdout, rows)
}

func printTable(w io.Writer, rows []row) {
	head := row{"measure", "tocsin", "floor", "ratio", "target"}
	width := [5]int{}
	all := append([]row{head}, rows...)
	for i, r := range all {
		if strings.HasPrefix(r.what, "## ") {
			width[0] = max(width[0], len([]rune(r.what))-3)
			continue
		}
		if i > 0 {
			r.what = "  " + r.what
		}
		for i, c := range []string{r.what, r.value, r.floor, r.ratio, r.target} {
			width[i] = max(width[i], len([]rune(c)))
		}
	}
	line := func(cells ...string) {
		var b strings.Builder
		b.WriteString("|")
		for i, c := range cells {
			fmt.Fprintf(&b, " %s%s |", c, strings.Repeat(" ", width[i]-len([]rune(c))))
		}
		fmt.Fprintln(w, b.String())
	}
	line(head.what, head.value, head.floor, head.ratio, head.target)
	line(strings.Repeat("-", width[0]), strings.Repeat("-", width[1]), strings.Repeat("-", width[2]), strings.Repeat("-", width[3]), strings.Repeat("-", width[4]))
	for _, r := range rows {
		if strings.HasPrefix(r.what, "## ") {
			line(strings.TrimPrefix(r.what, "## "), "", "", "", "")
			continue
		}
		line("  "+r.what, r.value, r.floor, r.ratio, r.target)
	}
}

// ms shows a duration in milliseconds.
func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }

// ratio shows a/b.
func ratio(a, b float64) string {
	if b == 0 {
		return "—"
	}
	return fmt.Sprintf("%.2f", a/b)
}
