package corpusgen

import (
	"bytes"
	"testing"
)

func TestGenerateIsDeterministic(t *testing.T) {
	a := Generate(Options{Pages: 30, Seed: 7})
	b := Generate(Options{Pages: 30, Seed: 7})
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || !bytes.Equal(a[i].Data, b[i].Data) {
			t.Fatalf("file %d differs: %s", i, a[i].Path)
		}
	}
}

func TestPagesHaveEveryElement(t *testing.T) {
	files := Content(Options{Pages: 20, Seed: 1})
	if want := 1 + Sections + 20; len(files) != want {
		t.Fatalf("%d content files, want %d", len(files), want)
	}
	p := string(files[len(files)-1].Data)
	for _, want := range []string{"+++\ntitle = ", "\ndate = ", "\ntags = [", "\n## ", "\n- ", "\n| ", "```go\n"} {
		if !bytes.Contains([]byte(p), []byte(want)) {
			t.Errorf("page lacks %q", want)
		}
	}
	if n := len(p); n < 3500 || n > 5000 {
		t.Errorf("page is %d bytes, want about 4 KB", n)
	}
}
