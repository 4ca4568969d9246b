// Package qrsvg draws a QR code as a small inline SVG: one path of dark
// modules on a white square with the standard four-module quiet zone, so
// it prints crisply at any size and needs no image file.
package qrsvg

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"

	qrcode "github.com/skip2/go-qrcode"
)

// Quiet is the margin around the symbol, in modules (ISO/IEC 18004).
const Quiet = 4

// Encode returns the dark modules of text's QR code, row by row, without
// the quiet zone. Error correction is level M (about 15 % of the symbol
// may be lost), enough for a code printed on a sheet that gets creased.
func Encode(text string) ([][]bool, error) {
	q, err := qrcode.New(text, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("QR code of %q: %w", text, err)
	}
	q.DisableBorder = true
	return q.Bitmap(), nil
}

// SVG returns text's QR code as an <svg> element with the accessible name
// label. Each horizontal run of dark modules is one subpath, so a URL of a
// site's page takes about 4 KB. The output depends on text and label only.
func SVG(text, label string) (template.HTML, error) {
	bits, err := Encode(text)
	if err != nil {
		return "", err
	}
	n := len(bits)
	size := strconv.Itoa(n + 2*Quiet)
	var b strings.Builder
	b.WriteString(`<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ` + size + ` ` + size +
		`" role="img" aria-label="` + template.HTMLEscapeString(label) + `" shape-rendering="crispEdges">`)
	b.WriteString(`<rect width="` + size + `" height="` + size + `" fill="#fff"/><path fill="#000" d="`)
	for y, row := range bits {
		for x := 0; x < n; {
			if !row[x] {
				x++
				continue
			}
			run := 1
			for x+run < n && row[x+run] {
				run++
			}
			fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", x+Quiet, y+Quiet, run, run)
			x += run
		}
	}
	b.WriteString(`"/></svg>`)
	return template.HTML(b.String()), nil
}
