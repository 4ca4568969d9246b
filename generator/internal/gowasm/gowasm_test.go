package gowasm

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

// fresh empties the process's cache for one test.
func fresh(t *testing.T) {
	t.Helper()
	forgetAll()
	t.Cleanup(forgetAll)
}

func forgetAll() {
	memMu.Lock()
	defer memMu.Unlock()
	clear(mem)
}

// tiny is a module whose main package prints one line: the smallest
// thing to compile.
func tiny(message string) fstest.MapFS {
	return fstest.MapFS{
		"go.mod":              {Data: []byte("module example.org/tiny\n\ngo 1.22\n")},
		"cmd/hello/main.go":   {Data: []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(" + `"` + message + `"` + ") }\n")},
		"cmd/hello/x_test.go": {Data: []byte("this is not Go: test files are left out\n")},
		"testdata/bad.go":     {Data: []byte("neither is this: testdata is left out\n")},
	}
}

func TestCompile(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the Go toolchain")
	}
	fresh(t)
	src := tiny("hello")
	mod, err := Compile(context.Background(), src, "./cmd/hello", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(mod.Wasm, []byte("\x00asm")) {
		t.Errorf("the module does not start with WebAssembly's magic number: % x", mod.Wasm[:8])
	}
	if !bytes.Contains(mod.Exec, []byte("globalThis.Go")) {
		t.Error("wasm_exec.js does not define the Go class")
	}
	if !strings.HasPrefix(mod.GoVersion, "go1.") {
		t.Errorf("Go version %q", mod.GoVersion)
	}
	if mod.Gzip <= 0 || mod.Gzip >= len(mod.Wasm) {
		t.Errorf("gzip size %d of a %d-byte module", mod.Gzip, len(mod.Wasm))
	}

	start := time.Now()
	again, err := Compile(context.Background(), tiny("hello"), "./cmd/hello", nil)
	if err != nil || again != mod {
		t.Errorf("the same source compiled again (%v) instead of coming from the process's cache", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("a cached module took %s", took)
	}
	other, err := Compile(context.Background(), tiny("other"), "./cmd/hello", nil)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(other.Wasm, mod.Wasm) {
		t.Error("changed source gave the cached module")
	}

	if mod.Key == "" || mod.Key == other.Key {
		t.Errorf("keys %q and %q: a module's key must name its source", mod.Key, other.Key)
	}

	// A new process takes the module a previous build kept, for the same
	// key, instead of linking it again: here, with a go command that
	// cannot build.
	forgetAll()
	bin := t.TempDir()
	fakeGo(t, bin)
	t.Setenv("PATH", bin)
	kept := func(key string) *Module {
		if key != mod.Key {
			return nil
		}
		return &Module{Wasm: mod.Wasm, Exec: mod.Exec, GoVersion: mod.GoVersion, Gzip: mod.Gzip, Key: key}
	}
	prior, err := Compile(context.Background(), tiny("hello"), "./cmd/hello", kept)
	if err != nil {
		t.Fatalf("a kept module was built again: %v", err)
	}
	if !bytes.Equal(prior.Wasm, mod.Wasm) || prior.Gzip != mod.Gzip || prior.GoVersion != mod.GoVersion {
		t.Error("the kept module differs from the one compiled")
	}

	// A kept module for another source, or one that is not WebAssembly,
	// is compiled again (and this go command fails, which says so).
	forgetAll()
	if _, err := Compile(context.Background(), tiny("other"), "./cmd/hello", kept); err == nil || !strings.Contains(err.Error(), "go build") {
		t.Errorf("a module kept for another source was used: %v", err)
	}
	forgetAll()
	damaged := func(key string) *Module { return &Module{Wasm: []byte("not wasm"), Exec: mod.Exec, Key: key, Gzip: 1} }
	if _, err := Compile(context.Background(), tiny("hello"), "./cmd/hello", damaged); err == nil || !strings.Contains(err.Error(), "go build") {
		t.Errorf("a damaged kept module was used: %v", err)
	}
}

// fakeGo writes a go command that answers go env as the real one does and
// fails every other command.
func fakeGo(t *testing.T, dir string) {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("the stand-in go command is a shell script")
	}
	goroot, version, err := goEnv(context.Background(), realGo(t), t.TempDir(), os.Environ())
	if err != nil {
		t.Fatal(err)
	}
	script := "#!/bin/sh\nif [ \"$1\" = env ]; then printf '%s\\n%s\\n' '" + goroot + "' '" + version + "'; exit 0; fi\necho 'this go command only answers go env' >&2\nexit 1\n"
	if err := os.WriteFile(filepath.Join(dir, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
}

func realGo(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command")
	}
	return p
}

func TestCompileReportsTheBuildsErrors(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the Go toolchain")
	}
	fresh(t)
	src := tiny("x")
	src["cmd/hello/main.go"] = &fstest.MapFile{Data: []byte("package main\n\nfunc main() { undefinedThing() }\n")}
	_, err := Compile(context.Background(), src, "./cmd/hello", nil)
	if err == nil || !strings.Contains(err.Error(), "undefinedThing") {
		t.Errorf("a compile error is reported as %v", err)
	}
}

func TestCompileWithoutToolchain(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Compile(context.Background(), tiny("hello"), "./cmd/hello", nil)
	if !errors.Is(err, ErrNoToolchain) {
		t.Errorf("without go on PATH: %v, want ErrNoToolchain", err)
	}
}

func TestCompileNeedsGoMod(t *testing.T) {
	src := tiny("hello")
	delete(src, "go.mod")
	if _, err := Compile(context.Background(), src, "./cmd/hello", nil); err == nil || !strings.Contains(err.Error(), "go.mod") {
		t.Errorf("a source without go.mod: %v", err)
	}
}

func TestSourceFilesLeaveOutTests(t *testing.T) {
	files, err := sourceFiles(tiny("hello"))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for name := range files {
		names = append(names, name)
	}
	if len(files) != 2 || files["go.mod"] == nil || files["cmd/hello/main.go"] == nil {
		t.Errorf("source files %v, want go.mod and cmd/hello/main.go", names)
	}
}
