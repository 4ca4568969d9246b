// Package output writes a build into a staging folder beside the
// destination and swaps it in only when the whole build succeeded, so a
// failed or killed build never leaves a half-written site behind.
//
// The output is double-buffered: after the swap the staging folder holds
// the previous build, and the next build starts from it. Files whose bytes
// have not changed are left alone, changed ones are overwritten in place
// and files no output wrote are removed before the swap. A rebuild thus
// creates and deletes only the files that come and go, which matters on
// file systems where new inodes are slow (ext4 without a journal spent
// most of a rebuild in its inode allocator when every build made a fresh
// tree).
package output

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"

	"github.com/spf13/afero"
)

// Marker is the file every Stance build leaves in its destination. A
// destination without it holds someone else's files and is not replaced
// unless the user asks for --clean.
const Marker = ".stance-build"

const markerText = "This folder is written by Stance (stance build). It is replaced as a whole on every build.\n"

// stagingSuffix names the staging folder beside the destination: public/
// is staged in .public.stance-staging/. legacyStagingSuffix is the name
// older versions used for a staging folder they removed after each build.
const (
	stagingSuffix       = ".stance-staging"
	legacyStagingSuffix = ".stance-new"
	oldSuffix           = ".stance-old"
)

// Options tell Open how careful to be.
type Options struct {
	// SiteRoot is the site folder; the destination may not be it or
	// contain it, and may not be inside its content/ folder.
	SiteRoot string
	// Clean allows replacing a destination that has no Stance marker.
	Clean bool
	// MaxBytes bounds the bytes written in all (0: no bound). Writes past
	// it fail with an error wrapping ErrTooLarge.
	MaxBytes int64
}

// ErrTooLarge is wrapped by the errors of writes past Options.MaxBytes.
var ErrTooLarge = errors.New("the output is over its size limit")

// Dest is a destination being written. Files go to a staging folder until
// Commit.
type Dest struct {
	fs    afero.Fs
	dir   string
	stage string
	old   string
	files atomic.Int64
	// changed counts the files created or rewritten; the others had the
	// same bytes in the staging folder already.
	changed atomic.Int64
	// written counts the bytes of every file; maxBytes bounds it.
	written  atomic.Int64
	maxBytes int64
	closed   bool
	// direct outputs (see Direct) have no staging folder to swap in;
	// replace lets them overwrite files of an earlier build.
	direct, replace bool
	// spare is what the staging folder held when the build began (the
	// build before the current one, or what a failed build left).
	spare *spare
	// keepPrevious is false when the destination holds someone else's
	// files (replaced with --clean): those are removed after the swap,
	// not kept as the next staging folder.
	keepPrevious bool
	// freshStage is true when this build made the staging folder: a
	// failed build then removes it, and leaves the disk as it found it.
	freshStage bool
}

// Open checks dir and prepares a fresh staging folder beside it.
func Open(fsys afero.Fs, dir string, opts Options) (*Dest, error) {
	dir = filepath.Clean(dir)
	if err := checkPlace(fsys, dir, opts.SiteRoot); err != nil {
		return nil, err
	}
	if err := checkKind(fsys, dir); err != nil {
		return nil, err
	}
	d := &Dest{fs: fsys, dir: dir, maxBytes: opts.MaxBytes}
	parent, base := filepath.Split(dir)
	d.stage = filepath.Join(parent, "."+base+stagingSuffix)
	d.old = filepath.Join(parent, "."+base+oldSuffix)
	if err := d.recover(); err != nil {
		return nil, err
	}
	owned, err := d.checkOwner(opts.Clean)
	if err != nil {
		return nil, err
	}
	d.keepPrevious = owned
	if err := d.adoptLegacyStaging(filepath.Join(parent, "."+base+legacyStagingSuffix)); err != nil {
		return nil, err
	}
	if d.spare, err = scanSpare(fsys, d.stage); err != nil {
		return nil, fmt.Errorf("reading the staging folder %s: %w", d.stage, err)
	}
	if _, err := lstat(fsys, d.stage); errors.Is(err, os.ErrNotExist) {
		d.freshStage = true
	}
	if err := fsys.MkdirAll(d.stage, 0o755); err != nil {
		return nil, fmt.Errorf("creating staging folder: %w", err)
	}
	return d, nil
}

// Staging is the staging folder beside dir: where a build is written
// before the swap, and where the build before the current one stays
// between builds. Removing it when no build runs only costs the next
// build the time to write every file anew.
func Staging(dir string) string {
	parent, base := filepath.Split(filepath.Clean(dir))
	return filepath.Join(parent, "."+base+stagingSuffix)
}

// inputDirs are the folders of a site that a build reads: an output
// inside one would be read back as input by the next build.
var inputDirs = []string{"content", "static"}

// checkPlace refuses destinations that would overwrite the site itself or
// be read back by the next build. Paths are compared with every symbolic
// link resolved, so a link to content/ does not smuggle the output in.
func checkPlace(fsys afero.Fs, dir, siteRoot string) error {
	if siteRoot == "" {
		return nil
	}
	realDir, err1 := realPath(fsys, dir)
	realRoot, err2 := realPath(fsys, siteRoot)
	if err := errors.Join(err1, err2); err != nil {
		return fmt.Errorf("destination %s: %w", dir, err)
	}
	shown := dir
	if abs, err := filepath.Abs(dir); err == nil && abs != realDir {
		shown = fmt.Sprintf("%s (%s, through a symbolic link)", dir, realDir)
	}
	switch {
	case realDir == realRoot:
		return fmt.Errorf("destination %s is the site folder itself: choose a folder inside it, such as public", shown)
	case within(realRoot, realDir):
		return fmt.Errorf("destination %s contains the site folder %s: it would be replaced; choose a folder inside the site, such as public", shown, siteRoot)
	}
	for _, in := range inputDirs {
		inDir := filepath.Join(realRoot, in)
		if realDir == inDir || within(realDir, inDir) {
			return fmt.Errorf("destination %s is inside %s/: the output would be read back as input", shown, in)
		}
	}
	return nil
}

// realPath returns the absolute form of p with every symbolic link
// resolved. The part of p that does not exist yet is kept as written,
// below its deepest existing folder, resolved. Only the operating
// system's file system has links; other file systems get the absolute
// path.
func realPath(fsys afero.Fs, p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	if _, ok := fsys.(*afero.OsFs); !ok {
		return abs, nil
	}
	existing, rest := abs, ""
	for {
		if _, err := lstat(fsys, existing); err == nil {
			break
		}
		parent := filepath.Dir(existing)
		if parent == existing {
			return abs, nil
		}
		rest = filepath.Join(filepath.Base(existing), rest)
		existing = parent
	}
	real, err := filepath.EvalSymlinks(existing)
	if err != nil {
		return "", err
	}
	return filepath.Join(real, rest), nil
}

// within reports whether path is strictly below dir.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != "." && filepath.IsLocal(rel)
}

// checkKind refuses a destination that exists and is not a plain folder.
// A build replaces its destination as a whole: a file there would be
// deleted, and a symbolic link would have its target emptied, files
// Stance never wrote included.
func checkKind(fsys afero.Fs, dir string) error {
	info, err := lstat(fsys, dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("destination %s: %w", dir, err)
	case info.Mode()&os.ModeSymlink != 0:
		return fmt.Errorf("destination %s is a symbolic link: Stance replaces its destination as a whole and does not follow links; pass the folder it points to as --destination", dir)
	case !info.IsDir():
		return fmt.Errorf("destination %s is a file, not a folder: Stance would replace it with the site; choose a folder, such as public", dir)
	}
	return nil
}

// lstat describes name itself, not what a symbolic link points to, on file
// systems that have links.
func lstat(fsys afero.Fs, name string) (os.FileInfo, error) {
	if l, ok := fsys.(afero.Lstater); ok {
		info, _, err := l.LstatIfPossible(name)
		return info, err
	}
	return fsys.Stat(name)
}

// recover finishes a swap that a killed build left half done (only file
// systems without an atomic exchange swap in two renames). With the
// destination missing, the previous build moved aside is the one to
// restore; with both present, the one moved aside becomes the staging
// folder, as a finished swap would have left it.
func (d *Dest) recover() error {
	if _, err := lstat(d.fs, d.old); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if _, err := lstat(d.fs, d.dir); errors.Is(err, os.ErrNotExist) {
		return d.fs.Rename(d.old, d.dir)
	}
	if info, err := lstat(d.fs, d.old); err == nil && info.IsDir() {
		if _, err := lstat(d.fs, d.stage); errors.Is(err, os.ErrNotExist) {
			return d.fs.Rename(d.old, d.stage)
		}
	}
	return removeTree(d.fs, d.old)
}

// adoptLegacyStaging removes the staging folder of an older version, or
// renames it into place when there is no staging folder yet: what it
// holds is reconciled like any staging folder.
func (d *Dest) adoptLegacyStaging(legacy string) error {
	if _, err := lstat(d.fs, legacy); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if info, err := lstat(d.fs, legacy); err == nil && info.IsDir() {
		if _, err := lstat(d.fs, d.stage); errors.Is(err, os.ErrNotExist) {
			return d.fs.Rename(legacy, d.stage)
		}
	}
	if err := removeTree(d.fs, legacy); err != nil {
		return fmt.Errorf("removing stale staging folder %s: %w", legacy, err)
	}
	return nil
}

// checkOwner refuses to replace a folder that holds files Stance did not
// write, and reports whether the destination is missing, empty or
// Stance's own. A folder that cannot be listed is an error, never
// "empty": its files would be deleted unseen.
func (d *Dest) checkOwner(clean bool) (owned bool, err error) {
	entries, err := afero.ReadDir(d.fs, d.dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return true, nil
	case err != nil:
		return false, fmt.Errorf("destination %s cannot be read, so Stance cannot tell whose files it holds: %w", d.dir, err)
	case len(entries) == 0:
		return true, nil
	}
	if _, err := d.fs.Stat(filepath.Join(d.dir, Marker)); err == nil {
		return true, nil
	}
	if clean {
		return false, nil
	}
	return false, fmt.Errorf("destination %s already holds files that Stance did not write (no %s marker): choose an empty folder, or pass --clean to replace it", d.dir, Marker)
}

// Path returns where rel is written in the staging folder, refusing paths
// that would leave it.
func (d *Dest) Path(rel string) (string, error) {
	rel = filepath.FromSlash(rel)
	if !filepath.IsLocal(rel) {
		return "", fmt.Errorf("refusing to write %q: it is outside the output folder", rel)
	}
	return filepath.Join(d.stage, rel), nil
}

// WriteFile writes one output file, creating its folders. In a staging
// folder, a file that already holds exactly data is left as it is.
func (d *Dest) WriteFile(rel string, data []byte) error {
	p, err := d.claim(rel)
	if err != nil {
		return err
	}
	if err := d.count(rel, int64(len(data))); err != nil {
		return err
	}
	if d.direct {
		return d.writeDirect(rel, p, data)
	}
	wrote, err := d.put(rel, p, data)
	if wrote {
		d.changed.Add(1)
	}
	return err
}

// claim checks that rel stays in the output and that no other output has
// written it, and returns where it goes.
func (d *Dest) claim(rel string) (string, error) {
	p, err := d.Path(rel)
	if err != nil {
		return "", err
	}
	if d.spare != nil && !d.spare.claim(filepath.Clean(filepath.FromSlash(rel))) {
		return "", duplicateError(rel)
	}
	d.files.Add(1)
	return p, nil
}

func duplicateError(rel string) error {
	return fmt.Errorf("two outputs write %s: rename a page or a file", rel)
}

// count adds n bytes to the total and fails once it passes the limit.
func (d *Dest) count(rel string, n int64) error {
	if d.written.Add(n) > d.maxBytes && d.maxBytes > 0 {
		return fmt.Errorf("%s: %w", rel, ErrTooLarge)
	}
	return nil
}

// writeDirect writes a file of a Direct output: no staging folder, so a
// second write of one file is a collision unless replace is set.
func (d *Dest) writeDirect(rel, p string, data []byte) error {
	if err := d.fs.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if d.replace {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := d.fs.OpenFile(p, flags, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return duplicateError(rel)
		}
		return err
	}
	d.changed.Add(1)
	_, err = f.Write(data)
	return errors.Join(err, f.Close())
}

// LimitBytes bounds the bytes written from now on, as Options.MaxBytes
// does for Open; for outputs made by Direct.
func (d *Dest) LimitBytes(n int64) { d.maxBytes = n }

// Written is how many bytes have been written.
func (d *Dest) Written() int64 { return d.written.Load() }

// Full reports whether a write has already passed the limit: the build
// is failing, and rendering more is wasted work.
func (d *Dest) Full() bool { return d.maxBytes > 0 && d.written.Load() > d.maxBytes }

// Copy copies one file from src into the output.
func (d *Dest) Copy(rel string, src afero.Fs, srcPath string) error {
	in, err := src.Open(srcPath)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	if info.Size() <= maxBuffered {
		data, err := io.ReadAll(in)
		if err != nil {
			return fmt.Errorf("copying %s: %w", srcPath, err)
		}
		return d.WriteFile(rel, data)
	}
	p, err := d.claim(rel)
	if err != nil {
		return err
	}
	if err := d.count(rel, info.Size()); err != nil {
		return err
	}
	if err := d.copyLarge(rel, p, in, info.Size()); err != nil {
		return fmt.Errorf("copying %s: %w", srcPath, err)
	}
	return nil
}

// Files is how many files have been written.
func (d *Dest) Files() int { return int(d.files.Load()) }

// Changed is how many files were created or rewritten; the rest of
// Files() already held the same bytes.
func (d *Dest) Changed() int { return int(d.changed.Load()) }

// Commit makes the staged build the destination: files of the previous
// build that this one did not write are removed, the marker is written
// and the staging folder and the destination are swapped.
func (d *Dest) Commit() error {
	if d.closed {
		return errors.New("output already committed or aborted")
	}
	d.closed = true
	if d.direct {
		return nil
	}
	p, err := d.claim(Marker)
	if err != nil {
		return err
	}
	if _, err := d.put(Marker, p, []byte(markerText)); err != nil {
		return err
	}
	d.files.Add(-1) // the marker is not one of the build's outputs
	if err := d.spare.prune(d.fs, d.stage); err != nil {
		return fmt.Errorf("removing files of an earlier build from %s: %w", d.stage, err)
	}
	return swap(d.fs, d.stage, d.dir, d.old, d.keepPrevious)
}

// Abort throws the staged build away; the destination is untouched. A
// staging folder that held the build before is kept for the next build,
// which reconciles whatever this one left in it; one this build made, or
// one it filled past its size limit, is removed. The error says when it
// could not be removed.
func (d *Dest) Abort() error {
	if d.closed || d.direct {
		d.closed = true
		return nil
	}
	d.closed = true
	if !d.freshStage && !d.Full() {
		return nil
	}
	if err := removeTree(d.fs, d.stage); err != nil {
		return fmt.Errorf("removing the unfinished build %s: %w", d.stage, err)
	}
	return nil
}

// swapRenames moves the current destination aside, the staged one in, and
// the old one to the staging folder (or away, when keep is false). A kill
// between the renames is repaired by recover on the next build.
func swapRenames(fsys afero.Fs, stage, dir, old string, keep bool) error {
	if _, err := fsys.Stat(dir); err == nil {
		if err := fsys.Rename(dir, old); err != nil {
			return fmt.Errorf("moving the previous build aside: %w", err)
		}
	}
	if err := fsys.Rename(stage, dir); err != nil {
		if rerr := fsys.Rename(old, dir); rerr != nil {
			err = errors.Join(err, rerr)
		}
		return fmt.Errorf("moving the new build in place: %w", err)
	}
	if _, err := fsys.Stat(old); err != nil {
		return nil // there was no previous build
	}
	if keep {
		return fsys.Rename(old, stage)
	}
	return removeTree(fsys, old)
}
