package site

import (
	"bytes"
	"encoding/xml"
	"slices"
	"strings"
	"time"

	"github.com/stance-ssg/stance/generator/internal/content"
	"github.com/stance-ssg/stance/generator/internal/output"
)

type sitemapURL struct {
	loc, lastMod string
}

// sitemapDate is how the sitemap writes a page's date (lastmod): the day,
// in the zone the page's date was written in.
const sitemapDate = "2006-01-02"

// writeSitemap lists every public page: guides, lists and taxonomy pages.
// Programs, aliases and the 404 page are left out. It is written by hand,
// not with encoding/xml: one element shape repeated for every page of a
// large site, which serve writes again after every edit that moves a page.
func (b *builder) writeSitemap(dest *output.Dest) error {
	urls := make([]sitemapURL, 0, len(b.site.Pages))
	for _, p := range b.site.Pages {
		u := sitemapURL{loc: p.Permalink}
		if p.Dated() {
			u.lastMod = p.Front.Date.Format(sitemapDate)
		}
		urls = append(urls, u)
	}
	for _, tax := range b.site.Taxonomies {
		urls = append(urls, sitemapURL{loc: b.cfg.BaseURL + tax.Name + "/"})
		for _, t := range tax.Terms {
			urls = append(urls, sitemapURL{loc: b.cfg.BaseURL + t.Path})
		}
	}
	if b.builderReady() != nil {
		urls = append(urls, sitemapURL{loc: b.cfg.BaseURL + builderPath})
	}
	slices.SortFunc(urls, func(a, b sitemapURL) int { return strings.Compare(a.loc, b.loc) })
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	buf.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range urls {
		buf.WriteString("  <url>\n    <loc>")
		xml.EscapeText(&buf, []byte(u.loc))
		buf.WriteString("</loc>\n")
		if u.lastMod != "" {
			buf.WriteString("    <lastmod>" + u.lastMod + "</lastmod>\n")
		}
		buf.WriteString("  </url>\n")
	}
	buf.WriteString("</urlset>\n")
	return dest.WriteFile("sitemap.xml", buf.Bytes())
}

// FeedEntries is how many of the newest dated pages the Atom feed lists:
// what a reader catches up on, without every poll fetching the archive.
const FeedEntries = 50

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomEntry struct {
	Title   string   `xml:"title"`
	ID      string   `xml:"id"`
	Link    atomLink `xml:"link"`
	Updated string   `xml:"updated"`
	Summary string   `xml:"summary,omitempty"`
}

type atomFeed struct {
	XMLName xml.Name    `xml:"feed"`
	XMLNS   string      `xml:"xmlns,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Links   []atomLink  `xml:"link"`
	Updated string      `xml:"updated"`
	Author  *atomAuthor `xml:"author,omitempty"`
	Entries []atomEntry `xml:"entry"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

// writeFeed writes an Atom feed of the dated guides, newest first. Its
// updated time is the newest page's date, never the build time, so two
// builds are identical.
func (b *builder) writeFeed(dest *output.Dest) error {
	var dated []*content.Page
	for _, p := range b.site.Pages {
		if p.Kind == content.KindPage && p.Dated() {
			dated = append(dated, p)
		}
	}
	slices.SortStableFunc(dated, func(a, b *content.Page) int {
		if c := b.Front.Date.Compare(a.Front.Date); c != 0 {
			return c // newest first
		}
		return strings.Compare(a.Path, b.Path)
	})
	dated = dated[:min(len(dated), FeedEntries)]
	feed := atomFeed{
		XMLNS: "http://www.w3.org/2005/Atom",
		Title: b.cfg.Title,
		ID:    b.cfg.BaseURL,
		Links: []atomLink{
			{Href: b.cfg.BaseURL + "feed.xml", Rel: "self", Type: "application/atom+xml"},
			{Href: b.cfg.BaseURL, Rel: "alternate", Type: "text/html"},
		},
		Updated: atomTime(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)),
	}
	if b.cfg.Author != "" {
		feed.Author = &atomAuthor{Name: b.cfg.Author}
	} else {
		feed.Author = &atomAuthor{Name: b.cfg.Title}
	}
	if len(dated) > 0 {
		feed.Updated = atomTime(dated[0].Front.Date)
	}
	for _, p := range dated {
		feed.Entries = append(feed.Entries, atomEntry{
			Title: p.Front.Title, ID: p.Permalink, Link: atomLink{Href: p.Permalink},
			Updated: atomTime(p.Front.Date), Summary: p.Front.Description,
		})
	}
	return writeXML(dest, "feed.xml", feed)
}

// atomTime formats a front matter date as RFC 3339. A date written with
// an offset keeps it; one without (content reads those as UTC, whatever
// the build machine's zone) is in UTC, and a date alone is midnight.
func atomTime(t time.Time) string {
	return t.Format(time.RFC3339)
}

func writeXML(dest *output.Dest, rel string, v any) error {
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	enc := xml.NewEncoder(&buf)
	enc.Indent("", "  ")
	if err := enc.Encode(v); err != nil {
		return err
	}
	buf.WriteByte('\n')
	return dest.WriteFile(rel, buf.Bytes())
}

func (b *builder) writeRobots(dest *output.Dest) error {
	var s strings.Builder
	s.WriteString("User-agent: *\nAllow: /\n\nSitemap: ")
	s.WriteString(b.cfg.BaseURL + "sitemap.xml\n")
	return dest.WriteFile("robots.txt", []byte(s.String()))
}
