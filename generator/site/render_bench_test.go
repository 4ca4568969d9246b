package site

import (
	"bytes"
	"html/template"
	"strings"
	"testing"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/bench/corpusgen"
)

// BenchmarkTemplates is the template stage alone: every page of the
// 10,000-page benchmark corpus (bench/corpusgen) executed with its layout,
// its Markdown already rendered, into memory. "minimal" uses the corpus's
// templates (the ones compared with Hugo), "default" the embedded theme.
// Run it with
//
//	go test ./generator/site -run '^$' -bench Templates
func BenchmarkTemplates(b *testing.B) {
	for _, theme := range []string{"minimal", "default"} {
		b.Run(theme, func(b *testing.B) {
			fsys := afero.NewMemMapFs()
			if err := corpusgen.Write(fsys, "/site", corpusgen.Options{Pages: 10000, Seed: 1}); err != nil {
				b.Fatal(err)
			}
			if theme == "default" {
				if err := fsys.RemoveAll("/site/templates"); err != nil {
					b.Fatal(err)
				}
			}
			benchmarkTemplates(b, fsys)
		})
	}
}

func benchmarkTemplates(b *testing.B, fsys afero.Fs) {
	bld, err := newBuilder(fsys, Options{Source: "/site"})
	if err != nil {
		b.Fatal(err)
	}
	body := template.HTML(strings.Repeat("<p>A rendered paragraph of the page body.</p>\n", 80))
	var buf bytes.Buffer
	b.ResetTimer()
	for range b.N {
		for _, p := range bld.site.Pages {
			d := bld.pageData(p, body)
			buf.Reset()
			if err := bld.theme.Execute(&buf, layoutFor(p), d); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(bld.site.Pages)*b.N)/b.Elapsed().Seconds(), "pages/s")
}
