package site

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/spf13/afero"
	"github.com/stance-ssg/stance/generator/internal/output/outputtest"
)

// shuffledFs returns directory listings in a random order, as some file
// systems do, to prove the build never depends on listing order.
type shuffledFs struct {
	afero.Fs
	rng *lockedRand
}

// lockedRand is a rand.Rand safe for the build's parallel workers.
type lockedRand struct {
	mu  sync.Mutex
	rng *rand.Rand
}

func (r *lockedRand) shuffle(n int, swap func(i, j int)) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.rng.Shuffle(n, swap)
}

func (s shuffledFs) Open(name string) (afero.File, error) {
	f, err := s.Fs.Open(name)
	if err != nil {
		return nil, err
	}
	return shuffledFile{File: f, rng: s.rng}, nil
}

func (s shuffledFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	f, err := s.Fs.OpenFile(name, flag, perm)
	if err != nil {
		return nil, err
	}
	return shuffledFile{File: f, rng: s.rng}, nil
}

type shuffledFile struct {
	afero.File
	rng *lockedRand
}

func (f shuffledFile) Readdir(n int) ([]os.FileInfo, error) {
	infos, err := f.File.Readdir(n)
	f.rng.shuffle(len(infos), func(i, j int) { infos[i], infos[j] = infos[j], infos[i] })
	return infos, err
}

func (f shuffledFile) Readdirnames(n int) ([]string, error) {
	names, err := f.File.Readdirnames(n)
	f.rng.shuffle(len(names), func(i, j int) { names[i], names[j] = names[j], names[i] })
	return names, err
}

// TestRepositorySiteIsReproducible builds the repository's site twice on
// the real file system and once through shuffled directory listings, with
// different worker counts, and compares the outputs byte for byte.
func TestRepositorySiteIsReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the repository's site three times")
	}
	builds := []struct {
		name    string
		fs      afero.Fs
		workers int
	}{
		{"first", afero.NewOsFs(), 0},
		{"second", afero.NewOsFs(), 1},
		{"shuffled listings", shuffledFs{Fs: afero.NewOsFs(), rng: &lockedRand{rng: rand.New(rand.NewPCG(1, 2))}}, 3},
	}
	var trees []map[string][]byte
	for _, b := range builds {
		dest := filepath.Join(t.TempDir(), "public")
		if _, err := Build(b.fs, Options{Source: "../..", Destination: dest, Workers: b.workers}); err != nil {
			t.Fatalf("%s build: %v", b.name, err)
		}
		tree, err := outputtest.ReadTree(afero.NewOsFs(), dest)
		if err != nil {
			t.Fatal(err)
		}
		trees = append(trees, tree)
	}
	if len(trees[0]) < 50 {
		t.Fatalf("only %d files built", len(trees[0]))
	}
	for i := 1; i < len(trees); i++ {
		if ok, diff := outputtest.Equal(trees[0], trees[i]); !ok {
			t.Errorf("the %s build differs from the first: %s", builds[i].name, diff)
		}
	}
}
