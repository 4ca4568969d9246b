package content

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/afero"
)

func TestNestingDepth(t *testing.T) {
	tests := []struct {
		line string
		want int
	}{
		{"plain text", 0},
		{"- item", 1},
		{"  - nested item", 2},
		{"> quote", 1},
		{"> > - 1. deep", 4},
		{"1) item", 1},
		{"---", 0},          // a rule, not a list
		{"-not a list", 0},  // no space after the marker
		{"2026. was", 1},    // looks like an ordered list, and is one
		{"\t\t- tabbed", 5}, // two tabs are eight columns
		{strings.Repeat("- ", 500) + "x", 500},
		{strings.Repeat(" ", 40) + "code", 20},
	}
	for _, tt := range tests {
		if got := nestingDepth([]byte(tt.line)); got != tt.want {
			t.Errorf("nestingDepth(%.30q) = %d, want %d", tt.line, got, tt.want)
		}
	}
}

func TestCheckBody(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{"ordinary guide", "# Title\n\n- a\n  - b\n    - c\n\n> quote\n\n[a](b.md) and [c](d.md)\n", ""},
		{"limit is allowed", strings.Repeat(">", MaxNesting) + " x\n", ""},
		{"one level too deep", "ok\n" + strings.Repeat(">", MaxNesting+1) + " x\n", "5: lists and quotes are nested 101 levels deep"},
		{"indented too deep", "ok\n" + strings.Repeat("  ", MaxNesting+1) + "- x\n", "5: lists and quotes are nested 102 levels deep"},
		{"too many links", strings.Repeat("[a](", MaxLinksPerLine+1), "4: 1001 links on one line"},
		{"many links over many lines", strings.Repeat("[a](b.md)\n", 5000), ""},
		{"long prose", strings.Repeat("Keep the knee over the toe, and the hips level.\n", MaxTokens/13), ""},
		{"a page of [", strings.Repeat("[", MaxTokens+5), "4: the page passes 50000 Markdown tokens"},
		{"a page of headings", strings.Repeat("#\n", MaxTokens), fmt.Sprintf("%d: the page passes", 3+MaxTokens/2+1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkBody([]byte(tt.body), 3)
			switch {
			case tt.want == "" && err != nil:
				t.Fatalf("refused: %v", err)
			case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
				t.Fatalf("got %v, want %q", err, tt.want)
			}
		})
	}
}

func TestReadFileSizeLimit(t *testing.T) {
	fs := afero.NewMemMapFs()
	afero.WriteFile(fs, "/ok.md", make([]byte, MaxFileSize), 0o644)
	afero.WriteFile(fs, "/big.md", make([]byte, MaxFileSize+1), 0o644)
	if _, err := ReadFile(fs, "/ok.md"); err != nil {
		t.Errorf("a file of exactly the limit was refused: %v", err)
	}
	_, err := ReadFile(fs, "/big.md")
	if err == nil || !strings.Contains(err.Error(), "over the limit of 8.0 MB") {
		t.Errorf("got %v, want the size limit", err)
	}
	s, err := loadFiles(t, map[string]string{"a.md": md(`title = "A"`)})
	if err != nil || len(s.Pages) != 2 {
		t.Fatalf("small site: %v", err)
	}
}

func TestReadFileContents(t *testing.T) {
	dir := t.TempDir()
	mem := afero.NewMemMapFs()
	for _, size := range []int{0, 1, 511, 512, 4096, 100_003} {
		want := bytes.Repeat([]byte("ab\n"), size/3+1)[:size]
		name := filepath.Join(dir, strconv.Itoa(size)+".md")
		if err := os.WriteFile(name, want, 0o644); err != nil {
			t.Fatal(err)
		}
		afero.WriteFile(mem, name, want, 0o644)
		for fsName, fs := range map[string]afero.Fs{"disk": afero.NewOsFs(), "memory": mem} {
			got, err := ReadFile(fs, name)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s: %d bytes: got %d bytes, %v", fsName, size, len(got), err)
			}
		}
	}
	if _, err := ReadFile(afero.NewOsFs(), dir); err == nil {
		t.Error("reading a folder as a page did not fail")
	}
}

func TestLineTokens(t *testing.T) {
	for line, want := range map[string]int{
		"":                            0,
		"Keep the knee over the toe.": 7,
		"  indented\twords  ":         2,
		"[a](b.md)":                   8,
		"Ölçü 2 — done":               4,
		"#####":                       5,
		"a.b(c)":                      6,
	} {
		if got := lineTokens([]byte(line)); got != want {
			t.Errorf("lineTokens(%q) = %d, want %d", line, got, want)
		}
	}
}
