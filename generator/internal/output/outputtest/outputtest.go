// Package outputtest reads built sites back for tests that compare
// builds: whole trees of files, compared byte for byte.
package outputtest

import (
	"bytes"
	"os"
	"path/filepath"

	"github.com/spf13/afero"
)

// ReadTree returns every file below dir as path -> content; for tests that
// compare builds.
func ReadTree(fsys afero.Fs, dir string) (map[string][]byte, error) {
	out := map[string][]byte{}
	err := afero.Walk(fsys, dir, func(p string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := afero.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = b
		return nil
	})
	return out, err
}

// Equal reports whether two trees read by ReadTree hold the same files.
func Equal(a, b map[string][]byte) (bool, string) {
	for k, v := range a {
		w, ok := b[k]
		if !ok {
			return false, k + " only in first"
		}
		if !bytes.Equal(v, w) {
			return false, k + " differs"
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			return false, k + " only in second"
		}
	}
	return true, ""
}
