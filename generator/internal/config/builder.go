package config

// Builder switches the program builder page (/programs/build/): a form
// that plans a runner's program in the reader's browser, with the site's
// exercise pages. On unless site.toml turns it off; a site without
// exercise pages has nothing to plan with and never gets one.
type Builder struct {
	Enabled bool `toml:"enabled"`
}
