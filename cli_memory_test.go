//go:build linux

package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
	"unicode"
)

// The memory bound the README states: a build's peak resident memory stays
// under memoryBase + memoryPerCore for each core it renders on + memoryPerContent
// times the size of content/, whatever the input.
const (
	memoryBase       = 100 << 20
	memoryPerCore    = 80 << 20
	memoryPerContent = 5
	// Programs are all planned before anything is written, so a profile
	// error stops the build; a 52-week plan takes about 0.55 MB.
	memoryPerProgram = 600 << 10
)

// noBuilder switches the program builder off in a memory test's site: its
// module is compiled by the go command, in processes of its own whose
// memory is the toolchain's (and counted in a child's peak by the
// kernel), not the build's. The README states it separately.
const noBuilder = "\n[builder]\nenabled = false\n"

// worstBody repeats pattern up to just under the page's token limit: the
// Markdown constructs that make goldmark's largest trees per token.
func worstBody(pattern string) string {
	per := 0
	inWord := false
	for _, r := range pattern {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if !inWord {
				per++
			}
			inWord = true
		case r == ' ':
			inWord = false
		default:
			per++
			inWord = false
		}
	}
	return strings.Repeat(pattern, 49000/per)
}

// adversarialSite writes a site in which every page sits at one of the
// limits: parse trees as large as the token limit allows, tables with as
// many padded cells as allowed, pages whose exercise cards make HTML up
// to the page limit, front matter near its limit with the most terms.
// copies sets how many of each there are: more than the workers, so
// every worker is busy with a worst page at once.
func adversarialSite(t *testing.T, dir string, copies int) {
	t.Helper()
	writeFile(t, filepath.Join(dir, "site.toml"), []byte("title = \"Adversarial\"\nbase_url = \"https://example.org/\"\n"+noBuilder))
	writeFile(t, filepath.Join(dir, "content", "_index.md"), []byte("+++\ntitle = \"Home\"\n+++\nHome.\n"))
	bigExercise(t, dir)
	page := func(name, front, body string) {
		writeFile(t, filepath.Join(dir, "content", name), []byte("+++\ntitle = \"P\"\n"+front+"+++\n"+body))
	}
	for i := range copies {
		for name, pattern := range map[string]string{
			"quotes": "\"a' ", "headings": "#\n", "brackets": "[", "lists": "- a\n", "emphasis": "*a", "code": "```go\na.b(c)\n```\n",
		} {
			page(fmt.Sprintf("%s-%d.md", name, i), "", worstBody(pattern))
		}
		page(fmt.Sprintf("table-%d.md", i), "", strings.Repeat("|a", 100)+"|\n"+strings.Repeat("|-", 100)+"|\n"+strings.Repeat("a\n", 500))
		page(fmt.Sprintf("cards-%d.md", i), "", strings.Repeat("```exercise\nclamshell\n```\n", 16))
		var tags, muscles []string
		for j := range 100 {
			tags = append(tags, fmt.Sprintf("%q", fmt.Sprintf("tag %d of page %d", j, i)))
			muscles = append(muscles, fmt.Sprintf("%q", fmt.Sprintf("muscle %d of page %d", j, i)))
		}
		page(fmt.Sprintf("terms-%d.md", i), "tags = ["+strings.Join(tags, ", ")+"]\nmuscles = ["+strings.Join(muscles, ", ")+"]\n", "Terms.\n")
	}
}

// peakRSS runs the binary with GOMAXPROCS=procs and the collector as the
// command sets it, and returns its peak resident memory.
func peakRSS(t *testing.T, dir string, procs int, args ...string) int64 {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, stanceBin, args...)
	cmd.Dir = dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GOGC=") && !strings.HasPrefix(kv, "GOMEMLIMIT=") && !strings.HasPrefix(kv, "GOMAXPROCS=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, fmt.Sprintf("GOMAXPROCS=%d", procs))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("stance %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return peakOf(cmd.ProcessState)
}

// peakOf is the peak resident memory of a finished process.
func peakOf(ps *os.ProcessState) int64 {
	return ps.SysUsage().(*syscall.Rusage).Maxrss << 10 // kilobytes on Linux
}

// memoryBound is the stated bound for a build on procs cores of a site
// whose content/ holds content bytes.
func memoryBound(procs int, content int64, programs int) int64 {
	return memoryBase + int64(procs)*memoryPerCore + memoryPerContent*content + int64(programs)*memoryPerProgram
}

// TestMemoryBoundWithPrograms builds this repository's site with 300
// year-long programs, the longest a profile can ask for.
func TestMemoryBoundWithPrograms(t *testing.T) {
	if testing.Short() {
		t.Skip("plans 300 programs")
	}
	dir := t.TempDir()
	copyDir(t, "content", filepath.Join(dir, "content"))
	site, err := os.ReadFile("site.toml")
	if err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, "site.toml"), append(site, noBuilder...))
	profile, err := os.ReadFile(filepath.Join("content", "programs", "jordan-lee.toml"))
	if err != nil {
		t.Fatal(err)
	}
	const programs = 300
	for i := range programs {
		p := regexp.MustCompile(`(?m)^(weeks = .*|slug = .*)$`).ReplaceAllString(string(profile), "")
		p = regexp.MustCompile(`(?m)^athlete = .*$`).ReplaceAllString(p, fmt.Sprintf("athlete = \"Runner %d\"\nweeks = 52", i))
		writeFile(t, filepath.Join(dir, "content", "programs", fmt.Sprintf("runner-%d.toml", i)), []byte(p))
	}
	content := contentSize(t, dir)
	out := filepath.Join(t.TempDir(), "public")
	rss := peakRSS(t, dir, 2, "build", "--source", ".", "--destination", out)
	bound := memoryBound(2, content, programs+3)
	t.Logf("%d programs, 2 cores: peak %d MB; bound %d MB", programs+3, rss>>20, bound>>20)
	if rss > bound {
		t.Errorf("peak resident memory %d MB, over the stated bound of %d MB", rss>>20, bound>>20)
	}
}

// TestMemoryBound builds adversarial input with the real binary on one,
// two and four cores and checks the peak resident memory against the
// bound the README states. Each limit is reached on eight pages per core,
// so every worker renders a worst page at the same time.
func TestMemoryBound(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 10 MB adversarial site three times")
	}
	dir := t.TempDir()
	adversarialSite(t, dir, 8)
	content := contentSize(t, dir)
	for _, procs := range []int{1, 2, 4} {
		out := filepath.Join(t.TempDir(), "public")
		rss := peakRSS(t, dir, procs, "build", "--source", ".", "--destination", out)
		bound := memoryBound(procs, content, 0)
		t.Logf("%d cores: peak %d MB for %.1f MB of content; bound %d MB", procs, rss>>20, float64(content)/(1<<20), bound>>20)
		if rss > bound {
			t.Errorf("%d cores: peak resident memory %d MB, over the stated bound of %d MB", procs, rss>>20, bound>>20)
		}
	}
}
