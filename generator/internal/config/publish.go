package config

// Publish switches the files a build writes for the static hosts that read
// them (Netlify, Cloudflare Pages). Both are on unless site.toml turns them
// off: other hosts serve them as two small unused files, while leaving
// them out on those hosts silently loses real redirects and calendar types.
type Publish struct {
	// Redirects writes _redirects: a permanent redirect from every alias
	// of a page to the page, besides the HTML alias pages.
	Redirects bool `toml:"redirects"`
	// Headers writes _headers: text/calendar for program calendars and a
	// cache time for theme files.
	Headers bool `toml:"headers"`
}
