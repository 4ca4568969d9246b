package content

import (
	"fmt"
	"slices"
	"strings"

	"github.com/stance-ssg/stance/generator/internal/slug"
)

// Taxonomy groups pages by one front matter list: tags, muscles, equipment.
type Taxonomy struct {
	Name  string // "tags"; also the URL folder
	Title string // "Tags"
	URL   string
	Terms []*Term // sorted by name

	termTitle string
}

// Term is one value of a taxonomy and the pages that carry it.
type Term struct {
	Name  string
	Slug  string
	URL   string
	Path  string // below the site root: "muscles/gluteus-medius/"
	Pages []*Page
}

// taxonomyKind is one of the site's taxonomies: the front matter list it
// groups pages by, and how its pages are titled. This list is the one
// place that knows them.
type taxonomyKind struct {
	name      string // the front matter key and the URL folder
	termTitle string // the title of a term's page, with %s for the term
	values    func(*FrontMatter) []string
}

var taxonomyKinds = []taxonomyKind{
	{"tags", "Tagged “%s”", func(fm *FrontMatter) []string { return fm.Tags }},
	{"muscles", "Exercises for the %s", func(fm *FrontMatter) []string { return fm.Muscles }},
	{"equipment", "Exercises with equipment: %s", func(fm *FrontMatter) []string { return fm.Equipment }},
}

var taxonomyNames = func() []string {
	names := make([]string, len(taxonomyKinds))
	for i, k := range taxonomyKinds {
		names[i] = k.name
	}
	return names
}()

func taxonomyField(fm *FrontMatter, name string) []string {
	for _, k := range taxonomyKinds {
		if k.name == name {
			return k.values(fm)
		}
	}
	return nil
}

// TermTitle is the title of a term's list page: "Exercises for the
// gluteus medius".
func (t *Taxonomy) TermTitle(term *Term) string { return fmt.Sprintf(t.termTitle, term.Name) }

func buildTaxonomies(pages []*Page, basePath string) []*Taxonomy {
	var out []*Taxonomy
	// A site names a few hundred terms on ten thousand pages: each name is
	// turned into a slug once.
	slugs := map[string]string{}
	slugOf := func(v string) string {
		seg, ok := slugs[v]
		if !ok {
			seg = slug.Make(v)
			slugs[v] = seg
		}
		return seg
	}
	// Terms list their pages by title: going through the pages in that
	// order once fills every term's list sorted.
	ordered := byTitle(pages)
	for _, kind := range taxonomyKinds {
		name := kind.name
		tax := &Taxonomy{Name: name, Title: humanize(name), URL: basePath + name + "/", termTitle: kind.termTitle}
		// A term is spelt as the first page in site order spells it.
		names := map[string]string{}
		for _, p := range pages {
			for _, v := range kind.values(&p.Front) {
				if seg := slugOf(v); seg != "" && names[seg] == "" && p.Kind == KindPage {
					names[seg] = v
				}
			}
		}
		bySlug := map[string]*Term{}
		for _, p := range ordered {
			for _, v := range kind.values(&p.Front) {
				seg := slugOf(v)
				if seg == "" {
					continue
				}
				t, ok := bySlug[seg]
				if !ok {
					t = &Term{Name: names[seg], Slug: seg, Path: name + "/" + seg + "/"}
					t.URL = basePath + t.Path
					bySlug[seg] = t
					tax.Terms = append(tax.Terms, t)
				}
				if len(t.Pages) == 0 || t.Pages[len(t.Pages)-1] != p {
					t.Pages = append(t.Pages, p)
				}
			}
		}
		slices.SortFunc(tax.Terms, func(a, b *Term) int { return strings.Compare(a.Slug, b.Slug) })
		if len(tax.Terms) > 0 {
			out = append(out, tax)
		}
	}
	return out
}

// byTitle returns the guides and exercises of pages sorted by title,
// pages of one title in the order they had.
func byTitle(pages []*Page) []*Page {
	type entry struct {
		p   *Page
		pos int
	}
	es := make([]entry, 0, len(pages))
	for i, p := range pages {
		if p.Kind == KindPage {
			es = append(es, entry{p, i})
		}
	}
	slices.SortFunc(es, func(a, b entry) int {
		if c := strings.Compare(a.p.Front.Title, b.p.Front.Title); c != 0 {
			return c
		}
		return a.pos - b.pos
	})
	out := make([]*Page, len(es))
	for i, e := range es {
		out[i] = e.p
	}
	return out
}
