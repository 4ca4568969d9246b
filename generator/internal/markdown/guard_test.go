package markdown

import (
	"bytes"
	"strings"
	"testing"
)

// FuzzOutputGuard feeds arbitrary Markdown through Convert with exercise
// cards that are costly to render, and checks the guards: the HTML never
// passes HTMLLimit, whatever the input, and a table never renders more
// cells than its source gives plus MaxPaddedCells.
func FuzzOutputGuard(f *testing.F) {
	for _, seed := range []string{
		"# Title\n\nText with *emphasis*, `code` and a [link](https://example.org).\n",
		"| a | b |\n|---|:-:|\n| 1 |\n",
		wideTable(400, 300),
		"|a\n|" + strings.Repeat("-|", 300) + "\n" + strings.Repeat("x\n", 400),
		strings.Repeat("```exercise\nclamshell\n```\n", 20),
		strings.Repeat("[^a]", 3000) + "\n\n[^a]: note\n",
		"```go\n" + strings.Repeat("a.b(c)\n", 500) + "```\n",
		"- | a | b |\n  |---|---|\n  | 1 |\n",
	} {
		f.Add([]byte(seed))
	}
	r := New(Options{})
	f.Fuzz(func(t *testing.T, src []byte) {
		var out bytes.Buffer
		err := r.Convert(&out, src, Env{File: "x.md", Card: bigCard})
		if limit := HTMLLimit(len(src)); int64(out.Len()) > limit {
			t.Fatalf("%d bytes of HTML from %d of Markdown, over the limit of %d", out.Len(), len(src), limit)
		}
		if err != nil {
			return
		}
		html := out.String()
		cells := strings.Count(html, "<td") + strings.Count(html, "<th")
		given := bytes.Count(src, []byte("|")) + bytes.Count(src, []byte("\n")) + 1
		if cells > given+MaxPaddedCells {
			t.Fatalf("%d table cells rendered from %d pipes and line breaks", cells, given)
		}
	})
}
