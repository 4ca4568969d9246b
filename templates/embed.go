// Package templates is Stance's default theme. The files in this folder are
// both the repository's own templates and, embedded in the binary, the
// theme any site gets for the layouts its templates/ folder does not
// override.
package templates

import "embed"

// FS holds the theme: layouts (*.html) and assets (*.css, and the program
// builder's script, builder.js).
//
//go:embed *.html *.css *.js
var FS embed.FS
