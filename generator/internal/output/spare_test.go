package output

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/afero"
	"github.com/stance-ssg/stance/generator/internal/output/outputtest"
)

// build writes files (path -> content; a "static:" prefix copies the rest
// of the content from a source file of that size) into dir and commits.
func build(t *testing.T, fsys afero.Fs, dir string, files map[string]string) *Dest {
	t.Helper()
	d, err := Open(fsys, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for rel, data := range files {
		if err := d.WriteFile(rel, []byte(data)); err != nil {
			t.Fatal(err)
		}
	}
	if err := d.Commit(); err != nil {
		t.Fatal(err)
	}
	return d
}

// wantTree fails unless dir holds exactly files and the marker.
func wantTree(t *testing.T, fsys afero.Fs, dir string, files map[string]string) {
	t.Helper()
	got, err := outputtest.ReadTree(fsys, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{Marker: []byte(markerText)}
	for k, v := range files {
		want[k] = []byte(v)
	}
	if ok, why := outputtest.Equal(want, got); !ok {
		t.Fatalf("%s: %s", dir, why)
	}
}

// fileSystems are the two kinds a build writes to: memory (serve's tests,
// two renames) and the disk (the atomic exchange).
func fileSystems(t *testing.T) map[string]func() (afero.Fs, string) {
	return map[string]func() (afero.Fs, string){
		"memory": func() (afero.Fs, string) { return afero.NewMemMapFs(), "/site/public" },
		"disk": func() (afero.Fs, string) {
			root := t.TempDir()
			return afero.NewOsFs(), filepath.Join(root, "public")
		},
	}
}

// TestRebuildsMatchFreshBuilds runs a sequence of builds in which files
// come, go, change and turn from files into folders and back; after each,
// the destination must hold exactly that build's files, as a fresh build
// would.
func TestRebuildsMatchFreshBuilds(t *testing.T) {
	builds := []map[string]string{
		{"index.html": "home", "a.html": "a", "b/index.html": "b", "c/d/e.html": "e", "empty.txt": ""},
		{"index.html": "home", "a/index.html": "a is a folder now", "b": "b is a file now", "c/d/e.html": "e", "empty.txt": ""},
		{"index.html": "home, longer", "a.html": "a", "b/index.html": "b", "new/deep/x.css": "x"},
		{"index.html": "h"},
		{"index.html": "home", "a.html": "a", "b/index.html": "b", "c/d/e.html": "e", "empty.txt": ""},
	}
	for name, newFS := range fileSystems(t) {
		t.Run(name, func(t *testing.T) {
			fsys, dir := newFS()
			for i, files := range builds {
				build(t, fsys, dir, files)
				wantTree(t, fsys, dir, files)
				if i > 0 {
					// The staging folder keeps the build before.
					wantTree(t, fsys, Staging(dir), builds[i-1])
				}
			}
		})
	}
}

// TestUnchangedFilesAreLeftAlone checks that a rebuild with the same
// output writes nothing: the destination's files are the very files of
// the build two builds earlier, and Changed counts only real changes.
func TestUnchangedFilesAreLeftAlone(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	fsys := afero.NewOsFs()
	files := map[string]string{"index.html": "home", "a/index.html": "a", "b/index.html": "b"}
	if d := build(t, fsys, dir, files); d.Changed() != 3 || d.Files() != 3 {
		t.Errorf("first build: Changed() = %d, Files() = %d, want 3 and 3", d.Changed(), d.Files())
	}
	first, err := os.Stat(filepath.Join(dir, "a", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	build(t, fsys, dir, files) // written into a fresh staging folder
	files["b/index.html"] = "b, edited"
	d := build(t, fsys, dir, files) // reuses the first build's tree
	if d.Changed() != 1 || d.Files() != 3 {
		t.Errorf("third build: Changed() = %d, Files() = %d, want 1 and 3", d.Changed(), d.Files())
	}
	third, err := os.Stat(filepath.Join(dir, "a", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(first, third) || !third.ModTime().Equal(first.ModTime()) {
		t.Error("an unchanged file was written again")
	}
	wantTree(t, fsys, dir, files)
}

// TestTamperedStagingFolder damages the staging folder between builds as
// a kill or a careless hand might: a truncated file, a stray file, a file
// of the same size with other bytes, and symbolic links where the build
// writes a file and where it writes into a folder. The next build must
// come out exact, and nothing behind the links may change.
func TestTamperedStagingFolder(t *testing.T) {
	root := t.TempDir()
	outside := filepath.Join(root, "outside")
	if err := os.MkdirAll(outside, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(outside, "index.html"), []byte("not yours"), 0o644); err != nil {
		t.Fatal(err)
	}
	fsys, dir := afero.NewOsFs(), filepath.Join(root, "public")
	files := map[string]string{"index.html": "home page", "a/index.html": "page a", "b/index.html": "page b", "c.html": "cccc"}
	build(t, fsys, dir, files)
	build(t, fsys, dir, files)
	stage := Staging(dir)
	mustWrite(t, filepath.Join(stage, "index.html"), "home")    // truncated
	mustWrite(t, filepath.Join(stage, "c.html"), "CCCC")        // same size, other bytes
	mustWrite(t, filepath.Join(stage, "stray/x.html"), "stray") // no output writes it
	if err := os.RemoveAll(filepath.Join(stage, "a")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(stage, "a")); err != nil { // a folder the build writes into
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(stage, "b", "index.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "index.html"), filepath.Join(stage, "b", "index.html")); err != nil {
		t.Fatal(err)
	}
	build(t, fsys, dir, files)
	wantTree(t, fsys, dir, files)
	if b, err := os.ReadFile(filepath.Join(outside, "index.html")); err != nil || string(b) != "not yours" {
		t.Errorf("a file behind a link in the staging folder changed: %q, %v", b, err)
	}
}

func mustWrite(t *testing.T, p, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFailedBuildKeepsStagingForTheNext aborts a build halfway: the
// destination stays the previous build, and the next build, starting from
// the half-written staging folder, comes out exact.
func TestFailedBuildKeepsStagingForTheNext(t *testing.T) {
	for name, newFS := range fileSystems(t) {
		t.Run(name, func(t *testing.T) {
			fsys, dir := newFS()
			v1 := map[string]string{"index.html": "v1", "a.html": "a1"}
			v2 := map[string]string{"index.html": "v2", "b.html": "b2"}
			build(t, fsys, dir, v1)
			build(t, fsys, dir, v1)
			d, err := Open(fsys, dir, Options{})
			if err != nil {
				t.Fatal(err)
			}
			d.WriteFile("half.html", []byte("from the failed build"))
			d.WriteFile("index.html", []byte("failed"))
			if err := d.Abort(); err != nil {
				t.Fatal(err)
			}
			wantTree(t, fsys, dir, v1)
			build(t, fsys, dir, v2)
			wantTree(t, fsys, dir, v2)
		})
	}
}

// TestBuildOverTheLimitLeavesNoStaging: a build that ran past its size
// limit may have written a lot; what it wrote goes at once.
func TestBuildOverTheLimitLeavesNoStaging(t *testing.T) {
	fsys := afero.NewMemMapFs()
	build(t, fsys, "/out", map[string]string{"index.html": "v1"})
	d, err := Open(fsys, "/out", Options{MaxBytes: 10})
	if err != nil {
		t.Fatal(err)
	}
	d.WriteFile("a.html", []byte(strings.Repeat("x", 8)))
	if err := d.WriteFile("b.html", []byte(strings.Repeat("x", 8))); err == nil {
		t.Fatal("a write past the limit succeeded")
	}
	if err := d.Abort(); err != nil {
		t.Fatal(err)
	}
	if ok, _ := afero.Exists(fsys, Staging("/out")); ok {
		t.Error("the staging folder of a build over its limit was kept")
	}
	wantTree(t, fsys, "/out", map[string]string{"index.html": "v1"})
}

// TestCleanedForeignFilesAreNotKept: with --clean, the files Stance did
// not write are replaced, and they do not live on as the staging folder.
func TestCleanedForeignFilesAreNotKept(t *testing.T) {
	for name, newFS := range fileSystems(t) {
		t.Run(name, func(t *testing.T) {
			fsys, dir := newFS()
			if err := fsys.MkdirAll(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			afero.WriteFile(fsys, filepath.Join(dir, "notes.txt"), []byte("mine"), 0o644)
			d, err := Open(fsys, dir, Options{Clean: true})
			if err != nil {
				t.Fatal(err)
			}
			d.WriteFile("index.html", []byte("home"))
			if err := d.Commit(); err != nil {
				t.Fatal(err)
			}
			wantTree(t, fsys, dir, map[string]string{"index.html": "home"})
			if ok, _ := afero.Exists(fsys, Staging(dir)); ok {
				t.Error("the replaced foreign files were kept as the staging folder")
			}
		})
	}
}

// TestRecoverBetweenRenames covers the states a kill leaves between the
// renames of a swap on a file system without an atomic exchange.
func TestRecoverBetweenRenames(t *testing.T) {
	fsys := afero.NewMemMapFs()
	// Killed after the new build moved in, before the old one moved to
	// the staging folder: the old one becomes the staging folder.
	afero.WriteFile(fsys, "/out/index.html", []byte("new"), 0o644)
	afero.WriteFile(fsys, "/out/"+Marker, []byte(markerText), 0o644)
	afero.WriteFile(fsys, "/.out"+oldSuffix+"/index.html", []byte("old"), 0o644)
	afero.WriteFile(fsys, "/.out"+oldSuffix+"/"+Marker, []byte(markerText), 0o644)
	d, err := Open(fsys, "/out", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if size, ok := d.spare.priorSize("index.html"); !ok || size != 3 {
		t.Errorf("the moved-aside build was not taken as the staging folder: %d, %v", size, ok)
	}
	d.Abort()
	wantTree(t, fsys, "/out", map[string]string{"index.html": "new"})
	if ok, _ := afero.Exists(fsys, "/.out"+oldSuffix); ok {
		t.Error("the moved-aside build is still there")
	}
}

// TestLegacyStagingFolder: the staging folder of an older version is
// taken over, not left beside the output.
func TestLegacyStagingFolder(t *testing.T) {
	fsys := afero.NewMemMapFs()
	afero.WriteFile(fsys, "/.out"+legacyStagingSuffix+"/stale.html", []byte("stale"), 0o644)
	build(t, fsys, "/out", map[string]string{"index.html": "home"})
	if ok, _ := afero.Exists(fsys, "/.out"+legacyStagingSuffix); ok {
		t.Error("the old staging folder is still there")
	}
	wantTree(t, fsys, "/out", map[string]string{"index.html": "home"})
}

// TestLargeCopies compares files too large to buffer as streams: an
// unchanged one is left alone, a changed one of the same size rewritten.
func TestLargeCopies(t *testing.T) {
	fsys := afero.NewMemMapFs()
	big := strings.Repeat("v", maxBuffered+10)
	afero.WriteFile(fsys, "/src/video.mp4", []byte(big), 0o644)
	copyBuild := func() *Dest {
		d, err := Open(fsys, "/out", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if err := d.Copy("video.mp4", fsys, "/src/video.mp4"); err != nil {
			t.Fatal(err)
		}
		if err := d.Commit(); err != nil {
			t.Fatal(err)
		}
		return d
	}
	copyBuild()
	copyBuild()
	if d := copyBuild(); d.Changed() != 0 {
		t.Errorf("an unchanged large file was copied again (Changed() = %d)", d.Changed())
	}
	edited := "w" + big[1:]
	afero.WriteFile(fsys, "/src/video.mp4", []byte(edited), 0o644)
	if d := copyBuild(); d.Changed() != 1 {
		t.Errorf("a changed large file: Changed() = %d, want 1", d.Changed())
	}
	wantTree(t, fsys, "/out", map[string]string{"video.mp4": edited})
}
