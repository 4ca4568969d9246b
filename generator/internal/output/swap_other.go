//go:build !linux

package output

import "github.com/spf13/afero"

func swap(fsys afero.Fs, stage, dir, old string, keep bool) error {
	return swapRenames(fsys, stage, dir, old, keep)
}
