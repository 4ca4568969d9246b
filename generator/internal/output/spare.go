package output

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/spf13/afero"
	"github.com/stance-ssg/stance/generator/internal/parallel"
)

// maxBuffered is the largest file held in memory to compare with the copy
// in the staging folder; larger ones (a video in static/) are compared as
// streams.
const maxBuffered = 1 << 20

// spare is the staging folder as a build found it: normally the build
// before the current one, after a failed or killed build whatever it left.
// Every file the build writes is compared with it; prune removes the rest,
// so its content at the start never shows in the result.
type spare struct {
	// prior maps each path below the staging folder (OS separators) to
	// what was there; it is not changed once scanned.
	prior map[string]spareEntry

	mu sync.Mutex
	// written holds the paths claimed by this build's outputs.
	written map[string]bool
	// cleared holds prior paths removed to make room for an output of
	// another kind (a folder where a file now goes, or the reverse).
	cleared map[string]bool
}

type spareEntry struct {
	size int64
	dir  bool
}

// scanSpare lists the staging folder. Anything in it that is neither a
// folder nor a regular file (a symbolic link above all) is removed, never
// followed: overwriting a file in place through a link planted there
// would write outside the output.
func scanSpare(fsys afero.Fs, stage string) (*spare, error) {
	s := &spare{prior: map[string]spareEntry{}, written: map[string]bool{}, cleared: map[string]bool{}}
	info, err := lstat(fsys, stage)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return s, nil
	case err != nil:
		return nil, err
	case !info.IsDir():
		return s, fsys.RemoveAll(stage) // a link or a file: removes just that
	}
	return s, s.scanDir(fsys, stage, "")
}

func (s *spare) scanDir(fsys afero.Fs, stage, rel string) error {
	entries, err := afero.ReadDir(fsys, filepath.Join(stage, rel))
	if err != nil {
		return err
	}
	for _, e := range entries {
		key := filepath.Join(rel, e.Name())
		switch {
		case e.IsDir():
			s.prior[key] = spareEntry{dir: true}
			if err := s.scanDir(fsys, stage, key); err != nil {
				return err
			}
		case e.Mode().IsRegular():
			s.prior[key] = spareEntry{size: e.Size()}
		default:
			if err := fsys.RemoveAll(filepath.Join(stage, key)); err != nil {
				return err
			}
		}
	}
	return nil
}

// claim records that this build writes key; false if an output already
// did.
func (s *spare) claim(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.written[key] {
		return false
	}
	s.written[key] = true
	return true
}

// priorSize is the size of the file the staging folder held at key, if
// it held a file there.
func (s *spare) priorSize(key string) (int64, bool) {
	e, ok := s.prior[key]
	return e.size, ok && !e.dir
}

// makeRoom removes what stands in the way of writing a file at key: a
// file where one of its folders goes, or a folder where it goes.
func (s *spare) makeRoom(fsys afero.Fs, stage, key string) error {
	if e, ok := s.prior[key]; ok && e.dir {
		if err := s.clear(fsys, stage, key); err != nil {
			return err
		}
	}
	// Going up from the file's folder, the first folder the staging
	// folder already had means every one above it is a folder too.
	for dir := filepath.Dir(key); dir != "."; dir = filepath.Dir(dir) {
		e, ok := s.prior[dir]
		if !ok {
			continue
		}
		if !e.dir {
			return s.clear(fsys, stage, dir)
		}
		return nil
	}
	return nil
}

func (s *spare) clear(fsys afero.Fs, stage, key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cleared[key] {
		return nil
	}
	s.cleared[key] = true
	return removeTree(fsys, filepath.Join(stage, key))
}

// prune removes every prior file and folder that no output of this build
// needs. A folder no output needs is removed as a whole, at its top.
func (s *spare) prune(fsys afero.Fs, stage string) error {
	needed := map[string]bool{".": true}
	for key := range s.written {
		for dir := filepath.Dir(key); !needed[dir]; dir = filepath.Dir(dir) {
			needed[dir] = true
		}
	}
	var stale []string
	for key := range s.prior {
		if s.written[key] || needed[key] || !needed[filepath.Dir(key)] {
			continue
		}
		stale = append(stale, key)
	}
	return parallel.Errors(len(stale), 0, func(i int) error {
		return removeTree(fsys, filepath.Join(stage, stale[i]))
	})
}

// put writes data at key (path p) in the staging folder, unless the file
// there holds exactly data already; it reports whether it wrote.
func (d *Dest) put(rel, p string, data []byte) (bool, error) {
	key := filepath.Clean(filepath.FromSlash(rel))
	if err := d.spare.makeRoom(d.fs, d.stage, key); err != nil {
		return false, err
	}
	if size, ok := d.spare.priorSize(key); ok && size == int64(len(data)) && sameBytes(d.fs, p, data) {
		return false, nil
	}
	f, err := d.createFile(p)
	if err != nil {
		return false, err
	}
	_, err = f.Write(data)
	return true, errors.Join(err, f.Close())
}

// copyLarge copies a file too large to buffer, unless the staging folder
// holds the same bytes.
func (d *Dest) copyLarge(rel, p string, in afero.File, size int64) error {
	key := filepath.Clean(filepath.FromSlash(rel))
	if err := d.spare.makeRoom(d.fs, d.stage, key); err != nil {
		return err
	}
	if prior, ok := d.spare.priorSize(key); ok && prior == size {
		if sameStream(d.fs, p, in) {
			return nil
		}
		if _, err := in.Seek(0, io.SeekStart); err != nil {
			return err
		}
	}
	d.changed.Add(1)
	f, err := d.createFile(p)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, in)
	return errors.Join(err, f.Close())
}

// createFile opens p for writing, truncated, creating its folders.
func (d *Dest) createFile(p string) (afero.File, error) {
	if err := d.fs.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	return d.fs.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
}

var readBuffers = sync.Pool{New: func() any { return new([]byte) }}

// sameBytes reports whether the file at p holds exactly data. Any error
// reading it counts as a difference: the file is then written anew.
func sameBytes(fsys afero.Fs, p string, data []byte) bool {
	f, err := fsys.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	bp := readBuffers.Get().(*[]byte)
	defer readBuffers.Put(bp)
	if cap(*bp) < len(data)+1 {
		*bp = make([]byte, len(data)+1)
	}
	buf := (*bp)[:len(data)+1]
	n, err := io.ReadFull(f, buf)
	// The buffer has room for one byte more than data: the file matches
	// only if reading stops short at exactly len(data) bytes.
	ended := errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF)
	return ended && n == len(data) && bytes.Equal(buf[:n], data)
}

// sameStream reports whether the file at p holds exactly what in holds,
// reading both in step.
func sameStream(fsys afero.Fs, p string, in io.Reader) bool {
	f, err := fsys.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	a, b := make([]byte, 64<<10), make([]byte, 64<<10)
	for {
		na, errA := io.ReadFull(f, a)
		nb, errB := io.ReadFull(in, b)
		if na != nb || !bytes.Equal(a[:na], b[:nb]) {
			return false
		}
		endA := errors.Is(errA, io.EOF) || errors.Is(errA, io.ErrUnexpectedEOF)
		endB := errors.Is(errB, io.EOF) || errors.Is(errB, io.ErrUnexpectedEOF)
		switch {
		case endA && endB:
			return true
		case endA != endB, errA != nil && !endA, errB != nil && !endB:
			return false
		}
	}
}
