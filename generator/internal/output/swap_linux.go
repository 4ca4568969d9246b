package output

import (
	"os"

	"github.com/spf13/afero"
	"golang.org/x/sys/unix"
)

// swap exchanges the staged build and the destination in one atomic step
// on a real Linux file system (renameat2 RENAME_EXCHANGE), so there is no
// moment at which the destination is missing or mixed. The previous build
// stays in the staging folder for the next build to start from, unless
// keep is false. Other file systems fall back to renames.
func swap(fsys afero.Fs, stage, dir, old string, keep bool) error {
	if _, ok := fsys.(*afero.OsFs); ok {
		if _, err := os.Stat(dir); err == nil {
			if err := unix.Renameat2(unix.AT_FDCWD, stage, unix.AT_FDCWD, dir, unix.RENAME_EXCHANGE); err == nil {
				if keep {
					return nil
				}
				return removeTree(fsys, stage)
			}
		}
	}
	return swapRenames(fsys, stage, dir, old, keep)
}
