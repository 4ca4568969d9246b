// Package bench holds Stance's build benchmarks: the whole build, each of
// its stages, and the floor that no generator can beat — plain goldmark
// converting the same Markdown.
//
//	go test ./generator/internal/bench -run '^$' -bench . -benchtime 3x
//
// STANCE_BENCH_PAGES sets the corpus size (default 10000). The benchmarks
// assert nothing about time: compare their numbers, see README.md.
package bench

import (
	"bytes"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/spf13/afero"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/stance-ssg/stance/bench/corpusgen"
	"github.com/stance-ssg/stance/generator/internal/content"
	"github.com/stance-ssg/stance/generator/internal/markdown"
	"github.com/stance-ssg/stance/generator/internal/output"
	"github.com/stance-ssg/stance/generator/site"
)

func pages() int {
	if n, err := strconv.Atoi(os.Getenv("STANCE_BENCH_PAGES")); err == nil && n > 0 {
		return n
	}
	return 10000
}

var (
	corpusOnce sync.Once
	corpus     []corpusgen.File
	pageFiles  []string // content/ paths of every Markdown file: pages and list pages
	bodies     [][]byte // Markdown of every page without front matter
	corpusSize int64    // bytes of Markdown, front matter included
)

// load generates the corpus once per test binary.
func load(b *testing.B) {
	b.Helper()
	corpusOnce.Do(func() {
		corpus = corpusgen.Generate(corpusgen.Options{Pages: pages(), Seed: 1})
		for _, f := range corpus {
			if !strings.HasPrefix(f.Path, "content/") || !strings.HasSuffix(f.Path, ".md") {
				continue
			}
			corpusSize += int64(len(f.Data))
			_, body, ok := bytes.Cut(f.Data[3:], []byte("\n+++\n"))
			if !ok {
				panic("no front matter in " + f.Path)
			}
			pageFiles = append(pageFiles, f.Path)
			bodies = append(bodies, body)
		}
	})
}

// writeCorpus writes the corpus to a real folder, as the build reads it.
func writeCorpus(b *testing.B) string {
	b.Helper()
	load(b)
	dir := b.TempDir()
	if err := corpusgen.Write(afero.NewOsFs(), dir, corpusgen.Options{Pages: pages(), Seed: 1}); err != nil {
		b.Fatal(err)
	}
	return dir
}

// parallel runs fn on every item with one worker per core, the way the
// build renders pages, so stages compare with the build on equal terms.
func parallel(n int, fn func(i int, buf *bytes.Buffer)) {
	var next sync.WaitGroup
	work := make(chan int, 64)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		next.Add(1)
		go func() {
			defer next.Done()
			var buf bytes.Buffer
			for i := range work {
				buf.Reset()
				fn(i, &buf)
			}
		}()
	}
	for i := 0; i < n; i++ {
		work <- i
	}
	close(work)
	next.Wait()
}

// BenchmarkGoldmarkFloor converts every page body with plain goldmark and
// the extensions Stance enables: the parse limit a generator cannot beat.
// Highlighting is not part of goldmark, so it is measured on its own.
func BenchmarkGoldmarkFloor(b *testing.B) {
	benchmarkGoldmark(b)
}

// benchmarkGoldmark converts every page body with goldmark configured as
// Stance configures it, plus any extra renderer options.
func benchmarkGoldmark(b *testing.B, extra ...renderer.Option) {
	load(b)
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(append([]renderer.Option{html.WithXHTML()}, extra...)...),
	)
	b.SetBytes(corpusSize)
	b.ResetTimer()
	for range b.N {
		parallel(len(bodies), func(i int, buf *bytes.Buffer) {
			if err := md.Convert(bodies[i], buf); err != nil {
				panic(err)
			}
		})
	}
	report(b, len(bodies))
}

// BenchmarkGoldmarkFilesFloor is the least a generator that writes files
// can do: read every page from disk, skip its front matter, convert it with
// plain goldmark as above and write one HTML file per page. No templates,
// no link resolution, no highlighting, no lists or tag pages. Each run
// writes a new tree and removing it is not timed, so this floor is lower
// than any real build's.
func BenchmarkGoldmarkFilesFloor(b *testing.B) {
	dir := writeCorpus(b)
	fsys := afero.NewOsFs()
	var files []string
	for _, f := range pageFiles {
		files = append(files, filepath.Join(dir, filepath.FromSlash(f)))
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID()),
		goldmark.WithRendererOptions(html.WithXHTML()),
	)
	b.SetBytes(corpusSize)
	b.ResetTimer()
	for range b.N {
		out := filepath.Join(b.TempDir(), "public")
		parallel(len(files), func(i int, buf *bytes.Buffer) {
			src, err := afero.ReadFile(fsys, files[i])
			if err != nil {
				panic(err)
			}
			_, body, _ := bytes.Cut(src[3:], []byte("\n+++\n"))
			if err := md.Convert(body, buf); err != nil {
				panic(err)
			}
			page := filepath.Join(out, strconv.Itoa(i))
			if err := fsys.MkdirAll(page, 0o755); err != nil {
				panic(err)
			}
			if err := afero.WriteFile(fsys, filepath.Join(page, "index.html"), buf.Bytes(), 0o644); err != nil {
				panic(err)
			}
		})
		b.StopTimer()
		if err := fsys.RemoveAll(out); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	report(b, len(files))
}

// BenchmarkGoldmarkChromaFloor is plain goldmark as above plus a bare
// chroma renderer for fenced code (no Stance code). About 3 % of the
// corpus's pages have a fence (TOML, YAML or shell), as on a coaching
// site, so this is close to BenchmarkGoldmarkFloor; highlighting is part
// of any build of the corpus, Hugo's included.
func BenchmarkGoldmarkChromaFloor(b *testing.B) {
	benchmarkGoldmark(b, renderer.WithNodeRenderers(util.Prioritized(chromaRenderer{}, 100)))
}

// chromaRenderer highlights fenced code with chroma and CSS classes, the
// least a highlighting generator does.
type chromaRenderer struct{}

var (
	floorFormatter = chromahtml.New(chromahtml.WithClasses(true))
	floorLexers    sync.Map
)

func (chromaRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		block := n.(*ast.FencedCodeBlock)
		var code strings.Builder
		for i := 0; i < block.Lines().Len(); i++ {
			seg := block.Lines().At(i)
			code.Write(seg.Value(src))
		}
		lang := string(block.Language(src))
		l, ok := floorLexers.Load(lang)
		if !ok {
			lexer := lexers.Get(lang)
			if lexer == nil {
				lexer = lexers.Fallback
			}
			l, _ = floorLexers.LoadOrStore(lang, chroma.Coalesce(lexer))
		}
		it, err := l.(chroma.Lexer).Tokenise(nil, code.String())
		if err != nil {
			return ast.WalkStop, err
		}
		return ast.WalkSkipChildren, floorFormatter.Format(w, styles.Fallback, it)
	})
}

// BenchmarkBuild is the whole build, from a folder on disk to a folder on
// disk, as `stance build` runs it.
func BenchmarkBuild(b *testing.B) {
	dir := writeCorpus(b)
	out := filepath.Join(b.TempDir(), "public")
	b.SetBytes(corpusSize)
	b.ResetTimer()
	for range b.N {
		if _, err := site.Build(afero.NewOsFs(), site.Options{Source: dir, Destination: out}); err != nil {
			b.Fatal(err)
		}
	}
	report(b, len(bodies))
}

// BenchmarkLoad reads every file and parses its front matter.
func BenchmarkLoad(b *testing.B) {
	dir := writeCorpus(b)
	b.SetBytes(corpusSize)
	b.ResetTimer()
	for range b.N {
		if _, err := content.Load(afero.NewOsFs(), content.Options{
			Dir: filepath.Join(dir, "content"), BaseURL: "https://example.org/", BasePath: "/",
		}); err != nil {
			b.Fatal(err)
		}
	}
	report(b, len(bodies))
}

// BenchmarkMarkdown is Stance's Markdown stage: goldmark, link checks and
// highlighting.
func BenchmarkMarkdown(b *testing.B) {
	load(b)
	r := markdown.New(markdown.Options{})
	b.SetBytes(corpusSize)
	b.ResetTimer()
	for range b.N {
		parallel(len(bodies), func(i int, buf *bytes.Buffer) {
			if err := r.Convert(buf, bodies[i], markdown.Env{File: "x.md"}); err != nil {
				panic(err)
			}
		})
	}
	report(b, len(bodies))
}

// BenchmarkHighlight is chroma alone on every code fence of the corpus
// (TOML, YAML and shell, on a few percent of pages), each with its
// language's lexer.
func BenchmarkHighlight(b *testing.B) {
	load(b)
	type fence struct {
		lexer chroma.Lexer
		code  string
	}
	var fences []fence
	for _, body := range bodies {
		for rest := body; ; {
			_, after, ok := bytes.Cut(rest, []byte("\n```"))
			if !ok {
				break
			}
			lang, after, _ := bytes.Cut(after, []byte("\n"))
			code, after, _ := bytes.Cut(after, []byte("```"))
			lexer := lexers.Get(string(lang))
			if lexer == nil {
				b.Fatalf("no lexer for %q", lang)
			}
			fences = append(fences, fence{chroma.Coalesce(lexer), string(code)})
			rest = after
		}
	}
	formatter := chromahtml.New(chromahtml.WithClasses(true))
	b.ResetTimer()
	for range b.N {
		parallel(len(fences), func(i int, buf *bytes.Buffer) {
			it, err := fences[i].lexer.Tokenise(nil, fences[i].code)
			if err == nil {
				err = formatter.Format(buf, styles.Fallback, it)
			}
			if err != nil {
				panic(err)
			}
		})
	}
	b.ReportMetric(float64(len(fences))*float64(b.N)/b.Elapsed().Seconds(), "fences/s")
}

// BenchmarkWrite writes one file per page, of a typical rendered size,
// through output.Dest into a staging folder and commits it.
func BenchmarkWrite(b *testing.B) {
	load(b)
	page := bytes.Repeat([]byte("<p>rendered page</p>\n"), 500)
	out := filepath.Join(b.TempDir(), "public")
	b.SetBytes(int64(len(page) * len(bodies)))
	b.ResetTimer()
	for range b.N {
		dest, err := output.Open(afero.NewOsFs(), out, output.Options{})
		if err != nil {
			b.Fatal(err)
		}
		parallel(len(bodies), func(i int, _ *bytes.Buffer) {
			if err := dest.WriteFile("s"+strconv.Itoa(i%10)+"/p"+strconv.Itoa(i)+"/index.html", page); err != nil {
				panic(err)
			}
		})
		if err := dest.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	report(b, len(bodies))
}

func report(b *testing.B, n int) {
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
