package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func writeSite(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestBuildCommand(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml":         "title = \"T\"\nbase_url = \"https://e.org/\"\n",
		"content/_index.md": "+++\ntitle = \"Home\"\n+++\nHi\n",
		"content/a/b.md":    "+++\ntitle = \"B\"\n+++\nB\n",
	})
	code, out, errOut := runCLI(t, "build", "--source", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !regexp.MustCompile(`^built 1 page, 1 section, 0 programs: \d+ files \(\d+ changed\) in \d+m?s\n$`).MatchString(out) {
		t.Errorf("summary line %q", out)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "a", "b", "index.html")); err != nil {
		t.Error(err)
	}
}

func TestCommandLineErrors(t *testing.T) {
	dir := writeSite(t, map[string]string{
		"site.toml":    "title = \"T\"\nbase_url = \"https://e.org/\"\n",
		"content/a.md": "+++\ntitel = \"A\"\n+++\n",
		"content/b.md": "+++\ntitle = \"B\"\n+++\n[x](nope.md)\n",
	})
	tests := []struct {
		name     string
		args     []string
		code     int
		inStderr []string
		inStdout []string
	}{
		{"no command", nil, 2, []string{"Usage:"}, nil},
		{"unknown command", []string{"bild"}, 2, []string{`unknown command "bild"`}, nil},
		{"help", []string{"--help"}, 0, nil, []string{"Commands:", "build", "serve", "program"}},
		{"build help", []string{"build", "--help"}, 0, []string{"--source", "--destination", "--drafts", "--base-url", "--clean"}, nil},
		{"unknown flag", []string{"build", "--sauce", "x"}, 2, []string{"flag provided but not defined: -sauce"}, nil},
		{"every problem reported", []string{"build", "--source", dir}, 1, []string{"2 problems", "a.md:2: titel: unknown key", `b.md:4: broken link "nope.md"`}, nil},
		{"missing site", []string{"build", "--source", filepath.Join(dir, "nope")}, 1, []string{"site.toml"}, nil},
		{"bad base url", []string{"build", "--source", dir, "--base-url", "example.org"}, 1, []string{"--base-url: must be an absolute"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d (stderr %q)", code, tt.code, errOut)
			}
			for _, w := range tt.inStderr {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			for _, w := range tt.inStdout {
				if !strings.Contains(out, w) {
					t.Errorf("stdout lacks %q:\n%s", w, out)
				}
			}
			if strings.Contains(errOut, "goroutine ") || strings.Contains(errOut, "panic") {
				t.Errorf("stack trace reached the user:\n%s", errOut)
			}
		})
	}
}

// TestProgramEscapesTheNameForTheTerminal: a name may hold a right-to-left
// override (a format character, allowed in names), which would turn the
// rest of the terminal line around; the summary line shows it escaped.
func TestProgramEscapesTheNameForTheTerminal(t *testing.T) {
	repo, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	profile, err := os.ReadFile(filepath.Join("content", "programs", "alex-rivera.toml"))
	if err != nil {
		t.Fatal(err)
	}
	edited := regexp.MustCompile(`(?m)^athlete = .*$`).ReplaceAll(profile, []byte(`athlete = "Alex \u202eareviR"`))
	dir := writeSite(t, map[string]string{"p.toml": string(edited)})
	code, out, errOut := runCLI(t, "program", "--source", repo, "-o", filepath.Join(dir, "p.html"), filepath.Join(dir, "p.toml"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.ContainsRune(out, '\u202e') || !strings.Contains(out, `Alex \u202eareviR`) {
		t.Errorf("summary line %q does not escape the override", out)
	}
}
