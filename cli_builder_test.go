package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

const modulePath = "github.com/stance-ssg/stance/"

// TestBuilderSourceIsComplete checks that the source the binary embeds
// for the builder's module (builder.go) is exactly what the module needs:
// go.mod, go.sum and the Go files of every package of this module it
// imports, as go list sees them for js/wasm, with the same bytes.
func TestBuilderSourceIsComplete(t *testing.T) {
	cmd := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{range .GoFiles}} {{.}}{{end}}{{end}}", "./generator/internal/webplan/wasm")
	cmd.Env = append(os.Environ(), "GOOS=js", "GOARCH=wasm")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	want := []string{"go.mod", "go.sum"}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		fields := strings.Fields(line)
		if len(fields) == 0 || !strings.HasPrefix(fields[0], modulePath) {
			continue // another module's package: from the module cache
		}
		dir := strings.TrimPrefix(fields[0], modulePath)
		for _, f := range fields[1:] {
			want = append(want, path.Join(dir, f))
		}
	}
	var got []string
	fs.WalkDir(builderSource, ".", func(name string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.HasSuffix(name, "_test.go") {
			got = append(got, name)
		}
		return err
	})
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("builder.go embeds\n  %s\nthe module needs\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	for _, name := range want {
		embedded, _ := fs.ReadFile(builderSource, name)
		onDisk, err := os.ReadFile(filepath.FromSlash(name))
		if err != nil || !bytes.Equal(embedded, onDisk) {
			t.Errorf("%s: the embedded copy differs from the file (%v)", name, err)
		}
	}
}

// runBinEnv is runBin with extra environment variables.
func runBinEnv(t *testing.T, dir string, env []string, args ...string) cliResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, stanceBin, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := cliResult{stdout: stdout.String(), stderr: stderr.String()}
	if exit, ok := err.(*exec.ExitError); ok {
		res.code = exit.ExitCode()
	} else if err != nil {
		t.Fatalf("running stance: %v", err)
	}
	return res
}

// TestBuildWritesTheBuilder builds the repository's site with the binary,
// as the README's `go run . build` does: the builder's module is compiled
// from the source the binary carries. Without a go command the build
// still succeeds, leaves the builder out and says so.
func TestBuildWritesTheBuilder(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "public")
	res := runBinEnv(t, ".", nil, "build", "--destination", dest)
	if res.code != 0 || res.stderr != "" {
		t.Fatalf("exit %d:\n%s", res.code, res.stderr)
	}
	for _, name := range []string{"index.html", "planner.wasm", "wasm_exec.js", "builder.json"} {
		if info, err := os.Stat(filepath.Join(dest, "programs", "build", name)); err != nil || info.Size() == 0 {
			t.Errorf("programs/build/%s: %v", name, err)
		}
	}

	noGo := filepath.Join(t.TempDir(), "public")
	res = runBinEnv(t, ".", []string{"PATH=" + t.TempDir()}, "build", "--destination", noGo)
	if res.code != 0 {
		t.Fatalf("without Go the build failed (exit %d):\n%s", res.code, res.stderr)
	}
	want := "stance: note: the program builder page (/programs/build/) is left out of this build: the Go toolchain is not installed"
	if !strings.HasPrefix(res.stderr, want) || !strings.Contains(res.stderr, "https://go.dev/dl/") {
		t.Errorf("without Go, stderr:\n%s\nwant it to start %q and say where to get Go", res.stderr, want)
	}
	noStackTrace(t, res.stderr)
	if _, err := os.Stat(filepath.Join(noGo, "programs", "build")); err == nil {
		t.Error("without Go, programs/build/ was written")
	}
	if _, err := os.Stat(filepath.Join(noGo, "programs", "alex-rivera", "index.html")); err != nil {
		t.Errorf("without Go, the rest of the site is missing: %v", err)
	}
}
