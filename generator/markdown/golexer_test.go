package markdown

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/lexers"

	"github.com/stance-ssg/stance/bench/corpusgen"
)

var (
	chromaGoLexer = chroma.Coalesce(lexers.Go)
	fastGoLexer   = chroma.Coalesce(fastGo)
)

// diffGo compares the coalesced tokens of both lexers for src and says
// whether the hand-written one lexed it itself (rather than handing it to
// chroma).
func diffGo(src string) (accepted bool, diff string) {
	_, accepted = tokeniseGo(src)
	want, err := chroma.Tokenise(chromaGoLexer, nil, src)
	if err != nil {
		return accepted, "chroma: " + err.Error()
	}
	got, err := chroma.Tokenise(fastGoLexer, nil, src)
	if err != nil {
		return accepted, "fast: " + err.Error()
	}
	for i := range max(len(want), len(got)) {
		var w, g chroma.Token
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			return accepted, fmt.Sprintf("token %d: got %s %q, chroma %s %q", i, g.Type, g.Value, w.Type, w.Value)
		}
	}
	return accepted, ""
}

func TestGoLexerMatchesChroma(t *testing.T) {
	long := strings.Repeat("x", 9000)
	tests := []struct {
		name, src string
		accepted  bool // lexed without chroma
	}{
		{"empty", "", true},
		{"no trailing newline", "x", true},
		{"go:build is preproc", "//go:build linux\npackage p\n", true},
		{"spaced comment is single", "// x\n", true},
		{"empty comment at EOL", "x //\ny", true},
		{"empty comment at EOF", "//", true},
		{"comment then tab", "//\tx\n", true},
		{"comment starting with slash", "///x\n//*x\n", true},
		{"block comment", "/* a\n * b\n */x", true},
		{"block comment stars", "/**/ /***/ /*/ x */ /*** x **/", true},
		{"block comment unterminated", "/* never\nclosed", true},
		{"block comment backslash open", "/\\\n* x */ y", true},
		{"block comment backslash close", "/* x *\\\n/ y", true},
		{"block comment backslash both", "/\\\n* x *\\\n/", true},
		{"block comment backslash no star", "/\\\nx */", true},
		{"block comment backslash close not slash", "/* x *\\\nx */", true},
		{"imaginary", "1i 1.5e3i 1.i .5i .5e+2i 1e-3i 1e3i 0i 01i 1.5E+3i", true},
		{"floats", ".5 1. 1.5 1.5e3 1.5e+3 1e3 1E-3 1.e5 1.5e 1e 1e+ .5e3 .5e+ 0.5 00.5 0777.5", true},
		{"octal and friends", "0777 0778 08 09 0 00 0_7", true},
		{"hex", "0x_ff 0XFF 0x 0xg 0x1import", true},
		{"binary", "0b101 0b 0b2 0B101 0b1_0", true},
		{"integers", "1_000 1__0 123abc 9_", true},
		{"number then word", "1if 1.5ex 2else 0x1p-2", true},
		{"runes", `'a' '\x41' '\'' '\\' '\n' '\101' '\1' '\18' '\u00e9' '\U0001F600' '\z' ''' '''' '\'`, true},
		{"rune newline", "'\n' x", true},
		{"lone quote", "x ' y", true},
		{"rune quote at EOF", "'", true},
		{"rune bad hex", `'\x4' '\u12' '\U1234567'`, true},
		{"strings", `"a" "" "\"" "\\" "\\\"" "a\nb" "x\\\\" "multi` + "\n" + `line"`, true},
		{"string backslash before quote", `"\\" x "\\\\" y`, true},
		{"string unterminated", `x := "abc`, false},
		{"string unterminated after escaped quote", `"abc\"def`, false},
		{"builtin call", "len(x) len (x) make([]int) int(3) int (3) any(x) new(T)", true},
		{"builtin as name", "len := 3; x.len; lenx(", true},
		{"function call spacing", "f(x) f (x) f\t(x) f\n(x) f \n \n\t(x) f\v\f(x)", true},
		{"keywords as prefixes", "format gopher iface funcs types gotox importer packages nilly trueish", true},
		{"keywords", "package p\nimport \"fmt\"\nfunc f() { go g(); defer h(); goto L; select {}; if true {} else {} }", true},
		{"keyword then paren", "func() if(x) for(;;) return(x) switch(x) true(1) iota()", true},
		{"operators", "a &^= b &^ c <- d ... e <<= f >>= g << h >> i <= j >= k && l || m ++ -- == != := += -= *= /= %= &= |= ~x ^y", true},
		{"dots", ". .. ... .... x.y", true},
		{"unmatched", "@ # $ ? \\ x@y", true},
		{"control bytes", "a\x00b\x01c\x1fd\x7fe\x1c", true},
		{"vertical tab and form feed", "a\vb\fc\t\n\v\n", true},
		{"newlines", "\n\n  \n\t\nx\n", true},
		{"long run beyond coalesce limit", long + " " + strings.Repeat("@", 9000) + strings.Repeat(" ", 9000) + "\n" + strings.Repeat("\n", 9000), true},
		{"long comment", "/*" + long + "*/ //" + long, true},
		{"identifier with digits", "x1 _1 _ __ A9(", true},
		{"backtick", "x := `raw`", false},
		{"non-ASCII", "x := \"é\"", false},
		{"carriage return", "x\r\ny", false},
		{"a real function", "// Sum adds.\nfunc Sum(xs ...float64) (s float64) {\n\tfor _, x := range xs {\n\t\ts += x * 1e-3\n\t}\n\treturn\n}\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			accepted, diff := diffGo(tt.src)
			if diff != "" {
				t.Errorf("%q: %s", tt.src, diff)
			}
			if accepted != tt.accepted {
				t.Errorf("%q: lexed without chroma = %v, want %v", tt.src, accepted, tt.accepted)
			}
		})
	}
}

// goSourceSample lists the standard library's .go files in a fixed order
// that mixes packages (sorted by a hash of the path below GOROOT/src), so
// that a test reading the first few hundred gets a varied, repeatable
// sample. It skips the test when there are no sources.
func goSourceSample(t *testing.T) []string {
	t.Helper()
	// runtime.GOROOT is deprecated; ask the go command that runs the test.
	goroot, err := exec.Command("go", "env", "GOROOT").Output()
	if err != nil {
		t.Skipf("go env GOROOT: %v", err)
	}
	root := filepath.Join(strings.TrimSpace(string(goroot)), "src")
	var files []string
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") {
			files = append(files, path)
		}
		return err
	})
	if err != nil || len(files) == 0 {
		t.Skipf("no Go sources under %s: %v", root, err)
	}
	key := func(p string) string {
		rel, _ := filepath.Rel(root, p)
		h := fnv.New64a()
		h.Write([]byte(filepath.ToSlash(rel)))
		return fmt.Sprintf("%016x%s", h.Sum64(), rel)
	}
	slices.SortFunc(files, func(a, b string) int { return strings.Compare(key(a), key(b)) })
	return files
}

// TestGoLexerMatchesChromaOnGoroot compares both lexers on a fixed sample
// of the standard library's sources, the largest body of real Go at hand.
// The sample is capped in bytes to keep `go test` fast (chroma lexes
// about 1 MB/s); STANCE_GOLEXER_ALL=1 compares every file.
func TestGoLexerMatchesChromaOnGoroot(t *testing.T) {
	files := goSourceSample(t)
	// Bytes of source that the fast lexer accepts, and a file size cap so
	// that the sample has many files rather than a few big ones.
	budget := int64(3 << 19)
	const maxFile = 8 << 10
	all := os.Getenv("STANCE_GOLEXER_ALL") != ""
	if all {
		budget = 1 << 62
	}

	var (
		mu                        sync.Mutex
		next                      int
		spent                     int64
		compared, skipped, handed atomic.Int64
		failures                  []string
		workers                   = runtime.GOMAXPROCS(0)
		wg                        sync.WaitGroup
	)
	start := time.Now()
	for range workers {
		wg.Go(func() {
			for {
				mu.Lock()
				if next >= len(files) || spent >= budget || len(failures) >= 5 {
					mu.Unlock()
					return
				}
				path := files[next]
				next++
				mu.Unlock()
				data, err := os.ReadFile(path)
				if err != nil {
					continue
				}
				src := string(data)
				if _, ok := tokeniseGo(src); !ok {
					handed.Add(1)
					continue
				}
				if !all && len(src) > maxFile {
					skipped.Add(1) // big files would eat the budget alone
					continue
				}
				mu.Lock()
				spent += int64(len(src))
				mu.Unlock()
				if _, diff := diffGo(src); diff != "" {
					mu.Lock()
					failures = append(failures, path+": "+diff)
					mu.Unlock()
				}
				compared.Add(1)
			}
		})
	}
	wg.Wait()
	for _, f := range failures {
		t.Error(f)
	}
	t.Logf("compared %d files (%d KB) in %v; %d handed to chroma (backtick, non-ASCII, CR, open string); %d over %d KB skipped; of %d files",
		compared.Load(), spent>>10, time.Since(start).Round(time.Millisecond), handed.Load(), skipped.Load(), maxFile>>10, len(files))
	if compared.Load() == 0 {
		t.Error("compared no files")
	}
}

// TestGoFenceHTMLIsIdentical renders Markdown with Go fences with the
// hand-written lexer and with chroma's, and wants the same bytes.
func TestGoFenceHTMLIsIdentical(t *testing.T) {
	docs := []string{
		"```go\npackage main\n\nfunc main() {\n\tprintln(\"hi\", 1.5e3i, '\\n')\n}\n```\n",
		"```golang\nx := y &^ z // done\n```\n",
		"```Go\n/* block\n comment */ @ # $\n```\n",
		"```go\nx := `raw` // handed to chroma\n```\n",
		"```go\ns := \"open string\n```\n",
		"Text\n\n```go\n\n\n   \n```\n",
	}
	for _, f := range corpusgen.Content(corpusgen.Options{Pages: 40, Seed: 7}) {
		if strings.Contains(string(f.Data), "```go") {
			docs = append(docs, string(f.Data))
		}
	}
	render := func(slow bool) []string {
		chromaGo = slow
		lexerCache.Clear()
		defer func() {
			chromaGo = false
			lexerCache.Clear()
		}()
		r := New(Options{})
		var out []string
		for _, d := range docs {
			var b bytes.Buffer
			if err := r.Convert(&b, []byte(d), Env{File: "x.md"}); err != nil {
				t.Fatal(err)
			}
			out = append(out, b.String())
		}
		return out
	}
	fast, slow := render(false), render(true)
	for i := range docs {
		if fast[i] != slow[i] {
			t.Errorf("doc %d differs:\nfast:   %q\nchroma: %q", i, fast[i], slow[i])
		}
		if !strings.Contains(fast[i], `class="chroma"`) {
			t.Errorf("doc %d: no highlighted code:\n%s", i, fast[i])
		}
	}
	if lexerFor("go").(interface{ Config() *chroma.Config }).Config().Name != "Go" {
		t.Error("the Go fence lexer lost chroma's config")
	}
}

// FuzzGoLexer holds the hand-written lexer to chroma's on arbitrary ASCII
// (the bytes are masked to 7 bits, so the fuzzer spends its time on input
// the fast path lexes).
func FuzzGoLexer(f *testing.F) {
	for _, s := range []string{
		"package main\n\nfunc main() { fmt.Println(\"hi\") }\n",
		"//go:build x\n// c\n/* m */ /\\\n* n *\\\n/",
		"1i 1.5e3i .5 0777 0x_ff 0b101 1_000 08 1e 1.e5 .5e+3i",
		`'\x41' '\'' '\\' '\101' "a\"b\\" "x`,
		"len(x) len (x) f \n (y) int(3) any(z)",
		"a &^= b <- c ... d ? @ # $ \\",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := []byte(s)
		for i := range b {
			b[i] &= 0x7f
		}
		s = string(b)
		if _, ok := tokeniseGo(s); !ok {
			// chroma lexes it anyway; and skipping these keeps the
			// fuzzer off chroma's slow backtracking on open strings.
			return
		}
		if _, diff := diffGo(s); diff != "" {
			t.Errorf("%q: %s", s, diff)
		}
	})
}

// BenchmarkGoHighlight highlights the benchmark corpus's Go fence with
// chroma's lexer and with the hand-written one, HTML writing included
// (formatHTML, as render.go does; chroma's formatter writes the same).
func BenchmarkGoHighlight(b *testing.B) {
	var code string
	for _, f := range corpusgen.Content(corpusgen.Options{Pages: 2, Seed: 1}) {
		if _, rest, ok := strings.Cut(string(f.Data), "```go\n"); ok {
			code, _, _ = strings.Cut(rest, "```")
		}
	}
	for _, bc := range []struct {
		name  string
		lexer chroma.Lexer
	}{{"chroma", chromaGoLexer}, {"fast", fastGoLexer}} {
		b.Run(bc.name, func(b *testing.B) {
			var buf bytes.Buffer
			b.SetBytes(int64(len(code)))
			for b.Loop() {
				buf.Reset()
				it, err := bc.lexer.Tokenise(nil, code)
				if err != nil {
					b.Fatal(err)
				}
				formatHTML(&buf, it)
			}
		})
	}
}
