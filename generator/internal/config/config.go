// Package config loads site.toml, the site-wide settings of a Stance site.
package config

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/spf13/afero"

	"github.com/stance-ssg/stance/generator/diag"
	"github.com/stance-ssg/stance/generator/internal/tomlx"
)

// Config is the decoded site.toml.
type Config struct {
	Title       string `toml:"title"`
	Description string `toml:"description"`
	// BaseURL is the absolute URL the site is published under, ending in
	// "/". It may carry a path (GitHub Pages project sites).
	BaseURL  string   `toml:"base_url"`
	Language string   `toml:"language"`
	Author   string   `toml:"author"`
	Markdown Markdown `toml:"markdown"`
	// Highlight names the chroma styles used for code, one per colour
	// scheme.
	Highlight Highlight `toml:"highlight"`
	// Publish switches the files written for static hosts.
	Publish Publish `toml:"publish"`
	// Builder switches the program builder page.
	Builder Builder `toml:"builder"`
}

// Markdown holds the Markdown switches.
type Markdown struct {
	// Unsafe lets raw HTML in Markdown through to the page. Off by default:
	// guides are text, and raw HTML is the usual way script gets in.
	Unsafe bool `toml:"unsafe"`
}

// Highlight names chroma styles for the light and dark colour schemes.
type Highlight struct {
	Light string `toml:"light"`
	Dark  string `toml:"dark"`
}

// Default returns the settings used for keys site.toml leaves out.
func Default() *Config {
	return &Config{
		Title:     "Stance site",
		BaseURL:   "http://localhost/",
		Language:  "en",
		Highlight: Highlight{Light: "github", Dark: "github-dark"},
		Publish:   Publish{Redirects: true, Headers: true},
		Builder:   Builder{Enabled: true},
	}
}

// Load reads and checks the site.toml at path. A missing file is an error:
// the file is what marks a folder as a site.
//
// A symbolic link is refused, as everywhere in a site: it could point
// outside it. So is a file over MaxSize, before it is read.
func Load(fs afero.Fs, path string) (*Config, error) {
	info, err := lstat(fs, path)
	if err != nil {
		return nil, diag.InFile(path, err)
	}
	switch {
	case info.Mode()&os.ModeSymlink != 0:
		return nil, diag.Errorf(path, 0, "symbolic links are not followed: they can point outside the site; copy the file instead")
	case info.Size() > MaxSize:
		return nil, diag.Errorf(path, 0, "file is %d bytes, over the limit of %d: site settings take a few hundred", info.Size(), MaxSize)
	}
	src, err := afero.ReadFile(fs, path)
	if err != nil {
		return nil, diag.InFile(path, err)
	}
	return Parse(path, src)
}

// MaxSize is the largest site.toml Stance reads.
const MaxSize = 1 << 20

// lstat describes name itself, not what a symbolic link points to, on file
// systems that have links.
func lstat(fsys afero.Fs, name string) (os.FileInfo, error) {
	if l, ok := fsys.(afero.Lstater); ok {
		info, _, err := l.LstatIfPossible(name)
		return info, err
	}
	return fsys.Stat(name)
}

// Parse decodes and checks site.toml source; filename is used in errors.
func Parse(filename string, src []byte) (*Config, error) {
	c := Default()
	if _, err := tomlx.Decode(string(src), c); err != nil {
		return nil, diag.InFile(filename, err)
	}
	if err := c.check(string(src)); err != nil {
		return nil, diag.InFile(filename, err)
	}
	c.BaseURL = withTrailingSlash(c.BaseURL)
	return c, nil
}

func (c *Config) check(src string) error {
	var es diag.List
	if strings.TrimSpace(c.Title) == "" {
		es = append(es, &diag.Error{Line: tomlx.KeyLine(src, []string{"title"}), Key: "title", Msg: "must not be empty"})
	}
	u, err := url.Parse(c.BaseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		es = append(es, &diag.Error{Line: tomlx.KeyLine(src, []string{"base_url"}), Key: "base_url",
			Msg: fmt.Sprintf("must be an absolute http(s) URL such as https://example.org/ or https://user.github.io/project/, got %q", c.BaseURL)})
	}
	if len(es) > 0 {
		return es
	}
	return nil
}

// SetBaseURL overrides base_url (the --base-url flag), with the same checks.
func (c *Config) SetBaseURL(raw string) error {
	old := c.BaseURL
	c.BaseURL = raw
	if err := c.check(""); err != nil {
		c.BaseURL = old
		var es diag.List
		if errors.As(err, &es) {
			return fmt.Errorf("--base-url: %s", es[0].Msg)
		}
		return err
	}
	c.BaseURL = withTrailingSlash(raw)
	return nil
}

// BasePath is the path part of BaseURL, "/" or "/project/".
func (c *Config) BasePath() string {
	u, err := url.Parse(c.BaseURL)
	if err != nil || u.Path == "" {
		return "/"
	}
	return withTrailingSlash(u.Path)
}

func withTrailingSlash(s string) string {
	if strings.HasSuffix(s, "/") {
		return s
	}
	return s + "/"
}
