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

// useCache points the cache folder at a fresh folder for one test, and
// empties the process's cache.
func useCache(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	old := cacheDir
	cacheDir = func() string { return dir }
	forgetAll()
	t.Cleanup(func() { cacheDir = old; forgetAll() })
	return dir
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
	cache := useCache(t)
	src := tiny("hello")
	mod, err := Compile(context.Background(), src, "./cmd/hello")
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
	again, err := Compile(context.Background(), tiny("hello"), "./cmd/hello")
	if err != nil || again != mod {
		t.Errorf("the same source compiled again (%v) instead of coming from the process's cache", err)
	}
	if took := time.Since(start); took > time.Second {
		t.Errorf("a cached module took %s", took)
	}
	other, err := Compile(context.Background(), tiny("other"), "./cmd/hello")
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(other.Wasm, mod.Wasm) {
		t.Error("changed source gave the cached module")
	}

	// A new process reads the module from the cache folder instead of
	// linking it again: here, one whose go command cannot build.
	entries, _ := os.ReadDir(cache)
	if len(entries) != 2 {
		t.Fatalf("the cache folder holds %d entries after two compiles, want 2", len(entries))
	}
	forgetAll()
	bin := t.TempDir()
	fakeGo(t, bin)
	t.Setenv("PATH", bin)
	fromDisk, err := Compile(context.Background(), tiny("hello"), "./cmd/hello")
	if err != nil {
		t.Fatalf("a module in the cache folder was built again: %v", err)
	}
	if !bytes.Equal(fromDisk.Wasm, mod.Wasm) || !bytes.Equal(fromDisk.Exec, mod.Exec) || fromDisk.Gzip != mod.Gzip || fromDisk.GoVersion != mod.GoVersion {
		t.Error("the module read from the cache folder differs from the one compiled")
	}

	// A damaged entry is compiled again, and the build failing says so.
	for _, e := range entries {
		os.WriteFile(filepath.Join(cache, e.Name(), cacheWasm), []byte("not wasm"), 0o644)
	}
	forgetAll()
	if _, err := Compile(context.Background(), tiny("hello"), "./cmd/hello"); err == nil || !strings.Contains(err.Error(), "go build") {
		t.Errorf("a damaged cache entry was used: %v", err)
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
	useCache(t)
	src := tiny("x")
	src["cmd/hello/main.go"] = &fstest.MapFile{Data: []byte("package main\n\nfunc main() { undefinedThing() }\n")}
	_, err := Compile(context.Background(), src, "./cmd/hello")
	if err == nil || !strings.Contains(err.Error(), "undefinedThing") {
		t.Errorf("a compile error is reported as %v", err)
	}
}

func TestCompileWithoutToolchain(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	_, err := Compile(context.Background(), tiny("hello"), "./cmd/hello")
	if !errors.Is(err, ErrNoToolchain) {
		t.Errorf("without go on PATH: %v, want ErrNoToolchain", err)
	}
}

func TestCompileNeedsGoMod(t *testing.T) {
	src := tiny("hello")
	delete(src, "go.mod")
	if _, err := Compile(context.Background(), src, "./cmd/hello"); err == nil || !strings.Contains(err.Error(), "go.mod") {
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
