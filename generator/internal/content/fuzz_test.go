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
		"---\ntitle: A\n---\nBody\n",
		"\xef\xbb\xbf---\r\ntitle: A\r\n---\r\nBody",
		"---\n+++\n---\n",
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
// title or fails with errors that each carry a line.
func FuzzParsePage(f *testing.F) {
	for _, s := range []string{
		"+++\ntitle = \"A\"\ndate = 2026-10-02\ntags = [\"a\"]\naliases = [\"/old/\"]\n+++\nBody\n",
		"+++\ntitle = \"A\"\nphase = [\"stability\"]\n[reps.stability]\nsets = 2\nmin = 12\nmax = 15\n+++\n",
		"+++\ntitle = \"A\"\nslug = \"../x\"\n+++\n",
		"+++\ntitle = \"A\n+++\n",
		"+++\ntitle = \"A\"\n+++\n- - - - - > > > x\n",
		"+++\ntitle = \"A\"\n+++\nbad \xff\n",
		"---\ntitle: A\ndate: 2026-10-02\ntags: [a]\n---\nBody\n",
		"---\ntitle: A\n---\n",
		"---\ntitle: A\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkParsed(t, parsePage(src))
	})
}

// FuzzParseYAMLPage checks YAML front matter the same way: any YAML
// between `---` lines parses into a page with a title and safe values, or
// fails with errors that each carry a line of the file.
func FuzzParseYAMLPage(f *testing.F) {
	for _, s := range []string{
		"title: A\ndate: 2026-10-02\ntags: [a]\naliases: [/old/]",
		"title: A\ndate: 2026-10-02T07:30:00-08:00\nweight: 3\ndraft: false",
		"title: A\nphase: [stability]\nreps:\n  stability: {sets: 2, min: 12, max: 15, per_side: true}",
		"title: A\nphase:\n  - strength\nreps:\n  strength:\n    sets: 3\n    min: 6\n    max: 8",
		"title: A\nslug: ../x",
		"title: \"A",
		"title: no\ndraft: yes",
		"title: A\ntitle: B",
		"Title: A",
		"title: A\ntags:\n\t- a",
		"title: &a A\ndescription: *a",
		"a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]",
		"title: A\n<<: {slug: x}",
		"title: A\n...\n--- \ndescription: x",
		"- title: A",
		"title: !!binary QQ==",
		"title: A\ndate: 07:30:00",
		"title: A\ndate: '2026-11-02'",
		"title: A\nweight: 99999999999999999999",
		"title: |\n  A\n  B\ndescription: >\n  folded\n  text",
		"? [a]\n: b",
		"title: A\ntags: [a, ~, 1, true]",
		"{title: A, tags: [a, b], reps: {stability: {sets: 2}}}",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, front []byte) {
		src := append(append([]byte("---\n"), front...), "\n---\nBody\n"...)
		pp := parsePage(src)
		checkParsed(t, pp)
		if pp.err == nil && (string(pp.body) != "Body\n" && !bytes.Contains(front, []byte("---"))) {
			t.Fatalf("body %q", pp.body)
		}
		lines := bytes.Count(src, []byte("\n")) + 1
		for _, e := range diag.Flatten(pp.err) {
			if e.Line > lines {
				t.Fatalf("error on line %d of a file of %d lines: %v", e.Line, lines, e)
			}
		}
		for key, line := range pp.keyLines {
			if line < 2 || line > lines {
				t.Fatalf("%s on line %d of a file of %d lines", key, line, lines)
			}
		}
	})
}

// checkParsed fails unless a parsed page has a title and safe values, or
// an error in which every problem has a line.
func checkParsed(t *testing.T, pp parsedPage) {
	t.Helper()
	fm, err := pp.front, pp.err
	if err != nil {
		es := diag.Flatten(err)
		if len(es) == 0 {
			t.Fatal("empty error list")
		}
		for _, e := range es {
			if e.Line < 1 {
				t.Fatalf("error without a line: %v", e)
			}
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
