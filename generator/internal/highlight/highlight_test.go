package highlight

import (
	"strings"
	"sync"
	"testing"
)

func TestHTML(t *testing.T) {
	tests := []struct {
		lang, code string
		want       []string
	}{
		{"go", "func main() {}\n", []string{`<div class="code" data-lang="go"><pre class="chroma"><code>`, `<span class="kd">func</span>`, "</div>\n"}},
		{"toml", "weeks = 8\n", []string{`data-lang="toml"`, `<span class="nx">weeks</span>`}},
		{"", "<b>&</b>\n", []string{`<pre class="chroma"><code>&lt;b&gt;&amp;&lt;/b&gt;`}},
		{"no-such-language", "x\n", []string{`data-lang="no-such-language"`, "x"}},
		{`"><script>`, "x\n", []string{`data-lang="&#34;&gt;&lt;script&gt;"`}},
	}
	for _, tt := range tests {
		got := HTML(tt.lang, tt.code)
		for _, w := range tt.want {
			if !strings.Contains(got, w) {
				t.Errorf("HTML(%q, %q) lacks %q:\n%s", tt.lang, tt.code, w, got)
			}
		}
	}
}

func TestCacheReturnsTheSameBytes(t *testing.T) {
	code := "package main\n\nfunc cached() int { return 1 }\n"
	first := render("go", code)
	if got := HTML("go", code); got != first {
		t.Fatalf("HTML differs from a fresh render:\n%s\n%s", got, first)
	}
	before := Hits()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if got := HTML("Go", code); got != first {
				t.Errorf("cached HTML differs:\n%s\n%s", got, first)
			}
		})
	}
	wg.Wait()
	if Hits()-before != 8 {
		t.Errorf("%d cache hits of 8 lookups of a cached block", Hits()-before)
	}
}

func TestStyleSheetHasBothSchemes(t *testing.T) {
	css, err := StyleSheet("github", "github-dark")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(css, ".chroma") || !strings.Contains(css, "@media (prefers-color-scheme: dark)") {
		t.Errorf("stylesheet lacks a scheme:\n%.300s", css)
	}
}
