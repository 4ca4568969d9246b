package markdown

import (
	"errors"
	"fmt"
	"io"

	"github.com/stance-ssg/stance/generator/diag"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Limits on what one page's Markdown may turn into. The content package
// bounds the input (size, nesting, tokens); these bound the output,
// whatever construct multiplies it: exercise cards (a three-line fence
// becomes a card of another page's cues), footnote references, highlighted
// code, tables.
const (
	// HTMLFactor and HTMLBase bound the HTML of one page's Markdown to
	// HTMLFactor times its size plus HTMLBase. Guides come out at two to
	// four times their Markdown, dense highlighted code at up to twenty.
	// HTMLMax caps it for the largest pages, so a worker's buffers stay
	// small whatever the page.
	HTMLFactor = 32
	HTMLBase   = 1 << 20
	HTMLMax    = 16 << 20
	// MaxPaddedCells bounds the empty cells goldmark adds to table rows
	// shorter than their header, per page. Every row gets as many cells
	// as the header has columns, so 14 KB of Markdown (a header of 2,000
	// columns over 3,000 one-word rows) made 6 million cells: 40 MB of
	// HTML and a gigabyte of memory. 50,000 cells take about 8 MB.
	MaxPaddedCells = 50_000
)

// HTMLLimit is the most HTML a page of n bytes of Markdown may render to.
func HTMLLimit(n int) int64 { return min(HTMLFactor*int64(n)+HTMLBase, HTMLMax) }

var errHTMLTooLarge = errors.New("rendered HTML is over the limit")

// limitWriter passes at most left bytes to w, then fails every write. The
// renderer's buffered writer keeps the first error and drops the rest of
// the output, so a page never holds more than its limit in memory.
type limitWriter struct {
	w        io.Writer
	left     int64
	exceeded bool
}

func (l *limitWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > l.left {
		l.exceeded = true
		l.left = 0
		return 0, errHTMLTooLarge
	}
	l.left -= int64(len(p))
	return l.w.Write(p)
}

func tooLarge(env Env, n int) error {
	return diag.Errorf(env.File, 0, "rendered HTML exceeds %s (%d times the page's %s of Markdown plus %s, at most %s): exercise cards, footnotes, tables or code multiply it this much; split the page",
		size(HTMLLimit(n)), HTMLFactor, size(int64(n)), size(HTMLBase), size(HTMLMax))
}

func size(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// guardedTable is goldmark's GFM table extension with tableGuard in front
// of its paragraph transformer.
type guardedTable struct{}

func (guardedTable) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithParagraphTransformers(util.Prioritized(tableGuard{extension.NewTableParagraphTransformer()}, 200)),
		parser.WithASTTransformers(util.Prioritized(extension.NewTableASTTransformer(), 0)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewTableHTMLRenderer(), 500)))
}

// tableGuard counts the cells goldmark would add to a table's short rows
// before it builds a single one, and leaves the paragraph a paragraph,
// with an error, once a page's tables would need more than
// MaxPaddedCells of them.
type tableGuard struct{ tables parser.ParagraphTransformer }

func (g tableGuard) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	padded, cols, at := paddedCells(node.Lines(), reader.Source())
	st, _ := pc.Get(envKey).(*state)
	if st == nil {
		// Not through Convert: no page to count for, so one table at a time.
		st = &state{src: reader.Source()}
	}
	if st.padded+padded > MaxPaddedCells {
		if !st.tablesRefused {
			st.tablesRefused = true
			st.failAt(at, fmt.Errorf("table: goldmark would fill in %d empty cells to make this page's table rows as wide as their headers (this one has %d columns), over the limit of %d a page: give the rows their cells, or split the table",
				st.padded+padded, cols, MaxPaddedCells))
		}
		return
	}
	st.padded += padded
	g.tables.Transform(node, reader, pc)
}

// paddedCells mirrors how goldmark turns a paragraph into a table (the
// first line that parses as a delimiter row, the line before it a header
// with no more cells than that, every later line a row) and returns the
// empty cells it would add, the number of columns and where the header
// starts.
func paddedCells(lines *text.Segments, src []byte) (padded, cols, at int) {
	for i := 1; i < lines.Len(); i++ {
		delim := lines.At(i)
		cols = delimiterColumns(delim.Value(src))
		if cols == 0 {
			continue
		}
		header := lines.At(i - 1)
		headerCells := cellCount(header.Value(src))
		if headerCells > cols {
			return 0, 0, 0 // goldmark makes no table of it
		}
		padded = cols - headerCells // a short header is filled up too
		for j := i + 1; j < lines.Len(); j++ {
			row := lines.At(j)
			padded += cols - min(cellCount(row.Value(src)), cols)
		}
		return padded, cols, header.Start
	}
	return 0, 0, 0
}

// delimiterColumns is the number of columns of a GFM delimiter row
// ("| --- | :-: |"), or 0 if line is not one.
func delimiterColumns(line []byte) int {
	if w, _ := util.IndentWidth(line, 0); w > 3 {
		return 0
	}
	dashOnly := true
	for _, c := range line {
		if c != '-' {
			dashOnly = false
		}
		if !util.IsSpace(c) && c != '-' && c != '|' && c != ':' {
			return 0
		}
	}
	if dashOnly {
		return 0
	}
	cols := splitCells(util.TrimRightSpace(util.TrimLeftSpace(line)))
	for _, col := range cols {
		col = util.TrimRightSpace(util.TrimLeftSpace(col))
		col = trimByte(trimByte(col, true), false)
		if len(col) == 0 {
			return 0
		}
		for _, c := range col {
			if c != '-' {
				return 0
			}
		}
	}
	return len(cols)
}

// trimByte drops one ':' (an alignment mark) from the start or the end.
func trimByte(b []byte, start bool) []byte {
	switch {
	case start && len(b) > 0 && b[0] == ':':
		return b[1:]
	case !start && len(b) > 0 && b[len(b)-1] == ':':
		return b[:len(b)-1]
	}
	return b
}

// splitCells splits a trimmed delimiter row at its pipes, without the
// empty cells outside a leading and a trailing pipe.
func splitCells(line []byte) [][]byte {
	var cols [][]byte
	start := 0
	for i := 0; i <= len(line); i++ {
		if i == len(line) || line[i] == '|' {
			cols = append(cols, line[start:i])
			start = i + 1
		}
	}
	if len(cols) > 0 && util.IsBlank(cols[0]) {
		cols = cols[1:]
	}
	if len(cols) > 0 && util.IsBlank(cols[len(cols)-1]) {
		cols = cols[:len(cols)-1]
	}
	return cols
}

// cellCount is the number of cells goldmark reads from a table row: the
// text between unescaped pipes, without a leading and a trailing one.
func cellCount(line []byte) int {
	line = util.TrimRightSpace(util.TrimLeftSpace(line))
	pos, limit := 0, len(line)
	if limit > 0 && line[0] == '|' {
		pos++
	}
	if limit > 0 && line[limit-1] == '|' {
		limit--
	}
	n := 0
	for pos < limit {
		n++
		closure := pos
		for ; closure < limit; closure++ {
			if line[closure] == '|' && (closure == 0 || line[closure-1] != '\\') {
				break
			}
		}
		pos = closure + 1
	}
	return n
}
