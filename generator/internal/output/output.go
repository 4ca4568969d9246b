// Package output writes a build into a staging folder beside the
// destination and swaps it in only when the whole build succeeded, so a
// failed or killed build never leaves a half-written site behind.
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
	// written counts the bytes of every file; maxBytes bounds it.
	written  atomic.Int64
	maxBytes int64
	closed   bool
	// direct outputs (see Direct) have no staging folder to swap in;
	// replace lets them overwrite files of an earlier build.
	direct, replace bool
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
	d.stage = filepath.Join(parent, "."+base+".stance-new")
	d.old = filepath.Join(parent, "."+base+".stance-old")
	if err := d.recover(); err != nil {
		return nil, err
	}
	if err := d.checkOwner(opts.Clean); err != nil {
		return nil, err
	}
	if err := removeTree(fsys, d.stage); err != nil {
		return nil, fmt.Errorf("removing stale staging folder %s: %w", d.stage, err)
	}
	if err := fsys.MkdirAll(d.stage, 0o755); err != nil {
		return nil, fmt.Errorf("creating staging folder: %w", err)
	}
	return d, nil
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

// recover finishes a swap that a killed build left half done: the new
// build is complete in the staging folder only once the old one has been
// moved aside, so the old one is the one to restore.
func (d *Dest) recover() error {
	if _, err := lstat(d.fs, d.dir); errors.Is(err, os.ErrNotExist) {
		if _, err := lstat(d.fs, d.old); err == nil {
			return d.fs.Rename(d.old, d.dir)
		}
		return nil
	}
	return removeTree(d.fs, d.old)
}

// checkOwner refuses to replace a folder that holds files Stance did not
// write. A folder that cannot be listed is an error, never "empty": its
// files would be deleted unseen.
func (d *Dest) checkOwner(clean bool) error {
	entries, err := afero.ReadDir(d.fs, d.dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil
	case err != nil:
		return fmt.Errorf("destination %s cannot be read, so Stance cannot tell whose files it holds: %w", d.dir, err)
	case len(entries) == 0:
		return nil
	}
	if _, err := d.fs.Stat(filepath.Join(d.dir, Marker)); err == nil || clean {
		return nil
	}
	return fmt.Errorf("destination %s already holds files that Stance did not write (no %s marker): choose an empty folder, or pass --clean to replace it", d.dir, Marker)
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

// WriteFile writes one output file, creating its folders.
func (d *Dest) WriteFile(rel string, data []byte) error {
	w, err := d.Create(rel)
	if err != nil {
		return err
	}
	if _, err := w.Write(data); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// Create opens one output file for streaming.
func (d *Dest) Create(rel string) (io.WriteCloser, error) {
	p, err := d.Path(rel)
	if err != nil {
		return nil, err
	}
	if err := d.fs.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if d.replace {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := d.fs.OpenFile(p, flags, 0o644)
	if err != nil {
		if errors.Is(err, os.ErrExist) {
			return nil, fmt.Errorf("two outputs write %s: rename a page or a file", rel)
		}
		return nil, err
	}
	d.files.Add(1)
	if d.maxBytes > 0 {
		return &countedFile{File: f, d: d, rel: rel}, nil
	}
	return f, nil
}

// LimitBytes bounds the bytes written from now on, as Options.MaxBytes
// does for Open; for outputs made by Direct.
func (d *Dest) LimitBytes(n int64) { d.maxBytes = n }

// Written is how many bytes have been written.
func (d *Dest) Written() int64 { return d.written.Load() }

// Full reports whether a write has already passed the limit: the build
// is failing, and rendering more is wasted work.
func (d *Dest) Full() bool { return d.maxBytes > 0 && d.written.Load() > d.maxBytes }

// countedFile adds what is written to its Dest's total, and fails once
// the total passes the limit.
type countedFile struct {
	afero.File
	d   *Dest
	rel string
}

func (f *countedFile) Write(p []byte) (int, error) {
	if f.d.written.Add(int64(len(p))) > f.d.maxBytes {
		return 0, fmt.Errorf("%s: %w", f.rel, ErrTooLarge)
	}
	return f.File.Write(p)
}

// Copy copies one file from src into the output.
func (d *Dest) Copy(rel string, src afero.Fs, srcPath string) error {
	in, err := src.Open(srcPath)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := d.Create(rel)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("copying %s: %w", srcPath, err)
	}
	return out.Close()
}

// Files is how many files have been written.
func (d *Dest) Files() int { return int(d.files.Load()) }

// Commit makes the staged build the destination.
func (d *Dest) Commit() error {
	if d.closed {
		return errors.New("output already committed or aborted")
	}
	d.closed = true
	if d.direct {
		return nil
	}
	if err := afero.WriteFile(d.fs, filepath.Join(d.stage, Marker), []byte(markerText), 0o644); err != nil {
		return err
	}
	return swap(d.fs, d.stage, d.dir, d.old)
}

// Abort throws the staged build away; the destination is untouched. The
// error says when the staging folder could not be removed (it is removed
// again by the next build).
func (d *Dest) Abort() error {
	if d.closed || d.direct {
		d.closed = true
		return nil
	}
	d.closed = true
	if err := d.fs.RemoveAll(d.stage); err != nil {
		return fmt.Errorf("removing the unfinished build %s: %w", d.stage, err)
	}
	return nil
}

// swapRenames moves the current destination aside, the staged one in, and
// removes the old one. A kill between the two renames is repaired by
// recover on the next build.
func swapRenames(fsys afero.Fs, stage, dir, old string) error {
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
	return removeTree(fsys, old)
}
