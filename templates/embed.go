// Package templates is Stance's default theme. The files in this folder are
// both the repository's own templates and, embedded in the binary, the
// theme any site gets for the layouts its templates/ folder does not
// override.
package templates

import "embed"

// FS holds the theme: layouts (*.html) and assets (*.css, and the *.js of
// the search page, the exercise library's filters and the program builder).
//
//go:embed *.html *.css *.js
var FS embed.FS
