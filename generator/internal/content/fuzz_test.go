package content

import (
	"bytes"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stance-ssg/stance/generator/diag"
	"github.com/stance-ssg/stance/generator/internal/slug"
)

// FuzzSplitFrontMatter checks that splitting never panics and that a
// successful split returns the tail of the file as the body, with the
// right number of lines before it.
func FuzzSplitFrontMatter(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"A\"\n+++\nBody\n",
		"\xef\xbb\xbf+++\r\ntitle = \"A\"\r\n+++\r\nBody",
		"+++\ntitle = \"A\"\n+++",
		"+++\n+++\n",
		"+++",
		"",
		"# no front matter\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		front, body, bodyLine, _, err := splitFrontMatter(src)
		if err != nil {
			var e *diag.Error
			if !errors.As(err, &e) || e.Line < 1 {
				t.Fatalf("error without a line: %v", err)
			}
			return
		}
		trimmed := bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
		if !bytes.HasSuffix(trimmed, body) || !bytes.Contains(trimmed, front) {
			t.Fatalf("front %q / body %q are not parts of the source", front, body)
		}
		before := bytes.Count(trimmed[:len(trimmed)-len(body)], []byte("\n"))
		if bodyLine < 2 || (before != bodyLine && before != bodyLine-1) {
			t.Fatalf("bodyLine %d, but %d line breaks come before the body", bodyLine, before)
		}
	})
}

// FuzzParsePage checks that any file either parses into a page with a
// title or fails with an error carrying a line.
func FuzzParsePage(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"A\"\ndate = 2026-10-02\ntags = [\"a\"]\naliases = [\"/old/\"]\n+++\nBody\n",
		"+++\ntitle = \"A\"\nphase = [\"stability\"]\n[reps.stability]\nsets = 2\nmin = 12\nmax = 15\n+++\n",
		"+++\ntitle = \"A\"\nslug = \"../x\"\n+++\n",
		"+++\ntitle = \"A\n+++\n",
		"+++\ntitle = \"A\"\n+++\n- - - - - > > > x\n",
		"+++\ntitle = \"A\"\n+++\nbad \xff\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		pp := parsePage(src)
		fm, err := pp.front, pp.err
		if err != nil {
			var e *diag.Error
			var es diag.List
			switch {
			case errors.As(err, &es):
				if len(es) == 0 {
					t.Fatal("empty error list")
				}
			case errors.As(err, &e):
			default:
				t.Fatalf("error without a position: %v", err)
			}
			return
		}
		if fm.Title == "" {
			t.Fatal("a page without a title parsed")
		}
		for _, a := range fm.Aliases {
			file, err := aliasFile(a)
			if err != nil {
				t.Fatalf("unsafe alias %q accepted: %v", a, err)
			}
			if !filepath.IsLocal(file) || strings.HasPrefix(file, ".") {
				t.Fatalf("alias %q writes %q, outside the output or hidden", a, file)
			}
		}
		if fm.Slug != "" && (!validSegment(fm.Slug) || len(fm.Slug) > MaxSegment) {
			t.Fatalf("unsafe slug %q accepted", fm.Slug)
		}
		for _, name := range taxonomyNames {
			for _, v := range taxonomyField(&fm, name) {
				if seg := slug.Make(v); seg == "" || len(seg) > MaxSegment {
					t.Fatalf("%s value %q accepted, with the URL segment %q", name, v, seg)
				}
			}
		}
		if fm.Date.Year() == 0 && !fm.Date.IsZero() {
			t.Fatalf("date %v without a year accepted", fm.Date)
		}
	})
}

// FuzzResolve checks that link resolution never panics, never yields a
// URL outside the site's base path or with a ".." segment, and reports
// every failure as a broken link.
func FuzzResolve(f *testing.F) {
	for _, s := range [][2]string{
		{"guides/hips.md", "../exercises/clam/index.md#setup"},
		{"guides/hips.md", "../exercises/"},
		{"exercises/clam/index.md", "d.svg?x=1"},
		{"guides/hips.md", "../../../etc/passwd"},
		{"guides/hips.md", "%2e%2e/%2e%2e/x"},
		{"", "."},
		{"a/b/c.md", "..%2f..%2f"},
	} {
		f.Add(s[0], s[1])
	}
	s, err := loadFiles(f, map[string]string{
		"guides/hips.md":          md(`title = "Hips"`),
		"guides/_index.md":        md(`title = "Guides"`),
		"exercises/clam/index.md": md(`title = "Clam"`),
		"exercises/clam/d.svg":    "<svg/>",
		"exercises/_index.md":     md(`title = "Exercises"`),
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, from, dest string) {
		u, err := s.Resolve(from, dest)
		if err != nil {
			if !errors.Is(err, ErrBrokenLink) {
				t.Fatalf("error is not a broken link: %v", err)
			}
			return
		}
		if !strings.HasPrefix(u, "/k/") {
			t.Fatalf("Resolve(%q, %q) = %q, outside the base path", from, dest, u)
		}
		p, _, _ := strings.Cut(u, "?")
		p, _, _ = strings.Cut(p, "#")
		for _, seg := range strings.Split(p, "/") {
			if seg == ".." {
				t.Fatalf("Resolve(%q, %q) = %q has a '..' segment", from, dest, u)
			}
		}
	})
}
