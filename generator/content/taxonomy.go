package content

import (
	"sort"
	"strings"
	"unicode"
)

// Taxonomy groups pages by one front matter list: tags, muscles, equipment.
type Taxonomy struct {
	Name  string // "tags"; also the URL folder
	Title string // "Tags"
	URL   string
	Terms []*Term // sorted by name
}

// Term is one value of a taxonomy and the pages that carry it.
type Term struct {
	Name  string
	Slug  string
	URL   string
	Path  string // below the site root: "muscles/gluteus-medius/"
	Pages []*Page
}

var taxonomyNames = []string{"tags", "muscles", "equipment"}

func taxonomyValues(p *Page, name string) []string { return taxonomyField(&p.Front, name) }

func taxonomyField(fm *FrontMatter, name string) []string {
	switch name {
	case "tags":
		return fm.Tags
	case "muscles":
		return fm.Muscles
	default:
		return fm.Equipment
	}
}

func buildTaxonomies(pages []*Page, basePath string) []*Taxonomy {
	var out []*Taxonomy
	for _, name := range taxonomyNames {
		tax := &Taxonomy{Name: name, Title: humanize(name), URL: basePath + name + "/"}
		bySlug := map[string]*Term{}
		for _, p := range pages {
			if p.Kind != KindPage {
				continue
			}
			for _, v := range taxonomyValues(p, name) {
				slug := Slugify(v)
				if slug == "" {
					continue
				}
				t, ok := bySlug[slug]
				if !ok {
					t = &Term{Name: v, Slug: slug, Path: name + "/" + slug + "/"}
					t.URL = basePath + t.Path
					bySlug[slug] = t
					tax.Terms = append(tax.Terms, t)
				}
				if len(t.Pages) == 0 || t.Pages[len(t.Pages)-1] != p {
					t.Pages = append(t.Pages, p)
				}
			}
		}
		sort.Slice(tax.Terms, func(i, j int) bool { return tax.Terms[i].Slug < tax.Terms[j].Slug })
		for _, t := range tax.Terms {
			sort.SliceStable(t.Pages, func(i, j int) bool { return t.Pages[i].Front.Title < t.Pages[j].Front.Title })
		}
		if len(tax.Terms) > 0 {
			out = append(out, tax)
		}
	}
	return out
}

// Slugify turns a term into a URL segment: "Gluteus medius" ->
// "gluteus-medius". Letters outside ASCII are kept.
func Slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
			continue
		}
		dash = true
	}
	return b.String()
}
