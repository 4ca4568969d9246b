// Package sitetest generates large sites for tests and benchmarks of the
// live server and incremental rebuilds.
package sitetest

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/spf13/afero"
)

// Sections is how many top-level sections a generated site spreads its
// pages over.
const Sections = 10

// Generate writes a site of n simple guide pages below dir: site.toml,
// a home page, Sections sections and n pages with front matter, tags and
// two paragraphs. It returns the path of the first page, a convenient
// one to edit.
func Generate(fsys afero.Fs, dir string, n int) (string, error) {
	write := func(rel, text string) error {
		return afero.WriteFile(fsys, filepath.Join(dir, filepath.FromSlash(rel)), []byte(text), 0o644)
	}
	if err := write("site.toml", "title = \"Generated\"\nbase_url = \"https://example.org/\"\n"); err != nil {
		return "", err
	}
	if err := write("content/_index.md", "+++\ntitle = \"Generated\"\n+++\nA generated site.\n"); err != nil {
		return "", err
	}
	for s := 0; s < Sections; s++ {
		front := fmt.Sprintf("+++\ntitle = \"Section %d\"\nweight = %d\n+++\nPages of section %d.\n", s, s+1, s)
		if err := write(fmt.Sprintf("content/s%02d/_index.md", s), front); err != nil {
			return "", err
		}
	}
	for i := 0; i < n; i++ {
		if err := write(PagePath(i), Page(i, "")); err != nil {
			return "", err
		}
	}
	return filepath.Join(dir, filepath.FromSlash(PagePath(0))), nil
}

// PagePath is the file of page i, below the site folder.
func PagePath(i int) string { return fmt.Sprintf("content/s%02d/page-%05d.md", i%Sections, i) }

// Page is the source of page i; extra is appended to its body, so an edit
// that changes only extra changes only the body.
func Page(i int, extra string) string {
	date := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i%365)
	return fmt.Sprintf(`+++
title = "Page %[1]d"
description = "Generated page number %[1]d."
date = %[2]s
tags = ["tag-%[3]d", "common"]
+++
## Section heading

Paragraph one of page %[1]d, with *emphasis* and a [link](https://example.org/).
Strength work twice a week keeps knees happy.

Paragraph two: squats, lunges and step-downs, done slowly and with control.
%[4]s
`, i, date.Format("2006-01-02"), i%20, extra)
}
