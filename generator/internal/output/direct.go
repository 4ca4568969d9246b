package output

import (
	"path/filepath"

	"github.com/spf13/afero"
)

// Direct returns a Dest that writes straight into dir, with no staging
// folder, no marker and no swap: for in-memory outputs that a live server
// reads while they change (stance serve). Commit and Abort do nothing.
//
// Without replace, two outputs for one file are an error, as in a normal
// build. With replace, existing files are overwritten: an incremental
// rebuild rewrites the pages an edit touched.
func Direct(fsys afero.Fs, dir string, replace bool) *Dest {
	return &Dest{fs: fsys, dir: filepath.Clean(dir), stage: filepath.Clean(dir), direct: true, replace: replace}
}
