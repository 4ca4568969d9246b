//go:build unix

package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// killSite writes a generated site whose every page names the version
// ("old" or "new") in its title, base URL (host and path) and text, and
// has an alias that does too, so any file of one build differs from the
// same file of the other and a mix is visible.
func killSite(t *testing.T, dir, version string, pages int) {
	t.Helper()
	writeFile(t, filepath.Join(dir, "site.toml"), []byte(fmt.Sprintf(
		"title = \"Kill test %s\"\nbase_url = \"https://%s.example.org/%s/\"\n", version, version, version)))
	writeFile(t, filepath.Join(dir, "content", "_index.md"), []byte("+++\ntitle = \"Home "+version+"\"\n+++\nHome.\n"))
	body := strings.Repeat("Strength work for runners, version "+version+". Keep the knee over the toe.\n\n", 20)
	for s := 0; s < 10; s++ {
		writeFile(t, filepath.Join(dir, "content", fmt.Sprintf("s%d", s), "_index.md"),
			[]byte(fmt.Sprintf("+++\ntitle = \"Section %d %s\"\naliases = [\"/moved-%d-%s/\"]\n+++\n", s, version, s, version)))
		for p := 0; p < pages/10; p++ {
			writeFile(t, filepath.Join(dir, "content", fmt.Sprintf("s%d", s), fmt.Sprintf("p%d.md", p)), []byte(fmt.Sprintf(
				"+++\ntitle = \"Page %d.%d %s\"\ntags = [\"t%d\"]\ndate = 2026-01-%02d\n+++\n## Why\n\n%s\n```go\nfunc main() {}\n```\n",
				s, p, version, p%7, p%28+1, body)))
		}
	}
	// A static file that also differs between the versions.
	writeFile(t, filepath.Join(dir, "static", "version.txt"), []byte(version))
}

// readTree returns every file below dir (path -> content).
func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	tree := snapshot(t, dir)
	for k := range tree {
		if strings.HasSuffix(k, "/") {
			delete(tree, k)
		}
	}
	return tree
}

func equalTrees(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// TestKillDuringBuild kills `stance build` with SIGKILL at random moments,
// many times, and checks after every kill that the destination is exactly
// the complete old build or the complete new one, never a mix, and that
// the next build succeeds.
func TestKillDuringBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("kills dozens of builds; skipped with -short")
	}
	root := t.TempDir()
	sites := map[string]string{"old": filepath.Join(root, "old"), "new": filepath.Join(root, "new")}
	for v, dir := range sites {
		killSite(t, dir, v, 600)
	}
	// Reference trees, each built cleanly into its own folder.
	ref := map[string]map[string]string{}
	var buildTime time.Duration
	for v, dir := range sites {
		out := filepath.Join(root, "ref-"+v)
		res := runBin(t, root, 2*time.Minute, "build", "--source", dir, "--destination", out)
		if res.code != 0 {
			t.Fatalf("reference build %s: %s", v, res.stderr)
		}
		buildTime = max(buildTime, res.took)
		ref[v] = readTree(t, out)
	}
	for name, data := range ref["old"] {
		if name != ".stance-build" && !strings.HasPrefix(name, "theme/") && ref["new"][name] == data {
			t.Errorf("%s is the same in both versions; a mix would go unseen", name)
		}
	}
	dest := filepath.Join(root, "public")
	// Kill points are spread over a rebuild, the case below: the staging
	// folder then holds the build before, and most files are compared,
	// not written. Rebuilds are timed after two warm-up builds.
	buildTime = 0
	for i, v := range []string{"old", "new", "old", "new", "old"} {
		res := runBin(t, root, 2*time.Minute, "build", "--source", sites[v], "--destination", dest)
		if res.code != 0 {
			t.Fatal(res.stderr)
		}
		if i >= 2 {
			buildTime = max(buildTime, res.took)
		}
	}
	t.Logf("a rebuild of %d files takes about %s", len(ref["new"]), buildTime)
	current := "old"
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	const wantKills = 40
	kills, finished := 0, 0
	for attempt := 0; kills < wantKills && attempt < 4*wantKills; attempt++ {
		next := map[string]string{"old": "new", "new": "old"}[current]
		cmd := exec.Command(stanceBin, "build", "--source", sites[next], "--destination", dest)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Kill points spread over the whole build, the swap at its end
		// included, with a few past the end.
		delay := time.Duration(rng.Int64N(int64(buildTime) * 11 / 10))
		exited := make(chan error, 1)
		go func() { exited <- cmd.Wait() }()
		var err error
		select {
		case err = <-exited:
			finished++
			if err != nil {
				t.Fatalf("build finished with an error: %v\n%s", err, stderr.String())
			}
		case <-time.After(delay):
			cmd.Process.Kill() // SIGKILL: no deferred cleanup runs
			if err = <-exited; err == nil {
				finished++ // it won the race
			} else {
				kills++
			}
		}
		got := readTree(t, dest)
		switch {
		case equalTrees(got, ref[current]):
		case equalTrees(got, ref[next]):
			current = next
		default:
			t.Fatalf("after a kill at %s the destination is neither the old nor the new build (%d files)", delay, len(got))
		}
	}
	t.Logf("%d builds killed at random points, %d ran to the end; the destination was always one whole build", kills, finished)
	if kills < wantKills {
		t.Errorf("only %d kills landed inside a build, want %d", kills, wantKills)
	}
	// The next build after all that succeeds and cleans up after the kills.
	next := map[string]string{"old": "new", "new": "old"}[current]
	if res := runBin(t, root, 2*time.Minute, "build", "--source", sites[next], "--destination", dest); res.code != 0 {
		t.Fatalf("build after kills failed: %s", res.stderr)
	}
	if !equalTrees(readTree(t, dest), ref[next]) {
		t.Error("the build after the kills is not the reference build")
	}
	// Beside the destination stays only the staging folder, holding the
	// build before: whole, whatever the kills left in it.
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if strings.Contains(e.Name(), "stance-") && e.Name() != ".public.stance-staging" {
			t.Errorf("%s left behind after a successful build", e.Name())
		}
	}
	if !equalTrees(readTree(t, filepath.Join(root, ".public.stance-staging")), ref[current]) {
		t.Error("the staging folder does not hold the build before")
	}
}
