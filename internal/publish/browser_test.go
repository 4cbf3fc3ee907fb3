package publish

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/tocsin-crisis/tocsin/internal/locale"
)

const chromiumPath = "/usr/bin/chromium"

// axePath is axe-core as .ci/deps installs it (npm ci in browser/).
var axePath = filepath.Join("browser", "node_modules", "axe-core", "axe.min.js")

// axeProbe runs axe-core on the page once it has loaded, then writes what
// it found and what a reader sees (the rendered text, the page's width)
// into the DOM, for --dump-dom to carry out. It goes into a copy of the
// page served for the test only: the page itself has no script.
const axeProbe = `<script src="/axe.min.js"></script>
<script>
window.addEventListener("load", function () {
  axe.run(document, {resultTypes: ["violations"]}).then(function (r) {
    var out = document.createElement("pre");
    out.id = "probe";
    out.textContent = JSON.stringify({
      violations: r.violations.map(function (v) {
        return {id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(function (n) { return n.html; })};
      }),
      text: document.body.innerText,
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth
    });
    document.body.appendChild(out);
  });
});
</script>
`

type probeResult struct {
	Violations []struct {
		ID, Impact, Help string
		Nodes            []string
	}
	Text        string
	ScrollWidth int
	ClientWidth int
}

// testOut is where the browser test leaves what a person looks at (the
// screenshots): $TOCSIN_TEST_OUT, else testdata/out (ignored by git), as
// t.TempDir is gone once the test ends.
func testOut(t *testing.T) string {
	dir := os.Getenv("TOCSIN_TEST_OUT")
	if dir == "" {
		dir = filepath.Join("testdata", "out")
	}
	dir, err := filepath.Abs(filepath.Join(dir, "statuspage"))
	require.NoError(t, err)
	require.NoError(t, os.MkdirAll(dir, 0o755))
	return dir
}

// chromium runs Debian's Chromium headless at phone width with args, with
// the flags that keep it off the network but for the page.
func chromium(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir=" + t.TempDir(), "--hide-scrollbars"}
	cmd := exec.CommandContext(ctx, chromiumPath, append(base, args...)...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	require.NoError(t, err, "chromium %s: %s", strings.Join(args, " "), lastLines(stderr.String(), 5))
	return string(out)
}

func lastLines(s string, n int) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

var probeRE = regexp.MustCompile(`(?s)<pre id="probe">(.*?)</pre>`)

// TestStatusPageInBrowser: issue 13. The page, rendered by Chromium at
// phone width (390 px), shows a resident every service with its state and
// workaround, the next update's time and the town's contact, folds the past
// updates, fits the screen's width, asks the server for nothing it lacks
// (no favicon 404), and axe-core finds no violation. A screenshot is left
// under testdata/out/statuspage (or $TOCSIN_TEST_OUT).
func TestStatusPageInBrowser(t *testing.T) {
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("browser test: %s not found (make deps installs Debian's chromium)", chromiumPath)
	}
	if _, err := os.Stat(axePath); err != nil {
		t.Skipf("browser test: %s not found (make deps runs npm ci in internal/publish/browser)", axePath)
	}
	site := t.TempDir()
	require.NoError(t, caenPage(locale.FR).Write(site, caenUpdates, caenAt(27, 15, 0)))
	index, err := os.ReadFile(filepath.Join(site, IndexFile))
	require.NoError(t, err)
	probed := strings.Replace(string(index), "</body>", axeProbe+"</body>", 1)
	require.NotEqual(t, string(index), probed)
	require.NoError(t, os.WriteFile(filepath.Join(site, "probe.html"), []byte(probed), 0o644))
	axe, err := os.ReadFile(axePath)
	require.NoError(t, err)

	var mu sync.Mutex
	var missing []string
	files := http.FileServer(http.Dir(site))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/axe.min.js" {
			w.Header().Set("Content-Type", "text/javascript")
			w.Write(axe)
			return
		}
		if _, err := os.Stat(filepath.Join(site, filepath.FromSlash(r.URL.Path))); err != nil {
			mu.Lock()
			missing = append(missing, r.URL.Path)
			mu.Unlock()
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()

	dom := chromium(t, "--window-size=390,844", "--virtual-time-budget=10000", "--dump-dom", srv.URL+"/probe.html")
	m := probeRE.FindStringSubmatch(dom)
	require.NotNil(t, m, "axe-core ran and wrote its results into the page; got DOM:\n%s", lastLines(dom, 5))
	var res probeResult
	require.NoError(t, json.Unmarshal([]byte(html.UnescapeString(m[1])), &res))

	for _, v := range res.Violations {
		t.Errorf("axe-core: %s (%s): %s — %s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, " | "))
	}
	text := strings.Join(strings.Fields(res.Text), " ")
	for _, s := range caenServices {
		word := locale.T(locale.FR, "statuspage.status."+s.Status)
		assert.Contains(t, text, s.Name+" "+statusSymbol[s.Status]+" "+word, "a resident sees %s and its state", s.Name)
		if s.Workaround != "" {
			assert.Contains(t, text, "En attendant : "+s.Workaround)
		}
	}
	for _, want := range []string{"Ville de Caen — Point de situation", "Incident en cours", "Prochain point prévu le 27/09/2022 18:00",
		"Téléphone : 02 31 30 41 00", "Esplanade Jean-Marie Louvel", "Point actuel", "City of Caen — status update", "Point du 27/09/2022 09:00"} {
		assert.Contains(t, text, want)
	}
	assert.NotContains(t, text, "Ville de Caen — premier point", "a past update is folded")
	assert.LessOrEqual(t, res.ScrollWidth, res.ClientWidth, "got a page %d px wide on a %d px screen, want no sideways scrolling", res.ScrollWidth, res.ClientWidth)

	out := testOut(t)
	for _, shot := range []struct{ name, size string }{{"phone.png", "390,844"}, {"phone-full.png", "390,2600"}, {"desktop.png", "1280,1000"}} {
		path := filepath.Join(out, shot.name)
		os.Remove(path)
		chromium(t, "--window-size="+shot.size, "--virtual-time-budget=2000", "--screenshot="+path, srv.URL+"/index.html")
		info, err := os.Stat(path)
		require.NoError(t, err, "chromium wrote the screenshot")
		assert.Positive(t, info.Size())
		t.Logf("screenshot: %s", path)
	}
	mu.Lock()
	defer mu.Unlock()
	assert.Empty(t, missing, "got requests for files the folder lacks (a favicon 404?), want none")
}
