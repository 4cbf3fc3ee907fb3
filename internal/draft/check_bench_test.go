//go:build unix

package draft

import (
	"fmt"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tocsin-crisis/tocsin/internal/crisis"
	"github.com/tocsin-crisis/tocsin/internal/locale"
)

// benchSheet is a crisis as internal/bench fills it: entries log entries
// and 1,000 tasks.
func benchSheet(entries int) *Sheet {
	at := time.Date(2022, 9, 26, 16, 0, 0, 0, time.UTC)
	s := &Sheet{
		Org:    Org{Name: "Ville de Caen", Address: "Esplanade Jean-Marie Louvel, 14027 Caen", Representative: "Le maire"},
		Crisis: crisis.Crisis{ID: 1, Title: "Rançongiciel", DetectedAt: at, OpenedAt: at},
		Now:    at.Add(48 * time.Hour), Loc: time.UTC, Lang: locale.FR,
		Facts: map[string]string{}, Members: map[string]crisis.Member{},
	}
	for i := 0; i < entries; i++ {
		s.Log = append(s.Log, crisis.LogEntry{Seq: int64(i + 1), At: at.Add(time.Duration(i) * time.Second), RecordedAt: at, Kind: crisis.LogNote, Author: "dsi",
			Text: fmt.Sprintf("Constat n° %d : serveur de fichiers %d injoignable", i, i%50)})
	}
	for i := 0; i < 1000; i++ {
		s.Tasks = append(s.Tasks, crisis.Task{ID: int64(i + 1), Title: fmt.Sprintf("Tâche %d", i), Due: at.Add(time.Duration(i) * time.Minute), State: crisis.TaskOpen, CreatedAt: at})
	}
	return s
}

// cpuTime is the process's CPU time so far: on a machine other sessions
// share, it moves less than the wall clock.
func cpuTime() time.Duration {
	var u syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &u)
	return time.Duration(u.Utime.Nano() + u.Stime.Nano())
}

// reportCPU adds the CPU time per operation since start.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(time.Millisecond)/float64(b.N), "cpu-ms/op")
}

func BenchmarkRenderComplaint(b *testing.B) {
	s := benchSheet(10000)
	start := cpuTime()
	defer reportCPU(b, start)
	for b.Loop() {
		if _, _, err := Render(crisis.DraftComplaint, s, "", ""); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkAllowedFrom(b *testing.B) {
	s := benchSheet(10000)
	start := cpuTime()
	defer reportCPU(b, start)
	for b.Loop() {
		AllowedFrom(s)
	}
}

func BenchmarkCheckComplaint(b *testing.B) {
	s := benchSheet(10000)
	body, _, err := Render(crisis.DraftComplaint, s, "", "")
	if err != nil {
		b.Fatal(err)
	}
	a := AllowedFrom(s)
	start := cpuTime()
	defer reportCPU(b, start)
	for b.Loop() {
		a.Check(body)
	}
}

// BenchmarkPatterns times each pattern alone over the complaint's lines.
func BenchmarkPatterns(b *testing.B) {
	s := benchSheet(2000)
	body, _, _ := Render(crisis.DraftComplaint, s, "", "")
	lines := strings.Split(body, "\n")
	for _, p := range []struct {
		name string
		re   interface {
			ReplaceAllStringFunc(string, func(string) string) string
		}
	}{{"domain", domainRe}, {"isoDate", isoDate}, {"frDate", frDate}, {"clock", clockRe}, {"number", numberRe}, {"street", streetRe}, {"wordDate", wordDate}} {
		b.Run(p.name, func(b *testing.B) {
			for b.Loop() {
				for _, l := range lines {
					p.re.ReplaceAllStringFunc(l, func(m string) string { return " " })
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(lines)), "ns/line")
		})
	}
}

// BenchmarkCheck is the whole fact check of a complaint as Draft runs it:
// the record's allowed set, then the complaint, their shared pieces read
// once.
func BenchmarkCheck(b *testing.B) {
	s := benchSheet(10000)
	body, missing, err := Render(crisis.DraftComplaint, s, "", "")
	if err != nil {
		b.Fatal(err)
	}
	start := cpuTime()
	defer reportCPU(b, start)
	for b.Loop() {
		Check(s, body, missing)
	}
}
