package gowasm

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// CacheDir is the folder compiled modules are kept in between processes:
// stance/wasm in the user's cache folder (os.UserCacheDir: $XDG_CACHE_HOME
// or ~/.cache on Linux, ~/Library/Caches on macOS, %LocalAppData% on
// Windows), beside Go's own build cache. A module is about 8 MB; the
// newest few are kept. Deleting the folder at any time is safe: the next
// build compiles again. "" when the system has no cache folder, and then
// nothing is kept.
func CacheDir() string {
	return cacheDir()
}

// cacheDir is a variable so tests can point it at a folder of their own.
var cacheDir = func() string {
	dir, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(dir, "stance", "wasm")
}

// cacheKeep is how many modules the cache folder keeps: one per Stance
// version and Go version in use, a few of each.
const cacheKeep = 4

// The files of one cached module, in a folder named by its key.
const (
	cacheWasm = "module.wasm"
	cacheExec = "wasm_exec.js"
	cacheMeta = "meta"
)

// readCache returns the module cached under key, or nil. A folder that is
// missing a file or holds something else is ignored: it is compiled
// again and replaced.
func readCache(key string) *Module {
	root := cacheDir()
	if root == "" {
		return nil
	}
	dir := filepath.Join(root, key)
	wasm, err1 := os.ReadFile(filepath.Join(dir, cacheWasm))
	support, err2 := os.ReadFile(filepath.Join(dir, cacheExec))
	meta, err3 := os.ReadFile(filepath.Join(dir, cacheMeta))
	if err1 != nil || err2 != nil || err3 != nil || !bytes.HasPrefix(wasm, []byte("\x00asm")) {
		return nil
	}
	version, size, ok := strings.Cut(strings.TrimSpace(string(meta)), "\n")
	gz, err := strconv.Atoi(size)
	if !ok || err != nil || gz <= 0 {
		return nil
	}
	return &Module{Wasm: wasm, Exec: support, GoVersion: version, Gzip: gz}
}

// writeCache keeps mod under key, as a folder written beside the others
// and renamed into place, so a reader never sees half of it. Keeping is
// an optimisation: when it fails, the next process compiles again.
func writeCache(key string, mod *Module) {
	root := cacheDir()
	if root == "" || os.MkdirAll(root, 0o755) != nil {
		return
	}
	tmp, err := os.MkdirTemp(root, "tmp-")
	if err != nil {
		return
	}
	defer os.RemoveAll(tmp) // left only when the rename did not happen
	files := map[string][]byte{
		cacheWasm: mod.Wasm,
		cacheExec: mod.Exec,
		cacheMeta: fmt.Appendf(nil, "%s\n%d\n", mod.GoVersion, mod.Gzip),
	}
	for name, data := range files {
		if os.WriteFile(filepath.Join(tmp, name), data, 0o644) != nil {
			return
		}
	}
	dest := filepath.Join(root, key)
	os.RemoveAll(dest) // an unreadable entry of the same key
	if os.Rename(tmp, dest) == nil {
		pruneCache(root)
	}
}

// pruneCache removes all but the newest cacheKeep modules, and folders of
// writes that never finished.
func pruneCache(root string) {
	entries, err := os.ReadDir(root)
	if err != nil {
		return
	}
	type kept struct {
		name string
		mod  time.Time
	}
	var mods []kept
	for _, e := range entries {
		info, err := e.Info()
		if err != nil || !e.IsDir() {
			continue
		}
		if strings.HasPrefix(e.Name(), "tmp-") {
			if time.Since(info.ModTime()) > time.Hour {
				os.RemoveAll(filepath.Join(root, e.Name()))
			}
			continue
		}
		mods = append(mods, kept{e.Name(), info.ModTime()})
	}
	sort.Slice(mods, func(i, j int) bool { return mods[i].mod.After(mods[j].mod) })
	for _, m := range mods[min(len(mods), cacheKeep):] {
		os.RemoveAll(filepath.Join(root, m.name))
	}
}
