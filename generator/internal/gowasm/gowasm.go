// Package gowasm compiles a Go main package to WebAssembly (GOOS=js
// GOARCH=wasm) with the Go toolchain on PATH, for the program builder
// page.
//
// The source comes from an fs.FS (the stance binary carries its own) and
// is written to a temporary folder, removed afterwards. Compiling costs
// 10 to 30 seconds the first time on a machine (the standard library for
// js/wasm), and linking the 8 MB module 1 to 2 seconds every time after,
// even from Go's build cache. So results are kept for the life of the
// process (serve's rebuilds compile once), and a caller may offer the
// module a previous build wrote (Options.Prior), which Compile takes when
// its key, the hash of everything it was compiled from, matches.
package gowasm

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io/fs"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"
)

// Module is a compiled WebAssembly module and the JavaScript support file
// of the toolchain that compiled it; the two must come from one Go
// version.
type Module struct {
	Wasm      []byte
	Exec      []byte // wasm_exec.js
	GoVersion string // "go1.26.8"
	// Gzip is the size of Wasm compressed with gzip at its default level,
	// what a host that compresses responses sends.
	Gzip int
	// Key identifies what the module was compiled from: the source, the
	// package, the flags and the toolchain. A module kept with its key
	// (see Prior) is used again only for the same key.
	Key string
}

// Prior returns a module kept from an earlier process for key, or nil.
type Prior func(key string) *Module

// ErrNoToolchain is what Compile's error stands for (errors.Is) when there
// is no go command to compile with.
var ErrNoToolchain = errors.New("the Go toolchain is not installed: no go command on PATH")

// buildFlags are the flags of every compile: no paths of this machine in
// the module, and no symbol table or debug information (a third of its
// size), which nothing in a browser reads.
var buildFlags = []string{"-trimpath", "-ldflags=-s -w"}

// Compile compiles pkg ("./cmd/x", relative to the module root) of the Go
// module in src, which holds go.mod and go.sum at its root and the Go
// files the package needs. Test files and testdata are left out.
//
// Results, failures too, are kept for the process by the source's content
// and the go command, so a second call returns at once; a missing
// toolchain is looked for again on every call. A cancelled compile is
// not kept.
//
// prior, if not nil, is asked for a module compiled earlier from the same
// key; it is taken if it is WebAssembly, and compiled again otherwise.
func Compile(ctx context.Context, src fs.FS, pkg string, prior Prior) (*Module, error) {
	files, err := sourceFiles(src)
	if err != nil {
		return nil, err
	}
	goCmd, err := exec.LookPath("go")
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrNoToolchain, err)
	}
	h := sourceHash(files, pkg)
	key := hex.EncodeToString(h.Sum([]byte(goCmd)))
	c := entry(key)
	c.once.Do(func() { c.mod, c.err = compile(ctx, goCmd, files, pkg, h, prior) })
	if c.err != nil && ctx.Err() != nil {
		forget(key, c) // cancelled, not failed: the next call tries again
	}
	return c.mod, c.err
}

// cached is one compile, done once.
type cached struct {
	once sync.Once
	mod  *Module
	err  error
}

var (
	memMu sync.Mutex
	mem   = map[string]*cached{}
)

func entry(key string) *cached {
	memMu.Lock()
	defer memMu.Unlock()
	c, ok := mem[key]
	if !ok {
		c = &cached{}
		mem[key] = c
	}
	return c
}

func forget(key string, c *cached) {
	memMu.Lock()
	defer memMu.Unlock()
	if mem[key] == c {
		delete(mem, key)
	}
}

// sourceFiles reads the files a build needs: go.mod, go.sum and every Go
// file that is not a test, by slash-separated path.
func sourceFiles(src fs.FS) (map[string][]byte, error) {
	files := map[string][]byte{}
	err := fs.WalkDir(src, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		base := d.Name()
		if d.IsDir() {
			if name != "." && (base == "testdata" || strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_")) {
				return fs.SkipDir
			}
			return nil
		}
		keep := name == "go.mod" || name == "go.sum" ||
			(strings.HasSuffix(base, ".go") && !strings.HasSuffix(base, "_test.go"))
		if !keep {
			return nil
		}
		data, err := fs.ReadFile(src, name)
		if err != nil {
			return err
		}
		files[name] = data
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the module's source: %w", err)
	}
	if files["go.mod"] == nil {
		return nil, errors.New("the module's source has no go.mod")
	}
	return files, nil
}

// sourceHash hashes what a compile's result depends on in the source: the
// files, the package and the flags. Callers add the toolchain.
func sourceHash(files map[string][]byte, pkg string) hash.Hash {
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	h := sha256.New()
	fmt.Fprintf(h, "gowasm 1\x00%s\x00%s\x00", pkg, strings.Join(buildFlags, " "))
	for _, name := range names {
		fmt.Fprintf(h, "%s\x00%d\x00", name, len(files[name]))
		h.Write(files[name])
	}
	return h
}

// compile writes the files to a temporary module, asks the go command
// which toolchain builds there, and takes the module prior kept or
// builds it.
func compile(ctx context.Context, goCmd string, files map[string][]byte, pkg string, source hash.Hash, prior Prior) (*Module, error) {
	dir, err := os.MkdirTemp("", "stance-wasm-")
	if err != nil {
		return nil, fmt.Errorf("making a folder to compile in: %w", err)
	}
	defer os.RemoveAll(dir)
	if err := writeFiles(dir, files); err != nil {
		return nil, err
	}
	env := buildEnv()
	goroot, version, err := goEnv(ctx, goCmd, dir, env)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(source, "%s\x00%s\x00", version, goroot)
	key := hex.EncodeToString(source.Sum(nil))
	if prior != nil {
		if mod := prior(key); mod != nil && mod.Key == key && bytes.HasPrefix(mod.Wasm, []byte("\x00asm")) && len(mod.Exec) > 0 {
			return mod, nil
		}
	}
	mod, err := build(ctx, goCmd, dir, env, pkg, goroot, version)
	if err != nil {
		return nil, err
	}
	mod.Key = key
	return mod, nil
}

func writeFiles(dir string, files map[string][]byte) error {
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// build runs go build in the temporary module.
func build(ctx context.Context, goCmd, dir string, env []string, pkg, goroot, version string) (*Module, error) {
	out := filepath.Join(dir, "module.wasm")
	args := append(append([]string{"build"}, buildFlags...), "-o", out, pkg)
	cmd := command(ctx, goCmd, dir, env, args...)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("go build (%s) failed: %v\n%s", version, err, firstLines(msg, 10))
	}
	wasm, err := os.ReadFile(out)
	if err != nil {
		return nil, err
	}
	support, err := wasmExec(goroot)
	if err != nil {
		return nil, err
	}
	return &Module{Wasm: wasm, Exec: support, GoVersion: version, Gzip: gzipSize(wasm)}, nil
}

// command runs the go command in dir. Cancelling interrupts it rather than
// killing it, so it stops its compiler and linker and removes its own
// temporary files.
func command(ctx context.Context, goCmd, dir string, env []string, args ...string) *exec.Cmd {
	cmd := exec.CommandContext(ctx, goCmd, args...)
	cmd.Dir, cmd.Env = dir, env
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	return cmd
}

// buildEnv is the environment of the go commands: the user's (GOPATH,
// GOCACHE, GOPROXY, proxies), for js/wasm, without what would change the
// build of the temporary module (flags meant for the user's own builds,
// such as -race or -mod=vendor, and a workspace around the temporary
// folder).
func buildEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "GOOS", "GOARCH", "GOFLAGS", "GOWORK", "CGO_ENABLED", "GOWASM":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "GOOS=js", "GOARCH=wasm", "CGO_ENABLED=0", "GOFLAGS=-mod=readonly", "GOWORK=off")
}

// goEnv asks the go command, in the module's folder (where it may switch
// to the toolchain go.mod asks for), where its standard library is and
// which version it is.
func goEnv(ctx context.Context, goCmd, dir string, env []string) (goroot, version string, err error) {
	cmd := command(ctx, goCmd, dir, env, "env", "GOROOT", "GOVERSION")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", "", fmt.Errorf("go env failed: %v\n%s", err, firstLines(stderr.Bytes(), 10))
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) != 2 {
		return "", "", fmt.Errorf("go env printed %q, not GOROOT and GOVERSION", out)
	}
	return strings.TrimSpace(lines[0]), strings.TrimSpace(lines[1]), nil
}

// wasmExec reads the toolchain's JavaScript support for its modules:
// lib/wasm since Go 1.24, misc/wasm before.
func wasmExec(goroot string) ([]byte, error) {
	var errs []error
	for _, dir := range []string{"lib/wasm", "misc/wasm"} {
		data, err := os.ReadFile(filepath.Join(goroot, filepath.FromSlash(path.Join(dir, "wasm_exec.js"))))
		if err == nil {
			return data, nil
		}
		errs = append(errs, err)
	}
	return nil, fmt.Errorf("the Go toolchain in %s has no wasm_exec.js: %w", goroot, errors.Join(errs...))
}

func gzipSize(data []byte) int {
	var n countWriter
	zw := gzip.NewWriter(&n)
	zw.Write(data)
	zw.Close()
	return int(n)
}

type countWriter int64

func (c *countWriter) Write(p []byte) (int, error) {
	*c += countWriter(len(p))
	return len(p), nil
}

// firstLines keeps an error report short: the first n lines of out.
func firstLines(out []byte, n int) string {
	lines := strings.SplitAfter(strings.TrimSpace(string(out)), "\n")
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("(%d more lines)", len(lines)-n))
	}
	return strings.Join(lines, "")
}
