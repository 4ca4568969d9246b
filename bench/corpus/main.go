// Command corpus writes the benchmark corpus that both Stance and Hugo
// build (see bench/compare.sh):
//
//	go run ./bench/corpus -pages 10000 -out /tmp/corpus
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
	flag.Parse()
	if *out == "" || *pages < 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := corpusgen.Write(afero.NewOsFs(), *out, corpusgen.Options{Pages: *pages, Seed: *seed}); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}
