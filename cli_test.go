package main

// Tests that run the real stance binary, the way a user does: bad input
// must give a clear, positioned error and never a Go stack trace, and
// nothing outside the site and its destination may be touched.

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode"
)

// stanceBin is the binary built once by TestMain.
var stanceBin string

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	dir, err := os.MkdirTemp("", "stance-cli-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "creating a folder for the binary:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	stanceBin = filepath.Join(dir, "stance")
	if out, err := exec.Command("go", "build", "-o", stanceBin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building the stance binary: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

// cliResult is one run of the binary.
type cliResult struct {
	code           int
	stdout, stderr string
	took           time.Duration
	peak           int64 // peak resident memory, 0 where unknown
}

// runBin runs the binary in dir with a deadline, so a hang fails the test
// instead of stalling it.
func runBin(t *testing.T, dir string, timeout time.Duration, args ...string) cliResult {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, stanceBin, args...)
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	res := cliResult{stdout: out.String(), stderr: errb.String(), took: time.Since(start)}
	if cmd.ProcessState != nil {
		res.peak = peakOf(cmd.ProcessState)
	}
	if ctx.Err() != nil {
		t.Fatalf("stance %s did not finish within %s", strings.Join(args, " "), timeout)
	}
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		res.code = exit.ExitCode()
	case err != nil:
		t.Fatalf("running stance: %v", err)
	}
	return res
}

// contentSize is the size of the files below dir/content (0 without one).
func contentSize(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	err := filepath.Walk(filepath.Join(dir, "content"), func(_ string, info os.FileInfo, err error) error {
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		if err == nil && info.Mode().IsRegular() {
			n += info.Size()
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// noStackTrace fails if Go internals reached the user.
func noStackTrace(t *testing.T, out string) {
	t.Helper()
	for _, s := range []string{"goroutine ", "panic:", "runtime error", ".go:"} {
		if strings.Contains(out, s) {
			t.Errorf("output contains %q, a Go crash or internal detail:\n%s", s, out)
		}
	}
}

// noTerminalControl fails if output would make a terminal do something
// instead of printing it: control characters other than line breaks and
// tabs, and format characters such as a right-to-left override.
func noTerminalControl(t *testing.T, out string) {
	t.Helper()
	for _, r := range out {
		if r != '\n' && r != '\t' && (unicode.IsControl(r) || unicode.Is(unicode.Cf, r)) {
			t.Errorf("output holds the raw character %U, which a terminal would obey:\n%q", r, out)
			return
		}
	}
}

// copyDir copies a case folder, so a test never writes into testdata.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(target, data, 0o644)
	})
	if err != nil {
		t.Fatalf("copying %s: %v", src, err)
	}
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// setups prepare what a case folder cannot hold: inputs too big to
// commit, symbolic links, files outside the site. Each gets the test's
// root folder and the site folder inside it (root/site, the copy of the
// case); root/outside is a folder beside the site that Stance must never
// touch.
var setups = map[string]func(t *testing.T, root, site string){
	// 100 MB: the front matter, then a sparse tail. Stance must refuse it
	// from its size alone, without reading it.
	"huge-markdown": func(t *testing.T, root, site string) {
		name := filepath.Join(site, "content", "huge.md")
		writeFile(t, name, []byte("+++\ntitle = \"Huge\"\n+++\n"))
		if err := os.Truncate(name, 100<<20); err != nil {
			t.Fatal(err)
		}
	},
	// 100,000 levels of nested list and of nested quote on one line.
	"deep-nesting-list": func(t *testing.T, root, site string) {
		writeFile(t, filepath.Join(site, "content", "deep.md"),
			[]byte("+++\ntitle = \"Deep\"\n+++\n"+strings.Repeat("- ", 100000)+"x\n"))
	},
	"deep-nesting-quote": func(t *testing.T, root, site string) {
		writeFile(t, filepath.Join(site, "content", "deep.md"),
			[]byte("+++\ntitle = \"Deep\"\n+++\n"+strings.Repeat(">", 100000)+"x\n"))
	},
	// goldmark is quadratic in unclosed "[a](" on one line: 200,000 of
	// them (800 kB) would take hours.
	"many-links-one-line": func(t *testing.T, root, site string) {
		writeFile(t, filepath.Join(site, "content", "links.md"),
			[]byte("+++\ntitle = \"Links\"\n+++\n"+strings.Repeat("[a](", 200000)+"\n"))
	},
	// 50,000 tags on one page made 50,000 tag pages, 400 MB of output.
	"tags-50000": func(t *testing.T, root, site string) {
		var tags strings.Builder
		for i := range 50000 {
			fmt.Fprintf(&tags, "\"tag%d\", ", i)
		}
		writeFile(t, filepath.Join(site, "content", "a.md"), []byte("+++\ntitle = \"A\"\ntags = ["+tags.String()+"]\n+++\n"))
	},
	// Made here, not committed: Foo.md and foo.md cannot both be checked
	// out on a case-insensitive file system.
	"case-collision": func(t *testing.T, root, site string) {
		writeFile(t, filepath.Join(site, "content", "Foo.md"), []byte("+++\ntitle = \"Upper\"\n+++\nText.\n"))
	},
	// 14 KB of Markdown: a header of 2,000 columns over 3,000 one-word
	// rows, which goldmark fills up to 6 million cells (40 MB of HTML).
	"table-wide-header": func(t *testing.T, root, site string) {
		writeFile(t, filepath.Join(site, "content", "a.md"), []byte("+++\ntitle = \"A\"\n+++\n"+
			strings.Repeat("|a", 2000)+"|\n"+strings.Repeat("|-", 2000)+"|\n"+strings.Repeat("a\n", 3000)))
	},
	// The same with a header of one cell: goldmark fills the header too.
	"table-short-header": func(t *testing.T, root, site string) {
		writeFile(t, filepath.Join(site, "content", "a.md"), []byte("+++\ntitle = \"A\"\n+++\n"+
			"a\n"+strings.Repeat("|-", 2000)+"|\n"+strings.Repeat("a\n", 3000)))
	},
	// 7.9 MB of "[": 1.5 GB of goldmark's memory.
	"page-of-brackets": func(t *testing.T, root, site string) {
		writeFile(t, filepath.Join(site, "content", "a.md"), []byte("+++\ntitle = \"A\"\n+++\n"+strings.Repeat("[", 7900<<10)))
	},
	// Exercise cards bring another page's cues: 40 cards of 60 KB each
	// from 1 KB of Markdown.
	"html-too-large": func(t *testing.T, root, site string) {
		bigExercise(t, site)
		writeFile(t, filepath.Join(site, "content", "a.md"), []byte("+++\ntitle = \"A\"\n+++\n"+strings.Repeat("```exercise\nclamshell\n```\n", 40)))
	},
	// 150 pages of 16 cards each: every page is within its own limit, and
	// together they are 150 MB from 170 KB of input.
	"output-too-large": func(t *testing.T, root, site string) {
		bigExercise(t, site)
		for i := range 200 {
			writeFile(t, filepath.Join(site, "content", fmt.Sprintf("p%d.md", i)), []byte("+++\ntitle = \"P\"\n+++\n"+strings.Repeat("```exercise\nclamshell\n```\n", 16)))
		}
	},
	// A 100 KB athlete name: on every page and in every calendar event.
	"profile-athlete-100kb": func(t *testing.T, root, site string) {
		profile, err := os.ReadFile(filepath.Join(site, "profile.toml"))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(site, "profile.toml"), append([]byte("athlete = \""+strings.Repeat("x", 100<<10)+"\"\n"), profile...))
	},
	// A file name that clears the screen, retitles the terminal and turns
	// the line around: it reaches the terminal in the error message.
	"escape-in-file-name": func(t *testing.T, root, site string) {
		writeFile(t, filepath.Join(site, "content", "a\x1b[2J\x1b]0;pwned\x07\u202eb.md"), []byte("+++\ndescription = \"no title\"\n+++\n"))
	},
	"destination-dotfile-outside": func(t *testing.T, root, site string) {
		writeFile(t, filepath.Join(root, "outside", ".bashrc"), []byte("export EDITOR=vi\n"))
	},
	// public is a link to a folder outside the site that holds a marker
	// and a file of the user's: following it would empty that folder.
	"destination-symlink": func(t *testing.T, root, site string) {
		if err := os.RemoveAll(filepath.Join(site, "public")); err != nil {
			t.Fatal(err)
		}
		symlink(t, filepath.Join("..", "outside"), filepath.Join(site, "public"))
	},
	"destination-symlink-into-content": func(t *testing.T, root, site string) {
		symlink(t, "content", filepath.Join(site, "c2"))
	},
	// site.toml and templates/ as links out of the site: refused like every
	// other link in a site.
	"site-toml-symlink": func(t *testing.T, root, site string) {
		writeFile(t, filepath.Join(root, "outside", "site.toml"), []byte("title = \"Linked\"\nbase_url = \"https://example.org/\"\n"))
		symlink(t, filepath.Join("..", "outside", "site.toml"), filepath.Join(site, "site.toml"))
	},
	"templates-symlink": func(t *testing.T, root, site string) {
		writeFile(t, filepath.Join(root, "outside", "tpl", "page.html"), []byte("{{.Page.Title}}"))
		symlink(t, filepath.Join("..", "outside", "tpl"), filepath.Join(site, "templates"))
	},
	"destination-unreadable": func(t *testing.T, root, site string) {
		if os.Geteuid() == 0 {
			t.Skip("root reads any folder; generator/output's TestDestinationMustBeAFolderStanceCanRead covers this case")
		}
		public := filepath.Join(site, "public")
		if err := os.Chmod(public, 0); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.Chmod(public, 0o755) })
	},
}

// bigExercise writes an exercise with 60 KB of cues, under the front
// matter limit: every card of it is 60 KB of HTML.
func bigExercise(t *testing.T, site string) {
	t.Helper()
	cue := strings.Repeat("Keep the knee over the toe. ", 40)
	cues := strings.Repeat(`"`+cue+`", `, 55)
	writeFile(t, filepath.Join(site, "content", "exercises", "clamshell.md"), []byte(`+++
title = "Clamshell"
equipment = ["band"]
phase = ["stability"]
focus = ["glute-med"]
cues = [`+cues+`]
[reps.stability]
sets = 2
min = 12
max = 15
+++
Lie on your side.
`))
}

// symlink makes a symbolic link or fails the test.
func symlink(t *testing.T, target, name string) {
	t.Helper()
	if err := os.Symlink(target, name); err != nil {
		t.Fatal(err)
	}
}

// caseArgs reads a case's args.txt: extra arguments for the command, one
// per line.
func caseArgs(t *testing.T, src string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(src, "args.txt"))
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	return strings.Fields(string(data))
}

// previousOutput gives a case site the output of an earlier good build
// (marker and all), and the folder beside the site a marker and a file
// of the user's, so the test can check that a refused build touches
// neither.
func previousOutput(t *testing.T, root, site string) {
	t.Helper()
	writeFile(t, filepath.Join(site, "public", ".stance-build"), []byte("This folder is written by Stance.\n"))
	writeFile(t, filepath.Join(site, "public", "index.html"), []byte("previous build"))
	writeFile(t, filepath.Join(root, "outside", ".stance-build"), []byte("This folder is written by Stance.\n"))
	writeFile(t, filepath.Join(root, "outside", "thesis.txt"), []byte("years of work"))
}

// TestBadInputs runs every case of testdata/bad through the binary. A case
// is a site (site.toml, content/, maybe templates/), built with `stance
// build` (plus the arguments in its args.txt), or a profile.toml, planned
// with `stance program` against this repository's site. expect.txt lists
// substrings the error must contain: the file, the line (and column where
// the TOML parser knows it) and the field. Every case must exit 1, and
// leave every file around it as it was: the previous output, the site,
// and the folder beside it.
func TestBadInputs(t *testing.T) {
	repo, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	cases, err := os.ReadDir(filepath.Join("testdata", "bad"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 40 {
		t.Fatalf("only %d bad-input cases; the corpus has gone missing", len(cases))
	}
	for name := range setups {
		if _, err := os.Stat(filepath.Join("testdata", "bad", name)); err != nil {
			t.Errorf("case %s has a setup but no folder: %v", name, err)
		}
	}
	for _, c := range cases {
		name := c.Name()
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src := filepath.Join("testdata", "bad", name)
			expect, err := os.ReadFile(filepath.Join(src, "expect.txt"))
			if err != nil {
				t.Fatalf("every case needs an expect.txt: %v", err)
			}
			root := t.TempDir()
			site := filepath.Join(root, "site")
			copyDir(t, src, site)
			previousOutput(t, root, site)
			if setup := setups[name]; setup != nil {
				setup(t, root, site)
			}
			before := snapshot(t, root)
			var res cliResult
			if _, err := os.Stat(filepath.Join(site, "profile.toml")); err == nil {
				args := append([]string{"program", "--source", repo, "-o", "out.html", "--ics", "out.ics"}, caseArgs(t, src)...)
				res = runBin(t, site, 30*time.Second, append(args, "profile.toml")...)
			} else {
				res = runBin(t, site, 30*time.Second, append([]string{"build", "--source", "."}, caseArgs(t, src)...)...)
			}
			if res.code != 1 {
				t.Errorf("exit code %d, want 1\nstderr: %s", res.code, res.stderr)
			}
			if res.took > 10*time.Second {
				t.Errorf("took %s to reject bad input", res.took)
			}
			if bound := memoryBound(runtime.GOMAXPROCS(0), contentSize(t, site), 0); res.peak > bound {
				t.Errorf("peak resident memory %d MB, over the bound of %d MB", res.peak>>20, bound>>20)
			}
			for _, want := range strings.Split(strings.TrimSpace(string(expect)), "\n") {
				if !strings.Contains(res.stderr, want) {
					t.Errorf("error lacks %q:\n%s", want, res.stderr)
				}
			}
			if !strings.HasPrefix(res.stderr, "stance: ") {
				t.Errorf("error does not start with \"stance: \":\n%s", res.stderr)
			}
			noStackTrace(t, res.stderr+res.stdout)
			noTerminalControl(t, res.stderr+res.stdout)
			sameSnapshot(t, "after a refused run", before, snapshot(t, root))
		})
	}
}

// minimalSite writes a small valid site into dir.
func minimalSite(t *testing.T, dir string) {
	t.Helper()
	writeFile(t, filepath.Join(dir, "site.toml"), []byte("title = \"T\"\nbase_url = \"https://example.org/\"\n"))
	writeFile(t, filepath.Join(dir, "content", "_index.md"), []byte("+++\ntitle = \"Home\"\n+++\nHi.\n"))
	writeFile(t, filepath.Join(dir, "content", "a.md"), []byte("+++\ntitle = \"A\"\n+++\nA page.\n"))
}

// snapshot records every path and file content below root, skipping the
// folders named in skip (relative to root).
func snapshot(t *testing.T, root string, skip ...string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(root, p)
		if err != nil && d != nil && d.IsDir() && errors.Is(err, fs.ErrPermission) {
			out[rel+"/"] = "unreadable" // chmod 000: what matters is that it is still there
			return filepath.SkipDir
		}
		if err != nil {
			return err
		}
		for _, s := range skip {
			if rel == s {
				return filepath.SkipDir
			}
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			out[rel] = "-> " + target
		case d.IsDir():
			out[rel+"/"] = ""
		default:
			out[rel], err = fileDigest(p)
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// fileDigest is a file's content, or for files over 1 MB (the sparse
// 100 MB page) its size and SHA-256, so snapshots stay small.
func fileDigest(name string) (string, error) {
	info, err := os.Stat(name)
	if err != nil {
		return "", err
	}
	if info.Size() <= 1<<20 {
		data, err := os.ReadFile(name)
		return string(data), err
	}
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return fmt.Sprintf("%d bytes, sha256 %x", info.Size(), h.Sum(nil)), nil
}

func sameSnapshot(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	for k, v := range before {
		if w, ok := after[k]; !ok {
			t.Errorf("%s: %s was deleted", what, k)
		} else if w != v {
			t.Errorf("%s: %s was changed", what, k)
		}
	}
	for k := range after {
		if _, ok := before[k]; !ok {
			t.Errorf("%s: %s was created", what, k)
		}
	}
}

// TestNothingEscapes tries to make the binary read or write outside the
// site folder and its destination, on the real file system. Every attempt
// must fail with a clear error, and the world around the site must be
// byte for byte what it was.
func TestNothingEscapes(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, root, site string)
		args  []string // after "build --source site"
		want  []string
	}{
		{"symlinked page pointing outside", func(t *testing.T, root, site string) {
			os.Symlink(filepath.Join(root, "outside", "secret.md"), filepath.Join(site, "content", "leak.md"))
		}, nil, []string{"content/leak.md:", "symbolic links are not followed"}},
		{"symlinked folder pointing outside", func(t *testing.T, root, site string) {
			os.Symlink(filepath.Join(root, "outside"), filepath.Join(site, "content", "more"))
		}, nil, []string{"content/more:", "symbolic links are not followed"}},
		{"symlinked resource pointing at /etc/passwd", func(t *testing.T, root, site string) {
			os.Symlink("/etc/passwd", filepath.Join(site, "content", "passwd.txt"))
		}, nil, []string{"content/passwd.txt:", "symbolic links are not followed"}},
		{"symlink in static", func(t *testing.T, root, site string) {
			os.MkdirAll(filepath.Join(site, "static"), 0o755)
			os.Symlink(filepath.Join(root, "outside", "secret.md"), filepath.Join(site, "static", "secret.txt"))
		}, nil, []string{"static/secret.txt:", "symbolic links are not followed"}},
		{"symlinked template", func(t *testing.T, root, site string) {
			os.MkdirAll(filepath.Join(site, "templates"), 0o755)
			os.Symlink(filepath.Join(root, "outside", "secret.md"), filepath.Join(site, "templates", "page.html"))
		}, nil, []string{"templates/page.html", "symbolic link"}},
		{"slug with ..", func(t *testing.T, root, site string) {
			writeFile(t, filepath.Join(site, "content", "b.md"), []byte("+++\ntitle = \"B\"\nslug = \"../../outside\"\n+++\n"))
		}, nil, []string{"content/b.md:3: slug:", "not a single URL segment"}},
		{"alias with ..", func(t *testing.T, root, site string) {
			writeFile(t, filepath.Join(site, "content", "b.md"), []byte("+++\ntitle = \"B\"\naliases = [\"/../../../outside/\"]\n+++\n"))
		}, nil, []string{"content/b.md:3: aliases:", "not a clean path"}},
		{"absolute alias", func(t *testing.T, root, site string) {
			writeFile(t, filepath.Join(site, "content", "b.md"), []byte("+++\ntitle = \"B\"\naliases = [\"file:///etc/passwd\"]\n+++\n"))
		}, nil, []string{"content/b.md:3: aliases:", "must be a path from the site root"}},
		{"link reading outside content", func(t *testing.T, root, site string) {
			writeFile(t, filepath.Join(site, "content", "b.md"), []byte("+++\ntitle = \"B\"\n+++\n![x](../../outside/secret.md)\n"))
		}, nil, []string{"content/b.md:4: broken link", "outside content/"}},
		{"destination is the site root", nil, []string{"--destination", "site"}, []string{"is the site folder itself"}},
		{"destination is the site root, written as .", nil, []string{"--destination", "site/."}, []string{"is the site folder itself"}},
		{"destination is a parent of the site", nil, []string{"--destination", "."}, []string{"contains the site folder"}},
		{"destination is inside content", nil, []string{"--destination", "site/content/out"}, []string{"inside content/"}},
		{"destination holds foreign files", func(t *testing.T, root, site string) {
			writeFile(t, filepath.Join(root, "docs", "thesis.pdf"), []byte("years of work"))
		}, []string{"--destination", "docs"}, []string{"docs already holds files that Stance did not write", "--clean"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			root := t.TempDir()
			site := filepath.Join(root, "site")
			minimalSite(t, site)
			writeFile(t, filepath.Join(root, "outside", "secret.md"), []byte("+++\ntitle = \"Secret\"\n+++\nTOP SECRET\n"))
			if tt.setup != nil {
				tt.setup(t, root, site)
			}
			before := snapshot(t, root)
			res := runBin(t, root, 30*time.Second, append([]string{"build", "--source", "site"}, tt.args...)...)
			if res.code != 1 {
				t.Errorf("exit %d, want 1; stderr:\n%s", res.code, res.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(res.stderr, w) {
					t.Errorf("error lacks %q:\n%s", w, res.stderr)
				}
			}
			noStackTrace(t, res.stderr)
			sameSnapshot(t, "after a refused build", before, snapshot(t, root))
		})
	}
}

// TestForeignDestinationNeedsClean checks that build never deletes files
// it did not write unless --clean says so, and that its own output is
// replaced as a whole.
func TestForeignDestinationNeedsClean(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site")
	minimalSite(t, site)
	writeFile(t, filepath.Join(root, "www", "index.html"), []byte("hand-written"))

	res := runBin(t, root, 30*time.Second, "build", "--source", "site", "--destination", "www")
	if res.code != 1 || !strings.Contains(res.stderr, "--clean") {
		t.Fatalf("foreign folder not refused: exit %d\n%s", res.code, res.stderr)
	}
	if b, _ := os.ReadFile(filepath.Join(root, "www", "index.html")); string(b) != "hand-written" {
		t.Fatalf("a refused build changed the user's file: %q", b)
	}

	res = runBin(t, root, 30*time.Second, "build", "--source", "site", "--destination", "www", "--clean")
	if res.code != 0 {
		t.Fatalf("--clean build failed: %s", res.stderr)
	}
	if _, err := os.Stat(filepath.Join(root, "www", ".stance-build")); err != nil {
		t.Errorf("no marker after --clean: %v", err)
	}
	// Now Stance owns the folder: a second build needs no --clean, and a
	// page removed from the site disappears from the output.
	os.Remove(filepath.Join(site, "content", "a.md"))
	res = runBin(t, root, 30*time.Second, "build", "--source", "site", "--destination", "www")
	if res.code != 0 {
		t.Fatalf("rebuild of Stance's own folder failed: %s", res.stderr)
	}
	if _, err := os.Stat(filepath.Join(root, "www", "a", "index.html")); err == nil {
		t.Error("a page removed from the site survived the rebuild")
	}
	// Beside the destination stays one folder: the staging folder, which
	// holds the build before and is where the next build starts.
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		if name := e.Name(); name != "site" && name != "www" && name != ".www.stance-staging" {
			t.Errorf("%s left beside the destination", name)
		}
	}
	if _, err := os.Stat(filepath.Join(root, ".www.stance-staging", "a", "index.html")); err != nil {
		t.Errorf("the staging folder does not hold the build before: %v", err)
	}
}

// TestServeRefusesForeignHosts runs `stance serve` and asks it for pages
// the way a DNS-rebinding page would: with its own name in Host, and the
// reload stream from another origin.
func TestServeRefusesForeignHosts(t *testing.T) {
	root := t.TempDir()
	minimalSite(t, root)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, stanceBin, "serve", "--source", root, "--port", "0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		cmd.Wait()
	}()
	url := ""
	sc := bufio.NewScanner(stdout)
	for url == "" && sc.Scan() {
		if _, after, ok := strings.Cut(sc.Text(), " at http://"); ok {
			url = "http://" + strings.Fields(after)[0]
		}
	}
	if url == "" {
		t.Fatal("serve did not print its address")
	}
	go io.Copy(io.Discard, stdout)
	tests := []struct {
		name, path, host, origin string
		status                   int
	}{
		{"a page, as the browser asks for it", "/a/", "", "", 200},
		{"a page, by the name localhost", "/a/", "localhost", "", 200},
		{"a page, for a rebound name", "/a/", "evil.example", "", 403},
		{"the reload stream, from another site", "/__stance/events", "", "https://evil.example", 403},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(url, "/")+tt.path, nil)
			if err != nil {
				t.Fatal(err)
			}
			if tt.host != "" {
				_, port, _ := strings.Cut(strings.TrimPrefix(url, "http://"), ":")
				req.Host = tt.host + ":" + strings.TrimSuffix(port, "/")
			}
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.status {
				t.Errorf("status %d, want %d", resp.StatusCode, tt.status)
			}
		})
	}
}
