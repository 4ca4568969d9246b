package output

import (
	"path"
	"strings"
	"testing"

	"github.com/spf13/afero"
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
	tree, _ := ReadTree(fs, "/site/public")
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
	tree, _ := ReadTree(fs, "/out")
	if string(tree["a.html"]) != "a" || tree["b.html"] != nil {
		t.Errorf("abort changed the destination: %v", keys(tree))
	}
	if ok, _ := afero.DirExists(fs, "/.out.stance-new"); ok {
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
