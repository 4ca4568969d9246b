package output

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/afero"
	"github.com/stance-ssg/stance/generator/internal/output/outputtest"
)

func TestCommitReplacesWholeTree(t *testing.T) {
	fs := afero.NewMemMapFs()
	first, err := Open(fs, "/site/public", Options{SiteRoot: "/site"})
	if err != nil {
		t.Fatal(err)
	}
	first.WriteFile("old.html", []byte("old"))
	first.WriteFile("keep/index.html", []byte("v1"))
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	second, err := Open(fs, "/site/public", Options{SiteRoot: "/site"})
	if err != nil {
		t.Fatalf("a folder Stance built must be reusable: %v", err)
	}
	second.WriteFile("keep/index.html", []byte("v2"))
	if err := second.Commit(); err != nil {
		t.Fatal(err)
	}
	tree, _ := outputtest.ReadTree(fs, "/site/public")
	if _, ok := tree["old.html"]; ok {
		t.Error("a file from the previous build survived")
	}
	if string(tree["keep/index.html"]) != "v2" || tree[Marker] == nil {
		t.Errorf("tree after second build: %v", keys(tree))
	}
	if n := second.Files(); n != 1 {
		t.Errorf("Files() = %d, want 1", n)
	}
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestAbortLeavesDestination(t *testing.T) {
	fs := afero.NewMemMapFs()
	d, _ := Open(fs, "/out", Options{})
	d.WriteFile("a.html", []byte("a"))
	d.Commit()
	d2, _ := Open(fs, "/out", Options{})
	d2.WriteFile("b.html", []byte("b"))
	d2.Abort()
	tree, _ := outputtest.ReadTree(fs, "/out")
	if string(tree["a.html"]) != "a" || tree["b.html"] != nil {
		t.Errorf("abort changed the destination: %v", keys(tree))
	}
	// The failed build made the staging folder; it leaves none behind.
	if ok, _ := afero.Exists(fs, Staging("/out")); ok {
		t.Error("staging folder left behind")
	}
}

func TestPathsCannotEscape(t *testing.T) {
	fs := afero.NewMemMapFs()
	d, _ := Open(fs, "/out", Options{})
	for _, rel := range []string{"../x.html", "/etc/passwd", "a/../../x", ""} {
		if err := d.WriteFile(rel, []byte("x")); err == nil || !strings.Contains(err.Error(), "outside the output folder") {
			t.Errorf("WriteFile(%q) = %v, want refusal", rel, err)
		}
	}
	if err := d.WriteFile("a.html", nil); err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("a.html", nil); err == nil || !strings.Contains(err.Error(), "two outputs write a.html") {
		t.Errorf("second write of one file: %v", err)
	}
}

func TestRecoverAfterKillBetweenRenames(t *testing.T) {
	fs := afero.NewMemMapFs()
	afero.WriteFile(fs, "/.out.stance-old/index.html", []byte("previous"), 0o644)
	afero.WriteFile(fs, "/.out.stance-old/"+Marker, []byte("x"), 0o644)
	if _, err := Open(fs, "/out", Options{}); err != nil {
		t.Fatal(err)
	}
	b, err := afero.ReadFile(fs, "/out/index.html")
	if err != nil || string(b) != "previous" {
		t.Errorf("previous build not restored: %q, %v", b, err)
	}
}

func TestForeignDestinationRefused(t *testing.T) {
	fs := afero.NewMemMapFs()
	afero.WriteFile(fs, "/home/me/notes.txt", []byte("mine"), 0o644)
	_, err := Open(fs, "/home/me", Options{})
	if err == nil || !strings.Contains(err.Error(), "--clean") {
		t.Fatalf("got %v", err)
	}
	if _, err := Open(fs, "/home/me", Options{Clean: true}); err != nil {
		t.Fatalf("--clean: %v", err)
	}
}

func TestRemoveTree(t *testing.T) {
	for name, fs := range map[string]afero.Fs{
		"memory": afero.NewMemMapFs(),
		"disk":   afero.NewBasePathFs(afero.NewOsFs(), t.TempDir()),
	} {
		t.Run(name, func(t *testing.T) {
			for _, f := range []string{"/old/a.html", "/old/s1/p1/index.html", "/old/s1/p2/index.html", "/old/s2/deep/er/x.css", "/keep/b.html"} {
				if err := fs.MkdirAll(path.Dir(f), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := afero.WriteFile(fs, f, []byte("x"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if err := removeTree(fs, "/old"); err != nil {
				t.Fatal(err)
			}
			if ok, _ := afero.Exists(fs, "/old"); ok {
				t.Error("/old still exists")
			}
			if ok, _ := afero.Exists(fs, "/keep/b.html"); !ok {
				t.Error("removeTree removed a sibling folder")
			}
			if err := removeTree(fs, "/missing"); err != nil {
				t.Errorf("removing a missing folder: %v", err)
			}
		})
	}
}

// unreadable is a file system on which one folder cannot be listed, as
// with chmod 000 for a user who is not root.
type unreadable struct {
	afero.Fs
	dir string
}

func (u unreadable) Open(name string) (afero.File, error) {
	if name == u.dir {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return u.Fs.Open(name)
}

func TestDestinationMustBeAFolderStanceCanRead(t *testing.T) {
	tests := []struct {
		name  string
		setup func(afero.Fs) afero.Fs
		dir   string
		clean bool
		want  string
	}{
		{"a file", func(m afero.Fs) afero.Fs {
			afero.WriteFile(m, "/site/notes.txt", []byte("mine"), 0o644)
			return m
		}, "/site/notes.txt", false, "is a file, not a folder"},
		{"a file, with --clean", func(m afero.Fs) afero.Fs {
			afero.WriteFile(m, "/site/notes.txt", []byte("mine"), 0o644)
			return m
		}, "/site/notes.txt", true, "is a file, not a folder"},
		{"an unreadable folder", func(m afero.Fs) afero.Fs {
			afero.WriteFile(m, "/site/public/notes.txt", []byte("mine"), 0o644)
			return unreadable{m, "/site/public"}
		}, "/site/public", false, "cannot be read"},
		{"an unreadable folder, with --clean", func(m afero.Fs) afero.Fs {
			afero.WriteFile(m, "/site/public/notes.txt", []byte("mine"), 0o644)
			return unreadable{m, "/site/public"}
		}, "/site/public", true, "cannot be read"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := afero.NewMemMapFs()
			fsys := tt.setup(mem)
			before, _ := outputtest.ReadTree(mem, "/")
			_, err := Open(fsys, tt.dir, Options{SiteRoot: "/site", Clean: tt.clean})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Open = %v, want an error saying %q", err, tt.want)
			}
			after, _ := outputtest.ReadTree(mem, "/")
			if ok, why := outputtest.Equal(before, after); !ok {
				t.Errorf("a refused Open changed the file system: %s", why)
			}
		})
	}
}

// osTree makes files on disk below a temporary folder and returns it.
func osTree(t *testing.T, files ...string) string {
	t.Helper()
	root := t.TempDir()
	for _, f := range files {
		p := filepath.Join(root, f)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func TestSymbolicLinksAroundTheDestination(t *testing.T) {
	tests := []struct {
		name string
		link [2]string // link name -> target, below the root
		dir  string
		want string
	}{
		{"destination is a link to a folder Stance built", [2]string{"site/public", "outside"}, "site/public", "is a symbolic link"},
		{"destination inside content/ through a link", [2]string{"site/c2", "site/content"}, "site/c2/out", "is inside content/"},
		{"destination is content/ through a link", [2]string{"site/c2", "site/content"}, "site/c2", "is inside content/"},
		{"destination inside static/ through a link", [2]string{"s", "site/static"}, "s/out", "is inside static/"},
		{"destination is the site through a link", [2]string{"mirror", "site"}, "mirror", "is the site folder itself"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := osTree(t, "site/site.toml", "site/content/a.md", "site/static/x.txt",
				"outside/"+Marker, "outside/thesis.txt")
			if err := os.Symlink(filepath.Join(root, tt.link[1]), filepath.Join(root, tt.link[0])); err != nil {
				t.Fatal(err)
			}
			fsys := afero.NewOsFs()
			before, _ := outputtest.ReadTree(fsys, root)
			_, err := Open(fsys, filepath.Join(root, tt.dir), Options{SiteRoot: filepath.Join(root, "site"), Clean: true})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Open = %v, want an error saying %q", err, tt.want)
			}
			after, _ := outputtest.ReadTree(fsys, root)
			if ok, why := outputtest.Equal(before, after); !ok {
				t.Errorf("a refused Open changed the files: %s", why)
			}
		})
	}
}

func TestStaleStagingLinkIsRemovedNotFollowed(t *testing.T) {
	root := osTree(t, "site/site.toml", "outside/thesis.txt")
	for _, suffix := range []string{stagingSuffix, legacyStagingSuffix, oldSuffix} {
		if err := os.Symlink(filepath.Join(root, "outside"), filepath.Join(root, "site", ".public"+suffix)); err != nil {
			t.Fatal(err)
		}
	}
	fsys := afero.NewOsFs()
	if err := os.MkdirAll(filepath.Join(root, "site", "public"), 0o755); err != nil {
		t.Fatal(err)
	}
	d, err := Open(fsys, filepath.Join(root, "site", "public"), Options{SiteRoot: filepath.Join(root, "site")})
	if err != nil {
		t.Fatal(err)
	}
	d.Abort()
	if b, err := os.ReadFile(filepath.Join(root, "outside", "thesis.txt")); err != nil || string(b) != "outside/thesis.txt" {
		t.Errorf("a file behind a stale staging link was touched: %q, %v", b, err)
	}
}

func TestMaxBytes(t *testing.T) {
	fs := afero.NewMemMapFs()
	afero.WriteFile(fs, "/src/big.bin", []byte(strings.Repeat("x", 600)), 0o644)
	d, err := Open(fs, "/out", Options{MaxBytes: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.WriteFile("a.html", []byte(strings.Repeat("a", 500))); err != nil {
		t.Fatalf("a write within the limit: %v", err)
	}
	if d.Full() {
		t.Error("full at 500 of 1000 bytes")
	}
	err = d.Copy("big.bin", fs, "/src/big.bin")
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "big.bin") {
		t.Fatalf("a copy past the limit: %v, want ErrTooLarge naming the file", err)
	}
	if !d.Full() {
		t.Error("not full after a write past the limit")
	}
	if err := d.WriteFile("b.html", []byte("b")); !errors.Is(err, ErrTooLarge) {
		t.Errorf("a write after the limit: %v", err)
	}
	d.Abort()
	if ok, _ := afero.Exists(fs, "/out"); ok {
		t.Error("an aborted build over the limit left a destination")
	}
}
