package discordtest

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWithoutSpecTestsSkip runs this package's tests again with Discord's
// API description hidden, as in a clone with no ../shared beside it: every
// test that needs the description must skip with the one line saying so,
// and the package must pass. The child is this test binary, minus this test.
func TestWithoutSpecTestsSkip(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the package's tests again in a child process")
	}
	t.Parallel()
	cmd := exec.Command(os.Args[0], "-test.v", "-test.count=1", "-test.skip=^TestWithoutSpecTestsSkip$")
	cmd.Env = append(os.Environ(), SpecEnv+"="+filepath.Join(t.TempDir(), "absent", "openapi.json"))
	out, err := cmd.CombinedOutput()
	text := string(out)
	require.NoError(t, err, "got a failing package without the description, want it to pass:\n%s", text)
	assert.NotContains(t, text, "panic:")

	skipped := regexp.MustCompile(`(?m)^\s*--- SKIP: (\S+)`).FindAllStringSubmatch(text, -1)
	require.NotEmpty(t, skipped, "got no skipped test, want those using the double to skip")
	for _, name := range []string{"TestUnansweredInteractionFailsAtClose", "TestViolationsFailTheTestAtClose", "TestValidatorDirect", "TestOpenReachesReady"} {
		assert.Regexp(t, `--- SKIP: `+name+` `, text, "got %s not skipped, want skipped", name)
	}
	assert.Equal(t, len(skipped), strings.Count(text, skipNeeds), "got a skip without the line saying what it needs, want one each")
	assert.Regexp(t, `--- PASS: TestFindSpec `, text, "tests that do not need the description still run")
}
