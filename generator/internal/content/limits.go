package content

import (
	"bytes"
	"fmt"
	"io"

	"github.com/spf13/afero"
	"github.com/stance-ssg/stance/generator/diag"
)

// Limits on one content file. They are far above anything a guide needs,
// and exist so that a stray or hostile file gives a clear error instead of
// exhausting memory or stalling the build inside the Markdown parser.
const (
	// MaxFileSize is the largest page or profile Stance reads. A guide is
	// tens of kilobytes; 8 MB leaves room for inlined data and still keeps
	// a build's memory bounded.
	MaxFileSize = 8 << 20
	// MaxNesting is how deeply lists and block quotes may nest. goldmark's
	// block parser slows down quadratically with depth (100,000 levels
	// take most of a minute); nobody reads a list 100 levels deep.
	MaxNesting = 100
	// MaxLinksPerLine bounds "](" on one line: goldmark rescans the rest
	// of the line for every unclosed "[a](", so a long line of them takes
	// minutes. A real line has a handful.
	MaxLinksPerLine = 1000
	// MaxTokens bounds the Markdown of one page counted in tokens: words,
	// punctuation marks and line breaks (spaces are free). goldmark makes
	// a tree node of nearly every one in the worst case (a line of "#", a
	// "[", an "*a") at up to 350 bytes of memory each, and highlighting
	// makes one of each in code: an 8 MB page of "[" took 1.5 GB. 50,000
	// tokens are about 180 KB of prose, eight times this README; the tree
	// of the worst page then stays near 12 MB.
	MaxTokens = 50_000
	// MaxFrontMatter bounds the TOML block of a page. Front matter is a
	// few hundred bytes; the decoder needs tens of bytes of memory per
	// value, so an 8 MB list of tags would take hundreds of megabytes.
	MaxFrontMatter = 64 << 10
	// MaxTermsPerPage bounds the values of one taxonomy field (tags,
	// muscles, equipment) on one page. Each distinct value is a page of
	// its own: 50,000 tags made 400 MB of output.
	MaxTermsPerPage = 100
	// MaxSegment is the longest URL segment (slug, alias segment, term)
	// in bytes: it becomes a folder name, and file systems refuse names
	// over 255 bytes.
	MaxSegment = 200
)

// ReadFile reads a content file, refusing files over MaxFileSize before
// reading a byte of them. The size is checked with Stat first so a 100 GB
// file costs nothing; the read is capped too, in case the file grows
// between Stat and read.
func ReadFile(fsys afero.Fs, name string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if info.Size() > MaxFileSize {
		return nil, errTooBig(info.Size())
	}
	// Read into a buffer of the file's size (plus one byte to see the end)
	// so a page costs one read, not a series of growing copies. The limit
	// still holds if the file grows while it is read.
	src := make([]byte, 0, info.Size()+1)
	for {
		n, err := f.Read(src[len(src):cap(src)])
		src = src[:len(src)+n]
		if len(src) > MaxFileSize {
			return nil, errTooBig(int64(len(src)))
		}
		if err == io.EOF {
			return src, nil
		}
		if err != nil {
			return nil, err
		}
		if len(src) == cap(src) {
			src = append(src, 0)[:len(src)]
		}
	}
}

func errTooBig(size int64) error {
	return fmt.Errorf("file is %s, over the limit of %s per file: split it, or move large data out of content/",
		megabytes(size), megabytes(MaxFileSize))
}

func megabytes(n int64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// checkBody refuses Markdown shapes that would stall the parser or
// exhaust memory: lists and quotes nested deeper than MaxNesting, lines
// with more than MaxLinksPerLine link openings, and more than MaxTokens
// tokens. bodyLine is the number of lines of the file before body, so
// errors carry lines of the whole file.
func checkBody(body []byte, bodyLine int) error {
	line, tokens := bodyLine, 0
	for len(body) > 0 {
		l, rest, _ := cutLine(body)
		body = rest
		line++
		if d := nestingDepth(l); d > MaxNesting {
			return &diag.Error{Line: line, Msg: fmt.Sprintf(
				"lists and quotes are nested %d levels deep here, over the limit of %d: flatten the structure", d, MaxNesting)}
		}
		if n := bytes.Count(l, []byte("](")); n > MaxLinksPerLine {
			return &diag.Error{Line: line, Msg: fmt.Sprintf(
				"%d links on one line, over the limit of %d: break the line up", n, MaxLinksPerLine)}
		}
		if tokens += lineTokens(l) + 1; tokens > MaxTokens {
			return &diag.Error{Line: line, Msg: fmt.Sprintf(
				"the page passes %d Markdown tokens (words, punctuation marks and line breaks) at this line, over the limit of %d a page: split it into several pages",
				MaxTokens, MaxTokens)}
		}
	}
	return nil
}

// nestingDepth estimates how many containers a line opens or continues:
// every '>' and list marker in its prefix, plus one per two columns of
// leading indentation (how nested list items are written). It may
// overcount a little, never undercount much, which is all a guard needs.
func nestingDepth(l []byte) int {
	indent, markers := 0, 0
	leading := true
	i := 0
	for i < len(l) {
		c := l[i]
		switch {
		case c == ' ' || c == '\t':
			if leading {
				indent += 1 + 3*boolInt(c == '\t')
			}
			i++
		case c == '>':
			markers++
			leading = false
			i++
		case (c == '-' || c == '*' || c == '+') && followedBySpace(l, i+1):
			markers++
			leading = false
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j < len(l) && (l[j] == '.' || l[j] == ')') && followedBySpace(l, j+1) {
				markers++
				leading = false
				i = j + 1
				continue
			}
			return markers + indent/2
		default:
			return markers + indent/2
		}
	}
	return markers + indent/2
}

func followedBySpace(l []byte, i int) bool {
	return i >= len(l) || l[i] == ' ' || l[i] == '\t' || l[i] == '\r'
}

// byteClass sorts bytes for lineTokens: word bytes (letters, digits and
// every byte of a non-ASCII character), spaces, and the rest (punctuation
// and control characters), each a token of its own.
var byteClass = func() (c [256]uint8) {
	for b := range 256 {
		switch {
		case b >= 'a' && b <= 'z', b >= 'A' && b <= 'Z', b >= '0' && b <= '9', b >= 0x80:
			c[b] = classWord
		case b == ' ', b == '\t', b == '\r':
			c[b] = classSpace
		default:
			c[b] = classMark
		}
	}
	return c
}()

const (
	classWord = iota
	classSpace
	classMark
)

// lineTokens counts the tokens of one line: each run of word bytes, and
// each punctuation mark.
func lineTokens(l []byte) int {
	n, inWord := 0, false
	for _, b := range l {
		switch byteClass[b] {
		case classWord:
			if !inWord {
				n++
				inWord = true
			}
		case classSpace:
			inWord = false
		default:
			n++
			inWord = false
		}
	}
	return n
}
