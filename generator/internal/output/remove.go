package output

import (
	"errors"
	"path/filepath"

	"github.com/spf13/afero"
	"github.com/stance-ssg/stance/generator/internal/parallel"
)

// removeTree removes dir and everything below it, one top-level entry per
// worker. A build replaces tens of thousands of files; unlinking them one
// by one on a single core was a tenth of the whole build's wall time.
//
// A symbolic link is removed itself, never what it points to: listing it
// would empty a folder outside the output.
func removeTree(fsys afero.Fs, dir string) error {
	if info, err := lstat(fsys, dir); err != nil || !info.IsDir() {
		// Missing already, a file or a link: RemoveAll removes just that.
		return fsys.RemoveAll(dir)
	}
	entries, err := afero.ReadDir(fsys, dir)
	if err != nil {
		return err
	}
	err = parallel.Errors(len(entries), 0, func(i int) error {
		return fsys.RemoveAll(filepath.Join(dir, entries[i].Name()))
	})
	return errors.Join(err, fsys.RemoveAll(dir))
}
