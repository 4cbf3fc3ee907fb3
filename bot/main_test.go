package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/config"
	"github.com/tocsin-crisis/tocsin/internal/golden"
)

// testConfig is the configuration of a run on its own database file.
func testConfig(t *testing.T, db string) func() (config.Config, error) {
	return func() (config.Config, error) {
		env := map[string]string{"TOCSIN_DB": db, "TOCSIN_CONFIG": ""}
		return config.Load(func(k string) string { return env[k] }, func(string) ([]byte, error) {
			return nil, fs.ErrNotExist
		})
	}
}

// runTocsin runs the program in-process with a fixed clock.
func runTocsin(t *testing.T, db string, at time.Time, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, system{
		stdin: strings.NewReader(stdin), stdout: &out, stderr: &errOut,
		load: testConfig(t, db), now: func() time.Time { return at },
	})
	return code, out.String(), errOut.String()
}

var paris, _ = time.LoadLocation("Europe/Paris")

// TestConsoleKeepsEverything: a scripted session, then a second run of the
// program on the same file shows all of it on the board.
func TestConsoleKeepsEverything(t *testing.T) {
	db := t.TempDir() + "/tocsin.db"
	t0 := time.Date(2022, 9, 26, 16, 5, 0, 0, paris)
	script := `# the first minutes of the Caen crisis
/crisis open title:"Intrusion sur un serveur de messagerie" detected_at:"2022-09-26 16:00"
/log at:"2022-09-26 14:30" text:"Début de l'attaque"
/ioc add kind:ip value:198.51.100.23 note:"Environ dix tentatives par seconde"
/task add title:"Isoler les serveurs sans les éteindre" assignee:@dsi due:30m
/service set name:"Messagerie @caen.fr" status:down workaround:"Téléphone et Discord"
`
	code, out, errOut := runTocsin(t, db, t0, script, "console", "--as", "dsi")
	require.Equal(t, 0, code, "stderr: %s", errOut)
	assert.Contains(t, errOut, "@dsi created with every capability")
	assert.NotContains(t, out, "⚠️", "no command of the script fails")

	code, out, errOut = runTocsin(t, db, t0.Add(time.Hour), "/crisis status\n", "console", "--as", "dsi")
	require.Equal(t, 0, code, "stderr: %s", errOut)
	assert.NotContains(t, errOut, "created", "the second run finds its member")
	golden.Assert(t, "testdata/console-second-run.golden", out)
	for _, want := range []string{"26/09/2022 14:30", "198.51.100.23", "Isoler les serveurs sans les éteindre", "Messagerie @caen.fr — hors service", "Téléphone et Discord"} {
		assert.Contains(t, out, want)
	}
}

func TestServeWithoutToken(t *testing.T) {
	code, _, errOut := runTocsin(t, t.TempDir()+"/x.db", time.Now(), "", "serve")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, "DISCORD_TOKEN")
}

func TestUnknownSubcommand(t *testing.T) {
	code, _, errOut := runTocsin(t, t.TempDir()+"/x.db", time.Now(), "", "dance")
	assert.Equal(t, 2, code)
	assert.Contains(t, errOut, `unknown command "dance"`)
}

// syncWriter lets a goroutine's output be read after it ends.
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

// String is what was written so far, read under the lock: a goroutine the
// program started (a discordgo handler) may still be writing after the
// program returned.
func (s *syncWriter) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return fmt.Sprint(s.w)
}

func TestConsoleWarnsAnUnknownMember(t *testing.T) {
	db := t.TempDir() + "/tocsin.db"
	code, _, _ := runTocsin(t, db, time.Now(), "/crisis status\n", "console", "--as", "dsi")
	require.Equal(t, 0, code)
	code, out, errOut := runTocsin(t, db, time.Now(), "/member list\n", "console", "--as", "intrus")
	require.Equal(t, 0, code)
	assert.Contains(t, errOut, "@intrus is not a member")
	assert.Contains(t, out, "vous (intrus) n'êtes pas membre de la cellule")
}
