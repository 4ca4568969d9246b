package corpusgen

// The two template sets render the same minimal markup: a nav of the
// sections, the page body with its tags (and an exercise's muscles,
// equipment and level), section lists with their subsections, taxonomy
// and term pages. Both tools resolve the corpus's relative links and
// images to page URLs and fail the build on a broken one (Stance always,
// Hugo through the render hooks below), and both highlight code with CSS
// classes. Both then do the same work per page, so the comparison
// measures the generators, not the themes.

// stanceConfig turns off what Hugo does not make: the host files
// (_redirects, _headers) and the program builder.
const stanceConfig = `title = "Stronger running club"
base_url = "https://example.org/"
language = "en"

[publish]
redirects = false
headers = false

# Hugo has no program builder: compiling its WebAssembly module is work
# only Stance does, so the comparison leaves it out (the README gives its
# cost on its own).
[builder]
enabled = false
`

// hugoConfig declares Stance's three taxonomies and turns off what Stance
// does not produce (per-list RSS feeds, robots.txt).
const hugoConfig = `baseURL = "https://example.org/"
title = "Stronger running club"
languageCode = "en"
disableKinds = ["robotsTXT"]

[taxonomies]
tag = "tags"
muscle = "muscles"
equipment = "equipment"

[outputs]
home = ["HTML", "RSS"]
section = ["HTML"]
taxonomy = ["HTML"]
term = ["HTML"]

[markup.highlight]
noClasses = false
`

const stanceList = `{{template "base" .}}{{define "main"}}<h1>{{.Page.Title}}</h1>
{{.Page.Content}}
<ul>{{range .Section.Sections}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ul>
<ul>{{range .Section.Pages}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ul>
{{end}}`

var stanceTemplates = map[string]string{
	"base.html": `{{define "base"}}<!doctype html>
<html lang="{{.Site.Language}}">
<head><meta charset="utf-8"><title>{{.Page.Title}} | {{.Site.Title}}</title><link rel="stylesheet" href="{{asset "syntax.css"}}"></head>
<body>
<nav><ul>{{range .Site.Nav}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ul></nav>
<main>{{template "main" .}}</main>
</body>
</html>
{{end}}`,
	// Empty partials replace the default theme's, which the minimal
	// layouts do not use.
	"_partials.html": ``,
	"_bodymap.html":  ``,
	"home.html": `{{template "base" .}}{{define "main"}}<h1>{{.Page.Title}}</h1>
{{.Page.Content}}
<ul>{{range .Site.Nav}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ul>
{{end}}`,
	"section.html":   stanceList,
	"exercises.html": stanceList,
	"page.html": `{{template "base" .}}{{define "main"}}<article>
<h1>{{.Page.Title}}</h1>
<p><time>{{isoDate .Page.Front.Date}}</time>{{range .Page.Front.Tags}} <a href="{{termURL "tags" .}}">{{.}}</a>{{end}}</p>
{{.Page.Content}}
</article>
{{end}}`,
	"exercise.html": `{{template "base" .}}{{define "main"}}<article>
<h1>{{.Page.Title}}</h1>
<p><time>{{isoDate .Page.Front.Date}}</time>{{range .Page.Front.Tags}} <a href="{{termURL "tags" .}}">{{.}}</a>{{end}}</p>
<dl><dt>Level</dt><dd>{{.Page.Front.Level}}</dd>
<dt>Muscles</dt><dd>{{range .Page.Front.Muscles}} <a href="{{termURL "muscles" .}}">{{.}}</a>{{end}}</dd>
<dt>Equipment</dt><dd>{{range .Page.Front.Equipment}} <a href="{{termURL "equipment" .}}">{{.}}</a>{{end}}</dd></dl>
{{.Page.Content}}
</article>
{{end}}`,
	"taxonomy.html": `{{template "base" .}}{{define "main"}}<h1>{{.Page.Title}}</h1>
<ul>{{range .Taxonomy.Terms}}<li><a href="{{.URL}}">{{.Name}}</a> ({{len .Pages}})</li>{{end}}</ul>
{{end}}`,
	"term.html": `{{template "base" .}}{{define "main"}}<h1>{{.Page.Title}}</h1>
<ul>{{range .Term.Pages}}<li><a href="{{.URL}}">{{.Title}}</a></li>{{end}}</ul>
{{end}}`,
	"404.html": `{{template "base" .}}{{define "main"}}<h1>Page not found</h1>{{end}}`,
}

var hugoLayouts = map[string]string{
	"_default/baseof.html": `<!doctype html>
<html lang="{{.Site.LanguageCode}}">
<head><meta charset="utf-8"><title>{{.Title}} | {{.Site.Title}}</title><link rel="stylesheet" href="{{"syntax.css" | relURL}}"></head>
<body>
<nav><ul>{{range .Site.Sections}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ul></nav>
<main>{{block "main" .}}{{end}}</main>
</body>
</html>
`,
	"index.html": `{{define "main"}}<h1>{{.Title}}</h1>
{{.Content}}
<ul>{{range .Site.Sections}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ul>
{{end}}`,
	"_default/list.html": `{{define "main"}}<h1>{{.Title}}</h1>
{{.Content}}
<ul>{{range .Sections}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ul>
<ul>{{range .RegularPages}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ul>
{{end}}`,
	"_default/single.html": `{{define "main"}}<article>
<h1>{{.Title}}</h1>
<p><time>{{.Date.Format "2006-01-02"}}</time>{{range .Params.tags}} <a href="{{printf "tags/%s/" (urlize .) | relURL}}">{{.}}</a>{{end}}</p>
{{.Content}}
</article>
{{end}}`,
	"exercises/single.html": `{{define "main"}}<article>
<h1>{{.Title}}</h1>
<p><time>{{.Date.Format "2006-01-02"}}</time>{{range .Params.tags}} <a href="{{printf "tags/%s/" (urlize .) | relURL}}">{{.}}</a>{{end}}</p>
<dl><dt>Level</dt><dd>{{.Params.level}}</dd>
<dt>Muscles</dt><dd>{{range .Params.muscles}} <a href="{{printf "muscles/%s/" (urlize .) | relURL}}">{{.}}</a>{{end}}</dd>
<dt>Equipment</dt><dd>{{range .Params.equipment}} <a href="{{printf "equipment/%s/" (urlize .) | relURL}}">{{.}}</a>{{end}}</dd></dl>
{{.Content}}
</article>
{{end}}`,
	"_default/taxonomy.html": `{{define "main"}}<h1>{{.Title}}</h1>
<ul>{{range .Data.Terms.Alphabetical}}<li><a href="{{.Page.RelPermalink}}">{{.Page.Title}}</a> ({{.Count}})</li>{{end}}</ul>
{{end}}`,
	"_default/term.html": `{{define "main"}}<h1>{{.Title}}</h1>
<ul>{{range .Pages}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ul>
{{end}}`,
	"404.html": `{{define "main"}}<h1>Page not found</h1>{{end}}`,
	// Stance resolves a relative link to a page's file into the page's
	// URL and fails the build on a broken one; these hooks do the same in
	// Hugo: links through GetPage, images through the resources of the
	// page bundle they are in.
	"_default/_markup/render-link.html": `{{- $u := urls.Parse .Destination -}}
{{- $href := .Destination -}}
{{- if not (or $u.IsAbs (hasPrefix .Destination "/") (hasPrefix .Destination "#")) -}}
{{- with .Page.GetPage $u.Path -}}{{- $href = .RelPermalink -}}{{- else -}}{{- errorf "%s: broken link %q" $.Page.File.Path $.Destination -}}{{- end -}}
{{- with $u.Fragment -}}{{- $href = printf "%s#%s" $href . -}}{{- end -}}
{{- end -}}
<a href="{{$href}}"{{with .Title}} title="{{.}}"{{end}}>{{.Text | safeHTML}}</a>
{{- /**/ -}}`,
	"_default/_markup/render-image.html": `{{- $src := .Destination -}}
{{- if not (or (strings.Contains .Destination "://") (hasPrefix .Destination "/")) -}}
{{- $owner := .Page -}}
{{- if strings.Contains .Destination "/" -}}{{- $owner = .Page.GetPage (path.Dir .Destination) -}}{{- end -}}
{{- with and $owner ($owner.Resources.GetMatch (path.Base .Destination)) -}}{{- $src = .RelPermalink -}}{{- else -}}{{- errorf "%s: broken image %q" $.Page.File.Path $.Destination -}}{{- end -}}
{{- end -}}
<img src="{{$src}}" alt="{{.Text}}"{{with .Title}} title="{{.}}"{{end}}>
{{- /**/ -}}`,
}
