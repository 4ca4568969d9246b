// Command corpus writes the benchmark corpus that both Stance and Hugo
// build (see bench/compare.sh and bench/corpusgen): a training site of
// exercises, guides, club news and race reports.
//
//	go run ./bench/corpus -pages 10000 -out /tmp/corpus
//
// With -default-theme it writes no templates, so Stance builds the same
// content with its embedded theme (Hugo then cannot build it).
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/bench/corpusgen"
)

func main() {
	pages := flag.Int("pages", 10000, "number of content pages")
	out := flag.String("out", "", "folder to write the corpus into (required)")
	seed := flag.Uint64("seed", 1, "random seed; the same seed writes the same corpus")
	defaultTheme := flag.Bool("default-theme", false, "write no templates: Stance uses its embedded theme")
	flag.Parse()
	if *out == "" || *pages < 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := corpusgen.Write(afero.NewOsFs(), *out, corpusgen.Options{Pages: *pages, Seed: *seed, DefaultTheme: *defaultTheme}); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}
